/* cmd/ack.c: acknowledges escalations (someone is on it), or with
 * --resolve closes them by hand: a dispute has no cause that goes away by
 * itself. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "resolve", 0, NULL, "close them: the matter is settled" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < a->argc; i++) {
		struct action *act;
		int64_t id;

		if (cmd_id(a->argv[i].s, "an escalation", &id, e) < 0)
			return -1;
		act = plan_add(p, A_ACK, NULL);
		act->target = id;
		if (arg_flag(a, "resolve"))
			action_set_param(act, "resolve", "1");
	}
	return 0;
}

const struct cmd_entry cmd_ack = {
	.name = "ack",
	.aliases = "",
	.usage = "ack ESCALATION... [--resolve]",
	.help = "acknowledge escalations, or resolve them",
	.topic = T_ESC,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
