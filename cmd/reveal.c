/* cmd/reveal.c: one field unmasked, with a reason, audited (senior). */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	const char *field = a->argv[1].s;

	if (!str_eq(field, "phone") && !str_eq(field, "email"))
		return werr_field(e, WE_USAGE, "field", "reveal shows phone or "
		    "email, not '%s' (column %d)", field, a->argv[1].col);
	if (plan_accounts(ctx, a, 0, 1, A_REVEAL, p, e) < 0)
		return -1;
	action_set_param(&p->acts[0], "field", field);
	return 0;
}

const struct cmd_entry cmd_reveal = {
	.name = "reveal",
	.aliases = "",
	.usage = "reveal ACCOUNT phone|email --reason TEXT",
	.help = "show an account's phone or email unmasked (senior; audited)",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 2, .max_args = 2,
	.opts = opts,
	.plan = plan,
};
