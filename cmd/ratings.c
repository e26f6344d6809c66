/* cmd/ratings.c: ratings given and received, retaliatory ones marked. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_PAGE_OPTS, CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p[] = { PARAM("account", a->argv[0].s) };

	return cmd_list(ctx, a, "ratings", "ratings", p, W_NELEM(p), e);
}

const struct cmd_entry cmd_ratings = {
	.name = "ratings",
	.aliases = "",
	.usage = "ratings ACCOUNT",
	.help = "ratings an account gave and received, newest first",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 1, .max_args = 1,
	.opts = opts,
	.run = run,
};
