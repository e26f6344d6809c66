/* cmd/restore.c: make a warned, suspended or banned account active again. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	return plan_accounts(ctx, a, 0, a->argc, A_RESTORE, p, e);
}

const struct cmd_entry cmd_restore = {
	.name = "restore",
	.aliases = "",
	.usage = "restore ACCOUNT... --reason TEXT",
	.help = "make a warned, suspended or banned account active again",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
