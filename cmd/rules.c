/* cmd/rules.c: the numbers behind trust levels, priorities and the
 * escalation ladder, as the database holds them. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	return cmd_list(ctx, a, "rules", "rules", NULL, 0, e);
}

const struct cmd_entry cmd_rules = {
	.name = "rules",
	.aliases = "",
	.usage = "rules",
	.help = "the trust, priority and escalation numbers in force",
	.topic = T_ADMIN,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
