/* tui/view_search.c: full-text search over handles, display names and
 * messages (`:search WORDS`): accounts first, then messages, newest
 * first.  Enter opens the account, or the thread at the message. */
#include "table.h"

static const struct column search_cols[] = {
	{ "kind", "kind", 7, 7, false, false, 0, 0 },
	{ "handle", "account", 16, 8, false, false, 0, 0 },
	{ "at", "at", 16, 16, false, false, 1, 0 },
	{ "text", "text", 0, 12, true, false, 0, 0 },
};

static enum ui_attr
search_cell(const struct rows *r, size_t row, const struct column *c,
    struct buf *out)
{
	if (str_eq(c->name, "at"))
		return table_cell_time(r, row, "at", out);
	return UA_DEFAULT;
}

static bool
is_message(const struct rows *r, size_t row)
{
	return str_eq(rows_text(r, row, "kind"), "message");
}

/* A message row's id is the message's; an account row names none. */
static bool
search_value(const struct rows *r, size_t row, const char *name,
    struct buf *out)
{
	if (!str_eq(name, "message") || !is_message(r, row))
		return false;
	buf_printf(out, "%lld", (long long)rows_int(r, row, "id", 0));
	return true;
}

static unsigned
search_enter(struct view *v, const struct rows *r, size_t row)
{
	if (!is_message(r, row))
		return RE_NONE;
	tui_push(v->ui, thread_view_new(v->ui, rows_int(r, row, "thread_id", 0),
	    rows_int(r, row, "id", 0)));
	return RE_REDRAW;
}

static const struct table_spec search_spec = {
	.what = "search",
	.cols = search_cols,
	.ncols = W_NELEM(search_cols),
	.cell = search_cell,
	.search_cols = "handle,text,kind",
	.needs = "q",
	.needs_why = "search: type :search WORDS (/ finds text in the view "
	    "you are in)",
	.values = { { "thread", "thread_id" } },
	.value = search_value,
	.enter = search_enter,
};

static struct view *
search_create(struct tui *ui)
{
	return table_view_new(ui, &view_search, &search_spec);
}

const struct view_ops view_search = {
	.name = "search",
	.help = "full-text search results (:search WORDS)",
	.flags = VF_TAB,
	.create = search_create,
	TABLE_VIEW_OPS,
};
