/* api/server.h: inside `warden serve`.  One thread runs everything: the
 * libmicrohttpd event loop (external polling over epoll, driven by
 * serve.c), the request handlers (handler.c) and the SQLite store, which
 * is therefore never used from two threads.  guard.c holds the bounds
 * that libmicrohttpd does not: a deadline per request, and a brake on
 * guessing tokens.  Private to api/. */
#ifndef WARDEN_API_SERVER_H
#define WARDEN_API_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

#include "../data/store.h"

struct server_config {
	const char *db;
	const char *listen;		/* as given: "127.0.0.1:8470" */
	struct sockaddr_storage addr;
	bool ipv6;
	unsigned max_connections;
	unsigned max_per_ip;
	size_t max_body;		/* bytes of a request body */
	unsigned timeout;		/* seconds a request may take */
	const char *tls_cert, *tls_key;
	bool quiet;			/* no line per request */
};

/* One TCP connection, from accept to close. */
struct conn {
	struct conn *prev, *next;
	int fd;
	int64_t since_ms;	/* start of the current request, or of idling */
	bool cut;		/* shut down for taking too long */
	char ip[48];
};

#define THROTTLE_SLOTS 64

/* Failed token checks per client address, in a fixed window. */
struct throttle {
	char ip[48];
	int64_t window_start_ms;
	unsigned failures;
};

struct server {
	struct server_config cfg;
	struct store *store;
	struct MHD_Daemon *daemon;
	struct conn *conns;
	unsigned in_flight;	/* requests begun and not yet completed */
	bool draining;		/* SIGTERM: answer what is in flight, close */
	struct throttle throttle[THROTTLE_SLOTS];
};

int64_t server_now_ms(void);

/* handler.c: the MHD access handler and request-completed callback. */
enum MHD_Result handle_request(void *cls, struct MHD_Connection *c,
    const char *url, const char *method, const char *version,
    const char *upload, size_t *upload_size, void **req_cls);
void request_completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode toe);

/* guard.c */
void guard_connection(void *cls, struct MHD_Connection *c,
    void **socket_context, enum MHD_ConnectionNotificationCode code);
struct conn *guard_conn_of(struct MHD_Connection *c);
/* Cuts off connections whose request has run past the deadline. */
void guard_reap(struct server *s);
/* Seconds to wait before another token may be tried from ip; 0: go on. */
unsigned guard_auth_wait(struct server *s, const char *ip);
void guard_auth_failed(struct server *s, const char *ip);

#define AUTH_WINDOW_MS 60000
#define AUTH_MAX_FAILURES 20

#endif
