/* api/serve.c: `warden serve`, the reference admin API over a SQLite
 * database.  One thread drives libmicrohttpd's event loop (epoll, many
 * connections) and runs every request to the end, so that the SQLite
 * store, which is not safe across threads, is only ever used from it.
 * A request is short (a page of at most 500 rows, or one transaction);
 * the price of one thread is that a writer waiting for a busy database
 * holds the others up to the store's busy timeout. */
#include "api.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"

static volatile sig_atomic_t stop_requests;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requests++;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: warden serve -d DB [--listen ADDRESS:PORT] [--timeout SECONDS]\n"
	    "                    [--max-connections N] [--max-per-ip N]\n"
	    "                    [--max-body BYTES] [--tls-cert FILE --tls-key FILE] [-q]\n"
	    "Serves the admin API (see warden-api(7)) over the database DB;\n"
	    "127.0.0.1:8470 by default, port 0 for any free port.  SIGTERM or\n"
	    "SIGINT stops it once the requests in flight are answered.\n");
}

/* "127.0.0.1:8470", "[::1]:8470", "localhost:8470", "0.0.0.0:8470". */
static bool
parse_listen(const char *text, struct server_config *c)
{
	char host[64];
	const char *colon, *port_text;
	int64_t port;

	memset(&c->addr, 0, sizeof c->addr);
	if (text[0] == '[') {
		const char *close = strchr(text, ']');

		if (close == NULL || close[1] != ':' ||
		    (size_t)(close - text - 1) >= sizeof host)
			return false;
		snprintf(host, sizeof host, "%.*s", (int)(close - text - 1),
		    text + 1);
		port_text = close + 2;
		c->ipv6 = true;
	} else {
		colon = strrchr(text, ':');
		if (colon == NULL || (size_t)(colon - text) >= sizeof host)
			return false;
		snprintf(host, sizeof host, "%.*s", (int)(colon - text), text);
		port_text = colon + 1;
		c->ipv6 = false;
		if (strcmp(host, "localhost") == 0)
			snprintf(host, sizeof host, "127.0.0.1");
	}
	if (!str_to_i64(port_text, 0, 65535, &port))
		return false;
	if (c->ipv6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&c->addr;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host, &a->sin6_addr) == 1;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&c->addr;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		return inet_pton(AF_INET, host, &a->sin_addr) == 1;
	}
}

static bool
is_loopback(const struct server_config *c)
{
	if (c->ipv6) {
		const struct sockaddr_in6 *a =
		    (const struct sockaddr_in6 *)&c->addr;

		return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
	}
	return (ntohl(((const struct sockaddr_in *)&c->addr)->sin_addr.s_addr)
	    >> 24) == 127;
}

static bool
parse_count(const char *v, int64_t min, int64_t max, unsigned *out)
{
	int64_t n;

	if (v == NULL || !str_to_i64(v, min, max, &n))
		return false;
	*out = (unsigned)n;
	return true;
}

/* "65536", "64k", "1m" */
static bool
parse_size(const char *v, size_t *out)
{
	char num[32];
	size_t len;
	int64_t n, mult = 1;

	if (v == NULL || (len = strlen(v)) == 0 || len >= sizeof num)
		return false;
	memcpy(num, v, len + 1);
	if (num[len - 1] == 'k' || num[len - 1] == 'K')
		mult = 1024;
	else if (num[len - 1] == 'm' || num[len - 1] == 'M')
		mult = 1024 * 1024;
	if (mult > 1)
		num[len - 1] = '\0';
	if (!str_to_i64(num, 1, (int64_t)1 << 30, &n) || n * mult > (1 << 30))
		return false;
	*out = (size_t)(n * mult);
	return true;
}

/* The option's value: "--opt value" or "--opt=value". */
static const char *
opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		fprintf(stderr, "warden serve: %s needs a value\n", name);
		return "";
	}
	return argv[++*i];
}

static int
parse_args(int argc, char **argv, struct server_config *c)
{
	const char *v;
	int i;

	c->db = getenv("WARDEN_DB");
	c->listen = "127.0.0.1:8470";
	c->max_connections = 256;
	c->max_per_ip = 64;
	c->max_body = 1024 * 1024;
	c->timeout = 30;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			c->quiet = true;
		} else if ((v = opt_value(argc, argv, &i, "-d")) ||
		    (v = opt_value(argc, argv, &i, "--db"))) {
			c->db = v;
		} else if ((v = opt_value(argc, argv, &i, "--listen"))) {
			c->listen = v;
		} else if ((v = opt_value(argc, argv, &i, "--tls-cert"))) {
			c->tls_cert = v;
		} else if ((v = opt_value(argc, argv, &i, "--tls-key"))) {
			c->tls_key = v;
		} else if ((v = opt_value(argc, argv, &i,
		    "--max-connections"))) {
			if (!parse_count(v, 1, 10000, &c->max_connections))
				goto bad;
		} else if ((v = opt_value(argc, argv, &i, "--max-per-ip"))) {
			if (!parse_count(v, 1, 10000, &c->max_per_ip))
				goto bad;
		} else if ((v = opt_value(argc, argv, &i, "--timeout"))) {
			if (!parse_count(v, 1, 3600, &c->timeout))
				goto bad;
		} else if ((v = opt_value(argc, argv, &i, "--max-body"))) {
			if (!parse_size(v, &c->max_body))
				goto bad;
		} else {
			fprintf(stderr, "warden serve: unknown argument '%s'\n",
			    a);
			usage(stderr);
			return 64;
		}
		continue;
bad:
		fprintf(stderr, "warden serve: %s: '%s' is not an accepted "
		    "value\n", a, v);
		return 64;
	}
	if (c->db == NULL || *c->db == '\0') {
		fprintf(stderr, "warden serve: which database? give -d DB (or "
		    "set WARDEN_DB)\n");
		return 64;
	}
	if (!parse_listen(c->listen, c)) {
		fprintf(stderr, "warden serve: --listen '%s': give ADDRESS:PORT "
		    "with a numeric address, like 127.0.0.1:8470 or "
		    "[::1]:8470\n", c->listen);
		return 64;
	}
	if ((c->tls_cert == NULL) != (c->tls_key == NULL)) {
		fprintf(stderr, "warden serve: TLS needs both --tls-cert and "
		    "--tls-key\n");
		return 64;
	}
	if (c->max_per_ip > c->max_connections)
		c->max_per_ip = c->max_connections;
	return -1;
}

/* A PEM file in memory, for libmicrohttpd's TLS options. */
static char *
read_pem(const char *path, struct werr *e)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		werr_set(e, WE_NOINPUT, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof chunk)) > 0 && b.len < (1 << 20))
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	if (n < 0 || b.len == 0) {
		werr_set(e, WE_IO, "%s: cannot read it as PEM", path);
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* libmicrohttpd's own complaints, one line each; a burst of the same
 * (a flood of refused connections) is counted, not repeated. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	static char last[256];
	static int64_t last_ms;
	static unsigned repeats;
	char line[256];
	size_t n;
	int64_t now = server_now_ms();

	(void)cls;
	vsnprintf(line, sizeof line, fmt, ap);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == ' '))
		line[--n] = '\0';
	if (strcmp(line, last) == 0 && now - last_ms < 1000) {
		repeats++;
		return;
	}
	if (repeats)
		fprintf(stderr, "warden serve: http: (the last message came %u "
		    "more times)\n", repeats);
	repeats = 0;
	snprintf(last, sizeof last, "%s", line);
	last_ms = now;
	fprintf(stderr, "warden serve: http: %s\n", line);
}

static struct MHD_Daemon *
start(struct server *s, char *cert, char *key)
{
	struct MHD_OptionItem opts[16];
	unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	size_t n = 0;

#define OPT(o, v, p) (opts[n].option = (o), opts[n].value = (intptr_t)(v), \
	opts[n].ptr_value = (p), n++)
	/* first, or libmicrohttpd's own logger speaks before it is set */
	OPT(MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s);
	OPT(MHD_OPTION_SOCK_ADDR, 0, &s->cfg.addr);
	OPT(MHD_OPTION_CONNECTION_LIMIT, s->cfg.max_connections, NULL);
	OPT(MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->cfg.max_per_ip, NULL);
	/* idle time; guard.c bounds the whole request */
	OPT(MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout, NULL);
	/* headers and the read buffer of one connection */
	OPT(MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, NULL);
	OPT(MHD_OPTION_NOTIFY_COMPLETED, request_completed, s);
	OPT(MHD_OPTION_NOTIFY_CONNECTION, guard_connection, s);
	OPT(MHD_OPTION_STRICT_FOR_CLIENT, 1, NULL);
	if (cert) {
		OPT(MHD_OPTION_HTTPS_MEM_CERT, 0, cert);
		OPT(MHD_OPTION_HTTPS_MEM_KEY, 0, key);
		flags |= MHD_USE_TLS;
	}
	OPT(MHD_OPTION_END, 0, NULL);
#undef OPT
	if (s->cfg.ipv6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(flags, 0, NULL, NULL, handle_request, s,
	    MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
}

static void
print_listening(struct server *s)
{
	const union MHD_DaemonInfo *info;
	char host[64];
	unsigned port = 0;

	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (info)
		port = info->port;
	if (s->cfg.ipv6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&s->cfg.addr)->
		    sin6_addr, host, sizeof host);
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&s->cfg.addr)->
		    sin_addr, host, sizeof host);
	fprintf(stderr, "warden serve: listening on %s%s%s:%u%s\n",
	    s->cfg.ipv6 ? "[" : "", host, s->cfg.ipv6 ? "]" : "", port,
	    s->cfg.tls_cert ? " (TLS)" : "");
	if (!is_loopback(&s->cfg) && s->cfg.tls_cert == NULL)
		fprintf(stderr, "warden serve: warning: plain HTTP on a "
		    "non-loopback address: tokens and data cross the network "
		    "in clear; use --tls-cert/--tls-key or a TLS proxy\n");
}

/* Runs until a signal, then answers what is in flight and stops. */
static void
run(struct server *s)
{
	MHD_socket listener;
	int64_t deadline;

	while (stop_requests == 0) {
		if (MHD_run_wait(s->daemon, 250) == MHD_NO) {
			fprintf(stderr, "warden serve: the event loop failed; "
			    "stopping\n");
			break;
		}
		guard_reap(s);
	}
	s->draining = true;
	if (!s->cfg.quiet || s->in_flight)
		fprintf(stderr, "warden serve: stopping; %u request%s in "
		    "flight\n", s->in_flight, s->in_flight == 1 ? "" : "s");
	/* Closed now, not at the end: a client that comes during the drain
	 * is refused at once instead of waiting in the backlog.  (The
	 * event loop is ours, so libmicrohttpd no longer touches it.) */
	listener = MHD_quiesce_daemon(s->daemon);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	deadline = server_now_ms() + (int64_t)s->cfg.timeout * 1000;
	/* a second signal stops at once */
	while (s->in_flight > 0 && stop_requests < 2 &&
	    server_now_ms() < deadline) {
		if (MHD_run_wait(s->daemon, 100) == MHD_NO)
			break;
		guard_reap(s);
	}
	MHD_stop_daemon(s->daemon);
	s->daemon = NULL;
}

int
serve_main(int argc, char **argv)
{
	struct server s;
	struct sigaction sa;
	struct werr e;
	char *cert = NULL, *key = NULL;
	int rc;

	memset(&s, 0, sizeof s);
	rc = parse_args(argc, argv, &s.cfg);
	if (rc >= 0)
		return rc;
	if (s.cfg.tls_cert) {
		cert = read_pem(s.cfg.tls_cert, &e);
		key = cert ? read_pem(s.cfg.tls_key, &e) : NULL;
		if (key == NULL) {
			fprintf(stderr, "warden serve: TLS: %s\n", e.msg);
			free(cert);
			return werr_exit_status(e.kind);
		}
	}
	s.store = sqlite_store_open(s.cfg.db, STORE_OPEN_EXISTING, &e);
	if (s.store == NULL) {
		fprintf(stderr, "warden serve: %s\n", e.msg);
		rc = werr_exit_status(e.kind);
		goto out;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	s.daemon = start(&s, cert, key);
	if (s.daemon == NULL) {
		fprintf(stderr, "warden serve: cannot listen on %s (%s); is "
		    "another server on that port?\n", s.cfg.listen,
		    errno ? strerror(errno) : "see above");
		rc = 69;
		goto out;
	}
	print_listening(&s);
	run(&s);
	if (!s.cfg.quiet)
		fprintf(stderr, "warden serve: stopped\n");
	rc = 0;
out:
	store_close(s.store);
	if (key)
		explicit_bzero(key, strlen(key));
	free(key);
	free(cert);
	return rc;
}
