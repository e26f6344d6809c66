/* api/guard.c: the bounds of `warden serve` that libmicrohttpd does not
 * keep by itself.  Its idle timeout is reset by every byte, so a client
 * that drips one byte a second would hold a connection for ever: each
 * connection here has a deadline for the whole request and its answer,
 * and is shut down when it passes.  And a client that keeps presenting
 * bad tokens is slowed to a few guesses a minute. */
#include "server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int64_t
server_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
address_text(const struct sockaddr *sa, char *out, size_t size)
{
	const void *src = NULL;

	snprintf(out, size, "-");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		src = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		src = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	if (src == NULL || inet_ntop(sa->sa_family, src, out,
	    (socklen_t)size) == NULL)
		snprintf(out, size, "-");
}

void
guard_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	struct conn *k;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd, *addr;

		k = xcalloc(1, sizeof *k);
		fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		addr = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		k->fd = fd ? fd->connect_fd : -1;
		address_text(addr ? addr->client_addr : NULL, k->ip,
		    sizeof k->ip);
		k->since_ms = server_now_ms();
		k->next = s->conns;
		if (s->conns)
			s->conns->prev = k;
		s->conns = k;
		*socket_context = k;
		return;
	}
	k = *socket_context;
	if (k == NULL)
		return;
	if (k->prev)
		k->prev->next = k->next;
	else
		s->conns = k->next;
	if (k->next)
		k->next->prev = k->prev;
	free(k);
	*socket_context = NULL;
}

struct conn *
guard_conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *i;

	i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return i ? i->socket_context : NULL;
}

void
guard_reap(struct server *s)
{
	int64_t now = server_now_ms();
	/* A second past libmicrohttpd's idle timeout, which closes a
	 * connection that merely sits idle first (and quietly); what is
	 * left at this point has been sending or reading all along. */
	int64_t limit = (int64_t)s->cfg.timeout * 1000 + 1000;
	struct conn *k;

	for (k = s->conns; k; k = k->next) {
		if (k->cut || k->fd < 0 || now - k->since_ms < limit)
			continue;
		if (!s->cfg.quiet)
			fprintf(stderr, "warden serve: %s cut off: no complete "
			    "request and answer within %us\n", k->ip,
			    s->cfg.timeout);
		/* libmicrohttpd sees the socket fail and closes the
		 * connection itself, calling the completion callbacks; the
		 * descriptor stays its to close. */
		shutdown(k->fd, SHUT_RDWR);
		k->cut = true;
	}
}

static struct throttle *
throttle_slot(struct server *s, const char *ip, bool create)
{
	struct throttle *t, *oldest = NULL, *empty = NULL;
	int64_t now = server_now_ms();
	size_t i;

	for (i = 0; i < THROTTLE_SLOTS; i++) {
		t = &s->throttle[i];
		if (t->ip[0] && now - t->window_start_ms >= AUTH_WINDOW_MS)
			t->ip[0] = '\0';	/* the window has passed */
		if (t->ip[0] == '\0') {
			if (empty == NULL)
				empty = t;
			continue;
		}
		if (strcmp(t->ip, ip) == 0)
			return t;
		if (oldest == NULL || t->window_start_ms <
		    oldest->window_start_ms)
			oldest = t;
	}
	if (!create)
		return NULL;
	/* Full: the oldest window gives way (a flood of addresses only
	 * forgets, it never locks anyone out). */
	t = empty ? empty : oldest;
	snprintf(t->ip, sizeof t->ip, "%s", ip);
	t->window_start_ms = now;
	t->failures = 0;
	return t;
}

unsigned
guard_auth_wait(struct server *s, const char *ip)
{
	struct throttle *t = throttle_slot(s, ip, false);
	int64_t left;

	if (t == NULL || t->failures < AUTH_MAX_FAILURES)
		return 0;
	left = t->window_start_ms + AUTH_WINDOW_MS - server_now_ms();
	return left > 0 ? (unsigned)((left + 999) / 1000) : 1;
}

void
guard_auth_failed(struct server *s, const char *ip)
{
	throttle_slot(s, ip, true)->failures++;
}
