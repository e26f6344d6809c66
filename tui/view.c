/* tui/view.c: what every view does alike: moving, scrolling, searching,
 * tagging, and drawing only what changed (see view.h). */
#include "view.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

const char *const view_value_names[] = {
	"account", "handle", "flag", "message", "thread", "appeal",
	"escalation", "strike", "id", NULL
};

struct view *
view_new(struct tui *ui, const struct view_ops *ops, void *priv)
{
	struct view *v = xcalloc(1, sizeof *v);

	v->ops = ops;
	v->ui = ui;
	v->priv = priv;
	return v;
}

static void
tag_free(struct tag *t)
{
	size_t i;

	for (i = 0; i < t->nvals; i++) {
		free(t->vals[i].k);
		free(t->vals[i].v);
	}
	free(t->vals);
	free(t->key);
}

void
view_untag_all(struct view *v)
{
	size_t i;

	for (i = 0; i < v->ntags; i++)
		tag_free(&v->tags[i]);
	free(v->tags);
	v->tags = NULL;
	v->ntags = 0;
}

void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	if (v->ops->done)
		v->ops->done(v);
	view_untag_all(v);
	free(v->grep);
	free(v->error);
	free(v);
}

int
view_height(const struct view *v)
{
	return getmaxy(v->ui->body);
}

size_t
view_lines(struct view *v, bool *more)
{
	bool m = false;
	size_t n = v->ops->lines(v, &m);

	if (more)
		*more = m;
	return n;
}

static void
note_error(struct view *v, const struct werr *e)
{
	free(v->error);
	v->error = xstrdup(e->msg);
	tui_message(v->ui, true, "%s", e->msg);
}

static bool
reach(struct view *v, size_t n)
{
	struct werr e;

	werr_clear(&e);
	if (v->ops->reach && !v->ops->reach(v, n, &e)) {
		note_error(v, &e);
		return false;
	}
	return true;
}

/* Keeps the selection inside the lines and on screen. */
static void
clamp(struct view *v)
{
	size_t n = view_lines(v, NULL);
	size_t h = (size_t)view_height(v);

	if (n == 0) {
		v->lineno = v->offset = 0;
		return;
	}
	if (v->lineno >= n)
		v->lineno = n - 1;
	if (v->lineno < v->offset)
		v->offset = v->lineno;
	if (v->lineno >= v->offset + h)
		v->offset = v->lineno - h + 1;
	if (v->offset + h > n && n >= h)
		v->offset = n - h;
	else if (n < h)
		v->offset = 0;
}

void
view_open(struct view *v)
{
	struct werr e;

	werr_clear(&e);
	free(v->error);
	v->error = NULL;
	if (!v->ops->open(v, &e))
		note_error(v, &e);
	/* The page the selection was on is read again, so that the
	 * cursor stays where the moderator left it. */
	reach(v, v->offset + (size_t)view_height(v));
	clamp(v);
	v->drawn = false;
}

bool
view_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	if (v->ops->value == NULL || line >= view_lines(v, NULL))
		return false;
	return v->ops->value(v, line, name, out);
}

unsigned
view_goto(struct view *v, size_t line)
{
	size_t old = v->lineno, oldoff = v->offset;

	reach(v, line + (size_t)view_height(v));
	v->lineno = line;
	clamp(v);
	/* view_draw() works out whether to scroll or move two lines. */
	return v->lineno != old || v->offset != oldoff ? RE_LINE : RE_NONE;
}

unsigned
view_move(struct view *v, long delta)
{
	size_t to;

	if (delta < 0)
		to = (size_t)-delta > v->lineno ? 0 : v->lineno - (size_t)-delta;
	else
		to = v->lineno + (size_t)delta;
	if (delta > 0)
		reach(v, to);
	return view_goto(v, to);
}

unsigned
view_end(struct view *v)
{
	bool more = true;
	size_t n;

	/* Reads page by page to the end: the window cache lets go of the
	 * pages passed over, so this costs queries but not memory. */
	while (more) {
		n = view_lines(v, &more);
		if (!more || !reach(v, n))
			break;
		if (view_lines(v, NULL) == n)
			break;
	}
	n = view_lines(v, NULL);
	return view_goto(v, n ? n - 1 : 0);
}

unsigned
view_page(struct view *v, int dir)
{
	size_t h = (size_t)view_height(v), n;
	size_t oldoff = v->offset, old = v->lineno;

	if (dir > 0) {
		reach(v, v->offset + 2 * h);
		n = view_lines(v, NULL);
		if (v->offset + h < n) {
			v->offset += h;
			if (v->offset + h > n)
				v->offset = n > h ? n - h : 0;
			v->lineno += v->offset - oldoff;
		} else {
			v->lineno = n ? n - 1 : 0;
		}
	} else {
		v->offset = v->offset > h ? v->offset - h : 0;
		if (v->offset == oldoff)
			v->lineno = 0;
		else
			v->lineno -= oldoff - v->offset;
	}
	clamp(v);
	return v->lineno != old || v->offset != oldoff ? RE_LINE : RE_NONE;
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

/* How far a search reads ahead before giving up: a search must not walk
 * a whole marketplace over a slow link. */
#define SEARCH_LIMIT 5000

unsigned
view_find(struct view *v, const char *needle, int dir, bool from_next)
{
	size_t i, n, start = v->lineno, steps;

	if (needle == NULL || *needle == '\0') {
		tui_message(v->ui, true, "no search yet: / and some text");
		return RE_STATUS;
	}
	if (needle != v->grep) {
		free(v->grep);
		v->grep = xstrdup(needle);
	}
	if (v->ops->match == NULL) {
		tui_message(v->ui, true, "this view cannot be searched");
		return RE_STATUS;
	}
	i = start;
	if (!from_next) {
		if (v->ops->match(v, i, needle))
			return view_goto(v, i);
	}
	for (steps = 0; steps < SEARCH_LIMIT; steps++) {
		if (dir > 0) {
			reach(v, i + 1);
			n = view_lines(v, NULL);
			if (i + 1 >= n)
				break;
			i++;
		} else {
			if (i == 0)
				break;
			i--;
		}
		if (v->ops->match(v, i, needle))
			return view_goto(v, i);
	}
	tui_message(v->ui, true, "not found: %s", needle);
	return RE_STATUS;
}

static ssize_t
tag_find(struct view *v, const char *key)
{
	size_t i;

	for (i = 0; i < v->ntags; i++)
		if (strcmp(v->tags[i].key, key) == 0)
			return (ssize_t)i;
	return -1;
}

bool
view_tagged(struct view *v, size_t line)
{
	struct buf b = BUF_INIT;
	bool yes = false;

	if (v->ntags && view_value(v, line, "key", &b))
		yes = tag_find(v, b.s) >= 0;
	buf_free(&b);
	return yes;
}

unsigned
view_tag(struct view *v)
{
	struct buf b = BUF_INIT;
	struct tag t = { 0 };
	ssize_t at;
	size_t i;

	if (v->ops->flags & VF_PAGER)
		return RE_NONE;
	if (!view_value(v, v->lineno, "key", &b)) {
		buf_free(&b);
		tui_message(v->ui, true, "nothing to tag on this line");
		return RE_STATUS | view_move(v, 1);
	}
	at = tag_find(v, b.s);
	if (at >= 0) {
		tag_free(&v->tags[at]);
		v->tags[at] = v->tags[--v->ntags];
		buf_free(&b);
	} else {
		t.key = buf_steal(&b);
		for (i = 0; view_value_names[i]; i++) {
			buf_reset(&b);
			if (!view_value(v, v->lineno, view_value_names[i], &b))
				continue;
			t.vals = xreallocarray(t.vals, t.nvals + 1,
			    sizeof *t.vals);
			t.vals[t.nvals].k = xstrdup(view_value_names[i]);
			t.vals[t.nvals].v = buf_steal(&b);
			t.nvals++;
		}
		buf_free(&b);
		v->tags = xreallocarray(v->tags, v->ntags + 1, sizeof *v->tags);
		v->tags[v->ntags++] = t;
	}
	/* The selection moves on, as in mutt, so that space space space
	 * tags a run of lines; the tagged line is drawn anew as the old
	 * selection. */
	return RE_LINE | RE_STATUS | view_move(v, 1);
}

static void
draw_line(struct view *v, size_t line, int y)
{
	struct tui *ui = v->ui;
	WINDOW *w = ui->body;
	attr_t base = ui_attr(ui, line == v->lineno ? UA_SELECT : UA_NORMAL);
	bool tagged;

	if (line >= view_lines(v, NULL)) {
		wmove(w, y, 0);
		wattrset(w, ui_attr(ui, UA_NORMAL));
		wclrtoeol(w);
		return;
	}
	draw_row(w, y, base);
	tagged = !(v->ops->flags & VF_PAGER) && view_tagged(v, line);
	if (!(v->ops->flags & VF_PAGER)) {
		/* A mark column: tags show even on a vt100. */
		wattrset(w, tagged ? (base | ui_attr(ui, UA_TAGGED)) : base);
		waddch(w, tagged ? '*' : ' ');
	}
	v->ops->draw(v, w, line, getmaxx(w) - getcurx(w), base);
}

static void
draw_empty(struct view *v)
{
	struct tui *ui = v->ui;

	if (view_lines(v, NULL) > 0)
		return;
	wmove(ui->body, 0, 1);
	if (v->error)
		draw_str(ui, ui->body, v->error, -1, ui_attr(ui, UA_ERROR),
		    DT_CLIP_MARK);
	else
		draw_str(ui, ui->body, "(nothing here)", -1,
		    ui_attr(ui, UA_DIM), 0);
}

void
view_draw_head(struct view *v)
{
	struct tui *ui = v->ui;

	draw_row(ui->head, 0, ui_attr(ui, UA_HEADER));
	if (v->ops->head) {
		if (!(v->ops->flags & VF_PAGER)) {
			wattrset(ui->head, ui_attr(ui, UA_HEADER));
			waddch(ui->head, ' ');
		}
		v->ops->head(v, ui->head, getmaxx(ui->head) -
		    getcurx(ui->head));
	}
	wnoutrefresh(ui->head);
}

void
view_draw(struct view *v, bool full)
{
	struct tui *ui = v->ui;
	int h = view_height(v), y;
	size_t delta;

	clamp(v);
	if (!v->drawn)
		full = true;
	if (!full && v->offset != v->drawn_offset) {
		/* A scroll of less than a screen: let the terminal move the
		 * lines and draw only those that came into view. */
		if (v->offset > v->drawn_offset)
			delta = v->offset - v->drawn_offset;
		else
			delta = v->drawn_offset - v->offset;
		if (delta >= (size_t)h) {
			full = true;
		} else {
			int d = (int)delta;

			wattrset(ui->body, ui_attr(ui, UA_NORMAL));
			scrollok(ui->body, TRUE);
			wscrl(ui->body, v->offset > v->drawn_offset ? d : -d);
			scrollok(ui->body, FALSE);
			if (v->offset > v->drawn_offset) {
				for (y = h - d; y < h; y++)
					draw_line(v, v->offset + (size_t)y, y);
			} else {
				for (y = 0; y < d; y++)
					draw_line(v, v->offset + (size_t)y, y);
			}
			if (v->drawn_lineno >= v->offset &&
			    v->drawn_lineno < v->offset + (size_t)h)
				draw_line(v, v->drawn_lineno,
				    (int)(v->drawn_lineno - v->offset));
		}
	}
	if (full) {
		werase(ui->body);
		for (y = 0; y < h; y++)
			draw_line(v, v->offset + (size_t)y, y);
		draw_empty(v);
	} else if (v->drawn_lineno != v->lineno) {
		/* The selection moved: two lines, the old and the new. */
		if (v->drawn_lineno >= v->offset &&
		    v->drawn_lineno < v->offset + (size_t)h)
			draw_line(v, v->drawn_lineno,
			    (int)(v->drawn_lineno - v->offset));
	}
	if (v->lineno >= v->offset && v->lineno < v->offset + (size_t)h)
		draw_line(v, v->lineno, (int)(v->lineno - v->offset));
	v->drawn_lineno = v->lineno;
	v->drawn_offset = v->offset;
	v->drawn = true;
	wnoutrefresh(ui->body);
}

bool
view_set_filter(struct view *v, const char *k, const char *val)
{
	if (v->ops->filter == NULL)
		return false;
	v->ops->filter(v, k, val);
	return true;
}
