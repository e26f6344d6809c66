/* cmd/flags.c: flags, newest first: an account's, or all of them. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "status", 's', "STATUS", "open, upheld or dismissed" },
	{ "reason", 0, "REASON", "fraud, phishing, scam, spam, harassment, "
	  "..." },
	{ "reporter", 0, "ACCOUNT", "only flags this account filed" },
	CMD_PAGE_OPTS,
	CMD_OPTS_END
};

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p[] = {
		PARAM("account", a->argc ? a->argv[0].s : NULL),
		PARAM("status", arg_opt(a, "status")),
		PARAM("reason", arg_opt(a, "reason")),
		PARAM("reporter", arg_opt(a, "reporter")),
	};

	return cmd_list(ctx, a, "flags", "flags", p, W_NELEM(p), e);
}

const struct cmd_entry cmd_flags = {
	.name = "flags",
	.aliases = "",
	.usage = "flags [ACCOUNT] [--status STATUS] [--reason REASON] "
	    "[--reporter ACCOUNT]",
	.help = "flags on an account, or on every account, newest first",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 1,
	.opts = opts,
	.run = run,
};
