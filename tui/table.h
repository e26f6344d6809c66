/* tui/table.h: the list views (queue, escalations, appeals, audit,
 * search): the rows of a paged query in columns.  What is particular to
 * a view is data, one const struct table_spec: its query, its columns,
 * how a cell reads, what its lines name (%account, %flag, ...) and what
 * Enter opens.  Everything else, the ops included, is here once; a view
 * file is its spec, its ops (TABLE_VIEW_OPS) and a create that calls
 * table_view_new(). */
#ifndef WARDEN_TUI_TABLE_H
#define WARDEN_TUI_TABLE_H

#include "source.h"
#include "view.h"

/* Page size of the views' queries: a screen or two at a time. */
#define TABLE_PAGE 40
#define UA_DEFAULT UA__COUNT

struct table_spec {
	const char *what;	/* the store query */
	const struct column *cols;
	size_t ncols;
	/* Text of a cell.  Returns the cell's attribute (UA_NORMAL: the
	 * line's), or UA_DEFAULT for the row's column of the same name.
	 * NULL: every cell is its column's value. */
	enum ui_attr (*cell)(const struct rows *, size_t row,
	    const struct column *, struct buf *out);
	/* The columns / searches, comma-separated. */
	const char *search_cols;
	/* A parameter without which there is nothing to read (search's
	 * words), and what to say then. */
	const char *needs, *needs_why;
	/* The %names a row gives from its integer columns, beside the
	 * ones every row gives: %account and %handle (the handle column)
	 * and %id. */
	struct {
		const char *name, *col;
	} values[4];
	/* A %name the table above cannot say; false when not taken. */
	bool (*value)(const struct rows *, size_t row, const char *name,
	    struct buf *out);
	/* Enter opens the account of this column ("account_id" if NULL),
	 * unless enter() takes the row first (RE_NONE: not taken). */
	const char *account_col;
	unsigned (*enter)(struct view *, const struct rows *, size_t row);
};

struct table {
	const struct table_spec *spec;
	struct source src;
	struct column *cols;	/* the spec's, laid out for laid_for */
	int laid_for;		/* the width the columns were laid out for */
};

struct view *table_view_new(struct tui *ui, const struct view_ops *ops,
    const struct table_spec *spec);

bool table_open(struct view *v, struct werr *e);
size_t table_lines(struct view *v, bool *more);
bool table_reach(struct view *v, size_t n, struct werr *e);
void table_head(struct view *v, WINDOW *w, int width);
void table_draw(struct view *v, WINDOW *w, size_t line, int width,
    attr_t base);
bool table_match(struct view *v, size_t line, const char *needle);
unsigned table_enter(struct view *v, size_t line);
bool table_value(struct view *v, size_t line, const char *name,
    struct buf *out);
void table_title(struct view *v, struct buf *out);
/* k NULL: clears every filter. */
void table_filter(struct view *v, const char *k, const char *val);
void table_done(struct view *v);

/* A cell of a time column as a date, dim (for a spec's cell()). */
enum ui_attr table_cell_time(const struct rows *r, size_t row,
    const char *col, struct buf *out);

/* The ops of every list view; the view adds its name, help, flags and
 * create. */
#define TABLE_VIEW_OPS \
	.open = table_open, \
	.lines = table_lines, \
	.reach = table_reach, \
	.head = table_head, \
	.draw = table_draw, \
	.match = table_match, \
	.enter = table_enter, \
	.value = table_value, \
	.title = table_title, \
	.filter = table_filter, \
	.done = table_done

#endif
