/* cmd/untag.c: remove tags from an account. */
#include "internal.h"

#include <stdlib.h>

static const struct cmd_opt opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	char *handle = NULL;
	int64_t id;
	size_t i;

	if (cmd_account(ctx, a->argv[0].s, &id, &handle, e) < 0)
		return -1;
	/* one action per tag, so that each is audited on its own */
	for (i = 1; i < a->argc; i++) {
		struct action *act = plan_add(p, A_UNTAG, handle);

		act->target = id;
		action_set_param(act, "tag", a->argv[i].s);
	}
	free(handle);
	return 0;
}

const struct cmd_entry cmd_untag = {
	.name = "untag",
	.aliases = "",
	.usage = "untag ACCOUNT TAG...",
	.help = "remove tags from an account",
	.topic = T_ACCOUNT,
	.flags = 0,
	.min_args = 2, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
