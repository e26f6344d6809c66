/* cmd/resolve.c: closes flags as upheld or dismissed; the reporter hears
 * the outcome (an event for the webhooks). */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "note", 0, "TEXT", "an outcome note kept with the flag" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	const struct cmd_arg *last = &a->argv[a->argc - 1];
	const char *note = arg_opt(a, "note");
	size_t i;

	(void)ctx;
	if (!str_eq(last->s, "upheld") && !str_eq(last->s, "dismissed"))
		return werr_field(e, WE_USAGE, "outcome", "resolve ends with "
		    "the outcome, upheld or dismissed, not '%s' (column %d)",
		    last->s, last->col);
	if (plan_ids(a, 0, a->argc - 1, A_RESOLVE, "a flag", p, e) < 0)
		return -1;
	for (i = 0; i < p->n; i++) {
		action_set_param(&p->acts[i], "outcome", last->s);
		if (note)
			action_set_param(&p->acts[i], "note", note);
	}
	return 0;
}

const struct cmd_entry cmd_resolve = {
	.name = "resolve",
	.aliases = "",
	.usage = "resolve FLAG... upheld|dismissed --reason TEXT [--note TEXT]",
	.help = "close flags as upheld or dismissed",
	.topic = T_CONTENT,
	.flags = 0,
	.min_args = 2, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
