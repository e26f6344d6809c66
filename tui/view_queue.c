/* tui/view_queue.c: the queue, the console's first view: flagged accounts
 * by priority, one keyset page at a time.  Filters come from
 * `:queue --reason phishing ...`; / finds text among the rows. */
#include "table.h"

#include <stdlib.h>

static const struct column queue_cols[] = {
	{ "priority", "prio", 6, 6, false, true, 6, 0 },
	{ "handle", "handle", 16, 8, false, false, 0, 0 },
	{ "display_name", "name", 0, 10, true, false, 0, 0 },
	{ "trust", "trust", 9, 9, false, false, 3, 0 },
	{ "status", "status", 9, 9, false, false, 0, 0 },
	{ "flags", "flg", 3, 3, false, true, 0, 0 },
	{ "reason", "top reason", 11, 11, false, false, 2, 0 },
	{ "oldest", "age", 4, 4, false, true, 4, 0 },
	{ "claimed_by", "claimed", 8, 8, false, false, 1, 0 },
};

struct queue {
	struct table t;
};

static enum ui_attr
queue_cell(struct view *v, const struct rows *r, size_t row,
    const struct column *c, struct buf *out)
{
	int64_t n;

	(void)v;
	if (str_eq(c->name, "trust")) {
		n = rows_int(r, row, "trust", 0);
		buf_printf(out, "%lld %s", (long long)n,
		    n >= 0 && n <= TRUST_MAX ? trust_names[n] : "?");
		return n == 0 ? UA_WARN : UA_NORMAL;
	}
	if (str_eq(c->name, "priority")) {
		double p = rows_real(r, row, "priority", 0);

		/* One decimal while it fits; whole numbers past that. */
		buf_printf(out, p < 9999.95 && p > -999.95 ? "%.1f" : "%.0f",
		    p);
		return UA_NORMAL;
	}
	if (str_eq(c->name, "oldest")) {
		char age[16];

		n = rows_int(r, row, "oldest", 0);
		if (n > 0) {
			age_format(tui_now() - n, age, sizeof age);
			buf_adds(out, age);
		}
		return UA_NORMAL;
	}
	if (str_eq(c->name, "status")) {
		const char *s = rows_text(r, row, "status");

		buf_adds(out, s ? s : "");
		if (str_eq(s, "banned"))
			return UA_ERROR;
		return str_eq(s, "suspended") || str_eq(s, "warned") ?
		    UA_WARN : UA_NORMAL;
	}
	if (str_eq(c->name, "claimed_by")) {
		const char *s = rows_text(r, row, "claimed_by");

		buf_adds(out, s ? s : "");
		return UA_TAGGED;
	}
	return UA_DEFAULT;
}

static bool
queue_open(struct view *v, struct werr *e)
{
	return table_open(v, e);
}

static unsigned
queue_enter(struct view *v, size_t line)
{
	const struct rows *r;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL)
		return RE_NONE;
	tui_push(v->ui, account_view_new(v->ui, rows_int(r, idx, "id", 0)));
	return RE_REDRAW;
}

static bool
queue_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	const struct rows *r;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL)
		return false;
	if (str_eq(name, "account") || str_eq(name, "handle"))
		return value_handle(r, idx, "handle", out);
	if (str_eq(name, "id"))
		return value_int(r, idx, "id", out);
	if (str_eq(name, "key")) {
		buf_printf(out, "account:%lld",
		    (long long)rows_int(r, idx, "id", 0));
		return true;
	}
	return false;
}

static void
queue_done(struct view *v)
{
	struct queue *q = v->priv;

	table_free(&q->t);
	free(q);
}

static struct view *queue_create(struct tui *ui);

const struct view_ops view_queue = {
	.name = "queue",
	.help = "flagged accounts by priority",
	.flags = VF_TAB,
	.create = queue_create,
	.open = queue_open,
	.lines = table_lines,
	.reach = table_reach,
	.head = table_head,
	.draw = table_draw,
	.match = table_match,
	.enter = queue_enter,
	.value = queue_value,
	.title = table_title,
	.filter = table_filter,
	.done = queue_done,
};

static struct view *
queue_create(struct tui *ui)
{
	struct queue *q = xcalloc(1, sizeof *q);

	table_init(&q->t, ui->st, "queue", queue_cols, W_NELEM(queue_cols));
	q->t.cell = queue_cell;
	q->t.search_cols = "handle,display_name,reason,claimed_by,status";
	return view_new(ui, &view_queue, q);
}
