/* cmd/claim.c: take an account's open flags as yours to work. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	return plan_accounts(ctx, a, 0, a->argc, A_CLAIM, p, e);
}

const struct cmd_entry cmd_claim = {
	.name = "claim",
	.aliases = "",
	.usage = "claim ACCOUNT...",
	.help = "take an account's open flags as yours to work",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
