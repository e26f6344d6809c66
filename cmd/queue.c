/* cmd/queue.c: the queue of flagged accounts, most urgent first. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "status", 's', "STATUS", "only accounts in this status: active, "
	  "warned, suspended or banned" },
	{ "reason", 0, "REASON", "only accounts with an open flag of this "
	  "reason (fraud, phishing, ...)" },
	{ "trust", 't', "LEVEL", "only accounts at this trust level (0 to 4)" },
	{ "claimed", 'c', "WHO", "claimed by WHO, 'me', 'none' or 'any'" },
	{ "sort", 0, "ORDER", "priority (the default), age or flags" },
	CMD_PAGE_OPTS,
	CMD_OPTS_END
};

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	const char *claimed = arg_opt(a, "claimed");
	struct param p[] = {
		PARAM("status", arg_opt(a, "status")),
		PARAM("reason", arg_opt(a, "reason")),
		PARAM("trust", arg_opt(a, "trust")),
		PARAM("claimed", str_eq(claimed, "me") ? ctx->moderator :
		    claimed),
		PARAM("sort", arg_opt(a, "sort")),
	};

	return cmd_list(ctx, a, "queue", "queue", p, W_NELEM(p), e);
}

const struct cmd_entry cmd_queue = {
	.name = "queue",
	.aliases = "",
	.usage = "queue [--status STATUS] [--reason REASON] [--trust LEVEL] "
	    "[--claimed WHO] [--sort ORDER]",
	.help = "flagged accounts, most urgent first",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
