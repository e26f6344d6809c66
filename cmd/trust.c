/* cmd/trust.c: sets and locks a trust level by hand, or unlocks it so
 * that the rules decide again. */
#include "internal.h"

#include <stdio.h>

static const struct cmd_opt opts[] = {
	{ "unlock", 'u', NULL, "let the rules set the level again" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	bool unlock = arg_flag(a, "unlock");
	const char *lv = a->argc > 1 ? a->argv[1].s : NULL;
	char level[8];
	int64_t n;
	int i;

	if (unlock == (lv != NULL))
		return werr_set(e, WE_USAGE, "trust takes a LEVEL or --unlock, "
		    "one of the two; usage: %s", a->entry->usage);
	if (lv) {
		/* a number, or its name: new basic member trusted leader */
		for (i = 0; i <= TRUST_MAX; i++)
			if (str_eq(lv, trust_names[i]))
				break;
		if (i <= TRUST_MAX)
			n = i;
		else if (!str_to_i64(lv, 0, TRUST_MAX, &n))
			return werr_field(e, WE_USAGE, "level", "trust level "
			    "'%s' (column %d) is not 0 to 4 or new, basic, "
			    "member, trusted, leader", lv, a->argv[1].col);
		snprintf(level, sizeof level, "%lld", (long long)n);
	}
	if (plan_accounts(ctx, a, 0, 1, A_TRUST, p, e) < 0)
		return -1;
	action_set_param(&p->acts[0], lv ? "level" : "unlock",
	    lv ? level : "1");
	return 0;
}

const struct cmd_entry cmd_trust = {
	.name = "trust",
	.aliases = "",
	.usage = "trust ACCOUNT LEVEL|--unlock --reason TEXT",
	.help = "set and lock a trust level (0-4), or unlock it",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 1, .max_args = 2,
	.opts = opts,
	.plan = plan,
};
