/* tests/unit/api_harness.h: what the admin API tests share: a real
 * `warden serve` on 127.0.0.1 with an ephemeral port (its clock fixed at
 * FX_NOW, like the fixture's), tokens, HTTP stores, and a raw socket
 * client for requests no well-behaved client would send. */
#ifndef WARDEN_API_HARNESS_H
#define WARDEN_API_HARNESS_H

#include <sys/types.h>

#include "fixture.h"

struct served {
	pid_t pid;
	int port;
	char url[64];
	char log[320];		/* the server's stderr */
};

/* Clears what would send the tests' requests elsewhere (proxies). */
void api_test_env(void);
/* Starts `warden serve -d DB --listen 127.0.0.1:0 [extra args, NULL]`
 * and waits until it listens; fails the test if it does not. */
void served_start(struct served *sv, const char *db, ...);
/* SIGTERM, then waits: the exit status, or 128 + the signal. */
int served_stop(struct served *sv);
/* The server's stderr so far (caller frees). */
char *served_log(const struct served *sv);
/* The same, once it holds `words` (a request is logged when it is done,
 * which may be after its client has the answer), or after 30 s. */
char *served_log_with(const struct served *sv, const char *words);
/* Sleeps ms milliseconds (the tests poll for a condition with it). */
void pause_ms(long ms);

/* A token for the moderator, made through the fixture's store. */
char *fx_make_token(struct fixture *f, const char *moderator);
/* An HTTP store on the served API; timeout_ms 0: the default. */
struct store *served_store(const struct served *sv, const char *token,
    long timeout_ms);

/* A TCP connection to 127.0.0.1:port, or -1. */
int raw_connect(int port);
/* Sends req[0..len) on a new connection and reads until the server
 * closes or timeout_ms passes: the HTTP status, 0 if no status line came,
 * -1 if no connection.  *answer (if not NULL) gets what came. */
int raw_http(int port, const char *req, size_t len, int timeout_ms,
    char **answer);
/* A GET or POST with a bearer token, as raw_http (waiting up to 30 s:
 * the request says Connection: close, so only a failure waits that
 * long). */
int raw_request(int port, const char *method, const char *path,
    const char *token, const char *body, char **answer);

#endif
