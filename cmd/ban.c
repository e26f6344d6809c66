/* cmd/ban.c: a permanent ban.  No alias and no prefix: it is written in
 * full, and the console asks before it runs. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	return plan_accounts(ctx, a, 0, a->argc, A_BAN, p, e);
}

const struct cmd_entry cmd_ban = {
	.name = "ban",
	.aliases = "",
	.usage = "ban ACCOUNT... --reason TEXT",
	.help = "ban an account for good (a strike; admin)",
	.topic = T_ACCOUNT,
	.flags = CMD_DESTRUCTIVE,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
