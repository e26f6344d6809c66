/* data/detect_ring.c: vouch rings.  A ring is a group of young or
 * low-trust accounts (rules ring_young_days, ring_max_trust) whose vouches
 * are mostly for each other (ring_inside_share), at least ring_min_size
 * of them.
 *
 * How: take the vouches between such accounts; keep the core where every
 * account both gives and receives a vouch inside (pruning the rest, again
 * and again, so a chain or a tree of new friends is never a ring); split
 * the core into connected groups; a group is a ring when its vouches
 * inside are at least the share of everything its members gave or were
 * given.  An account outside the core that two or more of a ring's
 * members vouch for is the ring's beneficiary and is marked with it.
 * Each member's mark carries the ring's id (its smallest member's id) in
 * mark.grp; the `ring` query shows the ring from any member. */
#include "detect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"

struct graph {
	int64_t *ids;		/* sorted */
	size_t n;
	size_t (*edge)[2];	/* indexes into ids */
	size_t nedges;
	bool *alive;
	size_t *in, *out;
	size_t *parent;
};

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static size_t
index_of(const struct graph *g, int64_t id)
{
	const int64_t *p = bsearch(&id, g->ids, g->n, sizeof *g->ids, cmp_id);

	return (size_t)(p - g->ids);
}

static size_t
find(struct graph *g, size_t i)
{
	while (g->parent[i] != i) {
		g->parent[i] = g->parent[g->parent[i]];
		i = g->parent[i];
	}
	return i;
}

static void
graph_free(struct graph *g)
{
	free(g->ids);
	free(g->edge);
	free(g->alive);
	free(g->in);
	free(g->out);
	free(g->parent);
}

static int
graph_load(struct sq *s, int64_t now, struct graph *g, struct werr *e)
{
	struct rows *r = NULL;
	size_t i, k;

	memset(g, 0, sizeof *g);
	if (sq_rows(s, e, &r, "SELECT v.voucher_id AS a, v.vouchee_id AS b "
	    "FROM vouch v JOIN account x ON x.id = v.voucher_id "
	    "JOIN account y ON y.id = v.vouchee_id "
	    "WHERE (x.created >= ?1 OR x.trust_level <= ?2) "
	    "AND (y.created >= ?1 OR y.trust_level <= ?2)", "ii",
	    now - (int64_t)(sq_rule(s, "ring_young_days") * 86400),
	    (int64_t)sq_rule(s, "ring_max_trust")) < 0)
		return -1;
	g->ids = xcalloc(r->nrows * 2 + 1, sizeof *g->ids);
	for (i = 0; i < r->nrows; i++) {
		g->ids[g->n++] = rows_int(r, i, "a", 0);
		g->ids[g->n++] = rows_int(r, i, "b", 0);
	}
	qsort(g->ids, g->n, sizeof *g->ids, cmp_id);
	for (i = k = 0; i < g->n; i++)
		if (k == 0 || g->ids[k - 1] != g->ids[i])
			g->ids[k++] = g->ids[i];
	g->n = k;
	g->edge = xcalloc(r->nrows + 1, sizeof *g->edge);
	g->nedges = r->nrows;
	for (i = 0; i < r->nrows; i++) {
		g->edge[i][0] = index_of(g, rows_int(r, i, "a", 0));
		g->edge[i][1] = index_of(g, rows_int(r, i, "b", 0));
	}
	rows_free(r);
	g->alive = xcalloc(g->n + 1, sizeof *g->alive);
	g->in = xcalloc(g->n + 1, sizeof *g->in);
	g->out = xcalloc(g->n + 1, sizeof *g->out);
	g->parent = xcalloc(g->n + 1, sizeof *g->parent);
	return 0;
}

/* Keeps the accounts that give and receive a vouch among those kept. */
static void
graph_core(struct graph *g)
{
	size_t i;
	bool changed = true;

	for (i = 0; i < g->n; i++)
		g->alive[i] = true;
	while (changed) {
		changed = false;
		memset(g->in, 0, g->n * sizeof *g->in);
		memset(g->out, 0, g->n * sizeof *g->out);
		for (i = 0; i < g->nedges; i++) {
			size_t a = g->edge[i][0], b = g->edge[i][1];

			if (g->alive[a] && g->alive[b]) {
				g->out[a]++;
				g->in[b]++;
			}
		}
		for (i = 0; i < g->n; i++) {
			if (g->alive[i] && (g->in[i] == 0 || g->out[i] == 0)) {
				g->alive[i] = false;
				changed = true;
			}
		}
	}
	for (i = 0; i < g->n; i++)
		g->parent[i] = i;
	for (i = 0; i < g->nedges; i++) {
		size_t a = g->edge[i][0], b = g->edge[i][1];

		if (g->alive[a] && g->alive[b])
			g->parent[find(g, a)] = find(g, b);
	}
}

static int
mark_ring(struct actx *x, const int64_t *members, size_t n, size_t core,
    struct scan_report *rep, struct werr *e)
{
	struct buf why = BUF_INIT;
	size_t i;
	int64_t fresh = 0;
	int rc = 0;

	buf_printf(&why, "vouch ring of %zu young or low-trust accounts:", n);
	for (i = 0; i < n && rc == 0; i++) {
		char *h = NULL;

		if (i == 8) {
			buf_adds(&why, " ...");
			break;
		}
		rc = sq_text(x->s, e, &h, "SELECT handle FROM account WHERE "
		    "id = ?", "i", members[i]) < 0 ? -1 : 0;
		buf_printf(&why, " @%s", h ? h : "?");
		free(h);
	}
	for (i = 0; i < n && rc == 0; i++) {
		struct mark m = { 0 };

		m.det = DET_VOUCH_RING;
		m.target_type = "account";
		m.target_id = members[i];
		m.account = members[i];
		m.field = i < core ? "ring" : "ring.beneficiary";
		m.why = buf_str(&why);
		m.grp = members[0];
		rc = mark_record(x, &m, rep, e);
		if (rc > 0) {
			fresh++;
			rc = 0;
		}
	}
	buf_free(&why);
	if (rc == 0 && fresh) {
		rep->rings++;
		rep->ring_members += (int64_t)n;
	}
	return rc;
}

struct pair {
	size_t key, v;
};

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* Is the group of n members a ring: its vouches inside at least the share
 * of all its members gave or were given? */
static int
mostly_inside(struct actx *x, const int64_t *members, size_t n,
    size_t inside, bool *yes, struct werr *e)
{
	int64_t gave = 0, got = 0, v;
	size_t j;

	for (j = 0; j < n; j++) {
		if (sq_int(x->s, e, &v, "SELECT count(*) FROM vouch WHERE "
		    "voucher_id = ?", "i", members[j]) < 0)
			return -1;
		gave += v;
		if (sq_int(x->s, e, &v, "SELECT count(*) FROM vouch WHERE "
		    "vouchee_id = ?", "i", members[j]) < 0)
			return -1;
		got += v;
	}
	*yes = (double)inside >= sq_rule(x->s, "ring_inside_share") *
	    (double)(gave > got ? gave : got);
	return 0;
}

int
detect_rings(struct actx *x, struct scan_report *rep, struct werr *e)
{
	struct graph g;
	size_t min_size = (size_t)sq_rule(x->s, "ring_min_size");
	size_t i, j, nalive = 0, nout = 0, at, b;
	struct pair *alive, *out;
	size_t *first, *inside;
	int64_t *members;
	int rc = 0;

	if (min_size < 2)
		min_size = 2;
	if (graph_load(x->s, x->now, &g, e) < 0)
		return -1;
	graph_core(&g);
	/* Every group once, in the order of its smallest member, in one
	 * pass over the accounts and one over the vouches (a large
	 * marketplace has many small groups of new friends): first[root]
	 * is the group's smallest member, the key of all it owns. */
	first = xcalloc(g.n + 1, sizeof *first);
	inside = xcalloc(g.n + 1, sizeof *inside);
	alive = xcalloc(g.n + 1, sizeof *alive);
	out = xcalloc(g.nedges + 1, sizeof *out);
	members = xcalloc(g.n + 1, sizeof *members);
	for (i = 0; i < g.n; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < g.n; i++) {
		if (!g.alive[i])
			continue;
		if (first[find(&g, i)] == SIZE_MAX)
			first[find(&g, i)] = i;
		alive[nalive].key = first[find(&g, i)];
		alive[nalive++].v = i;
	}
	qsort(alive, nalive, sizeof *alive, cmp_pair);
	for (j = 0; j < g.nedges; j++) {
		size_t a = g.edge[j][0];

		b = g.edge[j][1];
		if (!g.alive[a])
			continue;
		if (g.alive[b])
			inside[first[find(&g, a)]]++;
		else {
			/* toward a possible beneficiary */
			out[nout].key = first[find(&g, a)];
			out[nout++].v = b;
		}
	}
	qsort(out, nout, sizeof *out, cmp_pair);
	for (i = 0, at = 0; i < nalive && rc == 0;) {
		size_t key = alive[i].key, n = 0, core;
		bool ring;

		while (i < nalive && alive[i].key == key)
			members[n++] = g.ids[alive[i++].v];
		while (at < nout && out[at].key < key)
			at++;
		if (n < min_size)
			continue;
		if ((rc = mostly_inside(x, members, n, inside[key], &ring, e))
		    < 0 || !ring)
			continue;
		/* beneficiaries: vouched for by two or more members */
		core = n;
		for (j = at; j < nout && out[j].key == key;) {
			size_t run = j;

			while (j < nout && out[j].key == key &&
			    out[j].v == out[run].v)
				j++;
			if (j - run >= 2)
				members[n++] = g.ids[out[run].v];
		}
		rc = mark_ring(x, members, n, core, rep, e);
	}
	free(first);
	free(inside);
	free(alive);
	free(out);
	free(members);
	graph_free(&g);
	return rc;
}
