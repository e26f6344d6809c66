/* data/action.c: what each kind of action targets, needs and takes. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kept in the order of ACTION_KINDS. */
static const struct action_spec specs[A__COUNT] = {
	[A_CLAIM] = { "claim", TT_ACCOUNT, "moderator", false, "", "",
	    "take an account's open flags as yours to work" },
	[A_RELEASE] = { "release", TT_ACCOUNT, "moderator", false, "", "",
	    "give up a claim" },
	[A_WARN] = { "warn", TT_ACCOUNT, "moderator", true, "", "",
	    "warn an account (a strike)" },
	[A_SUSPEND] = { "suspend", TT_ACCOUNT, "moderator", true, "for", "",
	    "suspend an account for a time (a strike)" },
	[A_BAN] = { "ban", TT_ACCOUNT, "admin", true, "", "",
	    "ban an account for good (a strike)" },
	[A_RESTORE] = { "restore", TT_ACCOUNT, "moderator", true, "", "",
	    "make a warned, suspended or banned account active" },
	[A_TRUST] = { "trust", TT_ACCOUNT, "moderator", true, "",
	    "level,unlock", "set and lock a trust level, or unlock it" },
	[A_RESOLVE] = { "resolve", TT_FLAG, "moderator", true, "outcome",
	    "note", "close a flag as upheld or dismissed" },
	[A_HIDE] = { "hide", TT_MESSAGE, "moderator", true, "", "",
	    "hide a message from the thread" },
	[A_UNHIDE] = { "unhide", TT_MESSAGE, "moderator", true, "", "",
	    "show a hidden message again" },
	[A_NOTE] = { "note", TT_ACCOUNT, "moderator", false, "text", "sticky",
	    "add a note to an account" },
	[A_TAG] = { "tag", TT_ACCOUNT, "moderator", false, "tag", "",
	    "tag an account" },
	[A_UNTAG] = { "untag", TT_ACCOUNT, "moderator", false, "tag", "",
	    "remove a tag" },
	[A_REVEAL] = { "reveal", TT_ACCOUNT, "senior", true, "field", "",
	    "show an account's phone or email unmasked" },
	[A_DECIDE] = { "decide", TT_APPEAL, "senior", true, "outcome,reply", "",
	    "decide an appeal: upheld or overturned" },
	[A_MUTE] = { "mute", TT_ACCOUNT, "moderator", true, "", "for,until",
	    "keep a reporter's flags from raising priority" },
	[A_UNMUTE] = { "unmute", TT_ACCOUNT, "moderator", true, "", "",
	    "let a muted reporter's flags count again" },
	[A_ESCALATE] = { "escalate", TT_ESCALATION, "moderator", true, "",
	    "account,kind,thread,flag",
	    "climb an escalation a level, or open one on an account" },
	[A_ACK] = { "ack", TT_ESCALATION, "moderator", false, "", "resolve",
	    "acknowledge an escalation, or resolve it" },
	[A_ASSIGN] = { "assign", TT_ESCALATION, "moderator", false, "assignee",
	    "", "give an escalation to a moderator" },
	[A_SWEEP] = { "sweep", TT_NONE, "moderator", false, "", "",
	    "apply the rules to everything due" },
	[A_SCAN] = { "scan", TT_NONE, "moderator", false, "",
	    "detector,new", "run the detectors over existing data" },
	[A_MODERATOR_ADD] = { "moderator.add", TT_MODERATOR, "admin", false,
	    "role", "", "register a moderator" },
	[A_MODERATOR_ROLE] = { "moderator.role", TT_MODERATOR, "admin", false,
	    "role", "", "change a moderator's role" },
	[A_MODERATOR_DISABLE] = { "moderator.disable", TT_MODERATOR, "admin",
	    false, "", "", "disable a moderator" },
	[A_MODERATOR_ENABLE] = { "moderator.enable", TT_MODERATOR, "admin",
	    false, "", "", "enable a disabled moderator" },
	[A_TOKEN_CREATE] = { "token.create", TT_MODERATOR, "moderator", false,
	    "", "label", "create an API token (shown once)" },
	[A_TOKEN_REVOKE] = { "token.revoke", TT_TOKEN, "moderator", false, "",
	    "", "revoke an API token" },
	[A_TEMPLATE_ADD] = { "template.add", TT_TEMPLATE, "moderator", false,
	    "text", "", "add a reason template" },
	[A_TEMPLATE_REMOVE] = { "template.remove", TT_TEMPLATE, "senior", false,
	    "", "", "remove a reason template" },
};

const struct action_spec *
action_spec(enum action_kind kind)
{
	if ((int)kind < 0 || kind >= A__COUNT)
		return NULL;
	return &specs[kind];
}

bool
action_kind_from_name(const char *name, enum action_kind *kind)
{
	int i;

	for (i = 0; i < A__COUNT; i++) {
		if (str_eq(specs[i].name, name)) {
			*kind = (enum action_kind)i;
			return true;
		}
	}
	return false;
}

const char *
target_type_name(enum target_type t)
{
	static const char *const names[] = { "none", "account", "flag",
		"message", "appeal", "escalation", "moderator", "token",
		"template" };

	return (size_t)t < W_NELEM(names) ? names[t] : "none";
}

void
action_init(struct action *a, enum action_kind kind)
{
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->ttype = specs[kind].ttype;
}

void
action_free(struct action *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->target_name);
	free(a->reason);
	free(a->key);
	free(a->actor);
	for (i = 0; i < a->nparams; i++) {
		free(a->params[i].k);
		free(a->params[i].v);
	}
	free(a->params);
	memset(a, 0, sizeof *a);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
action_copy(struct action *dst, const struct action *src)
{
	size_t i;

	*dst = *src;
	dst->target_name = dup_or_null(src->target_name);
	dst->reason = dup_or_null(src->reason);
	dst->key = dup_or_null(src->key);
	dst->actor = dup_or_null(src->actor);
	dst->params = src->nparams ?
	    xcalloc(src->nparams, sizeof *dst->params) : NULL;
	for (i = 0; i < src->nparams; i++) {
		dst->params[i].k = xstrdup(src->params[i].k);
		dst->params[i].v = xstrdup(src->params[i].v);
	}
}

void
action_set_text(char **field, const char *v)
{
	free(*field);
	*field = dup_or_null(v);
}

/* Parameters are kept sorted by name, so that two actions with the same
 * parameters serialize the same (the idempotency fingerprint). */
void
action_set_param(struct action *a, const char *k, const char *v)
{
	size_t i, at;

	for (i = 0; i < a->nparams; i++) {
		if (strcmp(a->params[i].k, k) == 0) {
			free(a->params[i].v);
			a->params[i].v = xstrdup(v);
			return;
		}
	}
	for (at = 0; at < a->nparams && strcmp(a->params[at].k, k) < 0; at++)
		;
	a->params = xreallocarray(a->params, a->nparams + 1,
	    sizeof *a->params);
	memmove(&a->params[at + 1], &a->params[at],
	    (a->nparams - at) * sizeof *a->params);
	a->params[at].k = xstrdup(k);
	a->params[at].v = xstrdup(v);
	a->nparams++;
}

const char *
action_param(const struct action *a, const char *k)
{
	size_t i;

	for (i = 0; i < a->nparams; i++)
		if (strcmp(a->params[i].k, k) == 0)
			return a->params[i].v;
	return NULL;
}

/* Is name one of the comma-separated words of list? */
static bool
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

int
action_validate(const struct action *a, struct werr *e)
{
	const struct action_spec *sp = action_spec(a->kind);
	const char *p;
	size_t i;

	if (sp == NULL)
		return werr_field(e, WE_USAGE, "kind", "unknown action kind");
	if (a->actor == NULL || *a->actor == '\0')
		return werr_field(e, WE_AUTH, "actor",
		    "%s: no moderator is acting", sp->name);
	switch (sp->ttype) {
	case TT_NONE:
		break;
	case TT_MODERATOR:
	case TT_TEMPLATE:
		if (a->target_name == NULL || *a->target_name == '\0')
			return werr_field(e, WE_USAGE, "target",
			    "%s needs a %s name", sp->name,
			    target_type_name(sp->ttype));
		break;
	case TT_ESCALATION:
		/* escalate may open one on an account instead */
		if (a->kind == A_ESCALATE && a->target <= 0 &&
		    action_param(a, "account") != NULL)
			break;
		/* FALLTHROUGH */
	default:
		if (a->target <= 0)
			return werr_field(e, WE_USAGE, "target",
			    "%s needs the %s id", sp->name,
			    target_type_name(sp->ttype));
	}
	if (sp->reason && (a->reason == NULL || *a->reason == '\0'))
		return werr_field(e, WE_USAGE, "reason",
		    "%s needs a reason: add --reason TEXT or --reason @template",
		    sp->name);
	for (i = 0; i < a->nparams; i++) {
		if (!in_list(sp->required, a->params[i].k) &&
		    !in_list(sp->optional, a->params[i].k))
			return werr_field(e, WE_USAGE, a->params[i].k,
			    "%s takes no parameter '%s'", sp->name,
			    a->params[i].k);
	}
	for (p = sp->required; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char name[32];

		snprintf(name, sizeof name, "%.*s", (int)len, p);
		if (action_param(a, name) == NULL)
			return werr_field(e, WE_USAGE, name,
			    "%s needs a value for '%s'", sp->name, name);
		p = end ? end + 1 : p + len;
	}
	return 0;
}

char *
action_target_string(const struct action *a)
{
	const char *t = target_type_name(a->ttype);

	switch (a->ttype) {
	case TT_NONE:
		return xstrdup("-");
	case TT_MODERATOR:
	case TT_TEMPLATE:
		return xasprintf("%s:%s", t, a->target_name ? a->target_name : "");
	default:
		if (a->target <= 0 && a->kind == A_ESCALATE)
			return xasprintf("account:%s",
			    action_param(a, "account") ? action_param(a, "account") : "");
		return xasprintf("%s:%lld", t, (long long)a->target);
	}
}

void
action_result_free(struct action_result *r)
{
	if (r == NULL)
		return;
	free(r->message);
	rows_free(r->data);
	memset(r, 0, sizeof *r);
}
