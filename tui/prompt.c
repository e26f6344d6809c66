/* tui/prompt.c: the ':' command line (and the '/' search line): GNU
 * readline through its callback interface, inside curses.
 *
 * curses owns the terminal: readline's signal handling, SIGWINCH, its
 * terminal preparation and its environment changes are turned off; it
 * reads the bytes we take from wgetch() (keypad off while the line is
 * open, so that arrows reach it as the sequences it binds), and we draw
 * its line ourselves: the cursor column from the safe width of what is
 * before it, scrolled sideways when the line is longer than the screen.
 * Completion matches are drawn in a box over the view.  History is kept
 * in $XDG_STATE_HOME/warden/history; rl_readline_name is "warden", so
 * that `$if warden` works in an inputrc. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "../util/safe.h"
#include "complete.h"

#define HISTORY_MAX 1000

static struct tui *pui;		/* the console the line belongs to */
static int pending = EOF;	/* the byte readline reads next */
static bool done;		/* a line was entered or given up */
static char *result;
static int hscroll;		/* first column of the line on screen */
static bool matches_shown;	/* a completion box covers the view */
static char *history_path;
static FILE *devnull;

static int
getc_cb(FILE *f)
{
	int c = pending;

	(void)f;
	pending = EOF;
	if (c == EOF) {
		/* readline wants more than it was given: read it here. */
		c = term_read(pui, -1);
		if (c == ERR)
			c = EOF;
	}
	return c;
}

static int
available_cb(void)
{
	return pending != EOF;
}

static void
line_cb(char *line)
{
	free(result);
	result = line;		/* NULL: end of input (^D on an empty line) */
	done = true;
	rl_callback_handler_remove();
}

static void
prep_noop(int meta)
{
	(void)meta;
}

static void
deprep_noop(void)
{
}

/* Where the line starts on screen so that the cursor shows: a third of
 * the room is kept on the side it moves to. */
static int
scroll_for(int cur, int room)
{
	if (cur < hscroll)
		hscroll = cur - room / 3 > 0 ? cur - room / 3 : 0;
	if (cur - hscroll > room - 1)
		hscroll = cur - room + room / 3 + 1;
	return hscroll < 0 ? (hscroll = 0) : hscroll;
}

static void
redisplay_cb(void)
{
	WINDOW *w = pui->msg;
	const char *prompt = rl_display_prompt ? rl_display_prompt : "";
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	size_t len = (size_t)rl_end, skip;
	int pw, room, x0, cur, shown;
	attr_t a = ui_attr(pui, UA_NORMAL);

	werase(w);
	wmove(w, 0, 0);
	pw = draw_str(pui, w, prompt, pui->cols / 2, a, 0);
	/* The last column stays free for the '>' mark; when the line is
	 * scrolled, the first after the prompt holds '<'. */
	room = pui->cols - pw - 1;
	if (room < 3)
		room = 3;
	cur = safe_width(line, (size_t)rl_point);
	if (scroll_for(cur, room) > 0) {
		room--;
		scroll_for(cur, room);
	}
	x0 = pw + (hscroll > 0);
	/* From the first character that starts at or after hscroll; a
	 * wide one cut by the edge leaves a blank. */
	skip = safe_span(line, len, hscroll, &shown);
	if (shown < hscroll) {
		skip += safe_span(line + skip, len - skip, hscroll - shown + 1,
		    NULL);
		shown = safe_width(line, skip);
	}
	if (hscroll > 0) {
		wattrset(w, ui_attr(pui, UA_DIM));
		mvwaddch(w, 0, pw, '<');
	}
	wmove(w, 0, x0 + (shown - hscroll));
	draw_text(pui, w, line + skip, len - skip, room - (shown - hscroll),
	    a, 0);
	if (safe_width(line, len) - hscroll > room) {
		wattrset(w, ui_attr(pui, UA_DIM));
		mvwaddch(w, 0, pui->cols - 1, '>');
	}
	wmove(w, 0, x0 + cur - hscroll);
	wnoutrefresh(w);
	doupdate();
}

/* Matches in columns in a box just above the status line, until the next
 * key.  matches[0] is what they share; the rest are the candidates. */
static void
display_matches_cb(char **matches, int num, int max)
{
	WINDOW *box;
	int colw = max + 2, ncols, nrows, h, i, y, x;

	if (pui->cols < 3)
		return;		/* no room for a box */
	if (colw > pui->cols - 2)
		colw = pui->cols - 2;
	ncols = (pui->cols - 2) / colw;
	if (ncols < 1)
		ncols = 1;
	nrows = (num + ncols - 1) / ncols;
	h = nrows + 2;
	if (h > pui->rows - 4)
		h = pui->rows - 4;
	if (h < 3)
		return;
	box = newwin(h, pui->cols, pui->rows - 2 - h, 0);
	if (box == NULL)
		return;
	werase(box);
	wborder(box, '|', '|', '-', '-', '+', '+', '+', '+');
	for (i = 0; i < num; i++) {
		y = 1 + i % nrows;
		x = 1 + (i / nrows) * colw;
		if (y >= h - 1)
			continue;
		wmove(box, y, x);
		draw_str(pui, box, matches[i + 1], colw - 1,
		    ui_attr(pui, UA_NORMAL), DT_CLIP_MARK);
	}
	if (nrows > h - 2) {
		wmove(box, h - 1, 2);
		draw_str(pui, box, " more: type more to narrow ", -1,
		    ui_attr(pui, UA_DIM), 0);
	}
	wnoutrefresh(box);
	delwin(box);
	matches_shown = true;
	rl_forced_update_display();
}

static char *
history_file(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *dir, *path;

	if (state && *state == '/')
		dir = xasprintf("%s/warden", state);
	else if (home && *home)
		dir = xasprintf("%s/.local/state/warden", home);
	else
		return NULL;
	/* mkdir -p, quietly: history is a convenience. */
	{
		char *p;

		for (p = dir + 1; *p; p++)
			if (*p == '/') {
				*p = '\0';
				mkdir(dir, 0700);
				*p = '/';
			}
		mkdir(dir, 0700);
	}
	path = xasprintf("%s/history", dir);
	free(dir);
	return path;
}

void
prompt_init(struct tui *ui)
{
	pui = ui;
	rl_readline_name = "warden";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_getc_function = getc_cb;
	rl_input_available_hook = available_cb;
	rl_redisplay_function = redisplay_cb;
	rl_prep_term_function = prep_noop;
	rl_deprep_term_function = deprep_noop;
	rl_completion_display_matches_hook = display_matches_cb;
	complete_init(ui);
	/* Nothing readline prints may reach the terminal behind curses'
	 * back. */
	devnull = fopen("/dev/null", "w");
	if (devnull)
		rl_outstream = devnull;
	rl_instream = stdin;
	using_history();
	stifle_history(HISTORY_MAX);
	history_path = history_file();
	if (history_path)
		read_history(history_path);
}

void
prompt_end(void)
{
	if (history_path) {
		history_truncate_file(history_path, HISTORY_MAX);
		free(history_path);
		history_path = NULL;
	}
	clear_history();
	rl_callback_handler_remove();
	if (devnull) {
		rl_outstream = NULL;
		fclose(devnull);
		devnull = NULL;
	}
	complete_end();
	free(result);
	result = NULL;
}

static void
feed(int c)
{
	pending = c;
	rl_callback_read_char();
}

static void
cancel(void)
{
	/* Drop what was typed and leave readline as it was. */
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	rl_callback_sigcleanup();
	rl_callback_handler_remove();
	free(result);
	result = NULL;
	done = true;
}

static void
uncover(struct tui *ui)
{
	if (!matches_shown)
		return;
	matches_shown = false;
	if (tui_top(ui)) {
		tui_top(ui)->drawn = false;
		view_draw(tui_top(ui), true);
	}
	status_draw(ui);
}

char *
prompt_read(struct tui *ui, const char *prompt, const char *initial,
    bool commands)
{
	char *line;
	int c;

	pui = ui;
	done = false;
	hscroll = 0;
	free(result);
	result = NULL;
	ui->prompting = true;
	complete_set(commands);
	keypad(ui->msg, FALSE);
	term_mouse(false);
	leaveok(ui->msg, FALSE);
	curs_set(1);
	rl_callback_handler_install(prompt, line_cb);
	if (initial && *initial) {
		rl_insert_text(initial);
		rl_point = rl_end;
	}
	rl_forced_update_display();
	while (!done) {
		c = term_read(ui, 1000);
		if (term_ending()) {
			cancel();
			break;
		}
		if (term_interrupted()) {
			cancel();
			break;
		}
		if (c == ERR)
			continue;
		uncover(ui);
		if (c == KEY_RESIZE) {
			tui_resize(ui);
			keypad(ui->msg, FALSE);
			leaveok(ui->msg, FALSE);
			ui->pending |= RE_REDRAW;
			tui_render(ui);
			rl_forced_update_display();
			continue;
		}
		if (c >= KEY_MIN) {
			/* keypad is off, so only a script gives these: as
			 * the sequences readline binds */
			const char *seq = c == KEY_UP ? "\033[A" :
			    c == KEY_DOWN ? "\033[B" : c == KEY_RIGHT ?
			    "\033[C" : c == KEY_LEFT ? "\033[D" : c == KEY_HOME ?
			    "\033[H" : c == KEY_END ? "\033[F" : "";

			while (*seq && !done)
				feed((unsigned char)*seq++);
			continue;
		}
		if (c == 7) {		/* ^G: cancel, as in emacs */
			cancel();
			break;
		}
		if (c == 27) {
			/* Escape alone cancels; with a byte close behind it,
			 * it starts a key's sequence (an arrow, Alt-b). */
			int next;

			next = term_read(ui, 100);
			if (next == ERR || next == 27) {
				cancel();
				break;
			}
			feed(27);
			if (!done)
				feed(next);
			continue;
		}
		feed(c);
	}
	ui->prompting = false;
	keypad(ui->msg, TRUE);
	term_mouse(true);
	leaveok(ui->msg, TRUE);
	curs_set(0);
	uncover(ui);
	line = result;
	result = NULL;
	if (line && commands && *line) {
		HIST_ENTRY *last = history_get(history_base + history_length -
		    1);

		if (last == NULL || strcmp(last->line, line) != 0) {
			add_history(line);
			/* Saved at once: a dropped link loses nothing, and
			 * two consoles both keep theirs. */
			if (history_path && append_history(1, history_path) != 0)
				write_history(history_path);
		}
	}
	ui->pending |= RE_STATUS;
	return line;
}
