/* cmd/stats.c: the counts the console's status line shows. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p = PARAM("moderator", ctx->moderator);
	struct rows *r;

	if (cmd_query(ctx, "stats", &p, 1, 0, &r, e) < 0)
		return -1;
	cmd_record(ctx, a, "stats", "stats", r, NULL, 0);
	rows_free(r);
	return 0;
}

const struct cmd_entry cmd_stats = {
	.name = "stats",
	.aliases = "",
	.usage = "stats",
	.help = "counts: flagged, open flags, claims, overdue, appeals",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
