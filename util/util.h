/* util/util.h: the bottom layer every folder may use: memory, growable
 * strings, hashing, durations and times.  Nothing here knows about the
 * marketplace. */
#ifndef WARDEN_UTIL_H
#define WARDEN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define W_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define W_NORETURN __attribute__((noreturn))
#else
#define W_PRINTF(a, b)
#define W_NORETURN
#endif

#define W_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that cannot fail: out of memory ends the process. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) W_PRINTF(1, 2);
W_NORETURN void fatal(const char *fmt, ...) W_PRINTF(1, 2);

/* A growable byte string, always NUL-terminated. */
struct buf {
	char *s;
	size_t len, cap;
};
#define BUF_INIT { NULL, 0, 0 }
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) W_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
char *buf_steal(struct buf *b);	/* returns the string ("" if empty), b is reset */
void buf_free(struct buf *b);
const char *buf_str(const struct buf *b); /* never NULL */

/* Strings. */
bool str_eq(const char *a, const char *b);	/* NULL-safe */
bool str_prefix(const char *s, const char *prefix);
/* Parses a whole decimal integer in [min, max]; false if anything is off. */
bool str_to_i64(const char *s, int64_t min, int64_t max, int64_t *out);
bool str_to_double(const char *s, double *out);
/* Levenshtein distance with the cost of a swap of neighbours 1 (OSA). */
size_t str_edit_distance(const char *a, const char *b);

/* SHA-256 (OpenSSL libcrypto) as 64 lowercase hex digits + NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);
/* Fills out with n random bytes from the kernel; false on failure. */
bool random_bytes(void *out, size_t n);

/* Durations: "90s", "30m", "12h", "7d", "2w", and sums like "1d12h".  A
 * bare number is refused: a scripter must say the unit. */
bool duration_parse(const char *s, int64_t *seconds);
/* "7d", "1d12h", "45m": the shortest exact form. */
void duration_format(int64_t seconds, char *out, size_t size);
/* Human age for tables: "3m", "5h", "12d", "2y". */
void age_format(int64_t seconds, char *out, size_t size);

/* Times are UTC seconds since the epoch.  Accepted: "2026-11-22",
 * "2026-11-22T10:30", "2026-11-22T10:30:00Z", "2026-11-22 10:30:00",
 * a number of seconds since the epoch, and "-7d" (that long before now). */
bool time_parse(const char *s, int64_t now, int64_t *out);
/* "2026-11-22T10:30:00Z" */
void time_format(int64_t t, char *out, size_t size);
/* "2026-11-22 10:30" (shorter, for tables) */
void time_format_short(int64_t t, char *out, size_t size);

#endif
