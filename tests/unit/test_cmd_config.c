/* tests/unit/test_cmd_config.c: the INI configuration file
 * (cmd/config.c): every entry kept with its section and line, sections
 * for other layers iterated by kind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cmd/config.h"

static char path[64];

static int
setup(void **state)
{
	FILE *fp;
	int fd;

	(void)state;
	snprintf(path, sizeof path, "/tmp/warden-config-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("# comment\n"
	    "[warden]\n"
	    "db = /srv/warden.db\n"
	    "format = json\n"
	    "\n"
	    "[bind]\n"
	    "S = suspend %account --for 7d\n"
	    "[webhook slack]\n"
	    "url = https://hooks.example/T0\n"
	    "[webhook pager]\n"
	    "url = https://pager.example/\n"
	    "[warden]\n"
	    "format = tsv\n", fp);
	fclose(fp);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

struct seen {
	int n;
	char names[4][32];
	int lines[4];
};

static void
collect(void *ctx, const struct config_entry *e)
{
	struct seen *s = ctx;

	if (s->n < 4) {
		snprintf(s->names[s->n], sizeof s->names[0], "%s", e->name);
		s->lines[s->n] = e->line;
	}
	s->n++;
}

static void
test_entries(void **state)
{
	struct config c;
	const struct config_entry *e;
	struct seen s;

	(void)state;
	config_load(&c, path);
	assert_string_equal(c.path, path);
	assert_int_equal(c.n, 6);
	assert_string_equal(config_get(&c, "warden", "db"), "/srv/warden.db");
	/* the last value wins */
	assert_string_equal(config_get(&c, "warden", "format"), "tsv");
	e = config_find(&c, "warden", "format");
	assert_int_equal(e->line, 13);
	assert_null(config_get(&c, "warden", "moderator"));
	e = config_find(&c, "bind", "S");
	assert_int_equal(e->line, 7);
	assert_string_equal(e->value, "suspend %account --for 7d");
	memset(&s, 0, sizeof s);
	config_each(&c, "webhook", collect, &s);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.names[0], "slack");
	assert_int_equal(s.lines[0], 9);
	assert_string_equal(s.names[1], "pager");
	memset(&s, 0, sizeof s);
	config_each(&c, "web", collect, &s);	/* a whole first word only */
	assert_int_equal(s.n, 0);
	config_free(&c);
}

static void
test_missing_file(void **state)
{
	struct config c;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/nonexistent-warden", 1);
	config_load(&c, NULL);
	assert_null(c.path);
	assert_int_equal(c.n, 0);
	assert_null(config_get(&c, "warden", "db"));
	config_free(&c);
	config_free(&c);	/* twice is harmless */
}

static void
test_bool(void **state)
{
	bool ok = false;

	(void)state;
	assert_true(config_bool("yes", &ok) && ok);
	ok = false;
	assert_false(config_bool("off", &ok));
	assert_true(ok);
	ok = false;
	assert_false(config_bool("maybe", &ok));
	assert_false(ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_entries, setup, teardown),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_bool),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
