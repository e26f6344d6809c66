/* util/safe.h: the one way bytes written by marketplace users become
 * terminal cells.  Everything a user wrote is hostile: no byte of it may
 * reach a terminal as a control sequence.
 *
 *   printable UTF-8        passes, width from wcwidth()
 *   C0 controls, DEL       ^@ .. ^_, ^?
 *   C1 controls            \x80 .. \x9f (as the code point's value)
 *   bidi and zero-width    <U+202E>, <U+200B>, ...
 *   other non-printables   <U+XXXX>
 *   invalid UTF-8          \xNN, one per byte
 *
 * An escape is given the width of its visible text, never 0 or -1, and
 * clipping stops before a character or escape that would not fit whole.
 * The output of safe_render() renders to itself (it is idempotent).
 * wcwidth() needs a UTF-8 LC_CTYPE; safe_locale() sets one up. */
#ifndef WARDEN_SAFE_H
#define WARDEN_SAFE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Called once per piece: s[0..n) is safe UTF-8 to draw, `width` columns;
 * `escape` is true when it stands for something that was not drawable
 * (draw it in a distinct attribute). */
typedef void (*safe_piece_fn)(void *ctx, const char *s, size_t n, int width,
    bool escape);

/* Walks in[0..len) and emits pieces until max_width columns are used
 * (max_width < 0: no limit).  Returns the columns used.  If clipped is
 * non-NULL it is set when something did not fit. */
int safe_walk(const char *in, size_t len, int max_width, safe_piece_fn fn,
    void *ctx, bool *clipped);

/* Appends the safe form of in[0..len) to out, within max_width columns
 * (< 0: no limit).  Returns the columns used. */
int safe_render(struct buf *out, const char *in, size_t len, int max_width);

/* How many bytes at the start of in[0..len) render within max_width
 * columns (< 0: no limit); *width (if not NULL) gets their columns.  Never
 * ends inside a character or an escape: for wrapping text to a width. */
size_t safe_span(const char *in, size_t len, int max_width, int *width);

/* Columns the safe form of in[0..len) takes. */
int safe_width(const char *in, size_t len);

/* Like safe_render, but cut to max_width with a trailing "~" when the text
 * is longer; pads with spaces to exactly max_width when pad is true. */
int safe_fit(struct buf *out, const char *in, size_t len, int max_width,
    bool pad);

/* Decodes one UTF-8 sequence at s (n bytes left).  Returns its length and
 * the code point in *cp, or 0 when the bytes are not valid UTF-8
 * (overlong, surrogate, > U+10FFFF, truncated). */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

/* Bidi controls, zero-width and other invisible characters: shown as
 * <U+XXXX> by the renderer, escaped by the tsv writer. */
bool safe_invisible(unsigned cp);

/* Makes LC_CTYPE a UTF-8 one (the environment's if it is UTF-8, else
 * C.UTF-8).  Returns false when no UTF-8 locale exists. */
bool safe_locale(void);

/* Whether the environment's own locale was UTF-8 when safe_locale() last
 * looked.  When it was not, the terminal may not be UTF-8 either, and may
 * read the bytes 0x80-0x9f inside a UTF-8 character ("ě" is c4 9b) as C1
 * controls: draw with safe_set_ascii(true). */
bool safe_env_utf8(void);

/* ASCII only: every character past U+007F shows as <U+XXXX> too, so
 * that no byte of the output is >= 0x80.  Off by default. */
void safe_set_ascii(bool on);
bool safe_ascii(void);

#endif
