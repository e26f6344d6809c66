/* tui/source.c: a paged query with a window cache (see source.h). */
#include "source.h"

#include <stdlib.h>
#include <string.h>

void
source_init(struct source *s, struct store *st, const char *what, int limit)
{
	memset(s, 0, sizeof *s);
	s->st = st;
	s->what = xstrdup(what);
	s->limit = limit > 0 ? limit : QUERY_LIMIT_DEFAULT;
}

void
source_param(struct source *s, const char *k, const char *v)
{
	size_t i;

	for (i = 0; i < s->nparams; i++)
		if (strcmp(s->params[i].k, k) == 0)
			break;
	if (i < s->nparams) {
		free(s->params[i].v);
		if (v == NULL || *v == '\0') {
			free(s->params[i].k);
			s->params[i] = s->params[--s->nparams];
			return;
		}
		s->params[i].v = xstrdup(v);
		return;
	}
	if (v == NULL || *v == '\0')
		return;
	s->params = xreallocarray(s->params, s->nparams + 1,
	    sizeof *s->params);
	s->params[s->nparams].k = xstrdup(k);
	s->params[s->nparams].v = xstrdup(v);
	s->nparams++;
}

const char *
source_get_param(const struct source *s, const char *k)
{
	size_t i;

	for (i = 0; i < s->nparams; i++)
		if (strcmp(s->params[i].k, k) == 0)
			return s->params[i].v;
	return NULL;
}

/* Forgets pages from `from` on. */
static void
truncate_pages(struct source *s, size_t from)
{
	size_t i;

	for (i = from; i < s->npages; i++) {
		free(s->cursors[i]);
		rows_free(s->pages[i]);
		s->cursors[i] = NULL;
		s->pages[i] = NULL;
	}
	if (from < s->npages)
		s->npages = from;
}

void
source_reset(struct source *s)
{
	truncate_pages(s, 0);
	s->complete = false;
	s->last_rows = 0;
}

void
source_free(struct source *s)
{
	size_t i;

	source_reset(s);
	free(s->cursors);
	free(s->pages);
	free(s->used);
	for (i = 0; i < s->nparams; i++) {
		free(s->params[i].k);
		free(s->params[i].v);
	}
	free(s->params);
	free(s->what);
	rows_free(s->shape);
	memset(s, 0, sizeof *s);
}

size_t
source_known(const struct source *s)
{
	if (s->npages == 0)
		return 0;
	return (s->npages - 1) * (size_t)s->limit + s->last_rows;
}

static void
ensure_room(struct source *s, size_t n)
{
	size_t i, old = s->npages;

	s->cursors = xreallocarray(s->cursors, n, sizeof *s->cursors);
	s->pages = xreallocarray(s->pages, n, sizeof *s->pages);
	s->used = xreallocarray(s->used, n, sizeof *s->used);
	for (i = old; i < n; i++) {
		s->cursors[i] = NULL;
		s->pages[i] = NULL;
		s->used[i] = 0;
	}
}

/* Keeps at most SOURCE_PAGES pages of rows, letting go of the one read
 * longest ago (never `keep`). */
static void
evict(struct source *s, size_t keep)
{
	size_t i, held = 0, oldest = 0;
	bool found = false;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i])
			held++;
	while (held > SOURCE_PAGES) {
		found = false;
		for (i = 0; i < s->npages; i++)
			if (s->pages[i] && i != keep &&
			    (!found || s->used[i] < s->used[oldest])) {
				oldest = i;
				found = true;
			}
		if (!found)
			return;
		rows_free(s->pages[oldest]);
		s->pages[oldest] = NULL;
		held--;
	}
}

/* Reads page p (p < npages, its cursor known). */
static bool
load(struct source *s, size_t p, struct werr *e)
{
	struct query q = { 0 };
	struct rows *r = NULL;

	q.what = s->what;
	q.params = s->params;
	q.nparams = s->nparams;
	q.cursor = s->cursors[p];
	q.limit = s->limit;
	if (store_query(s->st, &q, &r, e) < 0)
		return false;
	if (s->shape == NULL)
		s->shape = rows_new(r->ncols, (const char *const *)r->cols);
	rows_free(s->pages[p]);
	s->pages[p] = r;
	s->used[p] = ++s->clock;
	if (p + 1 == s->npages || r->next == NULL ||
	    !str_eq(r->next, s->cursors[p + 1])) {
		/* The frontier, or the data moved under a page read again:
		 * what follows is known only from here. */
		truncate_pages(s, p + 1);
		s->last_rows = r->nrows;
		if (r->next && r->nrows == (size_t)s->limit) {
			ensure_room(s, p + 2);
			s->cursors[p + 1] = xstrdup(r->next);
			s->npages = p + 2;
			s->last_rows = 0;
			s->complete = false;
		} else {
			s->complete = true;
		}
	}
	evict(s, p);
	return true;
}

bool
source_reach(struct source *s, size_t n, struct werr *e)
{
	if (s->npages == 0) {
		ensure_room(s, 1);
		s->npages = 1;
		if (!load(s, 0, e)) {
			s->npages = 0;
			return false;
		}
	}
	while (!s->complete && source_known(s) <= n) {
		size_t p = s->npages - 1;

		if (!load(s, p, e))
			return false;
		if (s->npages - 1 == p && !s->complete)
			break;	/* a short page with a cursor: nothing more */
	}
	return true;
}

const struct rows *
source_row(struct source *s, size_t r, size_t *idx, struct werr *e)
{
	size_t p = r / (size_t)s->limit;

	if (!source_reach(s, r, e))
		return NULL;
	if (p >= s->npages)
		return NULL;
	if (s->pages[p] == NULL && !load(s, p, e))
		return NULL;
	if (p >= s->npages || s->pages[p] == NULL ||
	    r % (size_t)s->limit >= s->pages[p]->nrows)
		return NULL;
	s->used[p] = ++s->clock;
	*idx = r % (size_t)s->limit;
	return s->pages[p];
}
