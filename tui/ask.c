/* tui/ask.c: a yes/no question before something that cannot be taken
 * back.  What will happen shows in a box over the view; the answer is
 * one key, and anything but y is no. */
#include "ui.h"

#include <string.h>

static void
draw_box(struct tui *ui, WINDOW *w, const char *detail)
{
	const char *p = detail;
	int y = 1, h = getmaxy(w), width = getmaxx(w);

	werase(w);
	wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
	while (*p && y < h - 1) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		wmove(w, y++, 2);
		draw_text(ui, w, p, len, width - 4, ui_attr(ui, UA_NORMAL),
		    DT_CLIP_MARK);
		p += len;
		if (*p == '\n')
			p++;
	}
	if (*p && y == h - 1) {
		wmove(w, y - 1, 2);
		draw_str(ui, w, "...", width - 4, ui_attr(ui, UA_DIM), 0);
	}
	wnoutrefresh(w);
}

bool
ui_confirm(struct tui *ui, const char *question, const char *detail)
{
	WINDOW *box = NULL;
	int key, lines = 0, h;
	const char *p;
	bool yes = false;

	for (;;) {
		if (detail && *detail) {
			for (p = detail, lines = 0; *p; p++)
				lines += *p == '\n';
			if (p > detail && p[-1] != '\n')
				lines++;
			h = lines + 2;
			if (h > ui->rows - 4)
				h = ui->rows - 4;
			if (h >= 3) {
				if (box)
					delwin(box);
				box = newwin(h, ui->cols, ui->rows - 2 - h, 0);
				if (box)
					draw_box(ui, box, detail);
			}
		}
		werase(ui->msg);
		wmove(ui->msg, 0, 0);
		draw_str(ui, ui->msg, question, ui->cols - 8,
		    ui_attr(ui, UA_WARN), DT_CLIP_MARK);
		draw_str(ui, ui->msg, " [y/N] ", -1, ui_attr(ui, UA_WARN), 0);
		wnoutrefresh(ui->msg);
		curs_set(1);
		doupdate();
		key = term_getkey(ui, 1000);
		if (key == KEY_RESIZE) {
			/* The view, title and status at the new size, then
			 * the question over them again. */
			tui_resize(ui);
			ui->pending |= RE_REDRAW;
			tui_render(ui);
			continue;
		}
		/* Ctrl-C answers no.  Until it is taken, every read gives
		 * ERR at once: waiting on would spin and never read the
		 * answer. */
		if (term_interrupted())
			break;
		if (key == ERR && !term_ending())
			continue;
		yes = key == 'y' || key == 'Y';
		break;
	}
	curs_set(0);
	if (box)
		delwin(box);
	/* The box covered the view: the caller redraws everything. */
	touchwin(ui->body);
	ui->pending |= RE_REDRAW;
	return yes;
}
