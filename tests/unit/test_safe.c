/* tests/unit/test_safe.c: the safe renderer (util/safe.h), the one way
 * hostile bytes become terminal cells: escapes for every control, widths
 * by wcwidth, clipping that never splits a character, idempotence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../util/safe.h"

static int
setup(void **state)
{
	(void)state;
	assert_true(safe_locale());
	return 0;
}

/* The safe form of s, unlimited. */
static char *
render(const char *s, size_t len, int max, int *width)
{
	struct buf b = BUF_INIT;
	int w = safe_render(&b, s, len, max);

	if (width)
		*width = w;
	return buf_steal(&b);
}

static void
assert_renders(const char *in, size_t len, const char *want, int want_width)
{
	int w;
	char *got = render(in, len, -1, &w);

	assert_string_equal(got, want);
	assert_int_equal(w, want_width);
	assert_int_equal(safe_width(in, len), want_width);
	free(got);
}

#define R(in, want, width) assert_renders(in, sizeof(in) - 1, want, width)

static void
printable_passes(void **state)
{
	(void)state;
	R("hello, world", "hello, world", 12);
	R("", "", 0);
	R("caf\xc3\xa9", "caf\xc3\xa9", 4);
	/* Cyrillic look-alike: printable, passes (a detector's business) */
	R("\xd0\xbe", "\xd0\xbe", 1);
}

static void
c0_and_del_are_caret_escapes(void **state)
{
	(void)state;
	R("a\x1b[31mb", "a^[[31mb", 8);
	R("\x07", "^G", 2);
	R("\x7f", "^?", 2);
	R("line\nbreak\ttab\r", "line^Jbreak^Itab^M", 18);
	R("\x00x", "^@x", 3);
	/* OSC 52 (clipboard) and a title-setting sequence */
	R("\x1b]52;c;ZXZpbA==\x07", "^[]52;c;ZXZpbA==^G", 18);
	R("\x1b]0;pwned\x07", "^[]0;pwned^G", 12);
	/* CSI queries that would make a terminal answer */
	R("\x1b[6n\x1b[c", "^[[6n^[[c", 9);
}

static void
c1_controls_are_hex_escapes(void **state)
{
	(void)state;
	/* U+009B (CSI as a C1 control) encoded as UTF-8 */
	R("\xc2\x9b" "31m", "\\x9b31m", 7);
	R("\xc2\x80\xc2\x9f", "\\x80\\x9f", 8);
	/* a raw 0x9b byte is invalid UTF-8 */
	R("\x9b", "\\x9b", 4);
}

static void
bidi_and_invisible_are_named(void **state)
{
	(void)state;
	R("a\xe2\x80\xae" "b", "a<U+202E>b", 10);	/* RLO */
	R("\xe2\x80\x8b", "<U+200B>", 8);		/* zero-width space */
	R("\xe2\x80\x8d", "<U+200D>", 8);		/* zero-width joiner */
	R("\xe2\x81\xa6", "<U+2066>", 8);		/* LRI */
	R("\xef\xbb\xbf", "<U+FEFF>", 8);		/* BOM */
	R("\xc2\xad", "<U+00AD>", 8);			/* soft hyphen */
	R("\xef\xb8\x8f", "<U+FE0F>", 8);		/* variation selector */
	R("\xf3\xa0\x80\x81", "<U+E0001>", 9);		/* tag character */
}

static void
invalid_utf8_is_per_byte(void **state)
{
	(void)state;
	R("\xff\xfe", "\\xff\\xfe", 8);
	R("\xc3", "\\xc3", 4);				/* truncated */
	R("\xc0\xaf", "\\xc0\\xaf", 8);			/* overlong */
	R("\xed\xa0\x80", "\\xed\\xa0\\x80", 12);	/* surrogate */
	R("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", 16); /* > U+10FFFF */
	R("ok\xe6\x9d", "ok\\xe6\\x9d", 10);
}

static void
wide_characters_take_two_columns(void **state)
{
	(void)state;
	R("\xe6\x9d\x8e", "\xe6\x9d\x8e", 2);		/* CJK */
	R("\xf0\x9f\x91\x91", "\xf0\x9f\x91\x91", 2);	/* emoji */
	R("\xe6\x9d\x8e\xe5\xb0\x8f Shop", "\xe6\x9d\x8e\xe5\xb0\x8f Shop",
	    9);
}

static void
clipping_never_splits(void **state)
{
	char *s;
	int w;
	bool clipped;

	(void)state;
	/* "李小" is 4 columns: 3 columns hold only the first */
	s = render("\xe6\x9d\x8e\xe5\xb0\x8f", 6, 3, &w);
	assert_string_equal(s, "\xe6\x9d\x8e");
	assert_int_equal(w, 2);
	free(s);
	/* an escape is whole or not at all */
	s = render("ab\x1b", 3, 3, &w);
	assert_string_equal(s, "ab");
	assert_int_equal(w, 2);
	free(s);
	s = render("a\xe2\x80\xae", 4, 8, &w);
	assert_string_equal(s, "a");
	free(s);
	assert_int_equal(safe_walk("abc", 3, 2, NULL, NULL, &clipped), 2);
	assert_true(clipped);
	assert_int_equal(safe_walk("ab", 2, 2, NULL, NULL, &clipped), 2);
	assert_false(clipped);
	s = render("abc", 3, 0, &w);
	assert_string_equal(s, "");
	free(s);
}

static void
fit_marks_the_cut_and_pads(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(safe_fit(&b, "abcdef", 6, 4, false), 4);
	assert_string_equal(buf_str(&b), "abc~");
	buf_reset(&b);
	assert_int_equal(safe_fit(&b, "ab", 2, 4, true), 4);
	assert_string_equal(buf_str(&b), "ab  ");
	buf_reset(&b);
	/* a wide character that does not fit before the mark: padded */
	assert_int_equal(safe_fit(&b, "a\xe6\x9d\x8e\xe5\xb0\x8f", 7, 4,
	    true), 4);
	assert_string_equal(buf_str(&b), "a\xe6\x9d\x8e~");
	buf_reset(&b);
	assert_int_equal(safe_fit(&b, "\xe6\x9d\x8e\xe5\xb0\x8f", 6, 3, true),
	    3);
	assert_string_equal(buf_str(&b), "\xe6\x9d\x8e~");
	buf_free(&b);
}

static void
span_stops_at_whole_pieces(void **state)
{
	int w;

	(void)state;
	assert_int_equal(safe_span("abc", 3, 2, &w), 2);
	assert_int_equal(w, 2);
	assert_int_equal(safe_span("\xe6\x9d\x8e" "a", 4, 1, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(safe_span("\xe6\x9d\x8e" "a", 4, 2, &w), 3);
	assert_int_equal(safe_span("\x1b" "a", 2, 1, &w), 0);
	assert_int_equal(safe_span("\x1b" "a", 2, 2, &w), 1);
	assert_int_equal(safe_span("\xff" "a", 2, 4, &w), 1);
	assert_int_equal(safe_span("abc", 3, -1, &w), 3);
	assert_int_equal(w, 3);
}

/* Records the pieces a walk gives. */
struct pieces {
	int n, escapes, width;
	struct buf text;
};

static void
piece(void *ctx, const char *s, size_t n, int width, bool escape)
{
	struct pieces *p = ctx;

	p->n++;
	p->escapes += escape;
	p->width += width;
	buf_add(&p->text, s, n);
}

static void
walk_marks_escapes(void **state)
{
	struct pieces p = { 0, 0, 0, BUF_INIT };

	(void)state;
	safe_walk("a\x1b" "b\xe2\x80\xae\xff", 7, -1, piece, &p, NULL);
	assert_int_equal(p.n, 5);
	assert_int_equal(p.escapes, 3);
	assert_int_equal(p.width, 1 + 2 + 1 + 8 + 4);
	assert_string_equal(buf_str(&p.text), "a^[b<U+202E>\\xff");
	buf_free(&p.text);
}

/* No byte of the output is a control: < 0x20, 0x7f, or a C1 code point
 * (U+0080..U+009F encoded as 0xc2 0x80..0x9f). */
static void
assert_no_controls(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		assert_true(*p >= 0x20);
		assert_true(*p != 0x7f);
		if (*p == 0xc2)
			assert_false(p[1] >= 0x80 && p[1] <= 0x9f);
	}
}

static void
output_is_safe_and_idempotent(void **state)
{
	static const char *const inputs[] = {
		"\x1b]52;c;ZXZpbA==\x07", "\xc2\x9b" "6n", "\x9b\x9c\x9d",
		"\xe2\x80\xae\xe2\x81\xa6", "\x01\x02\x03\x04\x7f",
		"\xe6\x9d\x8e\xf0\x9f\x9b\x8b\xef\xb8\x8f", "\xc3\x28",
		"\xf0\x9f", "plain", "^[ already escaped \\x9b <U+202E>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		char *once = render(inputs[i], strlen(inputs[i]), -1, NULL);
		char *twice = render(once, strlen(once), -1, NULL);

		assert_no_controls(once);
		assert_string_equal(once, twice);
		assert_int_equal(safe_width(once, strlen(once)),
		    safe_width(inputs[i], strlen(inputs[i])));
		free(once);
		free(twice);
	}
}

static void
every_byte_alone_is_safe(void **state)
{
	char in[2];
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		char *out;

		in[0] = (char)c;
		out = render(in, 1, -1, NULL);
		assert_no_controls(out);
		assert_true(strlen(out) > 0);
		free(out);
	}
}

static void
ascii_only_for_a_terminal_that_is_not_utf8(void **state)
{
	/* "ě" is c4 9b: a Latin-1 terminal would read 0x9b as CSI */
	static const char in[] = "\xc4\x9b[2J caf\xc3\xa9 \xe6\x9d\x8e \x1b";
	const unsigned char *p;
	char *s;
	int w;

	(void)state;
	safe_set_ascii(true);
	s = render(in, sizeof in - 1, -1, &w);
	assert_string_equal(s, "<U+011B>[2J caf<U+00E9> <U+674E> ^[");
	assert_int_equal(w, (int)strlen(s));
	for (p = (const unsigned char *)s; *p; p++)
		assert_true(*p >= 0x20 && *p < 0x7f);
	free(s);
	safe_set_ascii(false);
	s = render("caf\xc3\xa9", 5, -1, &w);
	assert_string_equal(s, "caf\xc3\xa9");
	free(s);
}

static void
utf8_decode_limits(void **state)
{
	unsigned cp;

	(void)state;
	assert_int_equal(utf8_decode((const unsigned char *)"A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode((const unsigned char *)"\xf4\x8f\xbf\xbf",
	    4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(utf8_decode((const unsigned char *)"\xe0\x80\x80", 3,
	    &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xc2", 1, &cp),
	    0);
	assert_int_equal(utf8_decode((const unsigned char *)"", 0, &cp), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(printable_passes),
		cmocka_unit_test(c0_and_del_are_caret_escapes),
		cmocka_unit_test(c1_controls_are_hex_escapes),
		cmocka_unit_test(bidi_and_invisible_are_named),
		cmocka_unit_test(invalid_utf8_is_per_byte),
		cmocka_unit_test(wide_characters_take_two_columns),
		cmocka_unit_test(clipping_never_splits),
		cmocka_unit_test(fit_marks_the_cut_and_pads),
		cmocka_unit_test(span_stops_at_whole_pieces),
		cmocka_unit_test(walk_marks_escapes),
		cmocka_unit_test(output_is_safe_and_idempotent),
		cmocka_unit_test(every_byte_alone_is_safe),
		cmocka_unit_test(ascii_only_for_a_terminal_that_is_not_utf8),
		cmocka_unit_test(utf8_decode_limits),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
