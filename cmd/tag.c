/* cmd/tag.c: tag an account (words of a-z, 0-9 and - _ : .). */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	return plan_account_words(ctx, a, A_TAG, "tag", p, e);
}

const struct cmd_entry cmd_tag = {
	.name = "tag",
	.aliases = "",
	.usage = "tag ACCOUNT TAG...",
	.help = "tag an account (words of a-z, 0-9 and - _ : .)",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 2, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
