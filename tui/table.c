/* tui/table.c: rows of a paged query in columns (see table.h). */
#include "table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void
table_init(struct table *t, struct store *st, const char *what,
    const struct column *cols, size_t ncols)
{
	source_init(&t->src, st, what, TABLE_PAGE);
	t->cols = xreallocarray(NULL, ncols, sizeof *cols);
	memcpy(t->cols, cols, ncols * sizeof *cols);
	t->ncols = ncols;
	t->laid_for = -1;
}

void
table_free(struct table *t)
{
	source_free(&t->src);
	free(t->cols);
}

static struct table *
tab(struct view *v)
{
	return v->priv;
}

const struct rows *
table_row(struct view *v, size_t line, size_t *idx)
{
	struct werr e;

	werr_clear(&e);
	return source_row(&tab(v)->src, line, idx, &e);
}

bool
table_open(struct view *v, struct werr *e)
{
	struct table *t = tab(v);

	source_reset(&t->src);
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
	return source_reach(&tab(v)->src, n, e);
}

static void
layout(struct table *t, int width)
{
	if (t->laid_for != width) {
		columns_layout(t->cols, t->ncols, width);
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
	for (i = 0; i < t->ncols; i++) {
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
	for (i = 0; i < t->ncols; i++) {
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
		if (t->cell)
			ua = t->cell(v, r, idx, c, &b);
		if (t->cell == NULL || ua == UA_DEFAULT) {
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
text_has(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (hay == NULL)
		return false;
	for (; *hay; hay++) {
		for (i = 0; i < n; i++)
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return true;
	}
	return n == 0;
}

bool
table_match(struct view *v, size_t line, const char *needle)
{
	struct table *t = tab(v);
	const struct rows *r;
	const char *cols = t->search_cols;
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

bool
value_handle(const struct rows *r, size_t row, const char *col,
    struct buf *out)
{
	const char *h = rows_text(r, row, col);

	if (h == NULL || *h == '\0')
		return false;
	buf_printf(out, "@%s", h);
	return true;
}

bool
value_int(const struct rows *r, size_t row, const char *col,
    struct buf *out)
{
	const struct value *v = rows_get(r, row, col);

	if (v == NULL || v->type != VT_INT)
		return false;
	buf_printf(out, "%lld", (long long)v->i);
	return true;
}
