/* cmd/muted.c: reporters whose flags no longer raise priority. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	return cmd_list(ctx, a, "muted", "muted reporters", NULL, 0, e);
}

const struct cmd_entry cmd_muted = {
	.name = "muted",
	.aliases = "",
	.usage = "muted",
	.help = "muted reporters and until when",
	.topic = T_APPEAL,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
