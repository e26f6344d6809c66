/* tests/unit/api_harness.c: see api_harness.h. */
#include "api_harness.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../api/api.h"

void
api_test_env(void)
{
	static const char *const vars[] = { "http_proxy", "HTTP_PROXY",
		"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
		"no_proxy", "NO_PROXY" };
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	signal(SIGPIPE, SIG_IGN);
}

void
pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

static const char *
warden_bin(void)
{
	const char *b = getenv("WARDEN_BIN");

	return b && *b ? b : "build/asan/warden";
}

/* Can the warden binary be run?  If not (a test binary run by hand,
 * without WARDEN_BIN, in a tree built elsewhere), the server runs in a
 * child of the test itself, through the same serve_main(). */
static bool
binary_serves(void)
{
	static int known = -1;
	char cmd[600], line[200];
	FILE *p;

	if (known >= 0)
		return known;
	known = 0;
	if (access(warden_bin(), X_OK) != 0)
		return false;
	snprintf(cmd, sizeof cmd, "'%s' serve --help 2>&1", warden_bin());
	p = popen(cmd, "r");
	if (p == NULL)
		return false;
	while (fgets(line, sizeof line, p))
		if (strstr(line, "usage: warden serve"))
			known = 1;
	pclose(p);
	return known;
}

char *
served_log(const struct served *sv)
{
	FILE *f = fopen(sv->log, "r");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return xstrdup("");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

char *
served_log_with(const struct served *sv, const char *words)
{
	char *log = served_log(sv);
	int i;

	for (i = 0; i < 3000 && strstr(log, words) == NULL; i++) {
		free(log);
		pause_ms(10);
		log = served_log(sv);
	}
	return log;
}

void
served_start(struct served *sv, const char *db, ...)
{
	char *argv[32];
	const char *a;
	va_list ap;
	int argc = 0, i, fd, status;
	bool exec_mode;

	memset(sv, 0, sizeof *sv);
	snprintf(sv->log, sizeof sv->log, "%s.serve.log", db);
	argv[argc++] = (char *)"serve";
	argv[argc++] = (char *)"-d";
	argv[argc++] = (char *)db;
	argv[argc++] = (char *)"--listen";
	argv[argc++] = (char *)"127.0.0.1:0";
	va_start(ap, db);
	while ((a = va_arg(ap, const char *)) != NULL && argc < 30)
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	exec_mode = binary_serves();	/* asked here, not in the child */
	unlink(sv->log);	/* an old log must not say "listening" */
	fflush(stdout);
	fflush(stderr);
	sv->pid = fork();
	assert_true(sv->pid >= 0);
	if (sv->pid == 0) {
		char now[32];

		fd = open(sv->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			dup2(fd, 2);
			close(fd);
		}
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			close(fd);
		}
		snprintf(now, sizeof now, "%lld", (long long)FX_NOW);
		setenv("WARDEN_NOW", now, 1);
		if (exec_mode) {
			char *full[34];

			full[0] = (char *)warden_bin();
			for (i = 0; i <= argc; i++)
				full[i + 1] = argv[i];
			execv(full[0], full);
			fprintf(stderr, "exec %s: %s\n", full[0],
			    strerror(errno));
			_exit(127);
		}
		exit(serve_main(argc, argv));
	}
	/* ASan on a busy machine makes start-up slow: up to 60 s */
	for (i = 0; i < 6000; i++) {
		char *log = served_log(sv);
		char *at = strstr(log, "listening on 127.0.0.1:");

		if (at) {
			sv->port = atoi(at + strlen("listening on 127.0.0.1:"));
			free(log);
			break;
		}
		if (waitpid(sv->pid, &status, WNOHANG) == sv->pid) {
			sv->pid = 0;
			fail_msg("warden serve exited at start:\n%s", log);
		}
		free(log);
		pause_ms(10);
	}
	if (sv->port <= 0)
		fail_msg("warden serve did not say where it listens");
	snprintf(sv->url, sizeof sv->url, "http://127.0.0.1:%d", sv->port);
}

int
served_stop(struct served *sv)
{
	int status = 0, i;

	if (sv->pid <= 0)
		return -1;
	kill(sv->pid, SIGTERM);
	for (i = 0; i < 3000; i++) {
		if (waitpid(sv->pid, &status, WNOHANG) == sv->pid)
			break;
		pause_ms(10);
	}
	if (i == 3000) {
		kill(sv->pid, SIGKILL);
		waitpid(sv->pid, &status, 0);
	}
	sv->pid = 0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

char *
fx_make_token(struct fixture *f, const char *moderator)
{
	struct action a;
	struct action_result r;
	struct werr e;
	char *token;

	action_init(&a, A_TOKEN_CREATE);
	action_set_text(&a.actor, moderator);
	action_set_text(&a.target_name, moderator);
	action_set_param(&a, "label", "test");
	if (store_apply(f->st, &a, 1, &r, &e) < 0)
		fail_msg("token for %s: %s", moderator, e.msg);
	token = xstrdup(rows_text(r.data, 0, "token"));
	action_result_free(&r);
	action_free(&a);
	return token;
}

struct store *
served_store(const struct served *sv, const char *token, long timeout_ms)
{
	struct http_options o = { 0 };
	struct store *s;
	struct werr e;

	o.url = sv->url;
	o.token = token;
	o.timeout_ms = timeout_ms;
	s = http_store_open(&o, &e);
	if (s == NULL)
		fail_msg("http store: %s", e.msg);
	return s;
}

int
raw_connect(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
raw_http(int port, const char *req, size_t len, int timeout_ms,
    char **answer)
{
	struct buf b = BUF_INIT;
	struct timespec t0, t;
	size_t off = 0;
	int fd = raw_connect(port), status = 0;

	if (answer)
		*answer = NULL;
	if (fd < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { fd, POLLIN | (off < len ? POLLOUT : 0), 0 };
		long elapsed;
		char chunk[4096];
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &t);
		elapsed = (t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (elapsed >= timeout_ms ||
		    poll(&p, 1, (int)(timeout_ms - elapsed)) <= 0)
			break;
		if (p.revents & POLLIN) {
			n = read(fd, chunk, sizeof chunk);
			if (n <= 0)
				break;
			buf_add(&b, chunk, (size_t)n);
		} else if (p.revents & POLLOUT) {
			n = send(fd, req + off, len - off, MSG_NOSIGNAL);
			if (n <= 0)
				off = len;	/* the server stopped reading */
			else
				off += (size_t)n;
		} else {
			break;
		}
	}
	close(fd);
	if (b.len > 12 && strncmp(b.s, "HTTP/1.", 7) == 0)
		status = atoi(b.s + 9);
	if (answer)
		*answer = buf_steal(&b);
	else
		buf_free(&b);
	return status;
}

int
raw_request(int port, const char *method, const char *path,
    const char *token, const char *body, char **answer)
{
	struct buf b = BUF_INIT;
	int status;

	buf_printf(&b, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n", method, path);
	if (token)
		buf_printf(&b, "Authorization: Bearer %s\r\n", token);
	if (body)
		buf_printf(&b, "Content-Type: application/json\r\n"
		    "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
	else
		buf_adds(&b, "\r\n");
	status = raw_http(port, b.s, b.len, 30000, answer);
	buf_free(&b);
	return status;
}
