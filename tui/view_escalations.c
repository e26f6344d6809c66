/* tui/view_escalations.c: escalations not yet resolved, by due time:
 * overdue ones first and in red, their level and channel on the ladder,
 * who has them.  Keys (tui/keys.c): a acknowledges, e climbs a level,
 * A assigns; Enter opens the inquiry's thread at the inquiry, or the
 * account.  `:escalations --status all` shows resolved ones too. */
#include "table.h"

#include <stdio.h>

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

static enum ui_attr
esc_cell(const struct rows *r, size_t row, const struct column *c,
    struct buf *out)
{
	bool resolved = str_eq(rows_text(r, row, "status"), "resolved");
	char age[16];
	int64_t n;

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

/* An escalation about a thread opens it at the inquiry; the others open
 * the account. */
static unsigned
esc_enter(struct view *v, const struct rows *r, size_t row)
{
	struct rows *one = NULL;
	struct werr e;
	char id[24];
	int64_t thread, message = 0;

	if ((thread = rows_int(r, row, "thread_id", 0)) <= 0)
		return RE_NONE;
	snprintf(id, sizeof id, "%lld", (long long)rows_int(r, row, "id", 0));
	if (store_queryv(v->ui->st, &one, &e, "escalation", "id", id,
	    NULL) == 0)
		message = rows_int(one, 0, "message_id", 0);
	rows_free(one);
	tui_push(v->ui, thread_view_new(v->ui, thread, message));
	return RE_REDRAW;
}

static const struct table_spec esc_spec = {
	.what = "escalations",
	.cols = esc_cols,
	.ncols = W_NELEM(esc_cols),
	.cell = esc_cell,
	.search_cols = "handle,kind,channel,status,assignee",
	.values = { { "escalation", "id" }, { "flag", "flag_id" },
	    { "thread", "thread_id" } },
	.enter = esc_enter,
};

extern const struct view_ops view_escalations;

static struct view *
esc_create(struct tui *ui)
{
	return table_view_new(ui, &view_escalations, &esc_spec);
}

const struct view_ops view_escalations = {
	.name = "escalations",
	.help = "escalations by due time, overdue first; a ack, e escalate, "
	    "A assign",
	.flags = VF_TAB,
	.create = esc_create,
	TABLE_VIEW_OPS,
};
