/* tui/view_account.c: one account: its profile (PII masked by the store),
 * sticky notes first, trust level, score and the breakdown behind it,
 * strikes, tags, open and past flags with their reporters' standing,
 * ratings (retaliatory ones marked), vouches, threads and the history of
 * actions on it.  Each section reads one page; a "more" line runs the
 * command that lists the rest. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows per section: a screen's worth, the rest one Enter away. */
#define SECTION_ROWS 15

struct account {
	struct text t;		/* first: the text view ops use it */
	int64_t id;
	int64_t level;		/* its trust level, for the breakdown */
	char *handle;		/* "@handle" */
	char *name;		/* display name, for the header */
	size_t name_line;	/* the profile's line of it, or SIZE_MAX */
};

static void
when(char *out, size_t size, int64_t t)
{
	if (t <= 0)
		snprintf(out, size, "-");
	else
		time_format_short(t, out, size);
}

static void
ago(char *out, size_t size, int64_t t)
{
	char a[16];

	if (t <= 0) {
		snprintf(out, size, "-");
		return;
	}
	age_format(tui_now() - t, a, sizeof a);
	snprintf(out, size, "%s ago", a);
}

static const char *
severity(int64_t s)
{
	return s >= 1 && s <= 3 ? severities[s - 1] : "?";
}

/* A line of the section: indented, naming the account. */
static struct tline *
item(struct account *a, enum ui_attr attr)
{
	struct tline *l = text_line(&a->t, attr);

	text_add(l, UA_NORMAL, "  ");
	text_val(l, "account", a->handle);
	text_val(l, "handle", a->handle);
	return l;
}

static struct tline *
field(struct account *a, const char *label)
{
	struct tline *l = item(a, UA_NORMAL);

	text_addw(l, UA_DIM, label, 11);
	return l;
}

/* An empty section says so. */
static void
none(struct account *a, const struct rows *r)
{
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
}

/* "more ..." : Enter runs the command that lists everything. */
static void
more(struct account *a, const struct rows *r, const char *command)
{
	struct tline *l;
	struct buf b = BUF_INIT;

	if (r == NULL || r->next == NULL)
		return;
	buf_printf(&b, "%s %s", command, a->handle);
	l = item(a, UA_DIM);
	text_addf(l, UA_DIM, "... more: Enter runs :%s", b.s);
	text_val(l, "run", b.s);
	buf_free(&b);
}

static void
profile(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t1[32], t2[32];
	int64_t trust = rows_int(r, 0, "trust", 0);
	const char *status = row_text(r, 0, "status");
	const struct value *rating;

	free(a->name);
	a->name = xstrdup(row_text(r, 0, "display_name"));
	l = text_heading(&a->t, "Profile");
	text_addf(l, UA_DIM, "  account %lld",
	    (long long)rows_int(r, 0, "id", 0));
	l = field(a, "name");
	text_add(l, UA_NORMAL, row_text(r, 0, "display_name"));
	l->wrap = true;		/* all of it: this is where it is read */
	l->indent = 13;
	a->name_line = a->t.n - 1;
	l = field(a, "status");
	text_add(l, str_eq(status, "active") ? UA_OK : UA_WARN, status);
	if (rows_int(r, 0, "suspended_until", 0) > 0) {
		when(t1, sizeof t1, rows_int(r, 0, "suspended_until", 0));
		text_addf(l, UA_WARN, " until %s", t1);
	}
	l = field(a, "trust");
	text_addf(l, trust == 0 ? UA_WARN : UA_NORMAL, "%lld %s",
	    (long long)trust, trust >= 0 && trust <= TRUST_MAX ?
	    trust_names[trust] : "?");
	text_addf(l, UA_NORMAL, "   score %lld/100",
	    (long long)rows_int(r, 0, "score", 0));
	if (rows_int(r, 0, "locked", 0))
		text_add(l, UA_WARN, "   locked by a moderator");
	l = field(a, "email");
	text_add(l, UA_NORMAL, row_text(r, 0, "email"));
	l = field(a, "phone");
	text_add(l, UA_NORMAL, row_text(r, 0, "phone"));
	if (rows_int(r, 0, "phone_verified_at", 0) > 0)
		text_add(l, UA_OK, "   verified");
	l = field(a, "joined");
	when(t1, sizeof t1, rows_int(r, 0, "created", 0));
	ago(t2, sizeof t2, rows_int(r, 0, "created", 0));
	text_addf(l, UA_NORMAL, "%s (%s)", t1, t2);
	ago(t2, sizeof t2, rows_int(r, 0, "last_seen", 0));
	text_addf(l, UA_DIM, "   last seen %s", t2);
	l = field(a, "deals");
	rating = rows_get(r, 0, "rating");
	if (rating && rating->type != VT_NULL)
		text_addf(l, UA_NORMAL, "%lld completed   rating %.2f (%lld)",
		    (long long)rows_int(r, 0, "transactions", 0),
		    rows_real(r, 0, "rating", 0),
		    (long long)rows_int(r, 0, "ratings", 0));
	else
		text_addf(l, UA_NORMAL, "%lld completed   no ratings",
		    (long long)rows_int(r, 0, "transactions", 0));
	l = field(a, "social");
	text_add(l, UA_NORMAL, *row_text(r, 0, "social") ?
	    row_text(r, 0, "social") : "none linked");
	l = field(a, "queue");
	if (rows_int(r, 0, "open_flags", 0) > 0)
		text_addf(l, UA_FLAGGED, "priority %.1f, %lld open flags "
		    "(top: %s)", rows_real(r, 0, "priority", 0),
		    (long long)rows_int(r, 0, "open_flags", 0),
		    row_text(r, 0, "top_reason"));
	else
		text_add(l, UA_NORMAL, "no open flags");
	if (*row_text(r, 0, "claimed_by")) {
		ago(t1, sizeof t1, rows_int(r, 0, "claimed_at", 0));
		text_add(l, UA_TAGGED, "   claimed by ");
		text_add(l, UA_TAGGED, row_text(r, 0, "claimed_by"));
		text_addf(l, UA_DIM, " %s", t1);
	}
	l = field(a, "flags");
	text_addf(l, UA_NORMAL, "%lld in all, %lld upheld   as a reporter: "
	    "%lld upheld, %lld dismissed",
	    (long long)rows_int(r, 0, "flags_total", 0),
	    (long long)rows_int(r, 0, "flags_upheld", 0),
	    (long long)rows_int(r, 0, "reports_upheld", 0),
	    (long long)rows_int(r, 0, "reports_dismissed", 0));
	if (*row_text(r, 0, "muted_until"))
		text_add(l, UA_WARN, "   muted reporter");
	l = field(a, "tags");
	text_add(l, UA_TAGGED, *row_text(r, 0, "tags") ?
	    row_text(r, 0, "tags") : "-");
}

static void
notes(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[32];
	size_t i;

	text_heading(&a->t, "Notes (sticky first)");
	for (i = 0; i < r->nrows; i++) {
		bool sticky = rows_int(r, i, "sticky", 0) != 0;

		l = item(a, sticky ? UA_WARN : UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_add(l, sticky ? UA_WARN : UA_DIM, sticky ? "[sticky] " :
		    "");
		text_addf(l, UA_DIM, "%s ", t);
		text_add(l, UA_NORMAL, row_text(r, i, "author"));
		text_add(l, UA_DIM, ": ");
		text_add(l, UA_NORMAL, row_text(r, i, "body"));
		l->wrap = true;
		l->indent = 4;
		text_valf(l, "key", "note:%lld",
		    (long long)rows_int(r, i, "id", 0));
	}
	none(a, r);
}

static void
breakdown(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	size_t i;

	l = text_heading(&a->t, "Trust breakdown");
	text_addf(l, UA_DIM, "  (level %lld; [x] holds, [ ] missing)",
	    (long long)a->level);
	for (i = 0; i < r->nrows; i++) {
		bool holds = rows_int(r, i, "holds", 0) != 0;

		l = item(a, UA_NORMAL);
		text_add(l, holds ? UA_OK : UA_WARN, holds ? "[x] " : "[ ] ");
		text_addf(l, UA_DIM, "%lld ",
		    (long long)rows_int(r, i, "level", 0));
		text_addw(l, UA_NORMAL, row_text(r, i, "rule"), 34);
		text_add(l, UA_DIM, " have ");
		text_addw(l, UA_NORMAL, row_text(r, i, "have"), 12);
		text_add(l, UA_DIM, " need ");
		text_add(l, UA_NORMAL, row_text(r, i, "need"));
	}
}

static void
strikes(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[32];
	size_t i;

	text_heading(&a->t, "Strikes");
	for (i = 0; i < r->nrows; i++) {
		bool active = str_eq(row_text(r, i, "status"), "active");

		l = item(a, active ? UA_NORMAL : UA_DIM);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_addf(l, UA_NORMAL, "#%lld ",
		    (long long)rows_int(r, i, "id", 0));
		text_addw(l, active ? UA_WARN : UA_DIM, row_text(r, i, "kind"),
		    8);
		text_addf(l, UA_NORMAL, " %s  %s by ",
		    severity(rows_int(r, i, "severity", 0)), t);
		text_add(l, UA_NORMAL, row_text(r, i, "given_by"));
		text_addf(l, UA_DIM, "  %s", row_text(r, i, "status"));
		if (rows_int(r, i, "appeal_id", 0) > 0) {
			text_addf(l, UA_WARN, "  appeal #%lld %s",
			    (long long)rows_int(r, i, "appeal_id", 0),
			    row_text(r, i, "appeal_status"));
			text_valf(l, "appeal", "%lld",
			    (long long)rows_int(r, i, "appeal_id", 0));
		}
		text_valf(l, "strike", "%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_valf(l, "key", "strike:%lld",
		    (long long)rows_int(r, i, "id", 0));
	}
	none(a, r);
}

static void
flag_line(struct account *a, const struct rows *r, size_t i, bool open)
{
	struct tline *l;
	char t[32];
	const char *rep = row_text(r, i, "reporter");

	l = item(a, open ? UA_FLAGGED : UA_NORMAL);
	ago(t, sizeof t, rows_int(r, i, "created", 0));
	text_addf(l, UA_NORMAL, "#%-5lld ", (long long)rows_int(r, i, "id",
	    0));
	text_addw(l, open ? UA_FLAGGED : UA_NORMAL, row_text(r, i, "reason"),
	    15);
	text_addf(l, UA_NORMAL, " %-6s %-8s ",
	    severity(rows_int(r, i, "severity", 0)), t);
	if (!open) {
		text_addf(l, str_eq(row_text(r, i, "status"), "upheld") ?
		    UA_WARN : UA_DIM, "%s ", row_text(r, i, "status"));
		if (*row_text(r, i, "resolved_by")) {
			text_add(l, UA_DIM, "by ");
			text_add(l, UA_NORMAL, row_text(r, i, "resolved_by"));
			text_add(l, UA_DIM, " ");
		}
	}
	text_add(l, UA_DIM, "from ");
	text_add(l, UA_NORMAL, rep);
	if (rep[0] == '@') {
		/* The reporter's standing: what their flag weighs. */
		text_addf(l, UA_DIM, " (trust %lld, %lld upheld/%lld "
		    "dismissed)", (long long)rows_int(r, i, "reporter_trust", 0),
		    (long long)rows_int(r, i, "reporter_upheld", 0),
		    (long long)rows_int(r, i, "reporter_dismissed", 0));
		if (rows_int(r, i, "reporter_muted", 0))
			text_add(l, UA_WARN, " muted");
		text_val(l, "reporter", rep);
	}
	if (rows_int(r, i, "message_id", 0) > 0) {
		text_addf(l, UA_DIM, " msg %lld",
		    (long long)rows_int(r, i, "message_id", 0));
		text_valf(l, "message", "%lld",
		    (long long)rows_int(r, i, "message_id", 0));
	}
	if (*row_text(r, i, "detail")) {
		text_add(l, UA_DIM, ": ");
		text_add(l, UA_NORMAL, row_text(r, i, "detail"));
	}
	if (!open && *row_text(r, i, "outcome_note")) {
		text_add(l, UA_DIM, " -- ");
		text_add(l, UA_NORMAL, row_text(r, i, "outcome_note"));
	}
	l->wrap = true;
	l->indent = 9;
	text_valf(l, "flag", "%lld", (long long)rows_int(r, i, "id", 0));
	text_valf(l, "key", "flag:%lld", (long long)rows_int(r, i, "id", 0));
}

static void
open_flags(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	size_t i;

	text_heading(&a->t, "Open flags");
	for (i = 0; i < r->nrows; i++)
		flag_line(a, r, i, true);
	none(a, r);
	more(a, r, "flags --status open");
}

static void
past_flags(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	size_t i;

	text_heading(&a->t, "Past flags");
	for (i = 0; i < r->nrows; i++)
		if (!str_eq(row_text(r, i, "status"), "open"))
			flag_line(a, r, i, false);
	more(a, r, "flags");
}

static void
ratings(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[32];
	size_t i;

	text_heading(&a->t, "Ratings");
	for (i = 0; i < r->nrows; i++) {
		bool retaliatory = rows_int(r, i, "retaliatory", 0) != 0;
		bool received = str_eq(row_text(r, i, "direction"), "received");

		l = item(a, retaliatory ? UA_FLAGGED : UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "created", 0));
		text_addf(l, UA_NORMAL, "%lld/5 %s ",
		    (long long)rows_int(r, i, "stars", 0),
		    received ? "from" : "to  ");
		text_add(l, UA_NORMAL, "@");
		text_add(l, UA_NORMAL, row_text(r, i, "other"));
		text_addf(l, UA_DIM, "  tx %s  %s", row_text(r, i, "tx"), t);
		if (retaliatory)
			text_add(l, UA_ERROR, "  RETALIATORY");
		if (*row_text(r, i, "comment")) {
			text_add(l, UA_DIM, "  \"");
			text_add(l, UA_NORMAL, row_text(r, i, "comment"));
			text_add(l, UA_DIM, "\"");
		}
		text_valf(l, "open-account", "%lld",
		    (long long)rows_int(r, i, "other_id", 0));
		text_valf(l, "key", "rating:%lld",
		    (long long)rows_int(r, i, "id", 0));
	}
	none(a, r);
	more(a, r, "ratings");
}

static void
vouches(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[32];
	size_t i;

	text_heading(&a->t, "Vouches");
	for (i = 0; i < r->nrows; i++) {
		bool in = str_eq(row_text(r, i, "direction"), "in");

		l = item(a, UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "created", 0));
		text_add(l, UA_DIM, in ? "from " : "for  ");
		text_add(l, UA_NORMAL, "@");
		text_addw(l, UA_NORMAL, row_text(r, i, "handle"), 18);
		text_addf(l, UA_DIM, " trust %lld  %s",
		    (long long)rows_int(r, i, "trust", 0), t);
		if (in && rows_int(r, i, "peer", 0))
			text_add(l, UA_OK, "  in the peer group");
		text_valf(l, "open-account", "%lld",
		    (long long)rows_int(r, i, "account_id", 0));
		text_valf(l, "key", "vouch:%s:%lld", in ? "in" : "out",
		    (long long)rows_int(r, i, "account_id", 0));
	}
	none(a, r);
}

/* What the detectors found (data/detect.h): in which message or field,
 * the matched text and why. */
static void
marks(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[32];
	size_t i;

	text_heading(&a->t, "Detector marks");
	for (i = 0; i < r->nrows; i++) {
		int64_t thread = rows_int(r, i, "thread_id", 0);

		l = item(a, UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_addf(l, UA_DIM, "%s ", t);
		text_addw(l, UA_WARN, row_text(r, i, "detector"), 13);
		if (thread > 0)
			text_addf(l, UA_DIM, " #%lld in thread %lld: ",
			    (long long)rows_int(r, i, "message_id", 0),
			    (long long)thread);
		else
			text_addf(l, UA_DIM, " %s: ", row_text(r, i, "field"));
		text_add(l, UA_MATCH, row_text(r, i, "why"));
		l->wrap = true;
		l->indent = 6;
		if (thread > 0) {
			text_valf(l, "thread", "%lld", (long long)thread);
		}
		text_valf(l, "key", "mark:%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_valf(l, "why", "%s: %s", row_text(r, i, "detector"),
		    row_text(r, i, "why"));
		/* a display name that imitates: underlined in the profile,
		 * and why, when the selection is on it */
		if (a->name_line < a->t.n && strncmp(row_text(r, i, "field"),
		    "display_name", 12) == 0) {
			struct tline *nl = &a->t.lines[a->name_line];
			int64_t pos = rows_int(r, i, "pos", 0);

			text_span(nl, (size_t)pos, (size_t)pos +
			    (size_t)rows_int(r, i, "len", 0), UA_MATCH);
			if (text_get(nl, "why") == NULL)
				text_valf(nl, "why", "%s: %s", row_text(r, i,
				    "detector"), row_text(r, i, "why"));
		}
	}
	none(a, r);
	if (r->nrows > 0 && r->next)
		text_add(item(a, UA_DIM), UA_DIM, "... and more");
}

/* The vouch ring the detectors found the account in, every member. */
static void
ring(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[16], *h;
	size_t i;

	if (r->nrows == 0)
		return;
	text_heading(&a->t, "Vouch ring");
	for (i = 0; i < r->nrows; i++) {
		l = text_line(&a->t, UA_NORMAL);
		h = xasprintf("@%s", row_text(r, i, "handle"));
		text_add(l, UA_NORMAL, "  ");
		text_addw(l, UA_FLAGGED, h, 20);
		age_format(tui_now() - rows_int(r, i, "created", 0), t,
		    sizeof t);
		text_addf(l, UA_DIM, " trust %lld  joined %s ago  vouches %lld "
		    "of %lld inside", (long long)rows_int(r, i, "trust", 0), t,
		    (long long)rows_int(r, i, "vouches_inside", 0),
		    (long long)rows_int(r, i, "vouches_given", 0));
		if (rows_int(r, i, "beneficiary", 0))
			text_add(l, UA_WARN, "  vouched for by the ring");
		if (!str_eq(row_text(r, i, "status"), "active"))
			text_addf(l, UA_WARN, "  %s", row_text(r, i, "status"));
		text_val(l, "account", h);
		text_val(l, "handle", h);
		text_valf(l, "open-account", "%lld",
		    (long long)rows_int(r, i, "account_id", 0));
		text_valf(l, "key", "ring:%lld",
		    (long long)rows_int(r, i, "account_id", 0));
		free(h);
	}
}

static void
threads(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[32];
	size_t i;

	text_heading(&a->t, "Threads");
	for (i = 0; i < r->nrows; i++) {
		int64_t flagged = rows_int(r, i, "flagged", 0);

		l = item(a, flagged ? UA_FLAGGED : UA_NORMAL);
		ago(t, sizeof t, rows_int(r, i, "last_at", 0));
		text_addf(l, UA_NORMAL, "#%-5lld ",
		    (long long)rows_int(r, i, "id", 0));
		text_addw(l, UA_NORMAL, row_text(r, i, "subject"), 28);
		text_addf(l, UA_DIM, " %s with ", row_text(r, i, "role"));
		text_add(l, UA_NORMAL, row_text(r, i, "counterpart"));
		text_addf(l, UA_DIM, "  %lld msgs",
		    (long long)rows_int(r, i, "messages", 0));
		if (flagged)
			text_addf(l, UA_FLAGGED, ", %lld flagged",
			    (long long)flagged);
		text_addf(l, UA_DIM, "  %s", t);
		text_valf(l, "thread", "%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_valf(l, "key", "thread:%lld",
		    (long long)rows_int(r, i, "id", 0));
	}
	none(a, r);
	more(a, r, "threads");
}

static void
history(struct view *v, const struct rows *r)
{
	struct account *a = v->priv;
	struct tline *l;
	char t[32];
	size_t i;

	text_heading(&a->t, "History");
	for (i = 0; i < r->nrows; i++) {
		l = item(a, UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_addf(l, UA_DIM, "%s ", t);
		text_addw(l, UA_NORMAL, row_text(r, i, "actor"), 10);
		text_add(l, UA_NORMAL, " ");
		text_addw(l, UA_WARN, row_text(r, i, "action"), 10);
		text_add(l, UA_NORMAL, " ");
		text_add(l, UA_NORMAL, row_text(r, i, "reason"));
		if (*row_text(r, i, "result")) {
			text_add(l, UA_DIM, " -- ");
			text_add(l, UA_DIM, row_text(r, i, "result"));
		}
		l->wrap = true;
		l->indent = 19;
	}
	none(a, r);
	more(a, r, "log --account");
}

/* The sections under the profile, in order, each one query on the
 * account. */
static const struct text_section sections[] = {
	{ "notes", SECTION_ROWS, NULL, NULL, notes },
	{ "breakdown", 0, NULL, NULL, breakdown },
	{ "strikes", 0, NULL, NULL, strikes },
	{ "flags", SECTION_ROWS, "status", "open", open_flags },
	{ "flags", SECTION_ROWS, NULL, NULL, past_flags },
	{ "ratings", SECTION_ROWS, NULL, NULL, ratings },
	{ "marks", SECTION_ROWS, NULL, NULL, marks },
	{ "vouches", 0, NULL, NULL, vouches },
	{ "ring", 0, NULL, NULL, ring },
	{ "threads", SECTION_ROWS, NULL, NULL, threads },
	{ "history", SECTION_ROWS, NULL, NULL, history },
};

static bool
account_open(struct view *v, struct werr *e)
{
	struct account *a = v->priv;
	struct rows *acc = NULL;
	char id[24];

	snprintf(id, sizeof id, "%lld", (long long)a->id);
	text_clear(&a->t);
	a->name_line = SIZE_MAX;
	if (store_queryv(v->ui->st, &acc, e, "account", "id", id, NULL) < 0)
		return false;
	if (acc->nrows == 0) {
		rows_free(acc);
		return werr_set(e, WE_NOTFOUND, "no account %s", id) == 0;
	}
	free(a->handle);
	a->handle = xasprintf("@%s", row_text(acc, 0, "handle"));
	a->level = rows_int(acc, 0, "trust", 0);
	profile(a, acc);
	rows_free(acc);
	text_sections(v, &a->t, sections, W_NELEM(sections), "account", id);
	text_line(&a->t, UA_NORMAL);
	return true;
}

static void
account_head(struct view *v, WINDOW *w, int width)
{
	struct account *a = v->priv;
	int used;

	used = draw_str(v->ui, w, a->handle ? a->handle : "", width,
	    ui_attr(v->ui, UA_HEADER), 0);
	waddstr(w, "  ");
	draw_str(v->ui, w, a->name ? a->name : "", width - used - 2,
	    ui_attr(v->ui, UA_HEADER), DT_CLIP_MARK);
}

/* Enter on a flag opens its reporter (the line names a handle, not an
 * id: through the show command). */
static unsigned
account_enter(struct view *v, size_t line)
{
	struct account *a = v->priv;
	struct tline *l = text_at(&a->t, line);
	struct buf b = BUF_INIT;
	const char *s;
	unsigned re;

	if ((re = tv_enter(v, line)) != RE_NONE || l == NULL ||
	    (s = text_get(l, "reporter")) == NULL)
		return re;
	buf_printf(&b, "show %s", s);
	re = tui_command(v->ui, b.s);
	buf_free(&b);
	return re;
}

static void
account_title(struct view *v, struct buf *out)
{
	struct account *a = v->priv;

	buf_printf(out, "account %s", a->handle ? a->handle : "");
}

static void
account_done(struct view *v)
{
	struct account *a = v->priv;

	text_free(&a->t);
	free(a->handle);
	free(a->name);
	free(a);
}

const struct view_ops view_account = {
	.name = "account",
	.help = "one account: profile, trust, flags, ratings, history",
	.open = account_open,
	.lines = tv_lines,
	.head = account_head,
	.draw = tv_draw,
	.match = tv_match,
	.enter = account_enter,
	.value = tv_value,
	.resize = tv_resize,
	.title = account_title,
	.done = account_done,
};

struct view *
account_view_new(struct tui *ui, int64_t id)
{
	struct account *a = xcalloc(1, sizeof *a);

	text_init(&a->t);
	a->name_line = SIZE_MAX;
	a->id = id;
	a->handle = xasprintf("#%lld", (long long)id);
	return view_new(ui, &view_account, a);
}
