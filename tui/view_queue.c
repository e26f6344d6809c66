/* tui/view_queue.c: the queue, the console's first view: flagged accounts
 * by priority, one keyset page at a time.  Filters come from
 * `:queue --reason phishing ...`; / finds text among the rows. */
#include "table.h"

static const struct column queue_cols[] = {
	{ "priority", "prio", 6, 6, false, true, 6, 0 },
	{ "handle", "handle", 16, 8, false, false, 0, 0 },
	{ "display_name", "name", 0, 10, true, false, 0, 0 },
	{ "trust", "trust", 9, 9, false, false, 3, 0 },
	{ "status", "status", 9, 9, false, false, 0, 0 },
	{ "flags", "flg", 3, 3, false, true, 0, 0 },
	{ "reason", "top reason", 11, 11, false, false, 2, 0 },
	{ "oldest", "age", 4, 4, false, true, 4, 0 },
	{ "claimed_by", "claimed", 8, 8, false, false, 1, 0 },
};

static enum ui_attr
queue_cell(const struct rows *r, size_t row, const struct column *c,
    struct buf *out)
{
	int64_t n;

	if (str_eq(c->name, "trust")) {
		n = rows_int(r, row, "trust", 0);
		buf_printf(out, "%lld %s", (long long)n,
		    n >= 0 && n <= TRUST_MAX ? trust_names[n] : "?");
		return n == 0 ? UA_WARN : UA_NORMAL;
	}
	if (str_eq(c->name, "priority")) {
		double p = rows_real(r, row, "priority", 0);

		/* One decimal while it fits; whole numbers past that. */
		buf_printf(out, p < 9999.95 && p > -999.95 ? "%.1f" : "%.0f",
		    p);
		return UA_NORMAL;
	}
	if (str_eq(c->name, "oldest")) {
		char age[16];

		n = rows_int(r, row, "oldest", 0);
		if (n > 0) {
			age_format(tui_now() - n, age, sizeof age);
			buf_adds(out, age);
		}
		return UA_NORMAL;
	}
	if (str_eq(c->name, "status")) {
		const char *s = rows_text(r, row, "status");

		buf_adds(out, s ? s : "");
		if (str_eq(s, "banned"))
			return UA_ERROR;
		return str_eq(s, "suspended") || str_eq(s, "warned") ?
		    UA_WARN : UA_NORMAL;
	}
	if (str_eq(c->name, "claimed_by")) {
		const char *s = rows_text(r, row, "claimed_by");

		buf_adds(out, s ? s : "");
		return UA_TAGGED;
	}
	return UA_DEFAULT;
}

static const struct table_spec queue_spec = {
	.what = "queue",
	.cols = queue_cols,
	.ncols = W_NELEM(queue_cols),
	.cell = queue_cell,
	.search_cols = "handle,display_name,reason,claimed_by,status",
	.account_col = "id",
};

static struct view *
queue_create(struct tui *ui)
{
	return table_view_new(ui, &view_queue, &queue_spec);
}

const struct view_ops view_queue = {
	.name = "queue",
	.help = "flagged accounts by priority",
	.flags = VF_TAB,
	.create = queue_create,
	TABLE_VIEW_OPS,
};
