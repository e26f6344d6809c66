/* api/api.h: the admin API over HTTP.  The client is a store (the same
 * ops as the SQLite store, over libcurl + jansson); the server is
 * `warden serve` (libmicrohttpd) in front of a SQLite store.  api/ uses
 * data/ only. */
#ifndef WARDEN_API_H
#define WARDEN_API_H

#include "../data/store.h"

struct http_options {
	const char *url;	/* http://host:port or https://... */
	const char *token;	/* bearer token, never from argv */
	const char *ca_file;	/* extra CA bundle for a private CA, or NULL */
	long connect_timeout_ms;	/* 0: the default */
	long timeout_ms;		/* 0: the default */
};

/* Opens the HTTP store; nothing is sent until the first query. */
struct store *http_store_open(const struct http_options *o, struct werr *e);

/* Reads a bearer token from a file that only its owner may read (mode
 * 0600 or stricter); errors name the file and what to do. */
int api_read_token_file(const char *path, char **token, struct werr *e);

/* `warden serve -d DB [--listen ADDR:PORT] ...`: argv starts at "serve".
 * Returns the process exit status. */
int serve_main(int argc, char **argv);

#endif
