/* cmd/log.c: the audit log, newest first. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "actor", 0, "NAME", "entries by this moderator" },
	{ "account", 0, "ACCOUNT", "entries about this account" },
	{ "action", 0, "KIND", "entries of this kind (suspend, moderator, "
	  "...)" },
	{ "since", 0, "TIME", "from this time: 2026-11-22, 2026-11-22T10:00 "
	  "or -7d" },
	{ "until", 0, "TIME", "before this time" },
	{ "target", 0, "TARGET", "entries on this target (account:12, "
	  "flag:3)" },
	CMD_PAGE_OPTS,
	CMD_OPTS_END
};

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p[] = {
		PARAM("actor", arg_opt(a, "actor")),
		PARAM("account", arg_opt(a, "account")),
		PARAM("action", arg_opt(a, "action")),
		PARAM("since", arg_opt(a, "since")),
		PARAM("until", arg_opt(a, "until")),
		PARAM("target", arg_opt(a, "target")),
	};

	return cmd_list(ctx, a, "audit", "audit log", p, W_NELEM(p), e);
}

const struct cmd_entry cmd_log = {
	.name = "log",
	.aliases = "audit",
	.usage = "log [--actor NAME] [--account ACCOUNT] [--action KIND] "
	    "[--since TIME] [--until TIME] [--target TARGET]",
	.help = "the audit log, newest first",
	.topic = T_AUDIT,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
