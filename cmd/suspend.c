/* cmd/suspend.c: a suspension for a time; the sweep that finds it expired
 * lifts it. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "for", 0, "DURATION", "how long: 30m, 12h, 7d, 2w, 1d12h" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	const char *dur = arg_opt(a, "for");
	int64_t seconds;
	size_t i;

	if (dur == NULL)
		return werr_field(e, WE_USAGE, "for", "suspend needs --for "
		    "DURATION (30m, 12h, 7d, 2w)");
	if (!duration_parse(dur, &seconds) || seconds <= 0)
		return werr_field(e, WE_USAGE, "for", "'%s' is not a duration "
		    "(column %d): use 30m, 12h, 7d, 2w or sums like 1d12h", dur,
		    arg_col(a, "for"));
	if (plan_accounts(ctx, a, 0, a->argc, A_SUSPEND, p, e) < 0)
		return -1;
	for (i = 0; i < p->n; i++)
		action_set_param(&p->acts[i], "for", dur);
	return 0;
}

const struct cmd_entry cmd_suspend = {
	.name = "suspend",
	.aliases = "",
	.usage = "suspend ACCOUNT... --for DURATION --reason TEXT",
	.help = "suspend an account for a time (a strike)",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
