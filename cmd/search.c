/* cmd/search.c: full-text search over handles, names and messages. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_PAGE_OPTS, CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct buf q = BUF_INIT;
	struct param p[1];
	size_t i;
	int rc;

	/* every word must match: they are one query */
	for (i = 0; i < a->argc; i++)
		buf_printf(&q, "%s%s", i ? " " : "", a->argv[i].s);
	p[0].k = "q";
	p[0].v = q.s;
	rc = cmd_list(ctx, a, "search", "search", p, 1, e);
	buf_free(&q);
	return rc;
}

const struct cmd_entry cmd_search = {
	.name = "search",
	.aliases = "",
	.usage = "search WORDS...",
	.help = "accounts and messages holding every word",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 1, .max_args = -1,
	.opts = opts,
	.run = run,
};
