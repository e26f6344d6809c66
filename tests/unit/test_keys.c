/* tests/unit/test_keys.c: the console's one key table against what
 * documents it: help/keys.txt and the KEYS section of man/warden.1 must
 * hold the reference keys_reference() writes from the tables, word for
 * word; no key means two things in one view; bindings parse as the man
 * page says.
 *
 *   test_keys --text    prints the reference for help/keys.txt
 *   test_keys --man     prints it for the KEYS section of warden.1 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "../../tui/keys.h"
#include "../../tui/view.h"
#include "../../util/util.h"

static char *
slurp(const char *rel)
{
	const char *top = getenv("WARDEN_TOP");
	char path[1024];
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot read %s (set WARDEN_TOP)", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

static void
keys_txt_holds_the_reference(void **state)
{
	struct buf want = BUF_INIT;
	char *have = slurp("help/keys.txt");

	(void)state;
	keys_reference(&want, false);
	if (strstr(have, want.s) == NULL) {
		printf("# help/keys.txt should hold (test_keys --text):\n");
		fail_msg("help/keys.txt is out of date with tui/keys.c");
	}
	free(have);
	buf_free(&want);
}

static void
man_keys_section_holds_the_reference(void **state)
{
	struct buf want = BUF_INIT;
	char *have = slurp("man/warden.1"), *sec, *end;

	(void)state;
	sec = strstr(have, "\n.Sh KEYS\n");
	assert_non_null(sec);
	end = strstr(sec + 1, "\n.Sh ");
	if (end)
		end[1] = '\0';
	keys_reference(&want, true);
	if (strstr(sec, want.s) == NULL)
		fail_msg("the KEYS section of man/warden.1 is out of date with "
		    "tui/keys.c (test_keys --man prints it)");
	free(have);
	buf_free(&want);
}

/* The Tab key's help names the views of the cycle, in order. */
static void
tab_help_names_the_cycle(void **state)
{
	struct buf want = BUF_INIT;
	size_t i;

	(void)state;
	buf_adds(&want, "next view: ");
	for (i = 0; i < ntab_views; i++)
		buf_printf(&want, "%s%s", i ? ", " : "", tab_views[i]->name);
	assert_string_equal(request_help(REQ_NEXT_VIEW), want.s);
	buf_free(&want);
}

static bool
overlaps(enum key_scope a, enum key_scope b)
{
	return a == KS_ALL || b == KS_ALL || a == b;
}

static void
no_key_means_two_things(void **state)
{
	size_t i, j;
	char name[16];

	(void)state;
	for (i = 0; i < nkey_table; i++)
		for (j = i + 1; j < nkey_table; j++)
			if (key_table[i].key == key_table[j].key &&
			    overlaps(key_table[i].scope, key_table[j].scope))
				fail_msg("key %s: %s and %s",
				    key_label(key_table[i].key, name,
				    sizeof name),
				    request_name(key_table[i].req),
				    request_name(key_table[j].req));
	/* A default binding never hides a key of the table where it
	 * applies. */
	for (i = 0; i < ndefault_bindings; i++) {
		const struct binding_def *b = &default_bindings[i];
		int key = key_parse(b->key);
		const struct view_ops *ops = view_by_name(b->view);
		bool pager = ops && (ops->flags & VF_PAGER);

		assert_true(key >= 0);
		if (strcmp(b->view, "*") == 0) {
			assert_int_equal(key_request(key, false), REQ_NONE);
			assert_int_equal(key_request(key, true), REQ_NONE);
		} else if (strcmp(b->view, "lists") == 0) {
			assert_int_equal(key_request(key, false), REQ_NONE);
		} else {
			assert_non_null(ops);
			assert_int_equal(key_request(key, pager), REQ_NONE);
		}
	}
}

static void
key_names_round_trip(void **state)
{
	char name[16];
	size_t i;

	(void)state;
	for (i = 0; i < nkey_table; i++) {
		int k = key_table[i].key;

		key_label(k, name, sizeof name);
		if (k == '\n' || k == KEY_ENTER)
			k = '\r';	/* three codes, one name */
		assert_int_equal(key_parse(name), k);
	}
	assert_int_equal(key_parse("^L"), 12);
	assert_int_equal(key_parse("C-l"), 12);
	assert_int_equal(key_parse("c-L"), 12);
	assert_int_equal(key_parse("F5"), KEY_F(5));
	assert_int_equal(key_parse("space"), ' ');
	assert_int_equal(key_parse("x"), 'x');
	assert_int_equal(key_parse("F13"), -1);
	assert_int_equal(key_parse("xy"), -1);
	assert_int_equal(key_parse(""), -1);
}

static void
bindings_from_the_config(void **state)
{
	char why[256];

	(void)state;
	bindings_init();
	assert_string_equal(binding_find("queue", false, 's'),
	    "suspend %account --for ");
	assert_true(bindings_set("queue s", "suspend %account --for 3d", why,
	    sizeof why));
	assert_string_equal(binding_find("queue", false, 's'),
	    "suspend %account --for 3d");
	/* other views keep the default */
	assert_string_equal(binding_find("account", false, 's'),
	    "suspend %account --for ");
	assert_true(bindings_set("all x", "!queue --sort age", why,
	    sizeof why));
	assert_string_equal(binding_find("audit", false, 'x'),
	    "!queue --sort age");
	assert_true(bindings_set("account C-x", "flags %account", why,
	    sizeof why));
	assert_string_equal(binding_find("account", false, 24),
	    "flags %account");
	/* none unbinds, in that view */
	assert_true(bindings_set("queue c", "none", why, sizeof why));
	assert_null(binding_find("queue", false, 'c'));
	assert_non_null(binding_find("account", false, 'c'));
	/* ban is a list key: in a pager b pages up */
	assert_non_null(binding_find("queue", false, 'b'));
	assert_null(binding_find("thread", true, 'b'));
	assert_false(bindings_set("queue", "claim %account", why, sizeof why));
	assert_non_null(strstr(why, "VIEW KEY"));
	assert_false(bindings_set("queue xyz", "claim %account", why,
	    sizeof why));
	assert_non_null(strstr(why, "not a key"));
	bindings_free();
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_txt_holds_the_reference),
		cmocka_unit_test(man_keys_section_holds_the_reference),
		cmocka_unit_test(tab_help_names_the_cycle),
		cmocka_unit_test(no_key_means_two_things),
		cmocka_unit_test(key_names_round_trip),
		cmocka_unit_test(bindings_from_the_config),
	};

	if (argc == 2 && (strcmp(argv[1], "--text") == 0 ||
	    strcmp(argv[1], "--man") == 0)) {
		struct buf b = BUF_INIT;

		keys_reference(&b, strcmp(argv[1], "--man") == 0);
		fputs(buf_str(&b), stdout);
		buf_free(&b);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
