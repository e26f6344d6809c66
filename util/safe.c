/* util/safe.c: hostile bytes to safe terminal cells (see safe.h). */
#include "safe.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

size_t
utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Characters that are invisible or reorder text: bidi embeddings,
 * overrides and isolates, zero-width spaces and joiners, word joiner and
 * invisible operators, the BOM, soft hyphen, Arabic letter mark, Mongolian
 * vowel separator, line and paragraph separators, interlinear annotation
 * and the tag characters. */
bool
safe_invisible(unsigned cp)
{
	return cp == 0xad || cp == 0x34f || cp == 0x61c || cp == 0x115f ||
	    cp == 0x1160 || cp == 0x17b4 || cp == 0x17b5 || cp == 0x180e ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x206f) || cp == 0x3164 || cp == 0xfeff ||
	    cp == 0xffa0 || (cp >= 0xfff9 && cp <= 0xfffb) ||
	    (cp >= 0xe0000 && cp <= 0xe0fff) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/* Set when the terminal may not be UTF-8 (see safe_set_ascii). */
static bool ascii_only;
static bool env_utf8 = true;

void
safe_set_ascii(bool on)
{
	ascii_only = on;
}

bool
safe_ascii(void)
{
	return ascii_only;
}

bool
safe_env_utf8(void)
{
	return env_utf8;
}

/* One step of the walk: the piece that stands for the character (or the
 * byte) at s[i], its width, and how many input bytes it takes.  esc is
 * the caller's room for an escape's text. */
struct step {
	const char *piece;
	size_t plen, adv;
	int width;
	bool escape;
};

static void
step(const unsigned char *s, size_t len, size_t i, char esc[16],
    struct step *st)
{
	unsigned cp;
	int w;

	st->piece = esc;
	st->escape = true;
	st->adv = utf8_decode(s + i, len - i, &cp);
	if (st->adv == 0) {
		snprintf(esc, 16, "\\x%02x", s[i]);
		st->adv = 1;
	} else if (cp < 0x20 || cp == 0x7f) {
		esc[0] = '^';
		esc[1] = cp == 0x7f ? '?' : (char)(cp + '@');
		esc[2] = '\0';
	} else if (cp >= 0x80 && cp < 0xa0) {
		snprintf(esc, 16, "\\x%02x", cp);
	} else if (safe_invisible(cp) || (ascii_only && cp >= 0x80)) {
		snprintf(esc, 16, "<U+%04X>", cp);
	} else if (cp < 0x80) {
		st->piece = (const char *)s + i;
		st->plen = 1;
		st->width = 1;
		st->escape = false;
		return;
	} else if ((w = wcwidth((wchar_t)cp)) < 0) {
		snprintf(esc, 16, "<U+%04X>", cp);
	} else {
		st->piece = (const char *)s + i;
		st->plen = st->adv;
		st->width = w;
		st->escape = false;
		return;
	}
	st->plen = strlen(esc);
	st->width = (int)st->plen;
}

/* The walk behind safe_walk() and safe_span(): emits pieces within
 * max_width columns, sets *used, and returns the input bytes taken. */
static size_t
walk(const char *in, size_t len, int max_width, safe_piece_fn fn, void *ctx,
    int *used, bool *clipped)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;

	*used = 0;
	if (clipped)
		*clipped = false;
	while (i < len) {
		char esc[16];
		struct step st;

		step(s, len, i, esc, &st);
		if (max_width >= 0 && *used + st.width > max_width) {
			if (clipped)
				*clipped = true;
			break;
		}
		if (fn)
			fn(ctx, st.piece, st.plen, st.width, st.escape);
		*used += st.width;
		i += st.adv;
	}
	return i;
}

int
safe_walk(const char *in, size_t len, int max_width, safe_piece_fn fn,
    void *ctx, bool *clipped)
{
	int used;

	walk(in, len, max_width, fn, ctx, &used, clipped);
	return used;
}

size_t
safe_span(const char *in, size_t len, int max_width, int *width)
{
	int used;
	size_t n = walk(in, len, max_width, NULL, NULL, &used, NULL);

	if (width)
		*width = used;
	return n;
}

static void
append_piece(void *ctx, const char *s, size_t n, int width, bool escape)
{
	(void)width;
	(void)escape;
	buf_add(ctx, s, n);
}

int
safe_render(struct buf *out, const char *in, size_t len, int max_width)
{
	buf_grow(out, len);
	out->s[out->len] = '\0';	/* nothing drawable is still a string */
	return safe_walk(in, len, max_width, append_piece, out, NULL);
}

int
safe_width(const char *in, size_t len)
{
	return safe_walk(in, len, -1, NULL, NULL, NULL);
}

int
safe_fit(struct buf *out, const char *in, size_t len, int max_width, bool pad)
{
	int used;
	bool clipped;

	if (max_width <= 0)
		return 0;
	used = safe_walk(in, len, -1, NULL, NULL, NULL);
	if (used <= max_width) {
		used = safe_render(out, in, len, max_width);
	} else {
		used = safe_walk(in, len, max_width - 1, append_piece, out,
		    &clipped);
		buf_addc(out, '~');
		used++;
	}
	while (pad && used < max_width) {
		buf_addc(out, ' ');
		used++;
	}
	return used;
}

static bool
utf8_codeset(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

bool
safe_locale(void)
{
	env_utf8 = setlocale(LC_CTYPE, "") && utf8_codeset();
	if (env_utf8)
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") && utf8_codeset())
		return true;
	return setlocale(LC_CTYPE, "C.utf8") && utf8_codeset();
}
