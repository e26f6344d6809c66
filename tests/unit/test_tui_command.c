/* tests/unit/test_tui_command.c: what the console's commands cost in
 * store queries, which over a slow link is what a moderator waits for.
 * The console runs on a curses screen that writes to /dev/null; the
 * store counts the queries it passes on. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/cmd.h"
#include "../../tui/command.h"
#include "../../tui/table.h"

#define ACCOUNTS 150

struct state {
	struct fixture *f;
	struct fx_counting c;
	struct cmd_ctx ctx;
	struct cmd_hooks saved;
	struct tui ui;
	SCREEN *screen;
	FILE *out, *in;
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
		fx_flag(s->f, id, 1, i % 2 ? "fraud" : "spam", 1 + i % 3,
		    1 + i % 20);
	}
	fx_recompute(s->f);
	fx_counting_init(&s->c, s->f->st);
	cmd_ctx_init(&s->ctx, &s->c.base, "alice", "admin");

	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	s->out = fopen("/dev/null", "w");
	s->in = fopen("/dev/null", "r");
	s->screen = newterm("xterm", s->out, s->in);
	assert_non_null(s->screen);
	s->ui.cmd = &s->ctx;
	s->ui.st = &s->c.base;
	s->ui.moderator = (char *)"alice";
	s->ui.role = (char *)"admin";
	s->ui.ntabs = (int)ntab_views;
	term_layout(&s->ui);
	command_attach(&s->ui, &s->ctx, &s->saved);
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct state *s = *state;
	int i;

	while (s->ui.depth > 1)
		view_free(s->ui.stack[--s->ui.depth]);
	for (i = 0; i < s->ui.ntabs; i++)
		view_free(s->ui.tabs[i]);
	command_detach(&s->ctx, &s->saved);
	buf_free(&s->ui.message);
	delwin(s->ui.title);
	delwin(s->ui.head);
	delwin(s->ui.body);
	delwin(s->ui.status);
	delwin(s->ui.msg);
	endwin();
	delscreen(s->screen);
	fclose(s->out);
	fclose(s->in);
	fx_close(s->f);
	free(s);
	return 0;
}

/* The queries one command line costs, and what `warden -c` would run for
 * it alone. */
static int
cost(struct state *s, const char *line, int *alone)
{
	struct cmd_ctx plain;
	int before;

	cmd_ctx_init(&plain, &s->c.base, "alice", "admin");
	plain.out = s->out;
	before = s->c.queries;
	cmd_run(&plain, line);
	*alone = s->c.queries - before;
	before = s->c.queries;
	tui_command(&s->ui, line);
	return s->c.queries - before;
}

static void
a_listing_reads_its_view_once(void **state)
{
	struct state *s = *state;
	struct view *v;
	int alone, n;

	/* The queue, scrolled down three pages. */
	tui_show_tab(&s->ui, 0);
	v = tui_top(&s->ui);
	view_goto(v, 120);
	assert_true(v->offset > 100);
	/* Filtered: the command's own query and one page of the view,
	 * from its top; not the pages down to where the selection was. */
	n = cost(s, "queue --reason fraud", &alone);
	assert_int_equal(n, alone + 1);
	assert_ptr_equal(tui_top(&s->ui), s->ui.tabs[0]);
	assert_string_equal(source_get_param(&((struct table *)
	    s->ui.tabs[0]->priv)->src, "reason"), "fraud");
	assert_int_equal(v->lineno, 0);
	/* A view of the cycle not opened yet: read once, with the filters
	 * already set, not first without them. */
	n = cost(s, "log --actor alice", &alone);
	assert_int_equal(n, alone + 1);
	assert_string_equal(tui_top(&s->ui)->ops->name, "audit");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_listing_reads_its_view_once,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
