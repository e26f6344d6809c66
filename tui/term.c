/* tui/term.c: the terminal: curses set-up and tear-down, the signals that
 * end the console, the windows of the layout and the attribute palette. */
#include "ui.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

static volatile sig_atomic_t ending, interrupted;

static void
on_signal(int sig)
{
	if (sig == SIGINT)
		interrupted = 1;
	else
		ending = sig;
}

bool
term_ending(void)
{
	return ending != 0;
}

int
term_signal(void)
{
	return ending > 0 ? (int)ending : 0;
}

bool
term_interrupted(void)
{
	bool was = interrupted != 0;

	interrupted = 0;
	return was;
}

/* SIGTERM and SIGHUP (the SSH link dropped) end the console through the
 * main loop, which restores the terminal; SIGINT (Ctrl-C) cancels the
 * command line, or quits like Q.  No handler does more than set a flag.  No SA_RESTART, so that a read in progress
 * returns at once.  Installed before initscr(), so that curses keeps its
 * hands off them; SIGWINCH and SIGTSTP are left to curses. */
static void
catch_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < W_NELEM(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static SCREEN *screen;
static attr_t palette[UA__COUNT];
static attr_t escape_mod;

static void
init_palette(struct tui *ui)
{
	/* Without colour (NO_COLOR, --no-color, a vt100): only the
	 * attributes every terminal has. */
	static const attr_t mono[UA__COUNT] = {
		[UA_NORMAL] = A_NORMAL,
		[UA_TITLE] = A_REVERSE,
		[UA_TAB] = A_REVERSE | A_BOLD,
		[UA_HEADER] = A_BOLD | A_UNDERLINE,
		[UA_STATUS] = A_REVERSE,
		[UA_SELECT] = A_REVERSE,
		[UA_ESCAPE] = A_UNDERLINE,
		[UA_ERROR] = A_BOLD,
		[UA_OK] = A_NORMAL,
		[UA_DIM] = A_NORMAL,
		[UA_FLAGGED] = A_BOLD,
		[UA_HIDDEN] = A_NORMAL,
		[UA_TAGGED] = A_BOLD,
		[UA_WARN] = A_BOLD,
		[UA_SECTION] = A_BOLD,
		[UA_MATCH] = A_UNDERLINE,
	};
	static const struct {
		short fg, bg;
		attr_t extra;
	} colours[UA__COUNT] = {
		[UA_NORMAL] = { -1, -1, 0 },
		[UA_TITLE] = { COLOR_WHITE, COLOR_BLUE, 0 },
		[UA_TAB] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD },
		[UA_HEADER] = { COLOR_CYAN, -1, A_BOLD },
		[UA_STATUS] = { COLOR_WHITE, COLOR_BLUE, 0 },
		[UA_SELECT] = { -1, -1, A_REVERSE },
		[UA_ESCAPE] = { COLOR_MAGENTA, -1, A_BOLD },
		[UA_ERROR] = { COLOR_RED, -1, A_BOLD },
		[UA_OK] = { COLOR_GREEN, -1, 0 },
		[UA_DIM] = { COLOR_BLUE, -1, A_BOLD },
		[UA_FLAGGED] = { COLOR_RED, -1, 0 },
		[UA_HIDDEN] = { COLOR_BLUE, -1, A_BOLD },
		[UA_TAGGED] = { COLOR_YELLOW, -1, A_BOLD },
		[UA_WARN] = { COLOR_YELLOW, -1, A_BOLD },
		[UA_SECTION] = { COLOR_CYAN, -1, A_BOLD },
		[UA_MATCH] = { COLOR_YELLOW, -1, A_UNDERLINE },
	};
	int i;

	if (!ui->color) {
		memcpy(palette, mono, sizeof palette);
		escape_mod = A_UNDERLINE;
		return;
	}
	for (i = 0; i < UA__COUNT; i++) {
		init_pair((short)(i + 1), colours[i].fg, colours[i].bg);
		palette[i] = COLOR_PAIR(i + 1) | colours[i].extra;
	}
	palette[UA_SELECT] = A_REVERSE;
	escape_mod = COLOR_PAIR(UA_ESCAPE + 1) | A_BOLD;
}

attr_t
ui_attr(const struct tui *ui, enum ui_attr a)
{
	(void)ui;
	return palette[a];
}

attr_t
ui_escape_attr(const struct tui *ui, attr_t base)
{
	if (!ui->color)
		return base | A_UNDERLINE;
	/* Escapes keep the line's reverse (a selected line) but take their
	 * own colour, so that they stand out on every line. */
	return (base & ~A_COLOR) | escape_mod;
}

/* Whatever ends the process while curses holds the terminal (fatal()'s
 * exit on a failed allocation, say) leaves it sane. */
static void
restore_at_exit(void)
{
	if (screen && !isendwin())
		endwin();
}

bool
term_start(struct tui *ui, bool no_color)
{
	const char *nc = getenv("NO_COLOR");
	static bool registered;

	catch_signals();
	if ((screen = newterm(NULL, stdout, stdin)) == NULL)
		return false;
	if (!registered && atexit(restore_at_exit) == 0)
		registered = true;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	/* Escape alone cancels; a short wait tells it from a key's
	 * sequence even over a slow link. */
	set_escdelay(100);
	curs_set(0);
	ui->color = !no_color && (nc == NULL || *nc == '\0') && has_colors();
	if (ui->color) {
		start_color();
		use_default_colors();
	}
	init_palette(ui);
	term_layout(ui);
	return true;
}

void
term_mouse(bool on)
{
	/* Only the wheel: clicks stay the terminal's, for selecting text. */
	mousemask(on ? BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
	mouseinterval(0);
}

static void
del(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

void
term_layout(struct tui *ui)
{
	int body;

	getmaxyx(stdscr, ui->rows, ui->cols);
	del(&ui->title);
	del(&ui->head);
	del(&ui->body);
	del(&ui->status);
	del(&ui->msg);
	body = ui->rows - 4;
	if (body < 1)
		body = 1;
	ui->title = newwin(1, ui->cols, 0, 0);
	ui->head = newwin(1, ui->cols, 1, 0);
	ui->body = newwin(body, ui->cols, 2, 0);
	ui->status = newwin(1, ui->cols, ui->rows > 3 ? ui->rows - 2 : 0, 0);
	ui->msg = newwin(1, ui->cols, ui->rows > 3 ? ui->rows - 1 : 0, 0);
	if (!ui->title || !ui->head || !ui->body || !ui->status || !ui->msg)
		fatal("the terminal is too small");
	/* Scrolling the body (view.c turns scrollok on around wscrl, and
	 * only there: a full last row must not scroll the window) lets
	 * curses use the terminal's own scroll instead of repainting. */
	idlok(ui->body, TRUE);
	keypad(ui->msg, TRUE);
	leaveok(ui->body, TRUE);
	leaveok(ui->title, TRUE);
	leaveok(ui->head, TRUE);
	leaveok(ui->status, TRUE);
}

void
term_stop(struct tui *ui)
{
	mousemask(0, NULL);
	del(&ui->title);
	del(&ui->head);
	del(&ui->body);
	del(&ui->status);
	del(&ui->msg);
	curs_set(1);
	endwin();
	if (screen)
		delscreen(screen);
	screen = NULL;
}

int
term_read(struct tui *ui, int timeout_ms)
{
	int c;

	if (script_active()) {
		/* A short wait is the one after Esc: nothing follows it. */
		if (timeout_ms >= 0 && timeout_ms <= 100)
			return ERR;
		if ((c = script_key()) == ERR)
			ending = -1;	/* the script's end: quit, status 0 */
		return c;
	}
	wtimeout(ui->msg, timeout_ms);
	c = wgetch(ui->msg);
	return c;
}

int
term_getkey(struct tui *ui, int timeout_ms)
{
	if (ending || interrupted)
		return ERR;
	return term_read(ui, timeout_ms);
}
