/* tests/unit/kinds.c: see kinds.h. */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEADER_RULE "warden(1) trust: level 4 (leader) is set, changed and " \
	"unlocked by an admin only"
#define UNDO_RULE "undoing an action needs at least the role the action " \
	"needed"

/* The plain case of each kind first, then the cases a documented rule
 * singles out. */
const struct recipe recipes[] = {
	{ "claim", A_CLAIM, WT_SAM, "", WP_NONE, NULL, NULL, NULL },
	{ "release", A_RELEASE, WT_SAM, "", WP_CLAIM, NULL, NULL, NULL },
	{ "warn", A_WARN, WT_SAM, "", WP_NONE, NULL, NULL, NULL },
	{ "suspend", A_SUSPEND, WT_SAM, "for=7d", WP_NONE, NULL, NULL, NULL },
	{ "ban", A_BAN, WT_SAM, "", WP_NONE, NULL, NULL, NULL },
	{ "restore a warned account", A_RESTORE, WT_SAM, "", WP_WARN, NULL,
	    NULL, NULL },
	{ "restore a suspended account", A_RESTORE, WT_SAM, "", WP_SUSPEND,
	    NULL, NULL, NULL },
	{ "restore a banned account", A_RESTORE, WT_SAM, "", WP_BAN, "admin",
	    UNDO_RULE " (a ban: admin)",
	    "issue 12 (harden): a moderator can undo an admin's ban" },
	{ "trust", A_TRUST, WT_SAM, "level=2", WP_NONE, NULL, NULL, NULL },
	{ "trust --unlock", A_TRUST, WT_SAM, "unlock=1", WP_LOCK, NULL, NULL,
	    NULL },
	{ "trust to level 4", A_TRUST, WT_SAM, "level=4", WP_NONE, "admin",
	    "warden-api(7): trust level 4 needs the admin role", NULL },
	{ "trust: a leader to level 2", A_TRUST, WT_SAM, "level=2", WP_LEADER,
	    "admin", LEADER_RULE, NULL },
	{ "trust --unlock of a leader", A_TRUST, WT_SAM, "unlock=1", WP_LEADER,
	    "admin", LEADER_RULE, NULL },
	{ "resolve", A_RESOLVE, WT_FLAG, "outcome=upheld", WP_NONE, NULL, NULL,
	    NULL },
	{ "hide", A_HIDE, WT_MESSAGE, "", WP_NONE, NULL, NULL, NULL },
	{ "unhide", A_UNHIDE, WT_MESSAGE, "", WP_HIDE, NULL, NULL, NULL },
	{ "note", A_NOTE, WT_SAM, "text=looked at it", WP_NONE, NULL, NULL,
	    NULL },
	{ "tag", A_TAG, WT_SAM, "tag=watch", WP_NONE, NULL, NULL, NULL },
	{ "untag", A_UNTAG, WT_SAM, "tag=watch", WP_TAG, NULL, NULL, NULL },
	{ "reveal", A_REVEAL, WT_SAM, "field=email", WP_NONE, NULL, NULL,
	    NULL },
	{ "decide", A_DECIDE, WT_APPEAL, "outcome=upheld;reply=We looked again",
	    WP_NONE, NULL, NULL, NULL },
	{ "decide: overturn a ban", A_DECIDE, WT_APPEAL,
	    "outcome=overturned;reply=We looked again", WP_BAN_APPEAL, "admin",
	    UNDO_RULE " (a ban: admin)",
	    "issue 12 (harden): a senior can overturn an admin's ban" },
	{ "mute", A_MUTE, WT_RITA, "", WP_NONE, NULL, NULL, NULL },
	{ "unmute", A_UNMUTE, WT_RITA, "", WP_MUTE, NULL, NULL, NULL },
	{ "escalate", A_ESCALATE, WT_ESCALATION, "", WP_NONE, NULL, NULL,
	    NULL },
	{ "escalate --account", A_ESCALATE, WT_NONE,
	    "account=$sam;kind=dispute", WP_NONE, NULL, NULL, NULL },
	{ "ack", A_ACK, WT_ESCALATION, "", WP_NONE, NULL, NULL, NULL },
	{ "assign", A_ASSIGN, WT_ESCALATION, "assignee=bob", WP_NONE, NULL,
	    NULL, NULL },
	{ "sweep", A_SWEEP, WT_NONE, "", WP_NONE, NULL, NULL, NULL },
	{ "scan", A_SCAN, WT_NONE, "", WP_NONE, NULL, NULL, NULL },
	{ "moderator.add", A_MODERATOR_ADD, WT_ERIN, "role=moderator", WP_NONE,
	    NULL, NULL, NULL },
	{ "moderator.role", A_MODERATOR_ROLE, WT_DAVE, "role=senior", WP_NONE,
	    NULL, NULL, NULL },
	{ "moderator.disable", A_MODERATOR_DISABLE, WT_DAVE, "", WP_NONE, NULL,
	    NULL, NULL },
	{ "moderator.enable", A_MODERATOR_ENABLE, WT_EVE, "", WP_NONE, NULL,
	    NULL, NULL },
	{ "token.create", A_TOKEN_CREATE, WT_ACTOR, "label=matrix", WP_NONE,
	    NULL, NULL, NULL },
	{ "token.create for another", A_TOKEN_CREATE, WT_DAVE, "label=matrix",
	    WP_NONE, "admin", "warden-api(7): a token for another moderator "
	    "is made by an admin", NULL },
	{ "token.revoke", A_TOKEN_REVOKE, WT_TOKEN, "", WP_TOKEN_OWN, NULL,
	    NULL, NULL },
	{ "token.revoke of another's", A_TOKEN_REVOKE, WT_TOKEN, "",
	    WP_TOKEN_DAVE, "admin", UNDO_RULE " (another's token: admin); "
	    "warden(1) token revoke", NULL },
	{ "template.add", A_TEMPLATE_ADD, WT_TEMPLATE, "text=Be kind, {handle}",
	    WP_NONE, NULL, NULL, NULL },
	{ "template.remove", A_TEMPLATE_REMOVE, WT_TEMPLATE, "", WP_TEMPLATE,
	    NULL, NULL, NULL },
};
const size_t nrecipes = W_NELEM(recipes);

const struct recipe *
recipe_of(enum action_kind kind)
{
	size_t i;

	for (i = 0; i < nrecipes; i++)
		if (recipes[i].kind == kind)
			return &recipes[i];
	return NULL;
}

static int64_t
sql_id(struct fixture *f, const char *fmt, ...) W_PRINTF(2, 3);

/* Runs a statement of fmt and returns the row id it made. */
static int64_t
sql_id(struct fixture *f, const char *fmt, ...)
{
	char sql[1000];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	fx_sql(f, sql);
	return sqlite3_last_insert_rowid(f->raw);
}

void
world_open(struct world *w)
{
	struct fixture *f = fx_open();
	int64_t thread;
	int i;

	memset(w, 0, sizeof *w);
	w->f = f;
	w->sam = fx_account(f, "sam", 100, true, 12, 1);
	w->rita = fx_account(f, "rita", 40, true, 4, 1);
	fx_sql(f, "INSERT INTO moderator(name, role, created, active) VALUES "
	    "('eve', 'moderator', 0, 0)");
	thread = sql_id(f, "INSERT INTO thread(subject, created, last_at) "
	    "VALUES ('Sofa', %lld, %lld)", (long long)(f->now - DAY),
	    (long long)(f->now - DAY));
	for (i = 0; i < 2; i++) {
		w->flag[i] = fx_flag(f, w->sam, w->rita, i ? "spam" : "fraud",
		    2, 1);
		w->message[i] = sql_id(f, "INSERT INTO message(thread_id, "
		    "sender_id, sent_at, body) VALUES (%lld, %lld, %lld, "
		    "'message %d')", (long long)thread, (long long)w->sam,
		    (long long)(f->now - DAY), i);
		/* strikes dave gave, which sam appeals */
		w->strike[i] = sql_id(f, "INSERT INTO strike(account_id, kind, "
		    "severity, at, given_by) VALUES (%lld, 'warn', 1, %lld, "
		    "'dave')", (long long)w->sam, (long long)(f->now - DAY));
		w->appeal[i] = sql_id(f, "INSERT INTO appeal(strike_id, text, "
		    "filed_at) VALUES (%lld, 'not me', %lld)",
		    (long long)w->strike[i], (long long)(f->now - 3600));
		w->escalation[i] = sql_id(f, "INSERT INTO escalation(kind, "
		    "account_id, flag_id, opened, due, level, channel) VALUES "
		    "('flag', %lld, %lld, %lld, %lld, 1, 'in_app')",
		    (long long)w->sam, (long long)w->flag[i],
		    (long long)(f->now - DAY), (long long)(f->now + DAY));
	}
	fx_recompute(f);
}

void
world_close(struct world *w)
{
	if (w->f)
		fx_close(w->f);
	w->f = NULL;
}

static void
must(struct fixture *f, int rc, const char *what)
{
	if (rc != 0)
		fail_msg("preparing the world (%s): %s", what, f->err.msg);
}

void
world_prepare(struct world *w, const struct recipe *r, const char *actor)
{
	struct fixture *f = w->f;
	const char *owner = actor;

	switch (r->prep) {
	case WP_NONE:
		break;
	case WP_CLAIM:
		must(f, fx_act(f, actor, A_CLAIM, w->sam, NULL, NULL), "claim");
		break;
	case WP_WARN:
		must(f, fx_act(f, "alice", A_WARN, w->sam, "first", NULL),
		    "warn");
		break;
	case WP_SUSPEND:
		must(f, fx_act(f, "alice", A_SUSPEND, w->sam, "first", "for",
		    "7d", NULL), "suspend");
		break;
	case WP_BAN:
		must(f, fx_act(f, "alice", A_BAN, w->sam, "first", NULL), "ban");
		break;
	case WP_HIDE:
		must(f, fx_act(f, "alice", A_HIDE, w->message[0], "first",
		    NULL), "hide");
		must(f, fx_act(f, "alice", A_HIDE, w->message[1], "first",
		    NULL), "hide");
		break;
	case WP_TAG:
		fx_sql(f, "INSERT INTO tag(account_id, tag) SELECT id, 'watch' "
		    "FROM account WHERE handle IN ('sam', 'rita')");
		break;
	case WP_MUTE:
		must(f, fx_act(f, "alice", A_MUTE, w->rita, "first", NULL),
		    "mute");
		must(f, fx_act(f, "alice", A_MUTE, w->sam, "first", NULL),
		    "mute");
		break;
	case WP_LOCK:
		must(f, fx_act(f, "alice", A_TRUST, w->sam, "first", "level",
		    "2", NULL), "trust");
		break;
	case WP_LEADER:
		must(f, fx_act(f, "alice", A_TRUST, w->sam, "first", "level",
		    "4", NULL), "trust");
		break;
	case WP_TOKEN_DAVE:
		owner = "dave";
		/* FALLTHROUGH */
	case WP_TOKEN_OWN:
		w->token = sql_id(f, "INSERT INTO api_token(hash, moderator, "
		    "created) VALUES ('hash-1', '%s', 0)", owner);
		sql_id(f, "INSERT INTO api_token(hash, moderator, created) "
		    "VALUES ('hash-2', '%s', 0)", owner);
		break;
	case WP_TEMPLATE:
		fx_sql(f, "INSERT INTO template(name, text, created_by, created) "
		    "VALUES ('polite', 'Be kind', 'alice', 0), "
		    "('polite2', 'Be kind', 'alice', 0)");
		break;
	case WP_BAN_APPEAL:
		must(f, fx_act(f, "alice", A_BAN, w->sam, "first", NULL), "ban");
		w->appeal[0] = sql_id(f, "INSERT INTO appeal(strike_id, text, "
		    "filed_at) SELECT max(id), 'not me', %lld FROM strike",
		    (long long)f->now);
		break;
	}
	action_result_free(&f->res);
	werr_clear(&f->err);
}

/* A target's id, the first (which = 0) or the second of its kind. */
static int64_t
target_id(struct world *w, enum world_target t, int which)
{
	switch (t) {
	case WT_SAM:
		return which ? w->rita : w->sam;
	case WT_RITA:
		return which ? w->sam : w->rita;
	case WT_FLAG:
		return w->flag[which];
	case WT_MESSAGE:
		return w->message[which];
	case WT_APPEAL:
		return w->appeal[which];
	case WT_ESCALATION:
		return w->escalation[which];
	case WT_TOKEN:
		return w->token + which;
	default:
		return 0;
	}
}

static const char *
target_name(enum world_target t, const char *actor, int which)
{
	switch (t) {
	case WT_ACTOR:
		return which ? (strcmp(actor, "dave") ? "dave" : "carol") :
		    actor;
	case WT_DAVE:
		return which ? "carol" : "dave";
	case WT_ERIN:
		return which ? "erin2" : "erin";
	case WT_EVE:
		return which ? "dave" : "eve";
	case WT_TEMPLATE:
		return which ? "polite2" : "polite";
	default:
		return NULL;
	}
}

void
world_action(struct world *w, const struct recipe *r, const char *actor,
    int which, struct action *a)
{
	const struct action_spec *sp = action_spec(r->kind);
	const char *p = r->params;

	action_init(a, r->kind);
	action_set_text(&a->actor, actor);
	a->target = target_id(w, r->target, which);
	action_set_text(&a->target_name, target_name(r->target, actor, which));
	if (sp->reason)
		action_set_text(&a->reason, "matrix");
	while (*p) {
		size_t len = strcspn(p, ";");
		char kv[200], *eq, num[32];
		const char *v;

		snprintf(kv, sizeof kv, "%.*s", (int)len, p);
		eq = strchr(kv, '=');
		assert_non_null(eq);
		*eq = '\0';
		v = eq + 1;
		if (strcmp(v, "$sam") == 0) {
			snprintf(num, sizeof num, "%lld", (long long)w->sam);
			v = num;
		}
		action_set_param(a, kv, v);
		p += len;
		if (*p == ';')
			p++;
	}
}

int
world_apply(struct world *w, struct action *a)
{
	struct fixture *f = w->f;

	action_result_free(&f->res);
	werr_clear(&f->err);
	return store_apply(f->st, a, 1, &f->res, &f->err);
}

static void
digest_table(struct fixture *f, const char *table, struct buf *b)
{
	char sql[200];
	sqlite3_stmt *st;
	int i, n;

	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table);
	if (sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("digest: %s", sqlite3_errmsg(f->raw));
	buf_printf(b, "[%s]\n", table);
	n = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			int len = sqlite3_column_bytes(st, i);

			buf_printf(b, "%d:", sqlite3_column_type(st, i));
			if (t)
				buf_add(b, t, (size_t)len);
			buf_addc(b, '|');
		}
		buf_addc(b, '\n');
	}
	sqlite3_finalize(st);
}

void
world_digest(struct world *w, char out[65])
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(w->f->raw, "SELECT name FROM sqlite_master "
	    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
	    -1, &st, NULL) != SQLITE_OK)
		fail_msg("digest: %s", sqlite3_errmsg(w->f->raw));
	while (sqlite3_step(st) == SQLITE_ROW)
		digest_table(w->f, (const char *)sqlite3_column_text(st, 0), &b);
	sqlite3_finalize(st);
	sha256_hex(b.s, b.len, out);
	buf_free(&b);
}

void
world_unchanged(struct world *w, const char before[65], const char *what)
{
	char after[65];

	world_digest(w, after);
	if (strcmp(before, after) != 0)
		fail_msg("a refused %s changed the database", what);
}

int64_t
world_audit_count(struct world *w)
{
	return fx_int(w->f, "SELECT count(*) FROM audit");
}

const char *
doc_kind_role(const char *kind)
{
	static char *page;
	static char role[32];
	const char *top = getenv("WARDEN_TOP");
	char path[1024], prefix[80], *p;
	size_t i;

	if (page == NULL) {
		FILE *fp;
		struct buf b = BUF_INIT;
		char chunk[4096];
		size_t n;

		snprintf(path, sizeof path, "%s/man/warden-api.7",
		    top ? top : ".");
		if ((fp = fopen(path, "r")) == NULL)
			fail_msg("cannot read %s (set WARDEN_TOP)", path);
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			buf_add(&b, chunk, n);
		fclose(fp);
		page = buf_steal(&b);
	}
	/* the table of kinds: ".It Li warn Ta account Ta moderator Ta R Ta" */
	snprintf(prefix, sizeof prefix, "\n.It Li %s Ta ", kind);
	if ((p = strstr(page, prefix)) == NULL)
		return NULL;
	p += strlen(prefix);
	if ((p = strstr(p, " Ta ")) == NULL ||
	    sscanf(p + 4, "%31[a-z]", role) != 1)
		return NULL;
	/* a word of the vocabulary, which outlives this call */
	for (i = 0; roles[i]; i++)
		if (strcmp(roles[i], role) == 0)
			return roles[i];
	return NULL;
}

const char *
actor_of_role(const char *role)
{
	if (strcmp(role, "admin") == 0)
		return "alice";
	if (strcmp(role, "senior") == 0)
		return "bob";
	return "carol";
}

void
no_recipe_row(void **state)
{
	(void)state;
	fail_msg("this kind has no recipe in tests/unit/kinds.c: add one "
	    "(its target, its parameters, what it needs done first)");
}

static int
cell_setup(void **state)
{
	struct cell *c = calloc(1, sizeof *c);

	assert_non_null(c);
	c->row = *state;
	world_open(&c->w);
	*state = c;
	return 0;
}

static int
cell_teardown(void **state)
{
	struct cell *c = *state;

	world_close(&c->w);
	free(c);
	return 0;
}

void
matrix_add(struct matrix *m, CMUnitTestFunction fn, const void *row,
    const char *fmt, ...)
{
	struct CMUnitTest *t;
	struct buf name = BUF_INIT;
	va_list ap;

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->tests = realloc(m->tests, m->cap * sizeof *m->tests);
		assert_non_null(m->tests);
	}
	va_start(ap, fmt);
	buf_vprintf(&name, fmt, ap);
	va_end(ap);
	t = &m->tests[m->n++];
	memset(t, 0, sizeof *t);
	t->name = buf_steal(&name);
	t->test_func = fn;
	t->setup_func = cell_setup;
	t->teardown_func = cell_teardown;
	t->initial_state = (void *)row;
}

int
matrix_run(struct matrix *m, const char *group)
{
	int failed = _cmocka_run_group_tests(group, m->tests, m->n, NULL,
	    NULL);
	size_t i;

	for (i = 0; i < m->n; i++)
		free((char *)m->tests[i].name);
	free(m->tests);
	m->tests = NULL;
	m->n = m->cap = 0;
	return failed;
}
