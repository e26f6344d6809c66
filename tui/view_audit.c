/* tui/view_audit.c: the audit log, newest first; filters from
 * `:log --actor alice --action suspend ...`. */
#include "table.h"

#include <stdlib.h>

static const struct column audit_cols[] = {
	{ "id", "id", 6, 6, false, true, 1, 0 },
	{ "at", "at", 16, 16, false, false, 0, 0 },
	{ "actor", "actor", 8, 8, false, false, 0, 0 },
	{ "action", "action", 10, 8, false, false, 0, 0 },
	{ "target", "target", 16, 10, false, false, 0, 0 },
	{ "reason", "reason", 0, 12, true, false, 0, 0 },
	{ "result", "result", 20, 12, false, false, 2, 0 },
};

struct audit {
	struct table t;
};

static enum ui_attr
audit_cell(struct view *v, const struct rows *r, size_t row,
    const struct column *c, struct buf *out)
{
	(void)v;
	if (str_eq(c->name, "at")) {
		char t[32];

		time_format_short(rows_int(r, row, "at", 0), t, sizeof t);
		buf_adds(out, t);
		return UA_DIM;
	}
	if (str_eq(c->name, "target")) {
		const char *h = rows_text(r, row, "handle");
		const char *t = rows_text(r, row, "target");

		if (h && *h)
			buf_printf(out, "@%s", h);
		else
			buf_adds(out, t ? t : "");
		return UA_NORMAL;
	}
	if (str_eq(c->name, "action")) {
		const char *a = rows_text(r, row, "action");

		buf_adds(out, a ? a : "");
		return UA_WARN;
	}
	return UA_DEFAULT;
}

static unsigned
audit_enter(struct view *v, size_t line)
{
	const struct rows *r;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL ||
	    rows_int(r, idx, "account_id", 0) <= 0)
		return RE_NONE;
	tui_push(v->ui, account_view_new(v->ui,
	    rows_int(r, idx, "account_id", 0)));
	return RE_REDRAW;
}

static bool
audit_value(struct view *v, size_t line, const char *name, struct buf *out)
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
		buf_printf(out, "audit:%lld",
		    (long long)rows_int(r, idx, "id", 0));
		return true;
	}
	return false;
}

static void
audit_done(struct view *v)
{
	struct audit *a = v->priv;

	table_free(&a->t);
	free(a);
}

static struct view *audit_create(struct tui *ui);

const struct view_ops view_audit = {
	.name = "audit",
	.help = "the audit log, newest first",
	.flags = VF_TAB,
	.create = audit_create,
	.open = table_open,
	.lines = table_lines,
	.reach = table_reach,
	.head = table_head,
	.draw = table_draw,
	.match = table_match,
	.enter = audit_enter,
	.value = audit_value,
	.title = table_title,
	.filter = table_filter,
	.done = audit_done,
};

static struct view *
audit_create(struct tui *ui)
{
	struct audit *a = xcalloc(1, sizeof *a);

	table_init(&a->t, ui->st, "audit", audit_cols, W_NELEM(audit_cols));
	a->t.cell = audit_cell;
	a->t.search_cols = "actor,action,target,handle,reason,result";
	return view_new(ui, &view_audit, a);
}
