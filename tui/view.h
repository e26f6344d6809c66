/* tui/view.h: views, tig-style.  A view is a file that fills one const
 * struct view_ops and is listed once in tui/views.c; the console keeps
 * open views on a stack (Enter pushes, q pops) and cycles the top-level
 * ones with Tab.
 *
 * Every view is a list of lines with a selected one.  The generic code
 * here moves, scrolls, searches, tags and draws only what changed; a view
 * says how many lines it has (reading pages as they come into view), how
 * to draw one, what Enter does on one, and what a line names (%account,
 * %flag, ...) for the commands bound to keys.  Two helpers cover most
 * views: table.c (rows of a paged query in columns) and text.c (lines of
 * text built once, wrapped to the width). */
#ifndef WARDEN_TUI_VIEW_H
#define WARDEN_TUI_VIEW_H

#include "ui.h"

enum {
	VF_PAGER = 1 << 0,	/* space/b page (less); no tagging */
	VF_TAB = 1 << 1,	/* in the Tab cycle */
};

struct view_ops {
	const char *name;	/* "queue": bindings, help, the Tab strip */
	const char *help;	/* one line for the ? overlay */
	unsigned flags;
	/* Views of the Tab cycle: a new instance, not yet opened. */
	struct view *(*create)(struct tui *);
	/* Reads (again) what the view shows; keeps the selection where it
	 * can.  false with e set on error (the view stays, empty). */
	bool (*open)(struct view *, struct werr *);
	/* Lines known so far; *more when reading further may find more. */
	size_t (*lines)(struct view *, bool *more);
	/* Reads until line n is known or there is no more.  NULL: all
	 * lines are always known. */
	bool (*reach)(struct view *, size_t n, struct werr *);
	/* The header row (column titles, a subject); may be NULL. */
	void (*head)(struct view *, WINDOW *, int width);
	/* One line at the window's cursor, in `base` (normal or selected). */
	void (*draw)(struct view *, WINDOW *, size_t line, int width,
	    attr_t base);
	/* Whether a line holds the text searched for with /. */
	bool (*match)(struct view *, size_t line, const char *needle);
	/* Enter on a line: usually pushes a view.  Returns reactions. */
	unsigned (*enter)(struct view *, size_t line);
	/* The value of %name on a line ("account" -> "@handle").  The name
	 * "key" must give a value unique to the line's thing, for tags. */
	bool (*value)(struct view *, size_t line, const char *name,
	    struct buf *out);
	/* A key the generic code does not know; RE_NONE if not taken. */
	unsigned (*key)(struct view *, int key);
	/* The terminal width changed (text views re-wrap). */
	void (*resize)(struct view *, int width);
	/* A short title: "queue  reason=phishing" */
	void (*title)(struct view *, struct buf *);
	/* Sets a filter (a query parameter; NULL value clears them all). */
	void (*filter)(struct view *, const char *k, const char *val);
	void (*done)(struct view *);
};

/* One tagged line: its key and the values of every %name it has, taken
 * when it was tagged (its page may be gone by the time the bulk action
 * runs). */
struct tag {
	char *key;
	struct param *vals;
	size_t nvals;
};

struct view {
	const struct view_ops *ops;
	struct tui *ui;
	void *priv;
	size_t offset;		/* first line on screen */
	size_t lineno;		/* the selected line */
	size_t drawn_lineno;	/* the selection as last drawn */
	size_t drawn_offset;
	bool drawn;		/* the body shows this view as it is */
	bool opened;		/* open() has run */
	bool stale;		/* data changed since: open again when shown */
	char *grep;		/* the last / search */
	struct tag *tags;
	size_t ntags;
	char *error;		/* why the view is empty, when it is */
};

/* The names a line may give a value for, in the order help lists them. */
extern const char *const view_value_names[];

struct view *view_new(struct tui *ui, const struct view_ops *ops,
    void *priv);
void view_free(struct view *v);
/* Opens (or re-opens) the view, noting an error on the view. */
void view_open(struct view *v);
size_t view_lines(struct view *v, bool *more);
bool view_value(struct view *v, size_t line, const char *name,
    struct buf *out);
int view_height(const struct view *v);

/* Generic requests (view.c). */
unsigned view_move(struct view *v, long delta);
unsigned view_goto(struct view *v, size_t line);
unsigned view_end(struct view *v);
unsigned view_page(struct view *v, int dir);
unsigned view_find(struct view *v, const char *needle, int dir, bool from_next);
/* ASCII case-insensitive substring test (what a view's match() does). */
bool text_has(const char *hay, const char *needle);
unsigned view_tag(struct view *v);
void view_untag_all(struct view *v);
bool view_tagged(struct view *v, size_t line);
/* Draws what changed: the two lines of a moved selection, a scroll, or
 * (with full) every line. */
void view_draw(struct view *v, bool full);
void view_draw_head(struct view *v);

/* The registered views (views.c lists them); the ones other files name
 * directly. */
extern const struct view_ops view_queue, view_account, view_thread,
    view_appeals, view_audit, view_search, view_results, view_help;
extern const struct view_ops *const tab_views[];
extern const size_t ntab_views;
const struct view_ops *view_by_name(const char *name);
/* "queue, escalations, ..., help, ": every view's name and a comma. */
void view_names(struct buf *out);

/* Views opened with something to show. */
struct view *account_view_new(struct tui *ui, int64_t id);
struct view *thread_view_new(struct tui *ui, int64_t id, int64_t message);
struct cmd_output;
struct view *results_view_new(struct tui *ui, const struct cmd_output *out);
struct view *help_view_new(struct tui *ui, const struct view *from);
/* The list views (table.h) take filters as their query's parameters;
 * false when the view takes none. */
bool view_set_filter(struct view *v, const char *k, const char *val);

#endif
