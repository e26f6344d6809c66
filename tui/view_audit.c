/* tui/view_audit.c: the audit log, newest first; filters from
 * `:log --actor alice --action suspend ...`. */
#include "table.h"

static const struct column audit_cols[] = {
	{ "id", "id", 6, 6, false, true, 1, 0 },
	{ "at", "at", 16, 16, false, false, 0, 0 },
	{ "actor", "actor", 8, 8, false, false, 0, 0 },
	{ "action", "action", 10, 8, false, false, 0, 0 },
	{ "target", "target", 16, 10, false, false, 0, 0 },
	{ "reason", "reason", 0, 12, true, false, 0, 0 },
	{ "result", "result", 20, 12, false, false, 2, 0 },
};

static enum ui_attr
audit_cell(const struct rows *r, size_t row, const struct column *c,
    struct buf *out)
{
	if (str_eq(c->name, "at"))
		return table_cell_time(r, row, "at", out);
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

static const struct table_spec audit_spec = {
	.what = "audit",
	.cols = audit_cols,
	.ncols = W_NELEM(audit_cols),
	.cell = audit_cell,
	.search_cols = "actor,action,target,handle,reason,result",
};

static struct view *
audit_create(struct tui *ui)
{
	return table_view_new(ui, &view_audit, &audit_spec);
}

const struct view_ops view_audit = {
	.name = "audit",
	.help = "the audit log, newest first",
	.flags = VF_TAB,
	.create = audit_create,
	TABLE_VIEW_OPS,
};
