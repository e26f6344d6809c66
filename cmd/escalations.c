/* cmd/escalations.c: escalations, soonest due first. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "status", 's', "STATUS", "active (the default: open or "
	  "acknowledged), open, acknowledged, resolved or all" },
	{ "assignee", 0, "NAME", "assigned to this moderator ('me' for you)" },
	{ "overdue", 'o', NULL, "only those past their due time" },
	{ "account", 0, "ACCOUNT", "escalations on this account" },
	CMD_PAGE_OPTS,
	CMD_OPTS_END
};

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	const char *assignee = arg_opt(a, "assignee");
	struct param p[] = {
		PARAM("status", arg_opt(a, "status")),
		PARAM("assignee", str_eq(assignee, "me") ? ctx->moderator :
		    assignee),
		PARAM("overdue", arg_flag(a, "overdue") ? "1" : NULL),
		PARAM("account", arg_opt(a, "account")),
	};

	return cmd_list(ctx, a, "escalations", "escalations", p, W_NELEM(p),
	    e);
}

const struct cmd_entry cmd_escalations = {
	.name = "escalations",
	.aliases = "",
	.usage = "escalations [--status STATUS] [--assignee NAME] [--overdue] "
	    "[--account ACCOUNT]",
	.help = "escalations, soonest due first",
	.topic = T_ESC,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
