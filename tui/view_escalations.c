/* tui/view_escalations.c: escalations not yet resolved, by due time:
 * overdue ones first and in red, their level and channel on the ladder,
 * who has them.  Keys (tui/keys.c): a acknowledges, e climbs a level,
 * A assigns; Enter opens the inquiry's thread at the inquiry, or the
 * account.  `:escalations --status all` shows resolved ones too. */
#include "table.h"

#include <stdio.h>
#include <stdlib.h>

static const struct column esc_cols[] = {
	{ "id", "esc", 5, 5, false, true, 0, 0 },
	{ "due", "due", 8, 7, false, true, 0, 0 },
	{ "level", "level", 11, 9, false, false, 0, 0 },
	{ "kind", "kind", 7, 7, false, false, 2, 0 },
	{ "handle", "account", 16, 8, false, false, 0, 0 },
	{ "status", "status", 8, 5, false, false, 1, 0 },
	{ "assignee", "assignee", 10, 8, false, false, 0, 0 },
	{ "opened", "open", 5, 5, false, true, 3, 0 },
	{ "cause", "cause", 0, 8, true, false, 4, 0 },
};

struct escalations {
	struct table t;
};

static enum ui_attr
esc_cell(struct view *v, const struct rows *r, size_t row,
    const struct column *c, struct buf *out)
{
	bool resolved = str_eq(rows_text(r, row, "status"), "resolved");
	char age[16];
	int64_t n;

	(void)v;
	if (str_eq(c->name, "due")) {
		n = rows_int(r, row, "due", 0) - tui_now();
		age_format(n < 0 ? -n : n, age, sizeof age);
		if (resolved) {
			buf_adds(out, "-");
			return UA_DIM;
		}
		/* overdue: how long past due, in red */
		buf_printf(out, "%s%s", n < 0 ? "-" : "in ", age);
		return n < 0 ? UA_ERROR : UA_NORMAL;
	}
	if (str_eq(c->name, "level")) {
		const char *ch = rows_text(r, row, "channel");

		buf_printf(out, "%lld %s", (long long)rows_int(r, row, "level",
		    0), ch ? ch : "");
		return str_eq(ch, "moderator") && !resolved ? UA_WARN :
		    UA_NORMAL;
	}
	if (str_eq(c->name, "status")) {
		const char *s = rows_text(r, row, "status");

		buf_adds(out, str_eq(s, "acknowledged") ? "acked" : s ? s : "");
		return str_eq(s, "open") ? UA_NORMAL : UA_DIM;
	}
	if (str_eq(c->name, "opened")) {
		age_format(tui_now() - rows_int(r, row, "opened", 0), age,
		    sizeof age);
		buf_adds(out, age);
		return UA_DIM;
	}
	if (str_eq(c->name, "assignee")) {
		const char *s = rows_text(r, row, "assignee");

		buf_adds(out, s ? s : "");
		return UA_TAGGED;
	}
	if (str_eq(c->name, "cause")) {
		if (rows_int(r, row, "flag_id", 0) > 0)
			buf_printf(out, "flag %lld past its deadline",
			    (long long)rows_int(r, row, "flag_id", 0));
		else if (str_eq(rows_text(r, row, "kind"), "inquiry"))
			buf_printf(out, "thread %lld unanswered",
			    (long long)rows_int(r, row, "thread_id", 0));
		else if (rows_int(r, row, "thread_id", 0) > 0)
			buf_printf(out, "thread %lld",
			    (long long)rows_int(r, row, "thread_id", 0));
		return UA_DIM;
	}
	return UA_DEFAULT;
}

static unsigned
esc_enter(struct view *v, size_t line)
{
	const struct rows *r;
	struct rows *one = NULL;
	struct werr e;
	char id[24];
	int64_t thread, message = 0;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL)
		return RE_NONE;
	thread = rows_int(r, idx, "thread_id", 0);
	if (thread > 0) {
		/* the inquiry itself, where the thread opens */
		snprintf(id, sizeof id, "%lld", (long long)rows_int(r, idx,
		    "id", 0));
		if (store_queryv(v->ui->st, &one, &e, "escalation", "id", id,
		    NULL) == 0)
			message = rows_int(one, 0, "message_id", 0);
		rows_free(one);
		tui_push(v->ui, thread_view_new(v->ui, thread, message));
		return RE_REDRAW;
	}
	tui_push(v->ui, account_view_new(v->ui, rows_int(r, idx, "account_id",
	    0)));
	return RE_REDRAW;
}

static bool
esc_value(struct view *v, size_t line, const char *name, struct buf *out)
{
	const struct rows *r;
	size_t idx;

	if ((r = table_row(v, line, &idx)) == NULL)
		return false;
	if (str_eq(name, "account") || str_eq(name, "handle"))
		return value_handle(r, idx, "handle", out);
	if (str_eq(name, "escalation") || str_eq(name, "id"))
		return value_int(r, idx, "id", out);
	if (str_eq(name, "flag"))
		return value_int(r, idx, "flag_id", out);
	if (str_eq(name, "thread"))
		return value_int(r, idx, "thread_id", out);
	if (str_eq(name, "key")) {
		buf_printf(out, "escalation:%lld",
		    (long long)rows_int(r, idx, "id", 0));
		return true;
	}
	return false;
}

static void
esc_done(struct view *v)
{
	struct escalations *x = v->priv;

	table_free(&x->t);
	free(x);
}

static struct view *esc_create(struct tui *ui);

const struct view_ops view_escalations = {
	.name = "escalations",
	.help = "escalations by due time, overdue first; a ack, e escalate, "
	    "A assign",
	.flags = VF_TAB,
	.create = esc_create,
	.open = table_open,
	.lines = table_lines,
	.reach = table_reach,
	.head = table_head,
	.draw = table_draw,
	.match = table_match,
	.enter = esc_enter,
	.value = esc_value,
	.title = table_title,
	.filter = table_filter,
	.done = esc_done,
};

static struct view *
esc_create(struct tui *ui)
{
	struct escalations *x = xcalloc(1, sizeof *x);

	table_init(&x->t, ui->st, "escalations", esc_cols,
	    W_NELEM(esc_cols));
	x->t.cell = esc_cell;
	x->t.search_cols = "handle,kind,channel,status,assignee";
	return view_new(ui, &view_escalations, x);
}
