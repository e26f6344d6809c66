/* cmd/sweep.c: applies the rules to everything due: lifts ended
 * suspensions, lapses idle claims, climbs escalations.  Run from cron. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	(void)ctx;
	(void)a;
	(void)e;
	plan_add(p, A_SWEEP, NULL);
	return 0;
}

const struct cmd_entry cmd_sweep = {
	.name = "sweep",
	.aliases = "",
	.usage = "sweep",
	.help = "apply the rules to everything due (run it from cron)",
	.topic = T_ESC,
	.flags = 0,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.plan = plan,
};
