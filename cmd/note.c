/* cmd/note.c: a note on an account, for the next moderator. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "sticky", 's', NULL, "keep it at the top of the account's notes" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	struct buf text = BUF_INIT;
	size_t i;

	/* the words after the account are the note: quoting is optional */
	for (i = 1; i < a->argc; i++)
		buf_printf(&text, "%s%s", i > 1 ? " " : "", a->argv[i].s);
	if (plan_accounts(ctx, a, 0, 1, A_NOTE, p, e) < 0) {
		buf_free(&text);
		return -1;
	}
	action_set_param(&p->acts[0], "text", buf_str(&text));
	if (arg_flag(a, "sticky"))
		action_set_param(&p->acts[0], "sticky", "1");
	buf_free(&text);
	return 0;
}

const struct cmd_entry cmd_note = {
	.name = "note",
	.aliases = "",
	.usage = "note ACCOUNT TEXT... [--sticky]",
	.help = "add a note to an account",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 2, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
