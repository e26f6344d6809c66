/* cmd/decide.c: decides an appeal; overturning it lifts the strike and
 * can restore the account (senior; not one's own strike). */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "reply", 0, "TEXT", "the answer the member reads" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	const char *outcome = a->argv[1].s, *reply = arg_opt(a, "reply");
	struct action *act;
	int64_t id;

	(void)ctx;
	if (cmd_id(a->argv[0].s, "an appeal", &id, e) < 0)
		return -1;
	if (!str_eq(outcome, "upheld") && !str_eq(outcome, "overturned"))
		return werr_field(e, WE_USAGE, "outcome", "an appeal is upheld "
		    "or overturned, not '%s' (column %d)", outcome,
		    a->argv[1].col);
	if (reply == NULL)
		return werr_field(e, WE_USAGE, "reply", "decide needs --reply "
		    "TEXT: the member reads it");
	act = plan_add(p, A_DECIDE, NULL);
	act->target = id;
	action_set_param(act, "outcome", outcome);
	action_set_param(act, "reply", reply);
	return 0;
}

const struct cmd_entry cmd_decide = {
	.name = "decide",
	.aliases = "",
	.usage = "decide APPEAL upheld|overturned --reply TEXT --reason TEXT",
	.help = "decide an appeal (senior)",
	.topic = T_APPEAL,
	.flags = 0,
	.min_args = 2, .max_args = 2,
	.opts = opts,
	.plan = plan,
};
