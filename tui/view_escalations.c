/* tui/view_escalations.c: a place in the Tab cycle for the Escalations view, which
 * comes with the marketplace rules; replace this file to fill it. */
#include "text.h"

#include <stdlib.h>

struct placeholder {
	struct text t;
};

static bool
escalations_open(struct view *v, struct werr *e)
{
	struct placeholder *p = v->priv;
	struct tline *l;

	(void)e;
	text_clear(&p->t);
	l = text_line(&p->t, UA_DIM);
	text_add(l, UA_DIM, "Escalations arrive with the marketplace rules: inquiries left unanswered and flags past their deadline, climbing the ladder.");
	l->wrap = true;
	l = text_line(&p->t, UA_DIM);
	text_add(l, UA_DIM, ":log --action escalate shows the escalation steps taken so far.");
	l->wrap = true;
	return true;
}

static void
escalations_head(struct view *v, WINDOW *w, int width)
{
	draw_str(v->ui, w, "Escalations", width, ui_attr(v->ui, UA_HEADER), 0);
}

static void
escalations_done(struct view *v)
{
	struct placeholder *p = v->priv;

	text_free(&p->t);
	free(p);
}

static struct view *
escalations_create(struct tui *ui);

const struct view_ops view_escalations = {
	.name = "escalations",
	.help = "open escalations, overdue first",
	.flags = VF_TAB | VF_PAGER,
	.create = escalations_create,
	.open = escalations_open,
	.lines = tv_lines,
	.head = escalations_head,
	.draw = tv_draw,
	.match = tv_match,
	.value = tv_value,
	.resize = tv_resize,
	.done = escalations_done,
};

static struct view *
escalations_create(struct tui *ui)
{
	struct placeholder *p = xcalloc(1, sizeof *p);

	text_init(&p->t);
	return view_new(ui, &view_escalations, p);
}
