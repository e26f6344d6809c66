/* tests/unit/test_api_man.c: man/warden-api.7 says what the code does.
 * Every query of the store (data/query.c) has its row in the table of
 * queries, with the same parameters; every action kind (data/action.c)
 * has its row in the table of kinds, with the same target, least role,
 * reason and parameters; and mandoc finds nothing to warn about. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		fail_msg("%s: cannot read it (run from the top of the tree)",
		    path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

/* The man page's line that starts with prefix, or NULL. */
static char *
line_of(const char *page, const char *prefix)
{
	const char *p = page;
	size_t n = strlen(prefix);

	while (p && *p) {
		const char *end = strchr(p, '\n');

		if (strncmp(p, prefix, n) == 0)
			return xstrndup(p, end ? (size_t)(end - p) : strlen(p));
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

/* "a,b" and "c" as the man page writes them: "a b Op c". */
static void
params_words(struct buf *b, const char *required, const char *optional)
{
	const char *p;

	for (p = required; *p; p++)
		buf_addc(b, *p == ',' ? ' ' : *p);
	if (*optional) {
		if (*required)
			buf_addc(b, ' ');
		buf_adds(b, "Op ");
		for (p = optional; *p; p++)
			buf_addc(b, *p == ',' ? ' ' : *p);
	}
}

static void
test_action_kinds(void **state)
{
	char *page = slurp("man/warden-api.7");
	int i;

	(void)state;
	for (i = 0; i < A__COUNT; i++) {
		const struct action_spec *sp = action_spec((enum action_kind)i);
		struct buf want = BUF_INIT;
		char prefix[64], *got;

		snprintf(prefix, sizeof prefix, ".It Li %s Ta ", sp->name);
		buf_printf(&want, "%s%s Ta %s Ta %s", prefix,
		    target_type_name(sp->ttype), sp->role, sp->reason ?
		    "R Ta" : "Ta");
		if (*sp->required || *sp->optional) {
			buf_addc(&want, ' ');
			params_words(&want, sp->required, sp->optional);
		}
		got = line_of(page, prefix);
		if (got == NULL)
			fail_msg("warden-api.7 has no row for the action %s",
			    sp->name);
		if (strcmp(got, want.s) != 0)
			fail_msg("warden-api.7 says\n  %s\nthe code says\n  %s",
			    got, want.s);
		free(got);
		buf_free(&want);
	}
	free(page);
}

static void
test_queries(void **state)
{
	char *page = slurp("man/warden-api.7");
	char *code = slurp("data/query.c");
	const char *p = strstr(code, "} qdefs[] = {");
	const char *end = p ? strstr(p, "\n};") : NULL;
	int n = 0;

	(void)state;
	assert_non_null(end);
	/* entries read: { "name", "params", q_fn }, */
	while ((p = strstr(p, "\n\t{ \"")) != NULL && p < end) {
		char name[64], params[128], prefix[80], *got, *want;
		struct buf b = BUF_INIT;
		const char *q;
		int k = sscanf(p, "\n\t{ \"%63[^\"]\", \"%127[^\"]\"", name,
		    params);

		if (k < 1)
			fail_msg("cannot read the qdefs table");
		if (k == 1)
			params[0] = '\0';	/* "" */
		n++;
		p++;
		snprintf(prefix, sizeof prefix, ".It Li %s Ta ", name);
		got = line_of(page, prefix);
		if (got == NULL)
			fail_msg("warden-api.7 has no row for the query %s",
			    name);
		/* the words of the parameters column, without Op and | */
		q = got + strlen(prefix);
		while (*q && strncmp(q, " Ta", 3) != 0 && strncmp(q, "Ta", 2)
		    != 0) {
			const char *end = q + strcspn(q, " ");

			if (!(end - q == 2 && strncmp(q, "Op", 2) == 0) &&
			    !(end - q == 1 && *q == '|')) {
				if (b.len)
					buf_addc(&b, ',');
				buf_add(&b, q, (size_t)(end - q));
			}
			q = *end ? end + 1 : end;
		}
		want = params;
		if (strcmp(buf_str(&b), want) != 0)
			fail_msg("warden-api.7 gives %s the parameters '%s'; "
			    "the store takes '%s'", name, buf_str(&b), want);
		buf_free(&b);
		free(got);
	}
	assert_true(n >= 26);
	free(code);
	free(page);
}

static void
test_lint(void **state)
{
	(void)state;
	if (system("command -v mandoc >/dev/null 2>&1") != 0) {
		print_message("# needs mandoc\n");
		skip();
	}
	assert_int_equal(system("mandoc -Tlint -Wwarning man/warden-api.7"),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_action_kinds),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_lint),
	};

	return cmocka_run_group_tests_name("warden-api.7 and the code", tests,
	    NULL, NULL);
}
