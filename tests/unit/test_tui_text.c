/* tests/unit/test_tui_text.c: text views' lines laid out to a width
 * (tui/text.c): a wrapping line is cut at spaces, or where the width
 * ends, and no screen line starts with the space it was cut at; spans
 * drawn in another attribute hold whole characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../tui/text.h"
#include "../../util/safe.h"

static int
setup(void **state)
{
	(void)state;
	assert_true(safe_locale());
	return 0;
}

/* The screen lines of a text laid out to width, as "a|b|c": the part of
 * the wrapping segment each shows. */
static char *
laid(struct text *t, int width)
{
	struct buf b = BUF_INIT;
	size_t d;

	text_layout(t, width);
	for (d = 0; d < t->ndisp; d++) {
		const struct dline *dl = &t->disp[d];
		const struct tline *l = &t->lines[dl->line];
		const struct tseg *g = &l->segs[l->nsegs - 1];

		if (d)
			buf_addc(&b, '|');
		buf_add(&b, g->s + dl->from, dl->to - dl->from);
	}
	return buf_steal(&b);
}

static void
cut_at_spaces(void **state)
{
	struct text t;
	struct tline *l;
	char *got;

	(void)state;
	text_init(&t);
	l = text_line(&t, UA_NORMAL);
	text_add(l, UA_NORMAL, "one two three four");
	l->wrap = true;
	got = laid(&t, 9);
	assert_string_equal(got, "one two |three |four");
	free(got);
	text_free(&t);
}

static void
a_cut_before_a_space_drops_it(void **state)
{
	struct text t;
	struct tline *l;
	char *got;

	(void)state;
	text_init(&t);
	/* A word that fills the line exactly: the next line is the next
	 * word, not a line holding the space between them. */
	l = text_line(&t, UA_NORMAL);
	text_add(l, UA_NORMAL, "aaaa bbbb");
	l->wrap = true;
	got = laid(&t, 4);
	assert_string_equal(got, "aaaa|bbbb");
	free(got);
	text_clear(&t);
	/* The account's name field: a label, then the name wrapped under
	 * it with an indent. */
	l = text_line(&t, UA_NORMAL);
	text_add(l, UA_NORMAL, "  ");
	text_addw(l, UA_DIM, "name", 11);
	text_add(l, UA_NORMAL, "Warden Support (official)");
	l->wrap = true;
	l->indent = 13;
	got = laid(&t, 19);
	assert_string_equal(got, "Warden|Suppor|t |(offic|ial)");
	free(got);
	text_clear(&t);
	/* At a newline the line ends and the space after it is kept: it
	 * is the message's own. */
	l = text_line(&t, UA_NORMAL);
	text_add(l, UA_NORMAL, "abc\n def");
	l->wrap = true;
	got = laid(&t, 10);
	assert_string_equal(got, "abc| def");
	free(got);
	text_free(&t);
}

/* A span never splits a character (a detector's byte offsets drawn in
 * pieces would show a half character as \xNN) and never runs past the
 * segment; an empty one is dropped. */
static void
spans_keep_whole_characters(void **state)
{
	struct text t;
	struct tline *l;

	(void)state;
	text_init(&t);
	l = text_line(&t, UA_NORMAL);
	text_add(l, UA_NORMAL, "    ");
	/* "w\xd0\xb0rden": the Cyrillic a is bytes 1 and 2 */
	text_add(l, UA_NORMAL, "w\xd0\xb0rden.example");
	text_span(l, 2, 3, UA_MATCH);
	text_span(l, 5, 1000, UA_MATCH);
	text_span(l, 4, 4, UA_MATCH);
	assert_int_equal(l->nspans, 2);
	assert_int_equal(l->spans[0].from, 1);
	assert_int_equal(l->spans[0].to, 3);
	assert_int_equal(l->spans[1].from, 5);
	assert_int_equal(l->spans[1].to, strlen("w\xd0\xb0rden.example"));
	text_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cut_at_spaces),
		cmocka_unit_test(a_cut_before_a_space_drops_it),
		cmocka_unit_test(spans_keep_whole_characters),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
