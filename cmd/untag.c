/* cmd/untag.c: remove tags from an account. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	return plan_account_words(ctx, a, A_UNTAG, "tag", p, e);
}

const struct cmd_entry cmd_untag = {
	.name = "untag",
	.aliases = "",
	.usage = "untag ACCOUNT TAG...",
	.help = "remove tags from an account",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 2, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
