/* cmd/appeals.c: appeals against strikes, pending ones by default. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "status", 's', "STATUS", "pending (the default), upheld, overturned "
	  "or all" },
	{ "account", 0, "ACCOUNT", "appeals of this account" },
	CMD_PAGE_OPTS,
	CMD_OPTS_END
};

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p[] = {
		PARAM("status", arg_opt(a, "status")),
		PARAM("account", arg_opt(a, "account")),
	};

	return cmd_list(ctx, a, "appeals", "appeals", p, W_NELEM(p), e);
}

const struct cmd_entry cmd_appeals = {
	.name = "appeals",
	.aliases = "",
	.usage = "appeals [--status STATUS] [--account ACCOUNT]",
	.help = "appeals against strikes, pending first",
	.topic = T_APPEAL,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
