/* tui/status.c: the title line (the Tab cycle and where we are), the
 * status line (backend, moderator and role, counts) and the message line
 * (the last command's result or error; the ':' line when open). */
#include "view.h"

#include <stdio.h>
#include <string.h>

void
status_refresh(struct tui *ui)
{
	struct rows *r = NULL;
	struct werr e;

	werr_clear(&e);
	if (store_queryv(ui->st, &r, &e, "stats", "moderator", ui->moderator,
	    NULL) < 0 || r->nrows == 0) {
		ui->have_stats = false;
		rows_free(r);
		return;
	}
	ui->open_flags = rows_int(r, 0, "open_flags", 0);
	ui->overdue = rows_int(r, 0, "overdue", 0);
	ui->mine = rows_int(r, 0, "mine", 0);
	ui->have_stats = true;
	rows_free(r);
}

void
status_draw(struct tui *ui)
{
	WINDOW *w = ui->status;
	attr_t a = ui_attr(ui, UA_STATUS);
	const char *backend = ui->st->ops->describe(ui->st);
	char counts[128], who[128];
	int room, cw, ww;

	draw_row(w, 0, a);
	if (ui->have_stats)
		snprintf(counts, sizeof counts, " %lld open flags | %lld "
		    "overdue | %lld mine ", (long long)ui->open_flags,
		    (long long)ui->overdue, (long long)ui->mine);
	else
		snprintf(counts, sizeof counts, " counts unavailable ");
	snprintf(who, sizeof who, " %s (%s)%s |", ui->moderator, ui->role,
	    ui->read_only ? " read-only" : "");
	cw = draw_width(counts);
	ww = draw_width(who);
	/* The backend gives way first: it is the same all day. */
	room = ui->cols - cw - ww - 3;
	waddch(w, ' ');
	if (room > 8) {
		int bw = draw_width(backend);

		if (bw > room) {
			/* keep the end of a long path: the file's name */
			const char *p = backend + strlen(backend);

			while (p > backend && draw_width(p - 1) < room - 1)
				p--;
			draw_str(ui, w, "~", 1, a, 0);
			draw_str(ui, w, p, room - 1, a, 0);
		} else {
			draw_str(ui, w, backend, room, a, DT_PAD);
		}
	}
	draw_str(ui, w, " |", -1, a, 0);
	draw_str(ui, w, who, -1, a, 0);
	draw_str(ui, w, counts, -1, ui->overdue > 0 && ui->color ?
	    (ui_attr(ui, UA_STATUS) | A_BOLD) : a, 0);
	wnoutrefresh(w);
}

void
message_draw(struct tui *ui)
{
	WINDOW *w = ui->msg;

	if (ui->prompting)
		return;		/* the prompt owns the line */
	werase(w);
	wmove(w, 0, 0);
	draw_text(ui, w, buf_str(&ui->message), ui->message.len, ui->cols - 1,
	    ui_attr(ui, ui->message_error ? UA_ERROR : UA_NORMAL),
	    DT_CLIP_MARK);
	wnoutrefresh(w);
}

void
title_draw(struct tui *ui)
{
	WINDOW *w = ui->title;
	struct view *v = tui_top(ui);
	attr_t a = ui_attr(ui, UA_TITLE);
	struct buf b = BUF_INIT;
	char pos[48];
	size_t i, n;
	bool more;
	int x;

	draw_row(w, 0, a);
	waddstr(w, " warden ");
	/* The Tab cycle, the current one marked: a vt100 shows [queue].
	 * On a narrow terminal the others shrink to three letters, so that
	 * the view's own title keeps room. */
	for (i = 0, x = 8; i < ntab_views; i++)
		x += (int)strlen(tab_views[i]->name) + 2;
	for (i = 0; i < ntab_views; i++) {
		bool cur = (int)i == ui->tab;
		int n = cur || ui->cols - x >= 36 ? -1 : 3;

		draw_str(ui, w, cur ? "[" : " ", 1, a, 0);
		draw_str(ui, w, tab_views[i]->name, n,
		    cur ? ui_attr(ui, UA_TAB) : a, 0);
		draw_str(ui, w, cur ? "]" : " ", 1, a, 0);
	}
	if (v) {
		n = view_lines(v, &more);
		if (n == 0)
			snprintf(pos, sizeof pos, " 0/0 ");
		else
			snprintf(pos, sizeof pos, " %zu/%zu%s ", v->lineno + 1,
			    n, more ? "+" : "");
		if (v->ops->title)
			v->ops->title(v, &b);
		else
			buf_adds(&b, v->ops->name);
		if (v->ntags)
			buf_printf(&b, "  %zu tagged", v->ntags);
		x = getcurx(w);
		draw_str(ui, w, "  ", -1, a, 0);
		draw_text(ui, w, buf_str(&b), b.len,
		    ui->cols - x - 2 - (int)strlen(pos), a, DT_CLIP_MARK);
		wmove(w, 0, ui->cols - (int)strlen(pos) > 0 ?
		    ui->cols - (int)strlen(pos) : 0);
		draw_str(ui, w, pos, -1, a, 0);
	}
	buf_free(&b);
	wnoutrefresh(w);
}
