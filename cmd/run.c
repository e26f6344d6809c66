/* cmd/run.c: running one line.  A read entry runs; a write entry plans,
 * and the plan is finished (actor, reason, key, dry run) and applied here,
 * the same way for every write command. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void
cmd_ctx_init(struct cmd_ctx *ctx, struct store *store, const char *moderator,
    const char *role)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->store = store;
	ctx->moderator = moderator;
	ctx->role = role;
	ctx->format = CMD_FMT_TABLE;
	ctx->out = stdout;
}

struct action *
plan_add(struct cmd_plan *p, enum action_kind kind, const char *handle)
{
	struct action *a;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4;
		p->acts = xreallocarray(p->acts, p->cap, sizeof *p->acts);
		p->handles = xreallocarray(p->handles, p->cap,
		    sizeof *p->handles);
	}
	a = &p->acts[p->n];
	action_init(a, kind);
	p->handles[p->n] = handle ? xstrdup(handle) : NULL;
	p->n++;
	return a;
}

void
plan_free(struct cmd_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		action_free(&p->acts[i]);
		free(p->handles[i]);
	}
	free(p->acts);
	free(p->handles);
	memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------ */
/* Reason templates: --reason @name fills {handle}, {id}, {moderator}. */

static int
fill_template(const char *name, const char *text, const struct action *a,
    const char *handle, const char *moderator, struct buf *out,
    struct werr *e)
{
	const char *p = text;

	while (*p) {
		const char *end;
		size_t len;
		char field[32];

		if (*p != '{' || (end = strchr(p, '}')) == NULL ||
		    (len = (size_t)(end - p - 1)) == 0 || len >= sizeof field ||
		    strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_") != len) {
			buf_addc(out, *p++);
			continue;
		}
		memcpy(field, p + 1, len);
		field[len] = '\0';
		if (strcmp(field, "handle") == 0 && handle)
			buf_adds(out, handle);
		else if (strcmp(field, "handle") == 0)
			return werr_field(e, WE_INVALID, "reason", "template "
			    "'%s' needs {handle}, and %s does not name an "
			    "account; write the reason out", name,
			    action_spec(a->kind)->name);
		else if (strcmp(field, "id") == 0)
			buf_printf(out, "%lld", (long long)a->target);
		else if (strcmp(field, "moderator") == 0)
			buf_adds(out, moderator);
		else
			return werr_field(e, WE_INVALID, "reason", "template "
			    "'%s' has a field {%s}; warden fills {handle}, "
			    "{id} and {moderator}", name, field);
		p = end + 1;
	}
	return 0;
}

static int
set_reasons(struct cmd_ctx *ctx, struct cmd_plan *plan, const char *reason,
    struct werr *e)
{
	struct rows *r = NULL;
	struct param prm;
	const char *text;
	size_t i;

	if (reason == NULL)
		return 0;
	if (reason[0] != '@' || reason[1] == '@') {
		/* "@@text" is the literal "@text" */
		for (i = 0; i < plan->n; i++)
			action_set_text(&plan->acts[i].reason,
			    reason[0] == '@' ? reason + 1 : reason);
		return 0;
	}
	prm.k = "name";
	prm.v = (char *)(reason + 1);
	if (reason[1] == '\0')
		return werr_field(e, WE_USAGE, "reason", "--reason @ needs a "
		    "template's name; 'template list' shows them");
	if (cmd_query(ctx, "templates", &prm, 1, 0, &r, e) < 0)
		return -1;
	text = r->nrows ? rows_text(r, 0, "text") : NULL;
	if (text == NULL) {
		rows_free(r);
		return werr_field(e, WE_NOTFOUND, "reason", "no template '%s'; "
		    "'template list' shows them", reason + 1);
	}
	for (i = 0; i < plan->n; i++) {
		struct buf b = BUF_INIT;

		if (fill_template(reason + 1, text, &plan->acts[i],
		    plan->handles[i], ctx->moderator, &b, e) < 0) {
			buf_free(&b);
			rows_free(r);
			return -1;
		}
		action_set_text(&plan->acts[i].reason, buf_str(&b));
		buf_free(&b);
	}
	rows_free(r);
	return 0;
}

static void
set_keys(struct cmd_plan *plan, const char *key)
{
	size_t i;

	if (key == NULL)
		return;
	for (i = 0; i < plan->n; i++) {
		char *k = plan->n == 1 ? xstrdup(key) :
		    xasprintf("%s#%zu", key, i + 1);

		free(plan->acts[i].key);
		plan->acts[i].key = k;
	}
}

int
cmd_prepare(struct cmd_ctx *ctx, const char *line, size_t len,
    struct prepared *p, struct werr *e)
{
	const struct cmd_entry *en;
	const char *key;
	size_t i;

	memset(p, 0, sizeof *p);
	if (cmd_parse(line, len, &p->args, &p->empty, e) < 0)
		return -1;
	if (p->empty)
		return 0;
	en = p->args.entry;
	p->write = en->plan != NULL;
	if (ctx->read_only && !(en->flags & CMD_READONLY))
		return werr_set(e, WE_PERM, "warden is read-only here "
		    "(--read-only): '%s' changes data; only commands that "
		    "read may run", p->args.name);
	if (!p->write)
		return 0;
	if (en->plan(ctx, &p->args, &p->plan, e) < 0)
		return -1;
	if (p->plan.n == 0)
		return werr_set(e, WE_USAGE, "%s: nothing to do", p->args.name);
	if ((en->flags & CMD_DESTRUCTIVE) || p->plan.n > 1)
		p->plan.destructive = true;
	for (i = 0; i < p->plan.n; i++) {
		struct action *a = &p->plan.acts[i];

		action_set_text(&a->actor, ctx->moderator);
		a->force = arg_flag(&p->args, "force");
		a->dry_run = ctx->dry_run || arg_flag(&p->args, "dry-run");
	}
	if (set_reasons(ctx, &p->plan, arg_opt(&p->args, "reason"), e) < 0)
		return -1;
	key = arg_opt(&p->args, "key");
	if (key && *key == '\0')
		return werr_field(e, WE_USAGE, "key", "--key needs a key");
	set_keys(&p->plan, key ? key : ctx->default_key);
	return 0;
}

void
prepared_free(struct prepared *p)
{
	cmd_args_free(&p->args);
	plan_free(&p->plan);
}

/* ------------------------------------------------------------------ */

static void
free_results(struct action_result *res, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		action_result_free(&res[i]);
	free(res);
}

/* A refusal in a batch of several names the one at fault. */
static void
blame(const struct cmd_plan *plan, struct werr *e)
{
	char *target;

	if (plan->n < 2)
		return;
	if (e->item >= 0 && (size_t)e->item < plan->n) {
		target = action_target_string(&plan->acts[e->item]);
		werr_append(e, " (%s); nothing was applied", target);
		free(target);
	} else
		werr_append(e, "; nothing was applied");
}

/* "ban @sam?", "suspend @a, @b and 3 more? (all or nothing)" */
static void
ask_question(const char *name, const struct cmd_plan *plan, char *out,
    size_t size)
{
	struct buf b = BUF_INIT;
	size_t i, shown = plan->n > 3 ? 2 : plan->n;

	buf_printf(&b, "%s ", name);
	for (i = 0; i < shown; i++) {
		char *t = plan->handles[i] ? xasprintf("@%s",
		    plan->handles[i]) : action_target_string(&plan->acts[i]);

		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == plan->n ?
		    " and " : ", ", t);
		free(t);
	}
	if (shown < plan->n)
		buf_printf(&b, " and %zu more", plan->n - shown);
	buf_printf(&b, "?%s", plan->n > 1 ? " (all or nothing)" : "");
	snprintf(out, size, "%s", buf_str(&b));
	buf_free(&b);
}

static bool
ask(struct cmd_ctx *ctx, const char *name, struct cmd_plan *plan,
    struct werr *e, int *rc)
{
	struct action_result *res = xcalloc(plan->n, sizeof *res);
	struct cmd_output out;
	char question[160];
	bool yes;
	size_t i;

	for (i = 0; i < plan->n; i++)
		plan->acts[i].dry_run = true;
	*rc = store_apply(ctx->store, plan->acts, plan->n, res, e);
	if (*rc < 0) {
		for (i = 0; i < plan->n; i++)
			plan->acts[i].dry_run = false;
		blame(plan, e);
		free(res);
		return false;
	}
	ask_question(name, plan, question, sizeof question);
	results_output(&out, name, question, plan->acts, res, plan->n);
	yes = ctx->confirm(ctx, question, &out);
	for (i = 0; i < plan->n; i++)
		plan->acts[i].dry_run = false;
	free_results(res, plan->n);
	return yes;
}

/* Applies a plan (asking ctx->confirm first when it is destructive) and
 * emits its results. */
static int
apply_plan(struct cmd_ctx *ctx, const char *name, struct cmd_plan *plan,
    struct werr *e)
{
	struct action_result *res;
	struct cmd_output out;
	int rc;

	if (plan->destructive && ctx->confirm && !plan->acts[0].dry_run) {
		if (!ask(ctx, name, plan, e, &rc)) {
			if (rc < 0)
				return -1;
			cmd_message(ctx, CMD_INFO, "%s: cancelled; nothing was "
			    "changed", name);
			return 0;
		}
	}
	res = xcalloc(plan->n, sizeof *res);
	if (store_apply(ctx->store, plan->acts, plan->n, res, e) < 0) {
		blame(plan, e);
		free(res);
		return -1;
	}
	if (!plan->acts[0].dry_run)
		ctx->applied = true;
	results_output(&out, name, name, plan->acts, res, plan->n);
	cmd_emit(ctx, &out);
	free_results(res, plan->n);
	return 0;
}

enum werr_kind
cmd_fail(struct cmd_ctx *ctx, const struct werr *e)
{
	cmd_message(ctx, CMD_ERROR, "%s", e->msg);
	return e->kind == WE_OK ? WE_INTERNAL : e->kind;
}

enum werr_kind
cmd_run_n(struct cmd_ctx *ctx, const char *line, size_t len)
{
	struct prepared p;
	struct werr e;
	int rc = 0;

	werr_clear(&e);
	if (cmd_prepare(ctx, line, len, &p, &e) < 0) {
		prepared_free(&p);
		return cmd_fail(ctx, &e);
	}
	if (p.empty) {
		prepared_free(&p);
		return WE_OK;
	}
	if (p.write)
		rc = apply_plan(ctx, p.args.name, &p.plan, &e);
	else
		rc = p.args.entry->run(ctx, &p.args, &e);
	prepared_free(&p);
	return rc < 0 ? cmd_fail(ctx, &e) : WE_OK;
}

enum werr_kind
cmd_run(struct cmd_ctx *ctx, const char *line)
{
	return cmd_run_n(ctx, line ? line : "", line ? strlen(line) : 0);
}
