/* tui/text.c: lines of text laid out to a width (see text.h). */
#include "text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"

void
text_init(struct text *t)
{
	memset(t, 0, sizeof *t);
	t->width = -1;
}

void
text_clear(struct text *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct tline *l = &t->lines[i];

		for (j = 0; j < l->nsegs; j++)
			free(l->segs[j].s);
		free(l->segs);
		for (j = 0; j < l->nvals; j++) {
			free(l->vals[j].k);
			free(l->vals[j].v);
		}
		free(l->vals);
		free(l->spans);
	}
	free(t->lines);
	free(t->disp);
	text_init(t);
}

void
text_free(struct text *t)
{
	text_clear(t);
}

struct tline *
text_line(struct text *t, enum ui_attr attr)
{
	struct tline *l;

	t->lines = xreallocarray(t->lines, t->n + 1, sizeof *t->lines);
	l = &t->lines[t->n++];
	memset(l, 0, sizeof *l);
	l->attr = attr;
	return l;
}

static void
add_seg(struct tline *l, enum ui_attr attr, const char *s, size_t n,
    int width)
{
	struct tseg *g;

	l->segs = xreallocarray(l->segs, l->nsegs + 1, sizeof *l->segs);
	g = &l->segs[l->nsegs++];
	g->s = xstrndup(s ? s : "", s ? n : 0);
	g->len = s ? n : 0;
	g->attr = attr;
	g->width = width;
}

void
text_addn(struct tline *l, enum ui_attr attr, const char *s, size_t n)
{
	add_seg(l, attr, s, n, 0);
}

void
text_add(struct tline *l, enum ui_attr attr, const char *s)
{
	add_seg(l, attr, s, s ? strlen(s) : 0, 0);
}

void
text_addw(struct tline *l, enum ui_attr attr, const char *s, int width)
{
	add_seg(l, attr, s, s ? strlen(s) : 0, width);
}

void
text_addf(struct tline *l, enum ui_attr attr, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	add_seg(l, attr, buf_str(&b), b.len, 0);
	buf_free(&b);
}

void
text_span(struct tline *l, size_t from, size_t to, enum ui_attr attr)
{
	const struct tseg *g;

	if (l->nsegs == 0)
		return;
	g = &l->segs[l->nsegs - 1];
	if (to > g->len)
		to = g->len;
	/* never half a character: the renderer would show its bytes */
	while (from > 0 && ((unsigned char)g->s[from] & 0xc0) == 0x80)
		from--;
	while (to < g->len && ((unsigned char)g->s[to] & 0xc0) == 0x80)
		to++;
	if (from >= to)
		return;
	l->spans = xreallocarray(l->spans, l->nspans + 1, sizeof *l->spans);
	l->spans[l->nspans].from = from;
	l->spans[l->nspans].to = to;
	l->spans[l->nspans].attr = attr;
	l->nspans++;
}

void
text_val(struct tline *l, const char *name, const char *value)
{
	if (value == NULL)
		return;
	l->vals = xreallocarray(l->vals, l->nvals + 1, sizeof *l->vals);
	l->vals[l->nvals].k = xstrdup(name);
	l->vals[l->nvals].v = xstrdup(value);
	l->nvals++;
}

void
text_valf(struct tline *l, const char *name, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	text_val(l, name, buf_str(&b));
	buf_free(&b);
}

const char *
text_get(const struct tline *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->nvals; i++)
		if (strcmp(l->vals[i].k, name) == 0)
			return l->vals[i].v;
	return NULL;
}

static void
add_disp(struct text *t, size_t line, bool first, size_t from, size_t to)
{
	struct dline *d;

	t->disp = xreallocarray(t->disp, t->ndisp + 1, sizeof *t->disp);
	d = &t->disp[t->ndisp++];
	d->line = line;
	d->first = first;
	d->from = from;
	d->to = to;
}

static int
seg_width(const struct tseg *g)
{
	return g->width > 0 ? g->width : safe_width(g->s, g->len);
}

/* Cuts the wrapping segment into screen lines: at newlines (a paragraph
 * break in a message), else at the last space that fits, else where the
 * width ends.  Never inside a character: safe_span() says where. */
static void
wrap_line(struct text *t, size_t li, int width)
{
	struct tline *l = &t->lines[li];
	const struct tseg *g = &l->segs[l->nsegs - 1];
	int room = width, i;
	size_t pos = 0, end, fit, brk;
	bool first = true;

	for (i = 0; i + 1 < (int)l->nsegs; i++)
		room -= seg_width(&l->segs[i]);
	while (first || pos < g->len) {
		const char *nl;

		if (room < 1)
			room = 1;
		nl = memchr(g->s + pos, '\n', g->len - pos);
		end = nl ? (size_t)(nl - g->s) : g->len;
		fit = pos + safe_span(g->s + pos, end - pos, room, NULL);
		if (fit == pos && end > pos) {
			/* A character or escape wider than the line: it goes
			 * alone, clipped by the window. */
			int w = room + 1;
			size_t one;

			while ((one = safe_span(g->s + pos, end - pos, w,
			    NULL)) == 0)
				w++;
			fit = pos + one;
		}
		brk = fit;
		if (fit < end) {
			size_t k;

			for (k = fit; k > pos; k--)
				if (g->s[k - 1] == ' ')
					break;
			if (k > pos)
				brk = k;
		}
		add_disp(t, li, first, pos, brk);
		first = false;
		pos = brk;
		/* Cut just before a space: the space ends this line, or the
		 * next would start with it (or be nothing else). */
		if (brk == fit && pos < end && g->s[pos] == ' ')
			pos++;
		if (pos == end && nl) {
			pos++;		/* the newline itself */
			if (pos == g->len)
				break;
		}
		room = width - l->indent;
	}
}

void
text_layout(struct text *t, int width)
{
	size_t i;

	if (width != t->width) {
		free(t->disp);
		t->disp = NULL;
		t->ndisp = 0;
		t->laid = 0;
		t->width = width;
	}
	for (i = t->laid; i < t->n; i++) {
		struct tline *l = &t->lines[i];

		if (l->wrap && l->nsegs > 0)
			wrap_line(t, i, width);
		else
			add_disp(t, i, true, 0, 0);
	}
	t->laid = t->n;
}

struct tline *
text_at(struct text *t, size_t d)
{
	if (d >= t->ndisp)
		return NULL;
	return &t->lines[t->disp[d].line];
}

size_t
text_first(struct text *t, size_t line)
{
	size_t d;

	for (d = 0; d < t->ndisp; d++)
		if (t->disp[d].line == line)
			return d;
	return 0;
}

static attr_t
seg_attr(struct view *v, const struct tline *l, const struct tseg *g,
    attr_t base)
{
	enum ui_attr a = g->attr != UA_NORMAL ? g->attr : l->attr;

	if (base != ui_attr(v->ui, UA_NORMAL) || a == UA_NORMAL)
		return base;
	return ui_attr(v->ui, a);
}

/* Bytes [from, to) of the last segment g, in pieces where spans start
 * and end; a span on the selected line is underlined in it.  Returns
 * the columns drawn. */
static int
draw_spans(struct view *v, WINDOW *w, const struct tline *l,
    const struct tseg *g, size_t from, size_t to, int room, attr_t base,
    int flags)
{
	attr_t normal = seg_attr(v, l, g, base);
	size_t at = from, k;
	int used = 0;

	while (at < to && used < room) {
		size_t end = to;
		attr_t a = normal;

		for (k = 0; k < l->nspans; k++) {
			const struct tspan *sp = &l->spans[k];

			if (sp->from <= at && at < sp->to) {
				struct tseg hs = *g;

				hs.attr = sp->attr;
				a = seg_attr(v, l, &hs, base);
				if (a == base)
					a |= A_UNDERLINE;
				if (sp->to < end)
					end = sp->to;
			} else if (sp->from > at && sp->from < end) {
				end = sp->from;
			}
		}
		used += draw_text(v->ui, w, g->s + at, end - at, room - used, a,
		    flags);
		at = end;
	}
	return used;
}

void
text_draw(struct view *v, struct text *t, WINDOW *w, size_t d, int width,
    attr_t base)
{
	const struct dline *dl;
	const struct tline *l;
	size_t i, nsegs;
	int room = width, k;

	if (d >= t->ndisp)
		return;
	dl = &t->disp[d];
	l = &t->lines[dl->line];
	nsegs = l->nsegs;
	/* An indent wider than a narrow window keeps its last column for
	 * the text. */
	for (k = 0; !dl->first && k < l->indent && room > 1; k++, room--)
		waddch(w, ' ');
	for (i = 0; i < nsegs; i++) {
		const struct tseg *g = &l->segs[i];
		attr_t a = seg_attr(v, l, g, base);
		bool last = i + 1 == nsegs;

		/* A line wider than the window stops at its edge ('~'),
		 * counted here: past the last column the cursor is on the
		 * next row, or, on the window's last row, still on the last
		 * column, where the next segment would write over it. */
		if (room <= 0)
			break;
		if (!dl->first && !last)
			continue;
		if (last && l->wrap)
			room -= draw_spans(v, w, l, g, dl->from, dl->to, room,
			    base, 0);
		else if (last && l->nspans > 0 && g->width <= 0)
			room -= draw_spans(v, w, l, g, 0, g->len, room, base,
			    DT_CLIP_MARK);
		else if (g->width > 0)
			room -= draw_text(v->ui, w, g->s, g->len, g->width, a,
			    DT_PAD | DT_CLIP_MARK);
		else
			room -= draw_text(v->ui, w, g->s, g->len, room, a,
			    DT_CLIP_MARK);
		wattrset(w, base);
	}
}

bool
text_match(struct text *t, size_t d, const char *needle)
{
	const struct dline *dl;
	const struct tline *l;
	size_t i;
	bool hit = false;

	if (d >= t->ndisp)
		return false;
	dl = &t->disp[d];
	l = &t->lines[dl->line];
	for (i = 0; i < l->nsegs && !hit; i++) {
		const struct tseg *g = &l->segs[i];
		bool last = i + 1 == l->nsegs;

		if (last && l->wrap) {
			char *part = xstrndup(g->s + dl->from,
			    dl->to - dl->from);

			hit = text_has(part, needle);
			free(part);
		} else if (dl->first) {
			hit = text_has(g->s, needle);
		}
	}
	return hit;
}

bool
text_value(struct text *t, size_t d, const char *name, struct buf *out)
{
	const struct tline *l = text_at(t, d);
	const char *v;

	if (l == NULL || (v = text_get(l, name)) == NULL)
		return false;
	buf_adds(out, v);
	return true;
}

struct tline *
text_heading(struct text *t, const char *title)
{
	struct tline *l;

	if (t->n > 0)
		text_line(t, UA_NORMAL);
	l = text_line(t, UA_SECTION);
	text_add(l, UA_SECTION, title);
	return l;
}

void
text_sections(struct view *v, struct text *t, const struct text_section *s,
    size_t n, const char *k, const char *val)
{
	struct param p[2];
	struct query q = { 0 };
	struct rows *r;
	struct werr e;
	size_t i, np;

	for (i = 0; i < n; i++) {
		np = 0;
		if (k) {
			p[np].k = (char *)k;
			p[np++].v = (char *)val;
		}
		if (s[i].k) {
			p[np].k = (char *)s[i].k;
			p[np++].v = (char *)s[i].v;
		}
		q.what = s[i].what;
		q.params = p;
		q.nparams = np;
		q.limit = s[i].limit;
		r = NULL;
		werr_clear(&e);
		if (store_query(v->ui->st, &q, &r, &e) < 0) {
			text_add(text_line(t, UA_ERROR), UA_ERROR, e.msg);
			continue;
		}
		s[i].build(v, r);
		rows_free(r);
	}
}

const char *
row_text(const struct rows *r, size_t row, const char *col)
{
	const char *s = rows_text(r, row, col);

	return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* Views whose priv starts with a struct text. */

static struct text *
txt(struct view *v)
{
	return v->priv;
}

int
text_view_width(struct view *v)
{
	return getmaxx(v->ui->body) - ((v->ops->flags & VF_PAGER) ? 0 : 1);
}

size_t
tv_lines(struct view *v, bool *more)
{
	text_layout(txt(v), text_view_width(v));
	*more = false;
	return txt(v)->ndisp;
}

void
tv_draw(struct view *v, WINDOW *w, size_t line, int width, attr_t base)
{
	text_draw(v, txt(v), w, line, width, base);
}

bool
tv_match(struct view *v, size_t line, const char *needle)
{
	return text_match(txt(v), line, needle);
}

bool
tv_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	return text_value(txt(v), line, name, out);
}

unsigned
tv_enter(struct view *v, size_t line)
{
	struct tline *l = text_at(txt(v), line);
	const char *s;
	int64_t id, msg = 0;

	if (l == NULL)
		return RE_NONE;
	if ((s = text_get(l, "thread")) && str_to_i64(s, 1, INT64_MAX, &id)) {
		if ((s = text_get(l, "message")) != NULL)
			str_to_i64(s, 1, INT64_MAX, &msg);
		tui_push(v->ui, thread_view_new(v->ui, id, msg));
		return RE_REDRAW;
	}
	if ((s = text_get(l, "open-account")) &&
	    str_to_i64(s, 1, INT64_MAX, &id)) {
		tui_push(v->ui, account_view_new(v->ui, id));
		return RE_REDRAW;
	}
	if ((s = text_get(l, "run")) != NULL)
		return tui_command(v->ui, s);
	return RE_NONE;
}

void
tv_resize(struct view *v, int width)
{
	struct text *t = txt(v);
	size_t line = 0;

	/* Keep the selection on the same logical line. */
	if (v->lineno < t->ndisp)
		line = t->disp[v->lineno].line;
	text_layout(t, width - ((v->ops->flags & VF_PAGER) ? 0 : 1));
	v->lineno = text_first(t, line);
	if (v->offset > v->lineno)
		v->offset = v->lineno;
}
