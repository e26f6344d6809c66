/* cmd/quit.c: asks the front end to stop (the console closes; a batch
 * stops reading). */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	(void)a;
	(void)e;
	ctx->quit = true;
	return 0;
}

const struct cmd_entry cmd_quit = {
	.name = "quit",
	.aliases = "q,exit",
	.usage = "quit",
	.help = "leave the console; in a batch, stop reading",
	.topic = T_SESSION,
	.flags = CMD_READONLY | CMD_NOSTORE,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
