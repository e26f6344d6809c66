/* api/http.h: what the two sides of the admin API share besides the JSON
 * encoding (data/json.h): the path prefix, the limits both sides hold to,
 * and the syntax of tokens and idempotency keys.  Private to api/. */
#ifndef WARDEN_API_HTTP_H
#define WARDEN_API_HTTP_H

#include <stdbool.h>

#include "../util/util.h"

#define API_PREFIX "/v1"
/* Actions in one POST /v1/actions batch, at most (the body's size, see
 * warden serve --max-body, is usually the bound met first). */
#define API_MAX_BATCH 10000
/* An Idempotency-Key header: printable ASCII, no spaces. */
#define API_KEY_MAX 200
/* A bearer token: printable ASCII, no spaces (it goes into a header). */
#define API_TOKEN_MAX 512

/* Printable ASCII without space, 1..max bytes: safe in an HTTP header. */
bool api_header_word_ok(const char *s, size_t max);

/* Appends s percent-encoded for a URL path segment or query value: every
 * byte but the unreserved ones (RFC 3986) becomes %XX. */
void url_escape(struct buf *b, const char *s);

#endif
