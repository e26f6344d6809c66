/* cmd/unmute_reporter.c: a muted reporter's flags count again. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	return plan_accounts(ctx, a, 0, a->argc, A_UNMUTE, p, e);
}

const struct cmd_entry cmd_unmute_reporter = {
	.name = "unmute-reporter",
	.aliases = "unmute",
	.usage = "unmute-reporter ACCOUNT... --reason TEXT",
	.help = "let a muted reporter's flags count again",
	.topic = T_APPEAL,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
