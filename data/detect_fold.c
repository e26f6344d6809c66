/* data/detect_fold.c: folding text for the detectors (see detect.h), and
 * punycode.
 *
 * The look-alike table is hand-made and compact on purpose: the Cyrillic
 * and Greek letters that pass for Latin ones in the fonts moderators and
 * buyers see, not the whole of Unicode's confusables.txt.  Accented Latin
 * letters lose their accents (a buyer reads "wárden" as "warden"). */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"

const char *const detector_names[] = { "contact", "phishing",
	"impersonation", "vouch_ring", "retaliatory", NULL };

struct lookalike {
	unsigned cp;
	char to;
};

/* Sorted by code point (bsearch). */
static const struct lookalike lookalikes[] = {
	{ 0x0131, 'i' },	/* dotless i */
	{ 0x0251, 'a' },	/* Latin alpha */
	{ 0x0261, 'g' },	/* script g */
	{ 0x026a, 'i' },	/* small capital I */
	{ 0x0391, 'a' }, { 0x0392, 'b' }, { 0x0395, 'e' }, { 0x0396, 'z' },
	{ 0x0397, 'h' }, { 0x0399, 'i' }, { 0x039a, 'k' }, { 0x039c, 'm' },
	{ 0x039d, 'n' }, { 0x039f, 'o' }, { 0x03a1, 'p' }, { 0x03a4, 't' },
	{ 0x03a5, 'y' }, { 0x03a7, 'x' },
	{ 0x03b1, 'a' }, { 0x03b3, 'y' }, { 0x03b9, 'i' }, { 0x03ba, 'k' },
	{ 0x03bd, 'v' }, { 0x03bf, 'o' }, { 0x03c1, 'p' }, { 0x03c5, 'u' },
	{ 0x03c7, 'x' },
	{ 0x0405, 's' }, { 0x0406, 'i' }, { 0x0408, 'j' },
	{ 0x0410, 'a' }, { 0x0412, 'b' }, { 0x0415, 'e' }, { 0x041a, 'k' },
	{ 0x041c, 'm' }, { 0x041d, 'h' }, { 0x041e, 'o' }, { 0x0420, 'p' },
	{ 0x0421, 'c' }, { 0x0422, 't' }, { 0x0423, 'y' }, { 0x0425, 'x' },
	{ 0x0430, 'a' }, { 0x0435, 'e' }, { 0x043a, 'k' }, { 0x043e, 'o' },
	{ 0x0440, 'p' }, { 0x0441, 'c' }, { 0x0443, 'y' }, { 0x0445, 'x' },
	{ 0x0455, 's' }, { 0x0456, 'i' }, { 0x0458, 'j' },
	{ 0x04ae, 'y' }, { 0x04af, 'y' }, { 0x04bb, 'h' }, { 0x04c0, 'l' },
	{ 0x04cf, 'l' },
	{ 0x0501, 'd' }, { 0x051b, 'q' }, { 0x051d, 'w' },
	{ 0x2113, 'l' },	/* script small l */
	{ 0x212a, 'k' },	/* Kelvin sign */
};

/* Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F
 * without their accents; '?' where there is no one-letter answer. */
static const char latin1[] =
	"aaaaaa?cee" "eeiiiidnoo" "ooo?ouuuuy" "??aaaaaa?c" "eeeeiiiidn"
	"ooooo?ouuu" "uy?y";
static const char latin_ext_a[] =
	"aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
	"iiiiiiiiii" "??" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "??"
	"rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

_Static_assert(sizeof latin1 == 0x40 + 1, "latin1 table");
_Static_assert(sizeof latin_ext_a == 0x80 + 1, "latin_ext_a table");

static int
cmp_lookalike(const void *k, const void *e)
{
	unsigned a = *(const unsigned *)k, b = ((const struct lookalike *)e)->cp;

	return a < b ? -1 : a > b;
}

static bool
combining(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 &&
	    cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	    (cp >= 0xfe20 && cp <= 0xfe2f);
}

static unsigned
script_of(unsigned cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7))
		return SCRIPT_LATIN;
	if (cp >= 0x370 && cp <= 0x3ff)
		return SCRIPT_GREEK;
	if (cp >= 0x400 && cp <= 0x52f)
		return SCRIPT_CYRILLIC;
	if (cp >= 0x250 && cp < 0x2000)
		return SCRIPT_OTHER;
	if (cp >= 0x2e80)	/* CJK and beyond: letters as far as we care */
		return SCRIPT_OTHER;
	return 0;
}

struct out {
	struct buf b;
	size_t *src;
	size_t cap;
};

static void
emit(struct out *o, const char *p, size_t n, size_t from)
{
	size_t i;

	if (o->b.len + n + 1 > o->cap) {
		o->cap = (o->b.len + n + 1) * 2;
		o->src = xreallocarray(o->src, o->cap, sizeof *o->src);
	}
	for (i = 0; i < n; i++)
		o->src[o->b.len + i] = from;
	buf_add(&o->b, p, n);
}

/* An ASCII character as folded: lowered, and for a skeleton the digits
 * and bars that pass for letters. */
static char
fold_ascii(unsigned c, bool skel)
{
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (skel) {
		if (c == '0')
			c = 'o';
		else if (c == '1' || c == '|')
			c = 'l';
	}
	return (char)c;
}

void
fold_text(const char *in, size_t len, bool skel, struct fold *f)
{
	const unsigned char *p = (const unsigned char *)in;
	struct out o = { BUF_INIT, NULL, 0 };
	size_t i = 0, j, k;

	memset(f, 0, sizeof *f);
	buf_grow(&o.b, len + 1);
	while (i < len) {
		unsigned cp;
		size_t n = utf8_decode(p + i, len - i, &cp);
		const struct lookalike *l;
		char c;

		if (n == 0) {
			/* not UTF-8: a byte that matches nothing */
			emit(&o, "?", 1, i);
			i++;
			continue;
		}
		f->scripts |= script_of(cp);
		if (cp < 0x80) {
			c = fold_ascii(cp, skel);
			emit(&o, &c, 1, i);
		} else if (cp == 0x2028 || cp == 0x2029) {
			/* line and paragraph separators break words */
			emit(&o, " ", 1, i);
		} else if (safe_invisible(cp)) {
			/* the renderer's list: what it shows as <U+XXXX> */
			f->hidden = true;
		} else if (combining(cp)) {
			;
		} else if (cp >= 0xff01 && cp <= 0xff5e) {
			/* fullwidth ASCII */
			c = fold_ascii(cp - 0xfee0, skel);
			emit(&o, &c, 1, i);
			f->lookalike = true;
		} else if (cp >= 0x1d400 && cp <= 0x1d6a3) {
			/* mathematical letters: 13 alphabets of 52 */
			c = (char)('a' + (cp - 0x1d400) % 52 % 26);
			emit(&o, &c, 1, i);
			f->lookalike = true;
			f->scripts |= SCRIPT_LATIN;
		} else if (cp >= 0x1d7ce && cp <= 0x1d7ff) {
			c = fold_ascii('0' + (cp - 0x1d7ce) % 10, skel);
			emit(&o, &c, 1, i);
			f->lookalike = true;
		} else if (cp >= 0xc0 && cp <= 0xff && latin1[cp - 0xc0] != '?') {
			emit(&o, &latin1[cp - 0xc0], 1, i);
		} else if (cp == 0xdf || cp == 0xe6 || cp == 0xc6) {
			emit(&o, cp == 0xdf ? "ss" : "ae", 2, i);
		} else if (cp >= 0x100 && cp <= 0x17f &&
		    latin_ext_a[cp - 0x100] != '?') {
			emit(&o, &latin_ext_a[cp - 0x100], 1, i);
		} else if ((l = bsearch(&cp, lookalikes, W_NELEM(lookalikes),
		    sizeof lookalikes[0], cmp_lookalike)) != NULL) {
			emit(&o, &l->to, 1, i);
			if (cp != 0x131)
				f->lookalike = true;
		} else if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) ||
		    cp == 0x202f || cp == 0x205f || cp == 0x3000) {
			emit(&o, " ", 1, i);
		} else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 ||
		    cp == 0xfe63) {
			emit(&o, "-", 1, i);
		} else if (cp == 0x2024 || cp == 0x3002 || cp == 0xfe52 ||
		    cp == 0xff61) {
			emit(&o, ".", 1, i);
			f->lookalike = true;
		} else if (cp == 0xfe6b) {
			emit(&o, "@", 1, i);
			f->lookalike = true;
		} else {
			emit(&o, in + i, n, i);
		}
		i += n;
	}
	emit(&o, "", 0, len);
	if (o.src == NULL)
		o.src = xcalloc(1, sizeof *o.src);
	o.src[o.b.len] = len;
	f->len = o.b.len;
	f->s = buf_steal(&o.b);
	f->src = o.src;
	if (!skel)
		return;
	/* Pairs that read as one letter: rn -> m, vv -> w.  In place: the
	 * pair's first byte keeps its origin. */
	for (j = k = 0; j < f->len; j++, k++) {
		if (j + 1 < f->len && ((f->s[j] == 'r' && f->s[j + 1] == 'n') ||
		    (f->s[j] == 'v' && f->s[j + 1] == 'v'))) {
			f->s[k] = f->s[j] == 'r' ? 'm' : 'w';
			f->src[k] = f->src[j];
			j++;
			continue;
		}
		f->s[k] = f->s[j];
		f->src[k] = f->src[j];
	}
	f->src[k] = len;
	f->s[k] = '\0';
	f->len = k;
}

void
fold_free(struct fold *f)
{
	free(f->s);
	free(f->src);
	memset(f, 0, sizeof *f);
}

char *
skeleton(const char *s)
{
	struct fold f;
	char *r;

	fold_text(s, strlen(s), true, &f);
	r = f.s;
	free(f.src);
	return r;
}

char *
name_key(const char *s)
{
	char *k = skeleton(s), *p, *q;

	for (p = q = k; *p; p++)
		if (*p != ' ' && *p != '_' && *p != '.' && *p != '-')
			*q++ = *p;
	*q = '\0';
	return k;
}

/* ------------------------------------------------------------------ */
/* Punycode, RFC 3492 section 6.2, for the labels of internationalized
 * domain names ("xn--wrden-market-xyz"): a look-alike hides there too. */

static unsigned
adapt(unsigned delta, unsigned numpoints, bool first)
{
	unsigned k = 0;

	delta = first ? delta / 700 : delta / 2;
	delta += delta / numpoints;
	while (delta > ((36 - 1) * 26) / 2) {
		delta /= 36 - 1;
		k += 36;
	}
	return k + (36 * delta) / (delta + 38);
}

static int
digit_value(char c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '0' && c <= '9')
		return c - '0' + 26;
	return -1;
}

static void
put_utf8(struct buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

char *
punycode_decode(const char *in, size_t len)
{
	unsigned out[256], n = 128, i = 0, bias = 72;
	size_t nout = 0, basic = 0, j, pos;
	struct buf b = BUF_INIT;

	for (j = 0; j < len; j++)
		if (in[j] == '-')
			basic = j;
	if (basic > 0 || (len > 0 && in[0] == '-')) {
		if (basic >= W_NELEM(out))
			return NULL;
		for (j = 0; j < basic; j++) {
			if ((unsigned char)in[j] >= 0x80)
				return NULL;
			out[nout++] = (unsigned char)in[j];
		}
		pos = basic + 1;
	} else
		pos = 0;
	while (pos < len) {
		unsigned oldi = i, w = 1, k, t;
		int digit;

		for (k = 36;; k += 36) {
			if (pos >= len || (digit = digit_value(in[pos++])) < 0)
				return NULL;
			if ((unsigned)digit > (0xffffffffu - i) / w)
				return NULL;
			i += (unsigned)digit * w;
			t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
			if ((unsigned)digit < t)
				break;
			if (w > 0xffffffffu / (36 - t))
				return NULL;
			w *= 36 - t;
		}
		if (nout + 1 >= W_NELEM(out))
			return NULL;
		bias = adapt(i - oldi, (unsigned)nout + 1, oldi == 0);
		if (i / (nout + 1) > 0x10ffff - n)
			return NULL;
		n += i / (unsigned)(nout + 1);
		i %= (unsigned)(nout + 1);
		if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff))
			return NULL;
		memmove(&out[i + 1], &out[i], (nout - i) * sizeof out[0]);
		out[i++] = n;
		nout++;
	}
	for (j = 0; j < nout; j++)
		put_utf8(&b, out[j]);
	return buf_steal(&b);
}
