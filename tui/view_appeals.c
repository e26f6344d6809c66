/* tui/view_appeals.c: appeals against strikes, pending ones by default
 * (`:appeals --status all` for every one); d decides the selected one. */
#include "table.h"

static const struct column appeal_cols[] = {
	{ "id", "appeal", 6, 6, false, true, 0, 0 },
	{ "handle", "account", 16, 8, false, false, 0, 0 },
	{ "strike", "strike", 8, 8, false, false, 0, 0 },
	{ "given_by", "by", 8, 8, false, false, 3, 0 },
	{ "filed_at", "filed", 5, 5, false, true, 1, 0 },
	{ "status", "status", 10, 10, false, false, 2, 0 },
	{ "text", "appeal text", 0, 12, true, false, 0, 0 },
};

static enum ui_attr
appeal_cell(const struct rows *r, size_t row, const struct column *c,
    struct buf *out)
{
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

static const struct table_spec appeals_spec = {
	.what = "appeals",
	.cols = appeal_cols,
	.ncols = W_NELEM(appeal_cols),
	.cell = appeal_cell,
	.search_cols = "handle,text,strike,given_by,status",
	.values = { { "appeal", "id" }, { "strike", "strike_id" } },
};

static struct view *
appeals_create(struct tui *ui)
{
	return table_view_new(ui, &view_appeals, &appeals_spec);
}

const struct view_ops view_appeals = {
	.name = "appeals",
	.help = "appeals against strikes, pending first",
	.flags = VF_TAB,
	.create = appeals_create,
	TABLE_VIEW_OPS,
};
