/* cmd/hide.c: hide messages from their thread. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < a->argc; i++) {
		int64_t id;

		if (cmd_id(a->argv[i].s, "a message", &id, e) < 0)
			return -1;
		plan_add(p, A_HIDE, NULL)->target = id;
	}
	return 0;
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
