/* cmd/thread.c: one thread and its messages, oldest first. */
#include "internal.h"

#include <stdlib.h>

static const struct cmd_opt opts[] = { CMD_PAGE_OPTS, CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct rows *t = NULL, *msgs = NULL;
	struct cmd_section sec;
	struct param p = PARAM("id", a->argv[0].s);
	struct param m = PARAM("thread", a->argv[0].s);
	int64_t id;
	char *title;

	if (cmd_id(a->argv[0].s, "a thread", &id, e) < 0 ||
	    cmd_query(ctx, "thread", &p, 1, 0, &t, e) < 0)
		return -1;
	if (cmd_page(ctx, a, "messages", &m, 1, &msgs, e) < 0) {
		rows_free(t);
		return -1;
	}
	sec.name = "messages";
	sec.rows = msgs;
	title = xasprintf("thread %lld", (long long)id);
	cmd_record(ctx, a, "thread", title, t, &sec, 1);
	cmd_more(ctx, msgs);
	free(title);
	rows_free(t);
	rows_free(msgs);
	return 0;
}

const struct cmd_entry cmd_thread = {
	.name = "thread",
	.aliases = "",
	.usage = "thread ID",
	.help = "a thread: subject, participants and messages",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 1, .max_args = 1,
	.opts = opts,
	.run = run,
};
