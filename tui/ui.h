/* tui/ui.h: the console's inside, shared by the files of tui/: the
 * console state, the screen layout, attributes and the one safe way to
 * draw text.  Nothing outside tui/ includes it. */
#ifndef WARDEN_UI_H
#define WARDEN_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "../data/store.h"

struct view;
struct view_ops;
struct cmd_ctx;

/* What a key or a command asks the main loop to do afterwards (htop's
 * reactions): no handler redraws by itself, the loop does it once. */
enum {
	RE_NONE = 0,
	RE_LINE = 1 << 0,	/* the selection moved or scrolled: draw
				 * the lines that changed */
	RE_VIEW = 1 << 1,	/* repaint the view's body and header */
	RE_REDRAW = 1 << 2,	/* repaint every window */
	RE_RELOAD = 1 << 3,	/* data may have changed: reload views */
	RE_STATUS = 1 << 4,	/* repaint the status and message lines */
	RE_COUNTS = 1 << 5,	/* read the status line's counts again */
	RE_CLEAR = 1 << 6,	/* the terminal may be garbled (Ctrl-L) */
	RE_QUIT = 1 << 7,	/* leave (asks first if a claim is held) */
};

/* Colours and attributes by meaning; ui_attr() maps them to what the
 * terminal has (colour, or only bold/underline/reverse on a vt100 or
 * under NO_COLOR). */
enum ui_attr {
	UA_NORMAL, UA_TITLE, UA_TAB, UA_HEADER, UA_STATUS, UA_SELECT,
	UA_ESCAPE, UA_ERROR, UA_OK, UA_DIM, UA_FLAGGED, UA_HIDDEN,
	UA_TAGGED, UA_WARN, UA_SECTION, UA_MATCH,
	UA__COUNT
};

#define TUI_MAX_STACK 16
#define TUI_MAX_TABS 8

struct tui {
	struct cmd_ctx *cmd;	/* NULL when run without the command layer */
	struct store *st;
	char *moderator;
	char *role;
	bool read_only;
	bool color;

	/* Layout: title (row 0), header (row 1), body, status, message. */
	int rows, cols;
	WINDOW *title, *head, *body, *status, *msg;

	struct view *stack[TUI_MAX_STACK];
	int depth;
	struct view *tabs[TUI_MAX_TABS];	/* the Tab cycle, opened lazily */
	int ntabs, tab;

	struct buf message;	/* the last result or error */
	bool message_error;
	/* The message line says why a detector marked the selected line;
	 * for which view and line it did last, and whether it still does. */
	const struct view *why_view;
	size_t why_line;
	bool why_shown;
	int64_t open_flags, overdue, mine;
	bool have_stats;

	unsigned pending;	/* reactions not yet applied */
	bool prompting;		/* the ':' line is open */
};

/* term.c: the terminal and signals. */
bool term_start(struct tui *ui, bool no_color);
void term_stop(struct tui *ui);
void term_layout(struct tui *ui);	/* (re)creates windows for the size */
/* A signal that ends the console (SIGTERM, SIGHUP, SIGINT) arrived. */
bool term_ending(void);
int term_signal(void);		/* the signal that ends it, or 0 */
/* Ctrl-C was pressed since the last call. */
bool term_interrupted(void);
/* The next key: a curses key code, a byte, or ERR on timeout/signal. */
int term_getkey(struct tui *ui, int timeout_ms);
/* The same without the signal check (the ':' line reads through it);
 * from the script when one drives the console (script.c). */
int term_read(struct tui *ui, int timeout_ms);
void term_mouse(bool on);
attr_t ui_attr(const struct tui *ui, enum ui_attr a);
/* The attribute escapes take on a line drawn in `base`. */
attr_t ui_escape_attr(const struct tui *ui, attr_t base);

/* draw.c: every byte that came from the data reaches the screen through
 * draw_text(), which renders it with util/safe.h: escapes in their own
 * attribute, width by wcwidth, never a wide character split. */
enum {
	DT_PAD = 1 << 0,	/* fill the rest of width with spaces */
	DT_CLIP_MARK = 1 << 1,	/* show '~' where the text was cut */
	DT_RIGHT = 1 << 2,	/* align right within width */
};
int draw_text(const struct tui *ui, WINDOW *w, const char *s, size_t len,
    int width, attr_t attr, int flags);
int draw_str(const struct tui *ui, WINDOW *w, const char *s, int width,
    attr_t attr, int flags);
/* Starts row y of w: every column a space in attr, the cursor at its
 * start, for the row's text to be drawn over. */
void draw_row(WINDOW *w, int y, attr_t attr);
int draw_width(const char *s);	/* columns the safe form of s takes */

/* Columns laid out across a row: widths from wanted widths, the flexible
 * one taking what is left, columns that do not fit dropped. */
struct column {
	const char *name;	/* the rows' column (or a view's own key) */
	const char *title;
	int want;		/* wanted width */
	int min;		/* below this the column is dropped */
	bool flex;		/* takes the room left over */
	bool right;		/* numbers: right-aligned */
	int drop;		/* drop order when short of room (higher first) */
	int width;		/* set by columns_layout() */
};
void columns_layout(struct column *c, size_t n, int total);

/* console.c */
struct view *tui_top(struct tui *ui);
void tui_push(struct tui *ui, struct view *v);
/* View i of the Tab cycle, made (not opened) the first time. */
struct view *tui_tab(struct tui *ui, int i);
/* Shows view i of the Tab cycle, opening it the first time or when its
 * data changed; the views pushed over the current one are closed. */
void tui_show_tab(struct tui *ui, int i);
void tui_message(struct tui *ui, bool error, const char *fmt, ...)
    W_PRINTF(3, 4);
/* Runs a command line through the command language (command.c):
 * %names are filled from the view's selected (or tagged) lines, results
 * go to a view or the status line.  Returns reactions. */
unsigned tui_command(struct tui *ui, const char *line);
/* Applies the reactions pending: draws what they say changed.  The main
 * loop calls it between keys; the ':' line and a question call it too
 * when the terminal is resized under them. */
void tui_render(struct tui *ui);
/* The terminal changed size: new windows, every view told its width. */
void tui_resize(struct tui *ui);
/* Current time: WARDEN_NOW if set (tests), else the clock. */
int64_t tui_now(void);

/* status.c */
void status_refresh(struct tui *ui);
void status_draw(struct tui *ui);
void title_draw(struct tui *ui);
void message_draw(struct tui *ui);

/* prompt.c: the ':' and '/' lines, readline inside curses.  Returns
 * the line entered (allocated), or NULL when cancelled. */
void prompt_init(struct tui *ui);
void prompt_end(void);
char *prompt_read(struct tui *ui, const char *prompt, const char *initial,
    bool commands);

/* ask.c: a yes/no question on the message line; text may be several
 * lines (shown in a box over the body).  Default no. */
bool ui_confirm(struct tui *ui, const char *question, const char *detail);

#endif
