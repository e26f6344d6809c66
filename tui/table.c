/* tui/table.c: the list views (see table.h). */
#include "table.h"

#include <stdlib.h>
#include <string.h>

static struct table *
tab(struct view *v)
{
	return v->priv;
}

struct view *
table_view_new(struct tui *ui, const struct view_ops *ops,
    const struct table_spec *spec)
{
	struct table *t = xcalloc(1, sizeof *t);

	t->spec = spec;
	source_init(&t->src, ui->st, spec->what, TABLE_PAGE);
	t->cols = xreallocarray(NULL, spec->ncols, sizeof *t->cols);
	memcpy(t->cols, spec->cols, spec->ncols * sizeof *t->cols);
	t->laid_for = -1;
	return view_new(ui, ops, t);
}

void
table_done(struct view *v)
{
	struct table *t = tab(v);

	source_free(&t->src);
	free(t->cols);
	free(t);
}

static const struct rows *
table_row(struct view *v, size_t line, size_t *idx)
{
	struct werr e;

	werr_clear(&e);
	return source_row(&tab(v)->src, line, idx, &e);
}

/* Whether the view lacks the parameter it cannot read without. */
static bool
wanting(const struct table *t)
{
	return t->spec->needs &&
	    source_get_param(&t->src, t->spec->needs) == NULL;
}

bool
table_open(struct view *v, struct werr *e)
{
	struct table *t = tab(v);

	source_reset(&t->src);
	if (wanting(t))
		return werr_set(e, WE_USAGE, "%s", t->spec->needs_why) == 0;
	return source_reach(&t->src, 0, e);
}

size_t
table_lines(struct view *v, bool *more)
{
	struct table *t = tab(v);

	*more = !t->src.complete && t->src.npages > 0;
	return source_known(&t->src);
}

bool
table_reach(struct view *v, size_t n, struct werr *e)
{
	if (wanting(tab(v)))
		return true;
	return source_reach(&tab(v)->src, n, e);
}

enum ui_attr
table_cell_time(const struct rows *r, size_t row, const char *col,
    struct buf *out)
{
	char t[32];

	time_format_short(rows_int(r, row, col, 0), t, sizeof t);
	buf_adds(out, t);
	return UA_DIM;
}

static void
layout(struct table *t, int width)
{
	if (t->laid_for != width) {
		columns_layout(t->cols, t->spec->ncols, width);
		t->laid_for = width;
	}
}

void
table_head(struct view *v, WINDOW *w, int width)
{
	struct table *t = tab(v);
	attr_t a = ui_attr(v->ui, UA_HEADER);
	bool first = true;
	size_t i;

	layout(t, width);
	for (i = 0; i < t->spec->ncols; i++) {
		if (t->cols[i].width == 0)
			continue;
		if (getcurx(w) + (first ? 0 : 1) >= getmaxx(w))
			break;		/* a terminal too narrow for them all */
		if (!first)
			waddch(w, ' ');
		first = false;
		draw_str(v->ui, w, t->cols[i].title, t->cols[i].width, a,
		    DT_PAD | (t->cols[i].right ? DT_RIGHT : 0));
	}
}

void
table_draw(struct view *v, WINDOW *w, size_t line, int width, attr_t base)
{
	struct table *t = tab(v);
	const struct rows *r;
	struct buf b = BUF_INIT;
	bool first = true;
	size_t i, idx;
	int y;

	layout(t, width);
	r = table_row(v, line, &idx);
	if (r == NULL)
		return;
	y = getcury(w);
	for (i = 0; i < t->spec->ncols; i++) {
		const struct column *c = &t->cols[i];
		enum ui_attr ua = UA_NORMAL;
		attr_t a = base;

		if (c->width == 0)
			continue;
		/* Columns that did not fit a narrow terminal stop at its
		 * edge; past it the cursor is on the next row. */
		if (getcury(w) != y ||
		    getcurx(w) + (first ? 0 : 1) >= getmaxx(w))
			break;
		if (!first)
			waddch(w, ' ');
		first = false;
		buf_reset(&b);
		if (t->spec->cell)
			ua = t->spec->cell(r, idx, c, &b);
		if (t->spec->cell == NULL || ua == UA_DEFAULT) {
			const struct value *val = rows_get(r, idx, c->name);

			ua = UA_NORMAL;
			buf_reset(&b);
			if (val)
				value_format(val, &b);
		}
		/* A cell's own meaning shows on normal lines; the selected
		 * line stays one reverse bar. */
		if (ua != UA_NORMAL && base == ui_attr(v->ui, UA_NORMAL))
			a = ui_attr(v->ui, ua);
		draw_text(v->ui, w, buf_str(&b), b.len, c->width, a,
		    DT_PAD | DT_CLIP_MARK | (c->right ? DT_RIGHT : 0));
		wattrset(w, base);
	}
	buf_free(&b);
}

bool
table_match(struct view *v, size_t line, const char *needle)
{
	struct table *t = tab(v);
	const struct rows *r;
	const char *cols = t->spec->search_cols;
	size_t idx;

	r = table_row(v, line, &idx);
	if (r == NULL || cols == NULL)
		return false;
	while (*cols) {
		const char *end = strchr(cols, ',');
		size_t len = end ? (size_t)(end - cols) : strlen(cols);
		char name[64];
		const struct value *val;

		if (len < sizeof name) {
			memcpy(name, cols, len);
			name[len] = '\0';
			val = rows_get(r, idx, name);
			if (val && val->type == VT_TEXT &&
			    text_has(val->s, needle))
				return true;
		}
		if (end == NULL)
			break;
		cols = end + 1;
	}
	return false;
}

void
table_title(struct view *v, struct buf *out)
{
	struct table *t = tab(v);
	size_t i;

	buf_adds(out, v->ops->name);
	for (i = 0; i < t->src.nparams; i++)
		buf_printf(out, "  %s=%s", t->src.params[i].k,
		    t->src.params[i].v);
}

void
table_filter(struct view *v, const char *k, const char *val)
{
	struct source *s = &tab(v)->src;

	if (k == NULL) {
		while (s->nparams > 0)
			source_param(s, s->params[0].k, NULL);
		return;
	}
	source_param(s, k, val);
}

unsigned
table_enter(struct view *v, size_t line)
{
	const struct table_spec *spec = tab(v)->spec;
	const struct rows *r;
	size_t idx;
	unsigned re;
	int64_t id;

	if ((r = table_row(v, line, &idx)) == NULL)
		return RE_NONE;
	if (spec->enter && (re = spec->enter(v, r, idx)) != RE_NONE)
		return re;
	id = rows_int(r, idx, spec->account_col ? spec->account_col :
	    "account_id", 0);
	if (id <= 0)
		return RE_NONE;
	tui_push(v->ui, account_view_new(v->ui, id));
	return RE_REDRAW;
}

static bool
value_int(const struct rows *r, size_t row, const char *col,
    struct buf *out)
{
	const struct value *v = rows_get(r, row, col);

	if (v == NULL || v->type != VT_INT)
		return false;
	buf_printf(out, "%lld", (long long)v->i);
	return true;
}

bool
table_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	const struct table_spec *spec = tab(v)->spec;
	const struct rows *r;
	const char *s;
	size_t idx, i;

	if ((r = table_row(v, line, &idx)) == NULL)
		return false;
	if (spec->value && spec->value(r, idx, name, out))
		return true;
	for (i = 0; i < W_NELEM(spec->values) && spec->values[i].name; i++)
		if (str_eq(name, spec->values[i].name))
			return value_int(r, idx, spec->values[i].col, out);
	if (str_eq(name, "account") || str_eq(name, "handle")) {
		if ((s = rows_text(r, idx, "handle")) == NULL || *s == '\0')
			return false;
		buf_printf(out, "@%s", s);
		return true;
	}
	if (str_eq(name, "id"))
		return value_int(r, idx, "id", out);
	if (str_eq(name, "key")) {
		/* The id, and its kind where one list mixes kinds (search:
		 * accounts and messages). */
		s = rows_text(r, idx, "kind");
		buf_printf(out, "%s:%lld", s ? s : "row",
		    (long long)rows_int(r, idx, "id", 0));
		return true;
	}
	return false;
}
