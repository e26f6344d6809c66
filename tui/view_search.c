/* tui/view_search.c: full-text search over handles, display names and
 * messages (`:search WORDS`): accounts first, then messages, newest
 * first.  Enter opens the account, or the thread at the message. */
#include "table.h"

#include <stdlib.h>

static const struct column search_cols[] = {
	{ "kind", "kind", 7, 7, false, false, 0, 0 },
	{ "handle", "account", 16, 8, false, false, 0, 0 },
	{ "at", "at", 16, 16, false, false, 1, 0 },
	{ "text", "text", 0, 12, true, false, 0, 0 },
};

struct search {
	struct table t;
};

static enum ui_attr
search_cell(struct view *v, const struct rows *r, size_t row,
    const struct column *c, struct buf *out)
{
	(void)v;
	if (str_eq(c->name, "at")) {
		char t[32];

		time_format_short(rows_int(r, row, "at", 0), t, sizeof t);
		buf_adds(out, t);
		return UA_DIM;
	}
	return UA_DEFAULT;
}

static bool
search_open(struct view *v, struct werr *e)
{
	struct search *s = v->priv;

	if (source_get_param(&s->t.src, "q") == NULL) {
		source_reset(&s->t.src);
		return werr_set(e, WE_USAGE, "search: type :search WORDS "
		    "(/ finds text in the view you are in)") == 0;
	}
	return table_open(v, e);
}

static size_t
search_lines(struct view *v, bool *more)
{
	struct search *s = v->priv;

	if (source_get_param(&s->t.src, "q") == NULL) {
		*more = false;
		return 0;
	}
	return table_lines(v, more);
}

static bool
search_reach(struct view *v, size_t n, struct werr *e)
{
	struct search *s = v->priv;

	if (source_get_param(&s->t.src, "q") == NULL)
		return true;
	return table_reach(v, n, e);
}

static unsigned
search_enter(struct view *v, size_t line)
{
	const struct rows *r;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL)
		return RE_NONE;
	if (str_eq(rows_text(r, idx, "kind"), "message"))
		tui_push(v->ui, thread_view_new(v->ui,
		    rows_int(r, idx, "thread_id", 0), rows_int(r, idx, "id", 0)));
	else
		tui_push(v->ui, account_view_new(v->ui,
		    rows_int(r, idx, "account_id", 0)));
	return RE_REDRAW;
}

static bool
search_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	const struct rows *r;
	size_t idx;
	bool msg;

	if ((r = table_row(v, line, &idx)) == NULL)
		return false;
	msg = str_eq(rows_text(r, idx, "kind"), "message");
	if (str_eq(name, "account") || str_eq(name, "handle"))
		return value_handle(r, idx, "handle", out);
	if (str_eq(name, "message") && msg)
		return value_int(r, idx, "id", out);
	if (str_eq(name, "thread") && msg)
		return value_int(r, idx, "thread_id", out);
	if (str_eq(name, "id"))
		return value_int(r, idx, "id", out);
	if (str_eq(name, "key")) {
		buf_printf(out, "%s:%lld", msg ? "message" : "account",
		    (long long)rows_int(r, idx, "id", 0));
		return true;
	}
	return false;
}

static void
search_done(struct view *v)
{
	struct search *s = v->priv;

	table_free(&s->t);
	free(s);
}

static struct view *search_create(struct tui *ui);

const struct view_ops view_search = {
	.name = "search",
	.help = "full-text search results (:search WORDS)",
	.flags = VF_TAB,
	.create = search_create,
	.open = search_open,
	.lines = search_lines,
	.reach = search_reach,
	.head = table_head,
	.draw = table_draw,
	.match = table_match,
	.enter = search_enter,
	.value = search_value,
	.title = table_title,
	.filter = table_filter,
	.done = search_done,
};

static struct view *
search_create(struct tui *ui)
{
	struct search *s = xcalloc(1, sizeof *s);

	table_init(&s->t, ui->st, "search", search_cols, W_NELEM(search_cols));
	s->t.cell = search_cell;
	s->t.search_cols = "handle,text,kind";
	return view_new(ui, &view_search, s);
}
