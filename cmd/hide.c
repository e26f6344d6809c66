/* cmd/hide.c: hide messages from their thread. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	(void)ctx;
	return plan_ids(a, 0, a->argc, A_HIDE, "a message", p, e);
}

const struct cmd_entry cmd_hide = {
	.name = "hide",
	.aliases = "",
	.usage = "hide MESSAGE... --reason TEXT",
	.help = "hide messages from their thread",
	.topic = T_CONTENT,
	.flags = 0,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
