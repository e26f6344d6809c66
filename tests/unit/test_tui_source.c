/* tests/unit/test_tui_source.c: the console's paged rows (tui/source.c).
 * Rows are read a keyset page at a time and only when asked for; at most
 * SOURCE_PAGES pages are held; a page let go is read again by its
 * cursor; a change under the pages is followed, not trusted. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/source.h"

#define ACCOUNTS 95
#define PAGE 10

struct state {
	struct fixture *f;
	struct fx_counting c;
};

static int
setup(void **state)
{
	struct state *s = calloc(1, sizeof *s);
	char handle[32];
	int i;

	s->f = fx_open();
	fx_account(s->f, "reporter", 400, true, 20, 1);
	for (i = 0; i < ACCOUNTS; i++) {
		int64_t id;

		snprintf(handle, sizeof handle, "acct%03d", i);
		id = fx_account(s->f, handle, 10 + i, false, 0, 0);
		fx_flag(s->f, id, 1, "fraud", 1 + i % 3, 1 + i % 20);
	}
	fx_recompute(s->f);
	fx_counting_init(&s->c, s->f->st);
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct state *s = *state;

	fx_close(s->f);
	free(s);
	return 0;
}

/* The handles of the whole queue, in order, read in one go. */
static char **
all_handles(struct fixture *f, size_t *n)
{
	struct query q = { "queue", 0, NULL, NULL, QUERY_LIMIT_MAX };
	struct rows *r = NULL;
	struct werr e;
	char **v;
	size_t i;

	assert_int_equal(store_query(f->st, &q, &r, &e), 0);
	*n = r->nrows;
	v = calloc(r->nrows, sizeof *v);
	for (i = 0; i < r->nrows; i++)
		v[i] = strdup(rows_text(r, i, "handle"));
	rows_free(r);
	return v;
}

static void
free_handles(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static const char *
handle_at(struct source *src, size_t row)
{
	const struct rows *r;
	struct werr e;
	size_t idx;

	r = source_row(src, row, &idx, &e);
	return r ? rows_text(r, idx, "handle") : NULL;
}

static size_t
held(const struct source *src)
{
	size_t i, n = 0;

	for (i = 0; i < src->npages; i++)
		n += src->pages[i] != NULL;
	return n;
}

static void
reads_only_what_is_asked(void **state)
{
	struct state *s = *state;
	struct source src;
	struct werr e;

	source_init(&src, &s->c.base, "queue", PAGE);
	assert_int_equal(s->c.queries, 0);
	assert_true(source_reach(&src, 0, &e));
	assert_int_equal(s->c.queries, 1);
	assert_int_equal(source_known(&src), PAGE);
	assert_false(src.complete);
	/* the rows of the first page cost nothing more */
	assert_non_null(handle_at(&src, PAGE - 1));
	assert_int_equal(s->c.queries, 1);
	/* the next row reads the next page, and only that */
	assert_non_null(handle_at(&src, PAGE));
	assert_int_equal(s->c.queries, 2);
	assert_int_equal(source_known(&src), 2 * PAGE);
	source_free(&src);
}

static void
walks_to_the_end_holding_few_pages(void **state)
{
	struct state *s = *state;
	struct source src;
	char **want;
	size_t n, i;

	want = all_handles(s->f, &n);
	assert_int_equal(n, ACCOUNTS);
	source_init(&src, &s->c.base, "queue", PAGE);
	for (i = 0; i < n; i++) {
		const char *h = handle_at(&src, i);

		assert_non_null(h);
		assert_string_equal(h, want[i]);
		assert_true(held(&src) <= SOURCE_PAGES);
	}
	assert_null(handle_at(&src, n));
	assert_true(src.complete);
	assert_int_equal(source_known(&src), n);
	/* one query per page, never one per row */
	assert_int_equal(s->c.queries, (int)((n + PAGE - 1) / PAGE));
	/* back to the top: the first page was let go and is read again by
	 * its cursor, with the same rows */
	assert_null(src.pages[0]);
	assert_string_equal(handle_at(&src, 0), want[0]);
	assert_string_equal(handle_at(&src, 15), want[15]);
	assert_int_equal(s->c.queries, (int)((n + PAGE - 1) / PAGE) + 2);
	free_handles(want, n);
	source_free(&src);
}

static void
follows_a_change_under_the_pages(void **state)
{
	struct state *s = *state;
	struct source src;
	char **want;
	size_t n, i;

	source_init(&src, &s->c.base, "queue", PAGE);
	for (i = 0; i < ACCOUNTS; i++)
		assert_non_null(handle_at(&src, i));
	/* Flags resolved elsewhere: 30 accounts leave the queue. */
	fx_sql(s->f, "UPDATE flag SET status = 'dismissed' WHERE account_id "
	    "IN (SELECT id FROM account WHERE handle < 'acct030' AND "
	    "handle <> 'reporter')");
	fx_recompute(s->f);
	want = all_handles(s->f, &n);
	assert_int_equal(n, ACCOUNTS - 30);
	/* The first page, let go, is read again and finds other rows:
	 * what follows it is read anew, so the list ends where the data
	 * does (no reset: the source notices by itself). */
	assert_null(src.pages[0]);
	for (i = 0; i < n; i++)
		assert_string_equal(handle_at(&src, i), want[i]);
	assert_null(handle_at(&src, n));
	assert_int_equal(source_known(&src), n);
	free_handles(want, n);
	source_free(&src);
}

static void
filters_are_parameters(void **state)
{
	struct state *s = *state;
	struct source src;
	struct werr e;

	source_init(&src, &s->c.base, "queue", PAGE);
	source_param(&src, "reason", "phishing");
	assert_string_equal(source_get_param(&src, "reason"), "phishing");
	assert_true(source_reach(&src, 0, &e));
	assert_int_equal(source_known(&src), 0);
	assert_true(src.complete);
	source_param(&src, "reason", "fraud");
	source_reset(&src);
	assert_true(source_reach(&src, 0, &e));
	assert_int_equal(source_known(&src), PAGE);
	source_param(&src, "reason", NULL);
	assert_null(source_get_param(&src, "reason"));
	assert_int_equal(src.nparams, 0);
	/* a bad parameter is the store's error, not a crash */
	source_param(&src, "sort", "sideways");
	source_reset(&src);
	assert_false(source_reach(&src, 0, &e));
	assert_int_equal(e.kind, WE_USAGE);
	source_free(&src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_only_what_is_asked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    walks_to_the_end_holding_few_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    follows_a_change_under_the_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(filters_are_parameters,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
