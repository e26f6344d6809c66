/* tui/view_thread.c: a conversation as a pager: who wrote, when, on which
 * channel; hidden messages marked, flagged ones highlighted, what the
 * detectors matched underlined in the text, and under a message what they
 * found and why (also on the message line when the selection is on it).
 * Messages are read a page at a time as the moderator scrolls down to
 * them. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"

struct thread {
	struct text t;		/* first: the text view ops use it */
	int64_t id;
	int64_t select;		/* a message to put the selection on */
	struct source src;	/* messages, keyset pages */
	size_t shown;		/* messages laid out into t */
	char *subject, *people;
	struct rows *marks;	/* the detectors' marks in the thread */
};

static void
add_message(struct thread *th, const struct rows *r, size_t i)
{
	bool hidden = rows_int(r, i, "hidden", 0) != 0;
	int64_t flags = rows_int(r, i, "flags", 0);
	enum ui_attr body = hidden ? UA_HIDDEN : flags ? UA_FLAGGED : UA_NORMAL;
	struct tline *l;
	char t[32], id[24], sid[24], sender[80];
	struct buf why = BUF_INIT;
	size_t m;

	time_format_short(rows_int(r, i, "sent_at", 0), t, sizeof t);
	snprintf(id, sizeof id, "%lld", (long long)rows_int(r, i, "id", 0));
	snprintf(sid, sizeof sid, "%lld",
	    (long long)rows_int(r, i, "sender_id", 0));
	snprintf(sender, sizeof sender, "@%s", row_text(r, i, "sender"));
#define VALS(l) do { \
	text_val(l, "message", id); \
	text_val(l, "account", sender); \
	text_val(l, "handle", sender); \
	text_val(l, "open-account", sid); \
} while (0)
	l = text_line(&th->t, body == UA_NORMAL ? UA_NORMAL : body);
	text_addf(l, UA_DIM, "%s  ", t);
	text_add(l, UA_SECTION, sender);
	if (*row_text(r, i, "role"))
		text_addf(l, UA_DIM, " (%s)", row_text(r, i, "role"));
	text_addf(l, UA_DIM, "  via %s  #%s", row_text(r, i, "channel"), id);
	if (flags)
		text_addf(l, UA_FLAGGED, "  [flagged %lld]", (long long)flags);
	if (hidden) {
		text_add(l, UA_HIDDEN, "  [hidden by ");
		text_add(l, UA_HIDDEN, row_text(r, i, "hidden_by"));
		text_add(l, UA_HIDDEN, ": ");
		text_add(l, UA_HIDDEN, row_text(r, i, "hidden_reason"));
		text_add(l, UA_HIDDEN, "]");
	}
	VALS(l);
	l = text_line(&th->t, body);
	text_add(l, UA_NORMAL, "    ");
	text_add(l, body, row_text(r, i, "body"));
	l->wrap = true;
	l->indent = 4;
	VALS(l);
	/* What the detectors matched, underlined in the text; why, on the
	 * message line while the selection is on it */
	for (m = 0; th->marks && m < th->marks->nrows; m++) {
		int64_t pos = rows_int(th->marks, m, "pos", -1);

		if (rows_int(th->marks, m, "message_id", 0) !=
		    rows_int(r, i, "id", 0))
			continue;
		if (strcmp(row_text(th->marks, m, "field"), "body") == 0 &&
		    pos >= 0)
			text_span(l, (size_t)pos, (size_t)pos +
			    (size_t)rows_int(th->marks, m, "len", 0), UA_MATCH);
		if (why.len)
			buf_adds(&why, "; ");
		buf_printf(&why, "%s: %s", row_text(th->marks, m, "detector"),
		    row_text(th->marks, m, "why"));
	}
	if (why.len)
		text_val(l, "why", buf_str(&why));
	/* and under it, a line for each */
	for (m = 0; th->marks && m < th->marks->nrows; m++) {
		if (rows_int(th->marks, m, "message_id", 0) !=
		    rows_int(r, i, "id", 0))
			continue;
		l = text_line(&th->t, UA_NORMAL);
		text_add(l, UA_WARN, "    ! ");
		text_add(l, UA_WARN, row_text(th->marks, m, "detector"));
		text_add(l, UA_DIM, ": ");
		text_add(l, UA_MATCH, row_text(th->marks, m, "why"));
		l->wrap = true;
		l->indent = 6;
		VALS(l);
		text_valf(l, "why", "%s: %s", row_text(th->marks, m,
		    "detector"), row_text(th->marks, m, "why"));
	}
	buf_free(&why);
#undef VALS
	text_line(&th->t, UA_NORMAL);
}

/* Lays out every message read but not yet shown. */
static bool
take(struct view *v, struct werr *e)
{
	struct thread *th = v->priv;
	const struct rows *r;
	size_t idx;

	while (th->shown < source_known(&th->src)) {
		if ((r = source_row(&th->src, th->shown, &idx, e)) == NULL)
			return false;
		add_message(th, r, idx);
		th->shown++;
	}
	return true;
}

static bool
thread_reach(struct view *v, size_t n, struct werr *e)
{
	struct thread *th = v->priv;

	while (!th->src.complete) {
		text_layout(&th->t, text_view_width(v));
		if (th->t.ndisp > n)
			break;
		if (!source_reach(&th->src, th->shown, e) || !take(v, e))
			return false;
	}
	return true;
}

static size_t
thread_lines(struct view *v, bool *more)
{
	struct thread *th = v->priv;

	tv_lines(v, more);
	*more = !th->src.complete;
	return th->t.ndisp;
}

static bool
thread_open(struct view *v, struct werr *e)
{
	struct thread *th = v->priv;
	struct rows *r = NULL;
	char id[24];
	size_t i;

	snprintf(id, sizeof id, "%lld", (long long)th->id);
	text_clear(&th->t);
	source_reset(&th->src);
	th->shown = 0;
	if (store_queryv(v->ui->st, &r, e, "thread", "id", id, NULL) < 0)
		return false;
	free(th->subject);
	free(th->people);
	th->subject = xstrdup(row_text(r, 0, "subject"));
	th->people = xstrdup(row_text(r, 0, "participants"));
	{
		struct tline *l = text_line(&th->t, UA_NORMAL);

		text_add(l, UA_DIM, "listing ");
		text_add(l, UA_NORMAL, row_text(r, 0, "listing"));
		text_addf(l, UA_DIM, "   %lld messages   between ",
		    (long long)rows_int(r, 0, "messages", 0));
		text_add(l, UA_NORMAL, th->people);
		l->wrap = true;
		l->indent = 2;
		text_line(&th->t, UA_NORMAL);
	}
	rows_free(r);
	rows_free(th->marks);
	th->marks = NULL;
	{
		struct param p = { (char *)"thread", id };
		struct query q = { "marks", 1, &p, NULL, QUERY_LIMIT_MAX };
		struct werr me;

		/* a store without marks (an older server) shows none */
		if (store_query(v->ui->st, &q, &th->marks, &me) < 0)
			th->marks = NULL;
	}
	if (!source_reach(&th->src, 0, e) || !take(v, e))
		return false;
	if (th->select > 0) {
		/* Opened for one message: read on until it shows. */
		char want[24];

		snprintf(want, sizeof want, "%lld", (long long)th->select);
		th->select = 0;
		for (;;) {
			text_layout(&th->t, text_view_width(v));
			for (i = 0; i < th->t.ndisp; i++) {
				const char *m = text_get(text_at(&th->t, i),
				    "message");

				if (m && strcmp(m, want) == 0) {
					v->lineno = i;
					v->offset = i;
					return true;
				}
			}
			if (th->src.complete)
				break;
			if (!thread_reach(v, th->t.ndisp + 1, e))
				return false;
		}
	}
	return true;
}

static void
thread_head(struct view *v, WINDOW *w, int width)
{
	struct thread *th = v->priv;
	char label[40];
	int used;

	snprintf(label, sizeof label, "thread #%lld  ", (long long)th->id);
	used = draw_str(v->ui, w, label, width, ui_attr(v->ui, UA_HEADER), 0);
	draw_str(v->ui, w, th->subject ? th->subject : "", width - used,
	    ui_attr(v->ui, UA_HEADER), DT_CLIP_MARK);
}

static bool
thread_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	struct thread *th = v->priv;

	if (str_eq(name, "thread")) {
		buf_printf(out, "%lld", (long long)th->id);
		return true;
	}
	if (str_eq(name, "key") && tv_value(v, line, "message", out)) {
		return true;
	}
	return tv_value(v, line, name, out);
}

static void
thread_title(struct view *v, struct buf *out)
{
	struct thread *th = v->priv;

	buf_printf(out, "thread #%lld", (long long)th->id);
}

static void
thread_done(struct view *v)
{
	struct thread *th = v->priv;

	text_free(&th->t);
	source_free(&th->src);
	rows_free(th->marks);
	free(th->subject);
	free(th->people);
	free(th);
}

const struct view_ops view_thread = {
	.name = "thread",
	.help = "a conversation, as a pager",
	.flags = VF_PAGER,
	.open = thread_open,
	.lines = thread_lines,
	.reach = thread_reach,
	.head = thread_head,
	.draw = tv_draw,
	.match = tv_match,
	.enter = tv_enter,
	.value = thread_value,
	.resize = tv_resize,
	.title = thread_title,
	.done = thread_done,
};

struct view *
thread_view_new(struct tui *ui, int64_t id, int64_t message)
{
	struct thread *th = xcalloc(1, sizeof *th);

	text_init(&th->t);
	th->id = id;
	th->select = message;
	source_init(&th->src, ui->st, "messages", 40);
	{
		char tid[24];

		snprintf(tid, sizeof tid, "%lld", (long long)id);
		source_param(&th->src, "thread", tid);
	}
	return view_new(ui, &view_thread, th);
}
