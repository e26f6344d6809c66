/* cmd/whoami.c: the moderator acting, and their role. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p = PARAM("name", ctx->moderator);
	struct rows *r;

	if (cmd_query(ctx, "whoami", &p, 1, 0, &r, e) < 0)
		return -1;
	cmd_record(ctx, a, "moderator", "whoami", r, NULL, 0);
	rows_free(r);
	return 0;
}

const struct cmd_entry cmd_whoami = {
	.name = "whoami",
	.aliases = "",
	.usage = "whoami",
	.help = "the moderator acting, and their role",
	.topic = T_SESSION,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
