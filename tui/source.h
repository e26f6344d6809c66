/* tui/source.h: rows of a paged query as a list views can index, with
 * only a small window of pages held.
 *
 * The store pages by keyset: page i+1 is asked for with the cursor page i
 * gave out.  Every page but the last is full, so row r lives on page
 * r / limit.  The source remembers the cursor of every page it has seen
 * (a few bytes each) but keeps the rows of only SOURCE_PAGES of them; a
 * page that was let go is asked for again by its cursor when it comes
 * back into view.  Nothing is read before it is shown. */
#ifndef WARDEN_TUI_SOURCE_H
#define WARDEN_TUI_SOURCE_H

#include "../data/store.h"

#define SOURCE_PAGES 4

struct source {
	struct store *st;
	char *what;
	struct param *params;
	size_t nparams;
	int limit;

	size_t npages;		/* pages whose cursor is known */
	char **cursors;		/* cursors[i]: asks for page i (0: NULL) */
	struct rows **pages;	/* rows of page i, or NULL */
	unsigned *used;		/* when each page was last read (LRU) */
	unsigned clock;
	bool complete;		/* the last page has been read */
	size_t last_rows;	/* rows on the last page read so far */
	struct rows *shape;	/* an empty copy of the columns */
};

void source_init(struct source *s, struct store *st, const char *what,
    int limit);
/* Sets a parameter (NULL or "" value: removes it).  Call source_reset()
 * after changing them. */
void source_param(struct source *s, const char *k, const char *v);
const char *source_get_param(const struct source *s, const char *k);
void source_free(struct source *s);
/* Forgets every page: the next read starts from the first page. */
void source_reset(struct source *s);
/* Rows known to exist (all of them once complete). */
size_t source_known(const struct source *s);
/* Reads pages until row n is known or the end is reached; false with e
 * set on an error. */
bool source_reach(struct source *s, size_t n, struct werr *e);
/* The page holding row r and its index there, reading it if needed.
 * NULL when r is past the end or on error (e set). */
const struct rows *source_row(struct source *s, size_t r, size_t *idx,
    struct werr *e);

#endif
