/* tests/unit/test_mask.c: phone numbers and emails as every query shows
 * them, by the rule warden(1) gives under show.  An email keeps the
 * first character of its local part (whole, however many bytes it
 * takes; none when it is the whole local part) and its domain.  A phone
 * number keeps its country code when a separator ends it, its
 * separators, and its last three digits when at least seven digits
 * follow the code; every other digit is a bullet, any other character a
 * space.  One test a row; the same rows through the SQL functions the
 * queries use. */
#include "fixture.h"
#include "../../data/sq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define B "\xe2\x80\xa2"	/* U+2022, a bullet */

struct row {
	const char *name, *in, *out;
};

static const struct row emails[] = {
	{ "an email", "jane@example.com", "j" B B B "@example.com" },
	{ "a first letter of two bytes", "\xc3\xa9lodie@example.fr",
	    "\xc3\xa9" B B B "@example.fr" },
	{ "a first letter of three bytes (CJK)",
	    "\xe6\x9d\x8e\xe6\x98\x8e@example.cn",
	    "\xe6\x9d\x8e" B B B "@example.cn" },
	{ "a first letter of four bytes (emoji)",
	    "\xf0\x9f\x98\x80" "fan@example.com",
	    "\xf0\x9f\x98\x80" B B B "@example.com" },
	{ "a local part of one letter shows none", "j@example.com",
	    B B B "@example.com" },
	{ "a local part of one multibyte letter shows none",
	    "\xc3\xa9@example.fr", B B B "@example.fr" },
	{ "no local part", "@example.com", B B B "@example.com" },
	{ "no @ at all", "jane.example.com", B B B },
	{ "two @: the domain is after the last", "a@b@example.com",
	    "a" B B B "@example.com" },
	{ "empty: nothing to hide", "", "" },
	{ "invalid UTF-8 first: one byte", "\xff\xfeoo@example.com",
	    "\xff" B B B "@example.com" },
};

static const struct row phones[] = {
	{ "UK, spaced", "+44 7700 900123", "+44 " B B B B " " B B B "123" },
	{ "UK, no separator: the code is not known",
	    "+447700900123", "+" B B B B B B B B B "123" },
	{ "US, brackets and dashes", "+1 (415) 555-0123",
	    "+1 (" B B B ") " B B B "-" B "123" },
	{ "US, dashes only", "+1-415-555-0123",
	    "+1-" B B B "-" B B B "-" B "123" },
	{ "a three-digit code", "+353 87 123 4567",
	    "+353 " B B " " B B B " " B "567" },
	{ "France, pairs", "+33 1 23 45 67 89",
	    "+33 " B " " B B " " B B " " B "7 89" },
	{ "a trunk zero in brackets", "+44 (0) 20 7946 0958",
	    "+44 (" B ") " B B " " B B B B " " B "958" },
	{ "dots", "+49.30.12345678", "+49." B B "." B B B B B "678" },
	{ "a national number", "07700 900123",
	    B B B B B " " B B B "123" },
	{ "a code of four digits is no code", "+1234 567 890",
	    "+" B B B B " " B B B " " "890" },
	{ "seven digits: the last three show", "555-0123",
	    B B B "-" B "123" },
	{ "six digits: none show", "555012", B B B B B B },
	{ "three digits: none show", "911", B B B },
	{ "a code and three digits: none show", "+44 123",
	    "+44 " B B B },
	{ "a code alone is no code", "+44", "+" B B },
	{ "empty", "", "" },
	{ "letters are spaces", "+44 7700 900123 ext 9",
	    "+44 " B B B B " " B B B B "23     9" },
	{ "digits of another script are spaces, a character each",
	    "+\xd9\xa4\xd9\xa4 \xd9\xa7\xd9\xa7", "+   " "  " },
};

static void
mask_row(void **state)
{
	const struct row *row = *state;
	bool email = row >= emails && row < emails + W_NELEM(emails);
	char *got = email ? mask_email(row->in) : mask_phone(row->in);
	bool same = strcmp(got, row->out) == 0;

	if (!same)
		print_message("# got  '%s'\n# want '%s'\n", got, row->out);
	free(got);
	assert_true(same);
}

/* The SQL functions the queries call give the same. */
static void
sql_row(void **state)
{
	const struct row *row = *state;
	bool email = row >= emails && row < emails + W_NELEM(emails);
	sqlite3 *db;
	sqlite3_stmt *st;
	bool same;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(mask_register(db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, email ? "SELECT mask_email(?)"
	    : "SELECT mask_phone(?)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, row->in, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	same = strcmp((const char *)sqlite3_column_text(st, 0), row->out) == 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_true(same);
}

int
main(void)
{
	struct CMUnitTest tests[2 * (W_NELEM(emails) + W_NELEM(phones))];
	struct buf names = BUF_INIT;
	size_t i, n = 0, at[W_NELEM(tests)];
	int failed;

	for (i = 0; i < W_NELEM(emails) + W_NELEM(phones); i++) {
		bool email = i < W_NELEM(emails);
		const struct row *row = email ? &emails[i] :
		    &phones[i - W_NELEM(emails)];
		int k;

		for (k = 0; k < 2; k++) {
			memset(&tests[n], 0, sizeof tests[n]);
			at[n] = names.len;
			buf_printf(&names, "%s %s%s", email ? "email:" :
			    "phone:", row->name, k ? " (SQL)" : "");
			buf_addc(&names, '\0');
			tests[n].test_func = k ? sql_row : mask_row;
			tests[n].initial_state = (void *)row;
			n++;
		}
	}
	for (i = 0; i < n; i++)
		tests[i].name = names.s + at[i];
	failed = _cmocka_run_group_tests("masking", tests, n, NULL, NULL);
	buf_free(&names);
	return failed;
}
