/* cmd/mute_reporter.c: a bad-faith or mass reporter's flags are kept but
 * no longer raise priority, for a time or for good. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "for", 0, "DURATION", "for this long (30d); else for good" },
	{ "until", 0, "TIME", "until this time (2026-12-31)" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	const char *dur = arg_opt(a, "for"), *until = arg_opt(a, "until");
	int64_t seconds;
	size_t i;

	if (dur && until)
		return werr_set(e, WE_USAGE, "mute-reporter takes --for or "
		    "--until, not both");
	if (dur && (!duration_parse(dur, &seconds) || seconds <= 0))
		return werr_field(e, WE_USAGE, "for", "'%s' is not a duration "
		    "(column %d): use 30m, 12h, 7d or 2w", dur,
		    arg_col(a, "for"));
	if (plan_accounts(ctx, a, 0, a->argc, A_MUTE, p, e) < 0)
		return -1;
	for (i = 0; i < p->n; i++) {
		if (dur)
			action_set_param(&p->acts[i], "for", dur);
		if (until)
			action_set_param(&p->acts[i], "until", until);
	}
	return 0;
}

const struct cmd_entry cmd_mute_reporter = {
	.name = "mute-reporter",
	.aliases = "mute",
	.usage = "mute-reporter ACCOUNT... [--for DURATION|--until TIME] "
	    "--reason TEXT",
	.help = "keep a reporter's flags from raising priority",
	.topic = T_APPEAL,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
