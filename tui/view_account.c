/* tui/view_account.c: one account: its profile (PII masked by the store),
 * sticky notes first, trust level, score and the breakdown behind it,
 * strikes, tags, open and past flags with their reporters' standing,
 * ratings (retaliatory ones marked), vouches, threads and the history of
 * actions on it.  Each section reads one page; a "more" line runs the
 * command that lists the rest. */
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* Rows per section: a screen's worth, the rest one Enter away. */
#define SECTION_ROWS 15

struct account {
	struct text t;		/* first: the text view ops use it */
	int64_t id;
	char *handle;		/* "@handle" */
	char *name;		/* display name, for the header */
};

static struct rows *
query(struct view *v, const char *what, int limit, struct werr *e, ...)
{
	struct param params[4];
	struct query q = { 0 };
	struct rows *r = NULL;
	const char *k;
	va_list ap;
	size_t n = 0;

	va_start(ap, e);
	while ((k = va_arg(ap, const char *)) != NULL && n < W_NELEM(params)) {
		params[n].k = (char *)k;
		params[n].v = va_arg(ap, char *);
		n++;
	}
	va_end(ap);
	q.what = what;
	q.params = params;
	q.nparams = n;
	q.limit = limit;
	if (store_query(v->ui->st, &q, &r, e) < 0)
		return NULL;
	return r;
}

static const char *
txt(const struct rows *r, size_t i, const char *col)
{
	const char *s = rows_text(r, i, col);

	return s ? s : "";
}

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

static struct tline *
section(struct account *a, const char *title)
{
	struct tline *l;

	if (a->t.n > 0)
		text_line(&a->t, UA_NORMAL);	/* a blank between sections */
	l = text_line(&a->t, UA_SECTION);
	text_add(l, UA_SECTION, title);
	return l;
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
	const char *status = txt(r, 0, "status");
	const struct value *rating;

	free(a->name);
	a->name = xstrdup(txt(r, 0, "display_name"));
	l = section(a, "Profile");
	text_addf(l, UA_DIM, "  account %lld",
	    (long long)rows_int(r, 0, "id", 0));
	l = field(a, "name");
	text_add(l, UA_NORMAL, txt(r, 0, "display_name"));
	l->wrap = true;		/* all of it: this is where it is read */
	l->indent = 13;
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
	text_add(l, UA_NORMAL, txt(r, 0, "email"));
	l = field(a, "phone");
	text_add(l, UA_NORMAL, txt(r, 0, "phone"));
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
	text_add(l, UA_NORMAL, *txt(r, 0, "social") ? txt(r, 0, "social") :
	    "none linked");
	l = field(a, "queue");
	if (rows_int(r, 0, "open_flags", 0) > 0)
		text_addf(l, UA_FLAGGED, "priority %.1f, %lld open flags "
		    "(top: %s)", rows_real(r, 0, "priority", 0),
		    (long long)rows_int(r, 0, "open_flags", 0),
		    txt(r, 0, "top_reason"));
	else
		text_add(l, UA_NORMAL, "no open flags");
	if (*txt(r, 0, "claimed_by")) {
		ago(t1, sizeof t1, rows_int(r, 0, "claimed_at", 0));
		text_add(l, UA_TAGGED, "   claimed by ");
		text_add(l, UA_TAGGED, txt(r, 0, "claimed_by"));
		text_addf(l, UA_DIM, " %s", t1);
	}
	l = field(a, "flags");
	text_addf(l, UA_NORMAL, "%lld in all, %lld upheld   as a reporter: "
	    "%lld upheld, %lld dismissed",
	    (long long)rows_int(r, 0, "flags_total", 0),
	    (long long)rows_int(r, 0, "flags_upheld", 0),
	    (long long)rows_int(r, 0, "reports_upheld", 0),
	    (long long)rows_int(r, 0, "reports_dismissed", 0));
	if (*txt(r, 0, "muted_until"))
		text_add(l, UA_WARN, "   muted reporter");
	l = field(a, "tags");
	text_add(l, UA_TAGGED, *txt(r, 0, "tags") ? txt(r, 0, "tags") : "-");
}

static void
notes(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[32], key[32];
	size_t i;

	section(a, "Notes (sticky first)");
	for (i = 0; i < r->nrows; i++) {
		bool sticky = rows_int(r, i, "sticky", 0) != 0;

		l = item(a, sticky ? UA_WARN : UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_add(l, sticky ? UA_WARN : UA_DIM, sticky ? "[sticky] " :
		    "");
		text_addf(l, UA_DIM, "%s ", t);
		text_add(l, UA_NORMAL, txt(r, i, "author"));
		text_add(l, UA_DIM, ": ");
		text_add(l, UA_NORMAL, txt(r, i, "body"));
		l->wrap = true;
		l->indent = 4;
		snprintf(key, sizeof key, "note:%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_val(l, "key", key);
	}
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
}

static void
breakdown(struct account *a, const struct rows *r, int64_t level)
{
	struct tline *l;
	size_t i;

	l = section(a, "Trust breakdown");
	text_addf(l, UA_DIM, "  (level %lld; [x] holds, [ ] missing)",
	    (long long)level);
	for (i = 0; i < r->nrows; i++) {
		bool holds = rows_int(r, i, "holds", 0) != 0;

		l = item(a, UA_NORMAL);
		text_add(l, holds ? UA_OK : UA_WARN, holds ? "[x] " : "[ ] ");
		text_addf(l, UA_DIM, "%lld ",
		    (long long)rows_int(r, i, "level", 0));
		text_addw(l, UA_NORMAL, txt(r, i, "rule"), 34);
		text_add(l, UA_DIM, " have ");
		text_addw(l, UA_NORMAL, txt(r, i, "have"), 12);
		text_add(l, UA_DIM, " need ");
		text_add(l, UA_NORMAL, txt(r, i, "need"));
	}
}

static void
strikes(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[32], v[32];
	size_t i;

	section(a, "Strikes");
	for (i = 0; i < r->nrows; i++) {
		bool active = str_eq(txt(r, i, "status"), "active");

		l = item(a, active ? UA_NORMAL : UA_DIM);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_addf(l, UA_NORMAL, "#%lld ",
		    (long long)rows_int(r, i, "id", 0));
		text_addw(l, active ? UA_WARN : UA_DIM, txt(r, i, "kind"), 8);
		text_addf(l, UA_NORMAL, " %s  %s by ",
		    severity(rows_int(r, i, "severity", 0)), t);
		text_add(l, UA_NORMAL, txt(r, i, "given_by"));
		text_addf(l, UA_DIM, "  %s", txt(r, i, "status"));
		if (rows_int(r, i, "appeal_id", 0) > 0) {
			text_addf(l, UA_WARN, "  appeal #%lld %s",
			    (long long)rows_int(r, i, "appeal_id", 0),
			    txt(r, i, "appeal_status"));
			snprintf(v, sizeof v, "%lld",
			    (long long)rows_int(r, i, "appeal_id", 0));
			text_val(l, "appeal", v);
		}
		snprintf(v, sizeof v, "%lld", (long long)rows_int(r, i, "id",
		    0));
		text_val(l, "strike", v);
		snprintf(v, sizeof v, "strike:%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_val(l, "key", v);
	}
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
}

static void
flag_line(struct account *a, const struct rows *r, size_t i, bool open)
{
	struct tline *l;
	char t[32], v[48];
	const char *rep = txt(r, i, "reporter");

	l = item(a, open ? UA_FLAGGED : UA_NORMAL);
	ago(t, sizeof t, rows_int(r, i, "created", 0));
	text_addf(l, UA_NORMAL, "#%-5lld ", (long long)rows_int(r, i, "id",
	    0));
	text_addw(l, open ? UA_FLAGGED : UA_NORMAL, txt(r, i, "reason"), 15);
	text_addf(l, UA_NORMAL, " %-6s %-8s ",
	    severity(rows_int(r, i, "severity", 0)), t);
	if (!open) {
		text_addf(l, str_eq(txt(r, i, "status"), "upheld") ? UA_WARN :
		    UA_DIM, "%s ", txt(r, i, "status"));
		if (*txt(r, i, "resolved_by")) {
			text_add(l, UA_DIM, "by ");
			text_add(l, UA_NORMAL, txt(r, i, "resolved_by"));
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
		snprintf(v, sizeof v, "%lld",
		    (long long)rows_int(r, i, "message_id", 0));
		text_val(l, "message", v);
	}
	if (*txt(r, i, "detail")) {
		text_add(l, UA_DIM, ": ");
		text_add(l, UA_NORMAL, txt(r, i, "detail"));
	}
	if (!open && *txt(r, i, "outcome_note")) {
		text_add(l, UA_DIM, " -- ");
		text_add(l, UA_NORMAL, txt(r, i, "outcome_note"));
	}
	l->wrap = true;
	l->indent = 9;
	snprintf(v, sizeof v, "%lld", (long long)rows_int(r, i, "id", 0));
	text_val(l, "flag", v);
	snprintf(v, sizeof v, "flag:%lld", (long long)rows_int(r, i, "id", 0));
	text_val(l, "key", v);
}

static void
flags(struct account *a, const struct rows *open, const struct rows *past)
{
	size_t i;

	section(a, "Open flags");
	for (i = 0; i < open->nrows; i++)
		flag_line(a, open, i, true);
	if (open->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
	more(a, open, "flags --status open");
	section(a, "Past flags");
	for (i = 0; i < past->nrows; i++)
		if (!str_eq(txt(past, i, "status"), "open"))
			flag_line(a, past, i, false);
	more(a, past, "flags");
}

static void
ratings(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[32], v[32];
	size_t i;

	section(a, "Ratings");
	for (i = 0; i < r->nrows; i++) {
		bool retaliatory = rows_int(r, i, "retaliatory", 0) != 0;
		bool received = str_eq(txt(r, i, "direction"), "received");

		l = item(a, retaliatory ? UA_FLAGGED : UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "created", 0));
		text_addf(l, UA_NORMAL, "%lld/5 %s ",
		    (long long)rows_int(r, i, "stars", 0),
		    received ? "from" : "to  ");
		text_add(l, UA_NORMAL, "@");
		text_add(l, UA_NORMAL, txt(r, i, "other"));
		text_addf(l, UA_DIM, "  tx %s  %s", txt(r, i, "tx"), t);
		if (retaliatory)
			text_add(l, UA_ERROR, "  RETALIATORY");
		if (*txt(r, i, "comment")) {
			text_add(l, UA_DIM, "  \"");
			text_add(l, UA_NORMAL, txt(r, i, "comment"));
			text_add(l, UA_DIM, "\"");
		}
		snprintf(v, sizeof v, "%lld", (long long)rows_int(r, i,
		    "other_id", 0));
		text_val(l, "open-account", v);
		snprintf(v, sizeof v, "rating:%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_val(l, "key", v);
	}
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
	more(a, r, "ratings");
}

static void
vouches(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[32], v[32];
	size_t i;

	section(a, "Vouches");
	for (i = 0; i < r->nrows; i++) {
		bool in = str_eq(txt(r, i, "direction"), "in");

		l = item(a, UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "created", 0));
		text_add(l, UA_DIM, in ? "from " : "for  ");
		text_add(l, UA_NORMAL, "@");
		text_addw(l, UA_NORMAL, txt(r, i, "handle"), 18);
		text_addf(l, UA_DIM, " trust %lld  %s",
		    (long long)rows_int(r, i, "trust", 0), t);
		if (in && rows_int(r, i, "peer", 0))
			text_add(l, UA_OK, "  in the peer group");
		snprintf(v, sizeof v, "%lld", (long long)rows_int(r, i,
		    "account_id", 0));
		text_val(l, "open-account", v);
		snprintf(v, sizeof v, "vouch:%s:%lld", in ? "in" : "out",
		    (long long)rows_int(r, i, "account_id", 0));
		text_val(l, "key", v);
	}
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
}

/* What the detectors found (data/detect.h): in which message or field,
 * the matched text and why. */
static void
marks(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[32], v[32];
	size_t i;

	section(a, "Detector marks");
	for (i = 0; i < r->nrows; i++) {
		int64_t thread = rows_int(r, i, "thread_id", 0);

		l = item(a, UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_addf(l, UA_DIM, "%s ", t);
		text_addw(l, UA_WARN, txt(r, i, "detector"), 13);
		if (thread > 0)
			text_addf(l, UA_DIM, " #%lld in thread %lld: ",
			    (long long)rows_int(r, i, "message_id", 0),
			    (long long)thread);
		else
			text_addf(l, UA_DIM, " %s: ", txt(r, i, "field"));
		text_add(l, UA_MATCH, txt(r, i, "why"));
		l->wrap = true;
		l->indent = 6;
		if (thread > 0) {
			snprintf(v, sizeof v, "%lld", (long long)thread);
			text_val(l, "thread", v);
		}
		snprintf(v, sizeof v, "mark:%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_val(l, "key", v);
	}
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
	else if (r->next)
		text_add(item(a, UA_DIM), UA_DIM, "... and more");
}

/* The vouch ring the detectors found the account in, every member. */
static void
ring(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[16], v[32], *h;
	size_t i;

	if (r->nrows == 0)
		return;
	section(a, "Vouch ring");
	for (i = 0; i < r->nrows; i++) {
		l = text_line(&a->t, UA_NORMAL);
		h = xasprintf("@%s", txt(r, i, "handle"));
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
		if (!str_eq(txt(r, i, "status"), "active"))
			text_addf(l, UA_WARN, "  %s", txt(r, i, "status"));
		text_val(l, "account", h);
		text_val(l, "handle", h);
		snprintf(v, sizeof v, "%lld", (long long)rows_int(r, i,
		    "account_id", 0));
		text_val(l, "open-account", v);
		snprintf(v, sizeof v, "ring:%lld",
		    (long long)rows_int(r, i, "account_id", 0));
		text_val(l, "key", v);
		free(h);
	}
}

static void
threads(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[32], v[32];
	size_t i;

	section(a, "Threads");
	for (i = 0; i < r->nrows; i++) {
		int64_t flagged = rows_int(r, i, "flagged", 0);

		l = item(a, flagged ? UA_FLAGGED : UA_NORMAL);
		ago(t, sizeof t, rows_int(r, i, "last_at", 0));
		text_addf(l, UA_NORMAL, "#%-5lld ",
		    (long long)rows_int(r, i, "id", 0));
		text_addw(l, UA_NORMAL, txt(r, i, "subject"), 28);
		text_addf(l, UA_DIM, " %s with ", txt(r, i, "role"));
		text_add(l, UA_NORMAL, txt(r, i, "counterpart"));
		text_addf(l, UA_DIM, "  %lld msgs",
		    (long long)rows_int(r, i, "messages", 0));
		if (flagged)
			text_addf(l, UA_FLAGGED, ", %lld flagged",
			    (long long)flagged);
		text_addf(l, UA_DIM, "  %s", t);
		snprintf(v, sizeof v, "%lld", (long long)rows_int(r, i, "id",
		    0));
		text_val(l, "thread", v);
		snprintf(v, sizeof v, "thread:%lld",
		    (long long)rows_int(r, i, "id", 0));
		text_val(l, "key", v);
	}
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
	more(a, r, "threads");
}

static void
history(struct account *a, const struct rows *r)
{
	struct tline *l;
	char t[32];
	size_t i;

	section(a, "History");
	for (i = 0; i < r->nrows; i++) {
		l = item(a, UA_NORMAL);
		when(t, sizeof t, rows_int(r, i, "at", 0));
		text_addf(l, UA_DIM, "%s ", t);
		text_addw(l, UA_NORMAL, txt(r, i, "actor"), 10);
		text_add(l, UA_NORMAL, " ");
		text_addw(l, UA_WARN, txt(r, i, "action"), 10);
		text_add(l, UA_NORMAL, " ");
		text_add(l, UA_NORMAL, txt(r, i, "reason"));
		if (*txt(r, i, "result")) {
			text_add(l, UA_DIM, " -- ");
			text_add(l, UA_DIM, txt(r, i, "result"));
		}
		l->wrap = true;
		l->indent = 19;
	}
	if (r->nrows == 0)
		text_add(item(a, UA_DIM), UA_DIM, "none");
	more(a, r, "log --account");
}

static bool
account_open(struct view *v, struct werr *e)
{
	struct account *a = v->priv;
	struct rows *acc, *r;
	char id[24];
	int64_t level;

	snprintf(id, sizeof id, "%lld", (long long)a->id);
	text_clear(&a->t);
	if ((acc = query(v, "account", 0, e, "id", id, NULL)) == NULL)
		return false;
	if (acc->nrows == 0) {
		rows_free(acc);
		return werr_set(e, WE_NOTFOUND, "no account %s", id) == 0;
	}
	free(a->handle);
	a->handle = xasprintf("@%s", txt(acc, 0, "handle"));
	level = rows_int(acc, 0, "trust", 0);
	profile(a, acc);
	rows_free(acc);
	/* The sections read one after another; one that fails shows its
	 * error in place and the rest still show. */
#define SECTION(what, limit, call, ...) do { \
	struct werr se; \
	werr_clear(&se); \
	if ((r = query(v, what, limit, &se, __VA_ARGS__, NULL)) != NULL) { \
		call; \
		rows_free(r); \
	} else { \
		text_add(text_line(&a->t, UA_ERROR), UA_ERROR, se.msg); \
	} \
} while (0)
	SECTION("notes", SECTION_ROWS, notes(a, r), "account", id);
	SECTION("breakdown", 0, breakdown(a, r, level), "account", id);
	SECTION("strikes", 0, strikes(a, r), "account", id);
	{
		struct rows *open;
		struct werr se;

		werr_clear(&se);
		open = query(v, "flags", SECTION_ROWS, &se, "account", id,
		    "status", "open", NULL);
		if (open) {
			SECTION("flags", SECTION_ROWS, flags(a, open, r),
			    "account", id);
			rows_free(open);
		} else {
			text_add(text_line(&a->t, UA_ERROR), UA_ERROR, se.msg);
		}
	}
	SECTION("ratings", SECTION_ROWS, ratings(a, r), "account", id);
	SECTION("marks", SECTION_ROWS, marks(a, r), "account", id);
	SECTION("vouches", 0, vouches(a, r), "account", id);
	SECTION("ring", 0, ring(a, r), "account", id);
	SECTION("threads", SECTION_ROWS, threads(a, r), "account", id);
	SECTION("history", SECTION_ROWS, history(a, r), "account", id);
#undef SECTION
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

static unsigned
account_enter(struct view *v, size_t line)
{
	struct account *a = v->priv;
	struct tline *l = text_at(&a->t, line);
	const char *s;
	int64_t id;

	if (l == NULL)
		return RE_NONE;
	if ((s = text_get(l, "thread")) && str_to_i64(s, 1, INT64_MAX, &id)) {
		tui_push(v->ui, thread_view_new(v->ui, id, 0));
		return RE_REDRAW;
	}
	if ((s = text_get(l, "open-account")) &&
	    str_to_i64(s, 1, INT64_MAX, &id)) {
		tui_push(v->ui, account_view_new(v->ui, id));
		return RE_REDRAW;
	}
	if ((s = text_get(l, "run")) != NULL)
		return tui_command(v->ui, s, false);
	if ((s = text_get(l, "reporter")) != NULL) {
		struct buf b = BUF_INIT;
		unsigned re;

		buf_printf(&b, "show %s", s);
		re = tui_command(v->ui, b.s, false);
		buf_free(&b);
		return re;
	}
	return RE_NONE;
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
	a->id = id;
	a->handle = xasprintf("#%lld", (long long)id);
	return view_new(ui, &view_account, a);
}
