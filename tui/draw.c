/* tui/draw.c: the one way text reaches the screen (see ui.h). */
#include "ui.h"

#include <string.h>

#include "../util/safe.h"

struct draw_ctx {
	const struct tui *ui;
	WINDOW *w;
	attr_t attr, esc;
};

static void
put_piece(void *ctx, const char *s, size_t n, int width, bool escape)
{
	struct draw_ctx *d = ctx;

	(void)width;
	wattrset(d->w, escape ? d->esc : d->attr);
	waddnstr(d->w, s, (int)n);
}

int
draw_text(const struct tui *ui, WINDOW *w, const char *s, size_t len,
    int width, attr_t attr, int flags)
{
	struct draw_ctx d = { ui, w, attr, ui_escape_attr(ui, attr) };
	int used = 0, total, maxx, y, x;

	getyx(w, y, x);
	maxx = getmaxx(w);
	(void)y;
	if (width < 0 || width > maxx - x)
		width = maxx - x;
	if (width <= 0)
		return 0;
	if (s == NULL)
		s = "";
	total = safe_width(s, len);
	if ((flags & DT_RIGHT) && total < width) {
		wattrset(w, attr);
		for (; used < width - total; used++)
			waddch(w, ' ');
	}
	if (total <= width - used) {
		used += safe_walk(s, len, width - used, put_piece, &d, NULL);
	} else if (flags & DT_CLIP_MARK) {
		used += safe_walk(s, len, width - used - 1, put_piece, &d,
		    NULL);
		wattrset(w, attr);
		waddch(w, '~');
		used++;
	} else {
		used += safe_walk(s, len, width - used, put_piece, &d, NULL);
	}
	wattrset(w, attr);
	if (flags & DT_PAD) {
		/* A wide character that did not fit leaves a gap: fill it
		 * so that the next column starts where it should. */
		for (; used < width; used++)
			waddch(w, ' ');
	}
	return used;
}

int
draw_str(const struct tui *ui, WINDOW *w, const char *s, int width,
    attr_t attr, int flags)
{
	return draw_text(ui, w, s, s ? strlen(s) : 0, width, attr, flags);
}

void
draw_row(WINDOW *w, int y, attr_t attr)
{
	int x, maxx = getmaxx(w);

	/* Filled first and drawn over, not the other way round: on a
	 * window's last row the cursor cannot move past the last column,
	 * so a fill after the text would write over what is there.  Not
	 * wclrtoeol: that takes the window's background, and a selected
	 * line must be reverse to its end. */
	wmove(w, y, 0);
	wattrset(w, attr);
	for (x = 0; x < maxx; x++)
		waddch(w, ' ');
	wmove(w, y, 0);
}

int
draw_width(const char *s)
{
	return s ? safe_width(s, strlen(s)) : 0;
}

static int
columns_used(const struct column *c, size_t n)
{
	int used = 0, shown = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].width > 0) {
			used += c[i].width;
			shown++;
		}
	return used + (shown > 1 ? shown - 1 : 0);
}

void
columns_layout(struct column *c, size_t n, int total)
{
	size_t i;
	int worst, used;

	for (i = 0; i < n; i++)
		c[i].width = c[i].flex ? c[i].min : c[i].want;
	/* Drop columns, least wanted first, until the rest fit. */
	while ((used = columns_used(c, n)) > total) {
		worst = -1;
		for (i = 0; i < n; i++)
			if (c[i].width > 0 && c[i].drop > 0 &&
			    (worst < 0 || c[i].drop > c[worst].drop))
				worst = (int)i;
		if (worst < 0)
			return;		/* the draw clips what is left */
		c[worst].width = 0;
	}
	for (i = 0; i < n; i++)
		if (c[i].flex && c[i].width > 0) {
			c[i].width += total - used;
			break;
		}
}
