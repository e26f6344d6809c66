/* tui/table.h: a view of a paged query's rows in columns.  A view's priv
 * starts with a struct table; the table_* functions fill its ops. */
#ifndef WARDEN_TUI_TABLE_H
#define WARDEN_TUI_TABLE_H

#include "source.h"
#include "view.h"

/* Page size of the views' queries: a screen or two at a time. */
#define TABLE_PAGE 40
#define UA_DEFAULT UA__COUNT

struct table {
	struct source src;
	struct column *cols;
	size_t ncols;
	int laid_for;		/* the width the columns were laid out for */
	/* Text of a cell.  Returns the cell's attribute (UA_NORMAL: the
	 * line's), or UA_DEFAULT for the row's column of the same name. */
	enum ui_attr (*cell)(struct view *, const struct rows *, size_t row,
	    const struct column *, struct buf *out);
	/* The columns / searches, comma-separated. */
	const char *search_cols;
};

void table_init(struct table *t, struct store *st, const char *what,
    const struct column *cols, size_t ncols);
void table_free(struct table *t);
const struct rows *table_row(struct view *v, size_t line, size_t *idx);
bool table_open(struct view *v, struct werr *e);
size_t table_lines(struct view *v, bool *more);
bool table_reach(struct view *v, size_t n, struct werr *e);
void table_head(struct view *v, WINDOW *w, int width);
void table_draw(struct view *v, WINDOW *w, size_t line, int width,
    attr_t base);
bool table_match(struct view *v, size_t line, const char *needle);
void table_title(struct view *v, struct buf *out);
/* k NULL: clears every filter. */
void table_filter(struct view *v, const char *k, const char *val);

/* ASCII case-insensitive substring test (search in views). */
bool text_has(const char *hay, const char *needle);
/* "@handle" of a row's handle column. */
bool value_handle(const struct rows *r, size_t row, const char *col,
    struct buf *out);
bool value_int(const struct rows *r, size_t row, const char *col,
    struct buf *out);

#endif
