/* tui/view_appeals.c: appeals against strikes, pending ones by default
 * (`:appeals --status all` for every one); d decides the selected one. */
#include "table.h"

#include <stdlib.h>

static const struct column appeal_cols[] = {
	{ "id", "appeal", 6, 6, false, true, 0, 0 },
	{ "handle", "account", 16, 8, false, false, 0, 0 },
	{ "strike", "strike", 8, 8, false, false, 0, 0 },
	{ "given_by", "by", 8, 8, false, false, 3, 0 },
	{ "filed_at", "filed", 5, 5, false, true, 1, 0 },
	{ "status", "status", 10, 10, false, false, 2, 0 },
	{ "text", "appeal text", 0, 12, true, false, 0, 0 },
};

struct appeals {
	struct table t;
};

static enum ui_attr
appeal_cell(struct view *v, const struct rows *r, size_t row,
    const struct column *c, struct buf *out)
{
	(void)v;
	if (str_eq(c->name, "filed_at")) {
		char age[16];

		age_format(tui_now() - rows_int(r, row, "filed_at", 0), age,
		    sizeof age);
		buf_adds(out, age);
		return UA_NORMAL;
	}
	if (str_eq(c->name, "status")) {
		const char *s = rows_text(r, row, "status");

		buf_adds(out, s ? s : "");
		return str_eq(s, "pending") ? UA_WARN : UA_DIM;
	}
	return UA_DEFAULT;
}

static unsigned
appeal_enter(struct view *v, size_t line)
{
	const struct rows *r;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL)
		return RE_NONE;
	tui_push(v->ui, account_view_new(v->ui,
	    rows_int(r, idx, "account_id", 0)));
	return RE_REDRAW;
}

static bool
appeal_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	const struct rows *r;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL)
		return false;
	if (str_eq(name, "account") || str_eq(name, "handle"))
		return value_handle(r, idx, "handle", out);
	if (str_eq(name, "appeal") || str_eq(name, "id"))
		return value_int(r, idx, "id", out);
	if (str_eq(name, "strike"))
		return value_int(r, idx, "strike_id", out);
	if (str_eq(name, "key")) {
		buf_printf(out, "appeal:%lld",
		    (long long)rows_int(r, idx, "id", 0));
		return true;
	}
	return false;
}

static void
appeals_done(struct view *v)
{
	struct appeals *a = v->priv;

	table_free(&a->t);
	free(a);
}

static struct view *appeals_create(struct tui *ui);

const struct view_ops view_appeals = {
	.name = "appeals",
	.help = "appeals against strikes, pending first",
	.flags = VF_TAB,
	.create = appeals_create,
	.open = table_open,
	.lines = table_lines,
	.reach = table_reach,
	.head = table_head,
	.draw = table_draw,
	.match = table_match,
	.enter = appeal_enter,
	.value = appeal_value,
	.title = table_title,
	.filter = table_filter,
	.done = appeals_done,
};

static struct view *
appeals_create(struct tui *ui)
{
	struct appeals *a = xcalloc(1, sizeof *a);

	table_init(&a->t, ui->st, "appeals", appeal_cols,
	    W_NELEM(appeal_cols));
	a->t.cell = appeal_cell;
	a->t.search_cols = "handle,text,strike,given_by,status";
	return view_new(ui, &view_appeals, a);
}
