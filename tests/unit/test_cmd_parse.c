/* tests/unit/test_cmd_parse.c: look-up of commands and the parsing of
 * options and arguments against the table (cmd/parse.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/internal.h"

static void
parsed(const char *line, struct cmd_args *a)
{
	struct werr e;
	bool empty;

	if (cmd_parse(line, strlen(line), a, &empty, &e) < 0)
		fail_msg("'%s' refused: %s", line, e.msg);
	assert_false(empty);
}

static void
refused(const char *line, const char *words)
{
	struct cmd_args a;
	struct werr e;
	bool empty;

	if (cmd_parse(line, strlen(line), &a, &empty, &e) == 0)
		fail_msg("'%s' was accepted", line);
	assert_int_equal(e.kind, WE_USAGE);
	if (strstr(e.msg, words) == NULL)
		fail_msg("message '%s' lacks '%s'", e.msg, words);
}

static void
test_lookup(void **state)
{
	struct werr e;

	(void)state;
	assert_string_equal(cmd_lookup("suspend", &e)->name, "suspend");
	assert_string_equal(cmd_lookup("sus", &e)->name, "suspend");
	assert_string_equal(cmd_lookup("audit", &e)->name, "log");
	assert_string_equal(cmd_lookup("q", &e)->name, "quit");
	assert_null(cmd_lookup("s", &e));
	assert_non_null(strstr(e.msg, "ambiguous command 's', could be:"));
	assert_null(cmd_lookup("suspnd", &e));
	assert_non_null(strstr(e.msg, "did you mean 'suspend'?"));
	assert_null(cmd_lookup("zzzzzz", &e));
	assert_non_null(strstr(e.msg, "'help' lists them"));
	/* ban is written in full */
	assert_null(cmd_lookup("ba", &e));
	assert_non_null(strstr(e.msg, "did you mean 'ban'?"));
	assert_string_equal(cmd_lookup("ban", &e)->name, "ban");
	assert_null(cmd_lookup("", &e));
}

static void
test_table_is_sound(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; cmd_table[i]; i++) {
		const struct cmd_entry *en = cmd_table[i];
		struct werr e;

		assert_ptr_equal(cmd_lookup(en->name, &e), en);
		assert_non_null(en->usage);
		assert_true(str_prefix(en->usage, en->name));
		assert_non_null(en->help);
		assert_non_null(en->topic);
		if (en->subs == NULL) {
			/* a read entry runs, a write entry plans: one of them */
			assert_true((en->run == NULL) != (en->plan == NULL));
			assert_true(!(en->flags & CMD_READONLY) ==
			    (en->plan != NULL));
			continue;
		}
		for (j = 0; en->subs[j]; j++) {
			const struct cmd_entry *sub = en->subs[j];
			char full[64];

			snprintf(full, sizeof full, "%s %s", en->name,
			    sub->name);
			assert_true(str_prefix(sub->usage, full));
			assert_ptr_equal(cmd_lookup_sub(en, sub->name, &e), sub);
			assert_true((sub->run == NULL) != (sub->plan == NULL));
		}
		/* every name is unique */
		for (j = 0; j < i; j++)
			assert_string_not_equal(cmd_table[j]->name, en->name);
	}
}

static void
test_options(void **state)
{
	struct cmd_args a;

	(void)state;
	parsed("suspend @a 12 --for 7d -r 'x y' --dry-run --key=k1", &a);
	assert_string_equal(a.name, "suspend");
	assert_int_equal(a.argc, 2);
	assert_string_equal(a.argv[1].s, "12");
	assert_string_equal(arg_opt(&a, "for"), "7d");
	assert_int_equal(arg_col(&a, "for"), 21);
	assert_string_equal(arg_opt(&a, "reason"), "x y");
	assert_true(arg_flag(&a, "dry-run"));
	assert_string_equal(arg_opt(&a, "key"), "k1");
	assert_null(arg_opt(&a, "force"));
	cmd_args_free(&a);
	/* a value may look like an option; -- ends the options */
	parsed("log --since -7d", &a);
	assert_string_equal(arg_opt(&a, "since"), "-7d");
	cmd_args_free(&a);
	parsed("note @a -- --sticky", &a);
	assert_int_equal(a.argc, 2);
	assert_false(arg_flag(&a, "sticky"));
	cmd_args_free(&a);
	/* the last of a repeated option wins */
	parsed("warn @a --reason one --reason two", &a);
	assert_string_equal(arg_opt(&a, "reason"), "two");
	cmd_args_free(&a);
}

static void
test_subcommands(void **state)
{
	struct cmd_args a;

	(void)state;
	parsed("moderator add dora --role senior", &a);
	assert_string_equal(a.name, "moderator add");
	assert_non_null(a.parent);
	assert_string_equal(a.argv[0].s, "dora");
	cmd_args_free(&a);
	parsed("mod ls", &a);
	assert_string_equal(a.name, "moderator list");
	cmd_args_free(&a);
	refused("moderator", "moderator needs one of: list, add");
	refused("moderator frob", "unknown moderator subcommand 'frob'; "
	    "'help moderator' lists them");
	refused("token --label x", "token needs one of");
}

static void
test_refusals(void **state)
{
	(void)state;
	refused("show", "show needs more arguments; usage: show ACCOUNT");
	refused("show @a @b", "too many arguments for show: '@b' at column 9");
	refused("warn @a --raeson x", "did you mean --reason?");
	refused("warn @a --colour x", "warn has no option --colour (column 9)");
	refused("warn @a -z", "warn has no option -z");
	refused("suspend @a --for", "--for needs a value: --for DURATION");
	refused("warn @a --dry-run=yes", "--dry-run takes no value");
	refused("warn @a -rn", "short options come one per word");
	refused("--for 7d", "a line starts with a command");
	refused("note 'x", "unbalanced quote");
}

static void
test_needs_store(void **state)
{
	(void)state;
	assert_false(cmd_line_needs_store("help"));
	assert_false(cmd_line_needs_store("help suspend"));
	assert_false(cmd_line_needs_store("quit"));
	assert_true(cmd_line_needs_store("queue"));
	assert_true(cmd_line_needs_store("no such thing"));
	assert_true(cmd_line_needs_store("# a comment") == false);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_table_is_sound),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_subcommands),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_needs_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
