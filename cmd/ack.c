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
	if (plan_ids(a, 0, a->argc, A_ACK, "an escalation", p, e) < 0)
		return -1;
	for (i = 0; i < p->n && arg_flag(a, "resolve"); i++)
		action_set_param(&p->acts[i], "resolve", "1");
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
