/* tui/view_results.c: what a command showed, when no view of its own
 * fits (`:flags @x`, `:vouches`, `:help`, `:rules`, ...): a list in
 * columns, a record and its sections, or text.  Lines that name an
 * account, a thread or a flag open it with Enter and fill %names. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cmd/cmd.h"

/* Widest a column may be before it is cut (the last one takes the rest). */
#define COL_MAX 36

struct results {
	struct text t;		/* first: the text view ops use it */
	char *title;
	char *command;
};

/* What the id column names, by the command that listed the rows. */
static const char *
id_kind(const char *command)
{
	static const struct {
		const char *command, *kind;
	} kinds[] = {
		{ "flags", "flag" }, { "threads", "thread" },
		{ "appeals", "appeal" }, { "escalations", "escalation" },
		{ "queue", "open-account" }, { "accounts", "open-account" },
		{ "search", NULL }, { "messages", "message" },
		{ "strikes", "strike" },
	};
	size_t i;

	for (i = 0; i < W_NELEM(kinds); i++)
		if (str_eq(kinds[i].command, command))
			return kinds[i].kind;
	return NULL;
}

static void
row_values(struct results *res, struct tline *l, const struct rows *r,
    size_t i)
{
	static const struct {
		const char *col, *name;
	} cols[] = {
		{ "account_id", "open-account" }, { "thread_id", "thread" },
		{ "message_id", "message" }, { "flag_id", "flag" },
		{ "appeal_id", "appeal" }, { "strike_id", "strike" },
		{ "escalation_id", "escalation" }, { "other_id", "open-account" },
	};
	const char *kind = id_kind(res->command);
	struct buf b = BUF_INIT;
	size_t k;
	const char *h = rows_text(r, i, "handle");

	if (h && *h) {
		buf_printf(&b, "@%s", h);
		text_val(l, "account", b.s);
		text_val(l, "handle", b.s);
		buf_reset(&b);
	}
	for (k = 0; k < W_NELEM(cols); k++) {
		const struct value *v = rows_get(r, i, cols[k].col);

		if (v && v->type == VT_INT && text_get(l, cols[k].name) == NULL) {
			buf_reset(&b);
			buf_printf(&b, "%lld", (long long)v->i);
			text_val(l, cols[k].name, b.s);
		}
	}
	if (rows_get(r, i, "id") && rows_get(r, i, "id")->type == VT_INT) {
		buf_reset(&b);
		buf_printf(&b, "%lld", (long long)rows_int(r, i, "id", 0));
		text_val(l, "id", b.s);
		if (kind && text_get(l, kind) == NULL)
			text_val(l, kind, b.s);
		buf_reset(&b);
		buf_printf(&b, "%s:%lld", res->command ? res->command : "row",
		    (long long)rows_int(r, i, "id", 0));
		text_val(l, "key", b.s);
	}
	buf_free(&b);
}

/* Times are seconds in the rows; a moderator reads dates. */
static bool
is_time(const char *col)
{
	static const char *const names[] = { "created", "deadline", "at",
		"last_seen", "last_at", "opened", "due", "until", "revoked_at",
		NULL };
	size_t n = strlen(col);

	return word_in(col, names) || (n > 3 && strcmp(col + n - 3, "_at") ==
	    0) || (n > 6 && strcmp(col + n - 6, "_until") == 0);
}

static void
cell(const struct rows *r, size_t row, size_t col, struct buf *out)
{
	const struct value *v = rows_cell(r, row, col);
	char t[32];

	if (v && v->type == VT_INT && v->i > 100000000 && is_time(r->cols[col])) {
		time_format_short(v->i, t, sizeof t);
		buf_adds(out, t);
		return;
	}
	value_format(v, out);
}

static void
add_table(struct results *res, const struct rows *r)
{
	struct buf b = BUF_INIT;
	struct tline *l;
	int *w;
	size_t i, c;

	if (r == NULL)
		return;
	w = xcalloc(r->ncols ? r->ncols : 1, sizeof *w);
	for (c = 0; c < r->ncols; c++) {
		w[c] = draw_width(r->cols[c]);
		for (i = 0; i < r->nrows; i++) {
			int cw;

			buf_reset(&b);
			cell(r, i, c, &b);
			cw = draw_width(b.s);
			if (cw > w[c])
				w[c] = cw;
		}
		if (w[c] > COL_MAX)
			w[c] = COL_MAX;
	}
	l = text_line(&res->t, UA_HEADER);
	for (c = 0; c < r->ncols; c++) {
		if (c + 1 < r->ncols)
			text_addw(l, UA_HEADER, r->cols[c], w[c] + 1);
		else
			text_add(l, UA_HEADER, r->cols[c]);
	}
	for (i = 0; i < r->nrows; i++) {
		l = text_line(&res->t, UA_NORMAL);
		for (c = 0; c < r->ncols; c++) {
			buf_reset(&b);
			cell(r, i, c, &b);
			if (c + 1 < r->ncols) {
				text_addw(l, UA_NORMAL, b.s, w[c]);
				text_add(l, UA_NORMAL, " ");
			} else {
				text_add(l, UA_NORMAL, b.s);
			}
		}
		row_values(res, l, r, i);
	}
	if (r->nrows == 0)
		text_add(text_line(&res->t, UA_DIM), UA_DIM, "(no rows)");
	if (r->next) {
		l = text_line(&res->t, UA_DIM);
		text_add(l, UA_DIM, "more rows: run the command again with "
		    "--cursor ");
		text_add(l, UA_DIM, r->next);
	}
	free(w);
	buf_free(&b);
}

static void
add_record(struct results *res, const struct rows *r)
{
	struct buf b = BUF_INIT;
	struct tline *l;
	int lw = 0;
	size_t c;

	if (r == NULL || r->nrows == 0)
		return;
	for (c = 0; c < r->ncols; c++)
		if (draw_width(r->cols[c]) > lw)
			lw = draw_width(r->cols[c]);
	for (c = 0; c < r->ncols; c++) {
		l = text_line(&res->t, UA_NORMAL);
		text_addw(l, UA_DIM, r->cols[c], lw + 2);
		buf_reset(&b);
		cell(r, 0, c, &b);
		text_add(l, UA_NORMAL, b.s);
		l->wrap = true;
		l->indent = lw + 2;
		row_values(res, l, r, 0);
	}
	buf_free(&b);
}

static void
add_text(struct results *res, const char *s)
{
	struct tline *l = text_line(&res->t, UA_NORMAL);

	text_add(l, UA_NORMAL, s ? s : "");
	l->wrap = true;
}

static bool
results_open(struct view *v, struct werr *e)
{
	(void)v;
	(void)e;
	return true;	/* built once, from what the command gave */
}

static void
results_head(struct view *v, WINDOW *w, int width)
{
	struct results *res = v->priv;

	draw_str(v->ui, w, res->title, width, ui_attr(v->ui, UA_HEADER),
	    DT_CLIP_MARK);
}

static void
results_title(struct view *v, struct buf *out)
{
	struct results *res = v->priv;

	buf_adds(out, res->title);
}

static void
results_done(struct view *v)
{
	struct results *res = v->priv;

	text_free(&res->t);
	free(res->title);
	free(res->command);
	free(res);
}

const struct view_ops view_results = {
	.name = "results",
	.help = "what a command showed",
	.open = results_open,
	.lines = tv_lines,
	.head = results_head,
	.draw = tv_draw,
	.match = tv_match,
	.enter = tv_enter,
	.value = tv_value,
	.resize = tv_resize,
	.title = results_title,
	.done = results_done,
};

struct view *
results_view_new(struct tui *ui, const struct cmd_output *out)
{
	struct results *res = xcalloc(1, sizeof *res);
	size_t i;

	text_init(&res->t);
	res->title = xstrdup(out->title ? out->title : out->command ?
	    out->command : "results");
	res->command = xstrdup(out->command ? out->command : "");
	switch (out->shape) {
	case CMD_LIST:
		add_table(res, out->rows);
		break;
	case CMD_RECORD:
		add_record(res, out->rows);
		for (i = 0; i < out->nsections; i++) {
			text_heading(&res->t, out->sections[i].name);
			add_table(res, out->sections[i].rows);
		}
		break;
	case CMD_RESULTS:
		for (i = 0; i < out->nresults; i++) {
			add_text(res, out->results[i].message);
			if (out->results[i].data)
				add_table(res, out->results[i].data);
		}
		break;
	case CMD_TEXT:
		{
			const char *p = out->text ? out->text : "";

			/* One line per line of the text: wrap keeps its
			 * paragraphs, safe drawing its bytes. */
			add_text(res, p);
		}
		break;
	}
	return view_new(ui, &view_results, res);
}
