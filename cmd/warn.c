/* cmd/warn.c: warn an account (a strike). */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	return plan_accounts(ctx, a, 0, a->argc, A_WARN, p, e);
}

const struct cmd_entry cmd_warn = {
	.name = "warn",
	.aliases = "",
	.usage = "warn ACCOUNT... --reason TEXT",
	.help = "warn an account (a strike)",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
