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
	if (plan_ids(a, 0, a->argc - 1, A_ASSIGN, "an escalation", p, e) < 0)
		return -1;
	for (i = 0; i < p->n; i++)
		action_set_param(&p->acts[i], "assignee", who);
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
