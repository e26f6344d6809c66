/* tests/unit/test_cmd_tokenize.c: the command line into words
 * (cmd/tokenize.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/tokenize.h"

static struct tokens
ok(const char *line)
{
	struct tokens t;
	struct werr e;

	if (tokenize(line, strlen(line), &t, &e) < 0)
		fail_msg("'%s' refused: %s", line, e.msg);
	return t;
}

static void
refused(const char *line, size_t len, enum werr_kind kind, const char *words)
{
	struct tokens t;
	struct werr e;

	if (tokenize(line, len, &t, &e) == 0)
		fail_msg("'%s' was accepted", line);
	assert_int_equal(e.kind, kind);
	if (strstr(e.msg, words) == NULL)
		fail_msg("message '%s' lacks '%s'", e.msg, words);
	assert_int_equal(t.n, 0);
}

static void
test_words(void **state)
{
	struct tokens t = ok("  suspend\t@sam  --for 7d ");

	(void)state;
	assert_int_equal(t.n, 4);
	assert_string_equal(t.v[0].s, "suspend");
	assert_int_equal(t.v[0].col, 3);
	assert_string_equal(t.v[1].s, "@sam");
	assert_int_equal(t.v[1].col, 11);
	assert_true(t.v[2].dash);
	assert_false(t.v[3].dash);
	tokens_free(&t);
	t = ok("");
	assert_int_equal(t.n, 0);
	tokens_free(&t);
	t = ok("   # only a comment");
	assert_int_equal(t.n, 0);
	tokens_free(&t);
}

static void
test_quotes_and_escapes(void **state)
{
	struct tokens t = ok("note 'a \"b\" \\n' \"c\\td\\\"e\" f\\ g it\\'s "
	    "--x=\"y z\" '' \"\" '-q'");

	(void)state;
	assert_int_equal(t.n, 9);
	assert_string_equal(t.v[1].s, "a \"b\" \\n");	/* literal */
	assert_string_equal(t.v[2].s, "c\td\"e");
	assert_string_equal(t.v[3].s, "f g");
	assert_string_equal(t.v[4].s, "it's");
	assert_string_equal(t.v[5].s, "--x=y z");
	assert_true(t.v[5].dash);
	/* empty quoted words are words, and NUL-terminated */
	assert_string_equal(t.v[6].s, "");
	assert_int_equal(t.v[6].len, 0);
	assert_string_equal(t.v[7].s, "");
	/* a quoted dash is data, never an option */
	assert_string_equal(t.v[8].s, "-q");
	assert_false(t.v[8].dash);
	tokens_free(&t);
}

static void
test_comments(void **state)
{
	struct tokens t = ok("tag @a x#y # the rest 'is gone");

	(void)state;
	assert_int_equal(t.n, 3);
	assert_string_equal(t.v[2].s, "x#y");
	tokens_free(&t);
	t = ok("tag @a '#kept' \\#also");
	assert_int_equal(t.n, 4);
	assert_string_equal(t.v[2].s, "#kept");
	assert_string_equal(t.v[3].s, "#also");
	tokens_free(&t);
}

static void
test_columns_count_characters(void **state)
{
	/* é and 李 are one column each in this count (characters) */
	struct tokens t = ok("note \xc3\xa9\xe6\x9d\x8e x");

	(void)state;
	assert_int_equal(t.n, 3);
	assert_int_equal(t.v[2].col, 9);
	tokens_free(&t);
}

static void
test_refusals(void **state)
{
	char *big;

	(void)state;
	refused("note 'open", 10, WE_USAGE, "the ' at column 6 is never closed");
	refused("note \"open\\\"", 12, WE_USAGE, "the \" at column 6");
	refused("note a\\q", 8, WE_USAGE, "unknown escape '\\q' at column 7");
	refused("note a\\", 7, WE_USAGE, "backslash at the end of the line");
	refused("note a\0b", 8, WE_INVALID, "a NUL byte at column 7");
	refused("note caf\xe9", 9, WE_INVALID,
	    "invalid UTF-8 at column 9 (byte \\xe9)");
	refused("note \xed\xa0\x80", 8, WE_INVALID, "invalid UTF-8");
	big = malloc(CMD_LINE_MAX + 2);
	memset(big, 'a', CMD_LINE_MAX + 1);
	big[CMD_LINE_MAX + 1] = '\0';
	refused(big, CMD_LINE_MAX + 1, WE_INVALID, "holds at most 16384");
	/* exactly the limit is fine */
	{
		struct tokens t;
		struct werr e;

		assert_int_equal(tokenize(big, CMD_LINE_MAX, &t, &e), 0);
		assert_int_equal(t.n, 1);
		tokens_free(&t);
	}
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_quotes_and_escapes),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_columns_count_characters),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
