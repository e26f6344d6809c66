/* tui/view_trust.c: the trust overview.  Accounts per level (with the
 * promotions and demotions of the last week), accounts one rule short of
 * the next level (which rule, have and need), accounts recently demoted,
 * and the vouch rings the detectors found.  Enter on an account or a
 * ring opens the account; the action keys work on the line's account. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

#define SECTION_ROWS 15

static const char *
level_name(int64_t n)
{
	return n >= 0 && n <= TRUST_MAX ? trust_names[n] : "?";
}

static void
section(struct text *t, const char *title, const char *note)
{
	struct tline *l = text_heading(t, title);

	if (note)
		text_addf(l, UA_DIM, "  %s", note);
}

/* A line about one account: "@handle" padded, its values for the keys
 * and Enter. */
static struct tline *
account_line(struct text *t, int64_t id, const char *handle,
    enum ui_attr attr)
{
	struct tline *l = text_line(t, attr);
	char *h = xasprintf("@%s", handle);

	text_add(l, UA_NORMAL, "  ");
	text_addw(l, UA_NORMAL, h, 20);
	text_add(l, UA_NORMAL, " ");
	text_val(l, "account", h);
	text_val(l, "handle", h);
	text_valf(l, "open-account", "%lld", (long long)id);
	text_valf(l, "id", "%lld", (long long)id);
	text_valf(l, "key", "account:%lld", (long long)id);
	free(h);
	return l;
}

static void
none(struct text *t, const char *what)
{
	struct tline *l = text_line(t, UA_DIM);

	text_addf(l, UA_DIM, "  %s", what);
}

static void
levels(struct view *v, const struct rows *r)
{
	struct text *t = v->priv;
	struct tline *l;
	int64_t total = 0, most = 1;
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		total += rows_int(r, i, "accounts", 0);
		if (rows_int(r, i, "accounts", 0) > most)
			most = rows_int(r, i, "accounts", 0);
	}
	section(t, "Accounts per level", "(moves in the last 7 days)");
	for (i = 0; i < r->nrows; i++) {
		int64_t n = rows_int(r, i, "accounts", 0);
		int64_t up = rows_int(r, i, "promoted", 0);
		int64_t down = rows_int(r, i, "demoted", 0);
		int bar = (int)(n * 30 / most), k;
		char lvl[24];

		l = text_line(t, UA_NORMAL);
		snprintf(lvl, sizeof lvl, "  %lld %s", (long long)rows_int(r, i,
		    "level", 0), row_text(r, i, "name"));
		text_addw(l, UA_NORMAL, lvl, 12);
		text_addf(l, UA_NORMAL, "%7lld  ", (long long)n);
		{
			struct buf b = BUF_INIT;

			for (k = 0; k < bar; k++)
				buf_adds(&b, "#");
			text_addw(l, UA_OK, buf_str(&b), 31);
			buf_free(&b);
		}
		if (up)
			text_addf(l, UA_OK, " +%lld", (long long)up);
		if (down)
			text_addf(l, UA_WARN, " -%lld", (long long)down);
		if (rows_int(r, i, "locked", 0))
			text_addf(l, UA_DIM, "  %lld locked",
			    (long long)rows_int(r, i, "locked", 0));
	}
	l = text_line(t, UA_DIM);
	text_addf(l, UA_DIM, "  %lld accounts", (long long)total);
}

static void
near(struct view *v, const struct rows *r)
{
	struct text *t = v->priv;
	struct tline *l;
	size_t i;

	section(t, "One rule short of the next level", NULL);
	for (i = 0; i < r->nrows; i++) {
		int64_t lvl = rows_int(r, i, "trust", 0);

		l = account_line(t, rows_int(r, i, "id", 0), row_text(r, i,
		    "handle"), UA_NORMAL);
		text_addf(l, UA_DIM, "%lld %s -> %lld %s  ", (long long)lvl,
		    level_name(lvl), (long long)lvl + 1, level_name(lvl + 1));
		text_add(l, UA_WARN, row_text(r, i, "missing"));
		text_addf(l, UA_DIM, ": has %s, needs %s",
		    row_text(r, i, "have"), row_text(r, i, "need"));
	}
	if (r->nrows == 0)
		none(t, "none");
	else if (r->next)
		none(t, "... and more");
}

static void
demoted(struct view *v, const struct rows *r)
{
	struct text *t = v->priv;
	struct tline *l;
	char a[16];
	size_t i;

	section(t, "Recently demoted", "(30 days)");
	for (i = 0; i < r->nrows; i++) {
		l = account_line(t, rows_int(r, i, "id", 0), row_text(r, i,
		    "handle"), UA_NORMAL);
		text_addf(l, UA_WARN, "%s -> %s",
		    level_name(rows_int(r, i, "was", 0)),
		    level_name(rows_int(r, i, "trust", 0)));
		age_format(tui_now() - rows_int(r, i, "changed", 0), a,
		    sizeof a);
		text_addf(l, UA_DIM, "  %s ago  %s", a,
		    row_text(r, i, "status"));
		if (rows_int(r, i, "flags", 0))
			text_addf(l, UA_FLAGGED, "  %lld open flag%s (%s)",
			    (long long)rows_int(r, i, "flags", 0),
			    rows_int(r, i, "flags", 0) == 1 ? "" : "s",
			    row_text(r, i, "reason"));
	}
	if (r->nrows == 0)
		none(t, "none");
	else if (r->next)
		none(t, "... and more");
}

static void
rings(struct view *v, const struct rows *r)
{
	struct text *t = v->priv;
	struct tline *l;
	char a[16];
	size_t i;

	section(t, "Vouch rings found", "(young or low-trust accounts "
	    "vouching for each other)");
	for (i = 0; i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);

		l = text_line(t, UA_NORMAL);
		age_format(tui_now() - rows_int(r, i, "found", 0), a, sizeof a);
		text_addf(l, UA_FLAGGED, "  ring %lld", (long long)id);
		text_addf(l, UA_DIM, "  %lld accounts, found %s ago",
		    (long long)rows_int(r, i, "members", 0), a);
		if (rows_int(r, i, "actioned", 0))
			text_addf(l, UA_OK, ", %lld suspended or banned",
			    (long long)rows_int(r, i, "actioned", 0));
		text_add(l, UA_NORMAL, "  ");
		text_add(l, UA_NORMAL, row_text(r, i, "handles"));
		l->wrap = true;
		l->indent = 4;
		text_valf(l, "open-account", "%lld", (long long)id);
		text_valf(l, "key", "ring:%lld", (long long)id);
	}
	if (r->nrows == 0)
		none(t, "none found (the detectors run with sweep and scan)");
}

static const struct text_section sections[] = {
	{ "trust_levels", 0, NULL, NULL, levels },
	{ "near_level", SECTION_ROWS, NULL, NULL, near },
	{ "demoted", SECTION_ROWS, NULL, NULL, demoted },
	{ "rings", SECTION_ROWS, NULL, NULL, rings },
};

static bool
trust_open(struct view *v, struct werr *e)
{
	struct text *t = v->priv;

	(void)e;
	text_clear(t);
	text_sections(v, t, sections, W_NELEM(sections), NULL, NULL);
	text_line(t, UA_NORMAL);
	return true;
}

static void
trust_head(struct view *v, WINDOW *w, int width)
{
	draw_str(v->ui, w, "Trust overview", width, ui_attr(v->ui, UA_HEADER),
	    0);
}

static void
trust_done(struct view *v)
{
	text_free(v->priv);
	free(v->priv);
}

static struct view *trust_create(struct tui *ui);

const struct view_ops view_trust = {
	.name = "trust",
	.help = "accounts per trust level, one rule short, demoted, vouch rings",
	.flags = VF_TAB,
	.create = trust_create,
	.open = trust_open,
	.lines = tv_lines,
	.head = trust_head,
	.draw = tv_draw,
	.match = tv_match,
	.enter = tv_enter,
	.value = tv_value,
	.resize = tv_resize,
	.done = trust_done,
};

static struct view *
trust_create(struct tui *ui)
{
	struct text *t = xcalloc(1, sizeof *t);

	text_init(t);
	return view_new(ui, &view_trust, t);
}
