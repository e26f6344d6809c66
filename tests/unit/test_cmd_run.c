/* tests/unit/test_cmd_run.c: running lines against a real store through
 * the front-end hooks, as the console does: what is emitted, what is
 * asked, what is applied (cmd/run.c, cmd/batch.c, cmd/out_*.c). */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/cmd.h"

struct seen {
	int emits, asks;
	enum cmd_shape shape;
	char title[128];
	char last[512];		/* last message */
	enum cmd_level level;
	bool answer;		/* what confirm says */
	size_t preview_n;	/* results shown in the last preview */
	char preview_msg[256];
	char question[160];
};

static void
on_emit(struct cmd_ctx *ctx, const struct cmd_output *out)
{
	struct seen *s = ctx->user;

	s->emits++;
	s->shape = out->shape;
	snprintf(s->title, sizeof s->title, "%s", out->title ? out->title : "");
}

static void
on_message(struct cmd_ctx *ctx, enum cmd_level level, const char *text)
{
	struct seen *s = ctx->user;

	s->level = level;
	snprintf(s->last, sizeof s->last, "%s", text);
}

static bool
on_confirm(struct cmd_ctx *ctx, const char *question,
    const struct cmd_output *preview)
{
	struct seen *s = ctx->user;

	snprintf(s->question, sizeof s->question, "%s", question);
	s->asks++;
	s->preview_n = preview->nresults;
	snprintf(s->preview_msg, sizeof s->preview_msg, "%s",
	    preview->nresults ? preview->results[0].message : "");
	/* a preview is a dry run */
	assert_true(preview->acts[0].dry_run);
	return s->answer;
}

struct t {
	struct fixture *f;
	struct cmd_ctx ctx;
	struct seen seen;
};

static int
setup(void **state)
{
	struct t *t = calloc(1, sizeof *t);

	t->f = fx_open();
	fx_account(t->f, "sam", 100, true, 12, 1);
	fx_account(t->f, "rita", 5, false, 0, 0);
	fx_account(t->f, "omar", 40, true, 4, 1);
	fx_flag(t->f, 1, 2, "fraud", 3, 1);
	fx_flag(t->f, 1, 3, "spam", 1, 1);
	fx_recompute(t->f);
	assert_int_equal(fx_act_named(t->f, "alice", A_TEMPLATE_ADD, "phishing",
	    NULL, "text", "Phishing link sent by {handle} ({id}), seen by "
	    "{moderator}", NULL), 0);
	cmd_ctx_init(&t->ctx, t->f->st, "alice", "admin");
	t->ctx.emit = on_emit;
	t->ctx.message = on_message;
	t->ctx.confirm = on_confirm;
	t->ctx.user = &t->seen;
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	fx_close(t->f);
	free(t);
	return 0;
}

static int64_t
audits(struct t *t)
{
	return fx_int(t->f, "SELECT count(*) FROM audit");
}

static void
test_read_emits(void **state)
{
	struct t *t = *state;

	assert_int_equal(cmd_run(&t->ctx, "queue"), WE_OK);
	assert_int_equal(t->seen.emits, 1);
	assert_int_equal(t->seen.shape, CMD_LIST);
	assert_int_equal(cmd_run(&t->ctx, "show @sam"), WE_OK);
	assert_int_equal(t->seen.shape, CMD_RECORD);
	assert_string_equal(t->seen.title, "@sam (account 1)");
	assert_int_equal(cmd_run(&t->ctx, "help suspend"), WE_OK);
	assert_int_equal(t->seen.shape, CMD_TEXT);
	/* blank lines and comments do nothing */
	assert_int_equal(cmd_run(&t->ctx, "   # nothing"), WE_OK);
	assert_int_equal(t->seen.emits, 3);
}

static void
test_errors_reach_message(void **state)
{
	struct t *t = *state;

	assert_int_equal(cmd_run(&t->ctx, "show @nobody"), WE_NOTFOUND);
	assert_int_equal(t->seen.level, CMD_ERROR);
	assert_string_equal(t->seen.last, "no account with handle @nobody");
	assert_int_equal(cmd_run(&t->ctx, "frobnicate"), WE_USAGE);
	assert_int_equal(t->seen.emits, 0);
	/* where it came from: -c N, FILE:N, or the origin alone when no
	 * line is at fault (an atomic batch's commit), never "-c 0" */
	t->ctx.origin = "-c";
	t->ctx.line = 2;
	cmd_message(&t->ctx, CMD_ERROR, "busy");
	assert_string_equal(t->seen.last, "-c 2: busy");
	t->ctx.line = 0;
	cmd_message(&t->ctx, CMD_ERROR, "busy");
	assert_string_equal(t->seen.last, "-c: busy");
	t->ctx.origin = "ring.txt";
	t->ctx.line = 3;
	cmd_message(&t->ctx, CMD_ERROR, "busy");
	assert_string_equal(t->seen.last, "ring.txt:3: busy");
	t->ctx.origin = NULL;
}

static void
test_template_reason(void **state)
{
	struct t *t = *state;
	char *reason;

	assert_int_equal(cmd_run(&t->ctx, "warn @sam --reason @phishing"), WE_OK);
	assert_int_equal(t->seen.shape, CMD_RESULTS);
	reason = fx_text(t->f, "SELECT reason FROM audit ORDER BY id DESC "
	    "LIMIT 1");
	assert_string_equal(reason, "Phishing link sent by sam (1), seen by "
	    "alice");
	free(reason);
	/* a flag has no handle to fill in */
	assert_int_equal(cmd_run(&t->ctx, "resolve 1 upheld --reason "
	    "@phishing"), WE_INVALID);
	assert_non_null(strstr(t->seen.last, "needs {handle}"));
}

static void
test_confirm_destructive(void **state)
{
	struct t *t = *state;
	int64_t before = audits(t);

	/* ban asks; no means nothing happens */
	t->seen.answer = false;
	assert_int_equal(cmd_run(&t->ctx, "ban @sam --reason fraud"), WE_OK);
	assert_int_equal(t->seen.asks, 1);
	assert_int_equal(t->seen.preview_n, 1);
	assert_non_null(strstr(t->seen.preview_msg, "banned @sam"));
	assert_non_null(strstr(t->seen.last, "cancelled"));
	assert_string_equal(t->seen.question, "ban @sam?");
	assert_int_equal(audits(t), before);
	/* several targets ask too; yes applies them all */
	t->seen.answer = true;
	assert_int_equal(cmd_run(&t->ctx, "warn @sam @rita --reason x"), WE_OK);
	assert_int_equal(t->seen.asks, 2);
	assert_int_equal(t->seen.preview_n, 2);
	assert_string_equal(t->seen.question, "warn @sam and @rita? (all or "
	    "nothing)");
	assert_int_equal(audits(t), before + 2);
	t->seen.answer = false;
	assert_int_equal(cmd_run(&t->ctx, "resolve 1 2 dismissed --reason x"),
	    WE_OK);
	assert_string_equal(t->seen.question, "resolve flag:1 and flag:2? "
	    "(all or nothing)");
	t->seen.answer = true;
	/* one target of a plain command does not ask */
	assert_int_equal(cmd_run(&t->ctx, "warn @omar --reason x"), WE_OK);
	assert_int_equal(t->seen.asks, 3);
	/* a preview that fails is an error, not a question */
	assert_int_equal(cmd_run(&t->ctx, "warn @omar 999 --reason x"),
	    WE_NOTFOUND);
	assert_int_equal(t->seen.asks, 3);
	/* a dry run never asks */
	assert_int_equal(cmd_run(&t->ctx, "ban @omar --reason x --dry-run"),
	    WE_OK);
	assert_int_equal(t->seen.asks, 3);
}

static void
test_read_only_and_quit(void **state)
{
	struct t *t = *state;

	t->ctx.read_only = true;
	assert_int_equal(cmd_run(&t->ctx, "warn @sam --reason x"), WE_PERM);
	assert_non_null(strstr(t->seen.last, "read-only"));
	assert_int_equal(cmd_run(&t->ctx, "moderator list"), WE_OK);
	assert_false(t->ctx.quit);
	assert_int_equal(cmd_run(&t->ctx, "quit"), WE_OK);
	assert_true(t->ctx.quit);
}

static void
test_batch_lines(void **state)
{
	struct t *t = *state;
	const char *lines[] = { "tag @sam one", "tag @nobody two",
		"tag @sam three" };
	struct cmd_batch_opts o = { 0 };
	int64_t before = audits(t);

	/* atomic: all or nothing */
	o.atomic = true;
	assert_int_equal(cmd_batch_lines(&t->ctx, "-c", lines, 3, &o), 65);
	assert_int_equal(audits(t), before);
	assert_non_null(strstr(t->seen.last, "-c 2: no account"));
	assert_non_null(strstr(t->seen.last, "nothing was applied"));
	/* keep going: the good lines apply, the status is the failure's */
	o.atomic = false;
	o.keep_going = true;
	assert_int_equal(cmd_batch_lines(&t->ctx, "-c", lines, 3, &o), 65);
	assert_int_equal(audits(t), before + 2);
	/* derived keys: the same lines again apply nothing */
	o.keep_going = false;
	o.derive_keys = true;
	before = audits(t);
	assert_int_equal(cmd_batch_lines(&t->ctx, "-c", lines + 2, 1, &o), 1);
	assert_int_equal(audits(t), before);	/* already tagged: refused */
	lines[0] = "warn @rita --reason once";
	assert_int_equal(cmd_batch_lines(&t->ctx, "-c", lines, 1, &o), 0);
	assert_int_equal(cmd_batch_lines(&t->ctx, "-c", lines, 1, &o), 0);
	assert_int_equal(audits(t), before + 1);
}

/* The default writers, into memory. */
static char *
written(struct t *t, enum cmd_format f, const char *line)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	t->ctx.emit = NULL;
	t->ctx.out = fp;
	t->ctx.format = f;
	assert_int_equal(cmd_run(&t->ctx, line), WE_OK);
	fclose(fp);
	t->ctx.emit = on_emit;
	return s;
}

static void
test_writers_escape(void **state)
{
	struct t *t = *state;
	char *s;

	fx_sql(t->f, "UPDATE account SET display_name = 'Evil\x1b]0;x\x07\t"
	    "\xc2\x9b" "31m\xe2\x80\xae" "x\\y' WHERE id = 1");
	s = written(t, CMD_FMT_TSV, "show @sam");
	assert_non_null(strstr(s, "\tEvil\\x1b]0;x\\x07\\t\\u009b31m\\u202ex\\\\y\t"));
	free(s);
	s = written(t, CMD_FMT_TABLE, "show @sam");
	assert_non_null(strstr(s, "Evil^[]0;x^G"));
	assert_null(strchr(s, '\x1b'));
	free(s);
	s = written(t, CMD_FMT_JSON, "show @sam");
	assert_non_null(strstr(s, "\"display_name\":\"Evil\\u001B]0;x\\u0007"
	    "\\t\\u009B31m\\u202Ex\\\\y\""));
	assert_null(strchr(s, '\x1b'));
	free(s);
	/* results: one object per action */
	s = written(t, CMD_FMT_JSON, "note @sam hi --dry-run");
	assert_non_null(strstr(s, "{\"action\":\"note\",\"target\":"
	    "\"account:1\",\"audit_id\":0,\"replayed\":false,"
	    "\"dry_run\":true,\"message\":"));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_emits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_errors_reach_message,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_template_reason, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_confirm_destructive, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_read_only_and_quit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_batch_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_writers_escape, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
