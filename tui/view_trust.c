/* tui/view_trust.c: a place in the Tab cycle for the Trust overview view, which
 * comes with the marketplace rules; replace this file to fill it. */
#include "text.h"

#include <stdlib.h>

struct placeholder {
	struct text t;
};

static bool
trust_open(struct view *v, struct werr *e)
{
	struct placeholder *p = v->priv;
	struct tline *l;

	(void)e;
	text_clear(&p->t);
	l = text_line(&p->t, UA_DIM);
	text_add(l, UA_DIM, "The trust overview arrives with the marketplace rules: accounts by trust level, peer groups, rings of new accounts.");
	l->wrap = true;
	l = text_line(&p->t, UA_DIM);
	text_add(l, UA_DIM, "Each account's breakdown is in its view (Enter on a queue row).");
	l->wrap = true;
	return true;
}

static void
trust_head(struct view *v, WINDOW *w, int width)
{
	draw_str(v->ui, w, "Trust overview", width, ui_attr(v->ui, UA_HEADER), 0);
}

static void
trust_done(struct view *v)
{
	struct placeholder *p = v->priv;

	text_free(&p->t);
	free(p);
}

static struct view *
trust_create(struct tui *ui);

const struct view_ops view_trust = {
	.name = "trust",
	.help = "accounts by trust level",
	.flags = VF_TAB | VF_PAGER,
	.create = trust_create,
	.open = trust_open,
	.lines = tv_lines,
	.head = trust_head,
	.draw = tv_draw,
	.match = tv_match,
	.value = tv_value,
	.resize = tv_resize,
	.done = trust_done,
};

static struct view *
trust_create(struct tui *ui)
{
	struct placeholder *p = xcalloc(1, sizeof *p);

	text_init(&p->t);
	return view_new(ui, &view_trust, p);
}
