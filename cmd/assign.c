/* cmd/assign.c: gives escalations to a moderator. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	const char *who = a->argv[a->argc - 1].s;
	size_t i;

	if (str_eq(who, "me"))
		who = ctx->moderator;
	for (i = 0; i + 1 < a->argc; i++) {
		struct action *act;
		int64_t id;

		if (cmd_id(a->argv[i].s, "an escalation", &id, e) < 0)
			return -1;
		act = plan_add(p, A_ASSIGN, NULL);
		act->target = id;
		action_set_param(act, "assignee", who);
	}
	return 0;
}

const struct cmd_entry cmd_assign = {
	.name = "assign",
	.aliases = "",
	.usage = "assign ESCALATION... MODERATOR",
	.help = "give escalations to a moderator ('me' for yourself)",
	.topic = T_ESC,
	.flags = 0,
	.min_args = 2, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
