/* cmd/vouches.c: who vouches for an account, and for whom it vouches. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p[] = { PARAM("account", a->argv[0].s) };

	return cmd_list(ctx, a, "vouches", "vouches", p, W_NELEM(p), e);
}

const struct cmd_entry cmd_vouches = {
	.name = "vouches",
	.aliases = "",
	.usage = "vouches ACCOUNT",
	.help = "vouches in and out, and which vouchers form a peer group",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 1, .max_args = 1,
	.opts = opts,
	.run = run,
};
