/* data/model.h: the moderation model as the rest of warden sees it:
 * result rows, errors, the vocabularies of the schema, and actions (the
 * one shape every write takes). */
#ifndef WARDEN_MODEL_H
#define WARDEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"

/* ------------------------------------------------------------------ */
/* Errors.  A kind says what went wrong in words every front end maps:
 * the CLI to a sysexits status, the server to an HTTP status, the console
 * to its status line. */

enum werr_kind {
	WE_OK = 0,
	WE_USAGE,	/* the command was written wrong        64 / 400 */
	WE_INVALID,	/* a value is not acceptable            65 / 422 */
	WE_NOTFOUND,	/* no such account, flag, ...           65 / 404 */
	WE_NOINPUT,	/* a file to read is missing            66 */
	WE_UNAVAILABLE,	/* backend cannot be reached or opened  69 / 503 */
	WE_INTERNAL,	/* a bug or a corrupt database          70 / 500 */
	WE_CANTCREATE,	/* cannot write an output file          73 */
	WE_IO,		/* read or write failed                 74 */
	WE_TEMP,	/* busy, try again                      75 / 503 */
	WE_AUTH,	/* who you are is not known             77 / 401 */
	WE_PERM,	/* you may not do that                  77 / 403 */
	WE_CONFLICT,	/* state changed, claimed elsewhere     1 / 409 */
};

struct werr {
	enum werr_kind kind;
	long item;	/* in a batch of actions, the one at fault (0-based);
			 * -1 when not known or not a batch */
	char field[48];	/* the input field at fault, when one is */
	char msg[480];
};

/* Sets e (if not NULL) and returns -1, so that `return werr_set(...)`. */
int werr_set(struct werr *e, enum werr_kind kind, const char *fmt, ...)
    W_PRINTF(3, 4);
int werr_field(struct werr *e, enum werr_kind kind, const char *field,
    const char *fmt, ...) W_PRINTF(4, 5);
void werr_clear(struct werr *e);
int werr_exit_status(enum werr_kind kind);
int werr_http_status(enum werr_kind kind);
const char *werr_kind_name(enum werr_kind kind);	/* "conflict", ... */
bool werr_kind_from_name(const char *name, enum werr_kind *kind);

/* ------------------------------------------------------------------ */
/* Rows: every query answers with named columns and rows of typed values.
 * One shape means one JSON encoding (data/json.c) for the API and the
 * json output, and one table/tsv writer for every command. */

enum vtype { VT_NULL, VT_INT, VT_REAL, VT_TEXT };

struct value {
	enum vtype type;
	int64_t i;
	double r;
	char *s;	/* VT_TEXT: owned, NUL-terminated */
	size_t len;	/* VT_TEXT: bytes, not counting the NUL */
};

struct rows {
	size_t ncols;
	char **cols;
	size_t nrows, cap;
	struct value *cells;	/* nrows * ncols, row-major */
	char *next;		/* cursor of the next page; NULL at the end */
};

struct rows *rows_new(size_t ncols, const char *const *cols);
/* Column names as one comma-separated string: "id,handle,status". */
struct rows *rows_new_list(const char *cols);
void rows_free(struct rows *r);
size_t rows_add(struct rows *r);	/* a new row of NULLs; its index */
void rows_set_null(struct rows *r, size_t row, size_t col);
void rows_set_int(struct rows *r, size_t row, size_t col, int64_t v);
void rows_set_real(struct rows *r, size_t row, size_t col, double v);
void rows_set_text(struct rows *r, size_t row, size_t col, const char *s);
void rows_set_textn(struct rows *r, size_t row, size_t col, const char *s,
    size_t n);
void rows_set_next(struct rows *r, const char *cursor);
int rows_col(const struct rows *r, const char *name);	/* -1 if none */
const struct value *rows_cell(const struct rows *r, size_t row, size_t col);
const struct value *rows_get(const struct rows *r, size_t row,
    const char *name);	/* NULL if no such column */
int64_t rows_int(const struct rows *r, size_t row, const char *name,
    int64_t dflt);
double rows_real(const struct rows *r, size_t row, const char *name,
    double dflt);
const char *rows_text(const struct rows *r, size_t row, const char *name);
/* Appends the rows of src (same columns) to dst and takes src's cursor. */
void rows_append(struct rows *dst, const struct rows *src);
/* A value as text for output: NULL -> "", reals with up to 2 decimals. */
void value_format(const struct value *v, struct buf *out);

/* ------------------------------------------------------------------ */
/* Vocabularies of the schema.  Each list ends with NULL. */

extern const char *const account_statuses[];	/* active warned suspended banned */
extern const char *const flag_reasons[];	/* fraud phishing scam ... */
extern const char *const flag_statuses[];	/* open upheld dismissed */
extern const char *const participant_roles[];	/* buyer seller guest host */
extern const char *const channels[];		/* in_app email sms */
extern const char *const escalation_kinds[];	/* inquiry flag dispute */
extern const char *const escalation_statuses[];	/* open acknowledged resolved */
extern const char *const ladder_channels[];	/* in_app email sms phone moderator */
extern const char *const appeal_statuses[];	/* pending upheld overturned */
extern const char *const roles[];		/* moderator senior admin */
extern const char *const severities[];		/* low medium high: severity 1..3 */

bool word_in(const char *word, const char *const *list);
/* "a, b or c" for messages naming what would have been accepted. */
char *word_list(const char *const *list);
int role_rank(const char *role);	/* moderator 1, senior 2, admin 3; 0 */

enum {
	TRUST_NEW = 0, TRUST_BASIC, TRUST_MEMBER, TRUST_TRUSTED, TRUST_LEADER,
	TRUST_MAX = TRUST_LEADER
};
extern const char *const trust_names[];	/* new basic member trusted leader */

/* ------------------------------------------------------------------ */
/* Actions.  Every write is one of these, applied by store->apply().  The
 * table in data/action.c says for each kind what it targets, which role
 * it needs, whether a reason is required and which parameters it takes;
 * the command language, the API decoder and the store all read it. */

enum target_type {
	TT_NONE, TT_ACCOUNT, TT_FLAG, TT_MESSAGE, TT_APPEAL, TT_ESCALATION,
	TT_MODERATOR, TT_TOKEN, TT_TEMPLATE,
};

#define ACTION_KINDS(X) \
	X(CLAIM, "claim") \
	X(RELEASE, "release") \
	X(WARN, "warn") \
	X(SUSPEND, "suspend") \
	X(BAN, "ban") \
	X(RESTORE, "restore") \
	X(TRUST, "trust") \
	X(RESOLVE, "resolve") \
	X(HIDE, "hide") \
	X(UNHIDE, "unhide") \
	X(NOTE, "note") \
	X(TAG, "tag") \
	X(UNTAG, "untag") \
	X(REVEAL, "reveal") \
	X(DECIDE, "decide") \
	X(MUTE, "mute") \
	X(UNMUTE, "unmute") \
	X(ESCALATE, "escalate") \
	X(ACK, "ack") \
	X(ASSIGN, "assign") \
	X(SWEEP, "sweep") \
	X(SCAN, "scan") \
	X(MODERATOR_ADD, "moderator.add") \
	X(MODERATOR_ROLE, "moderator.role") \
	X(MODERATOR_DISABLE, "moderator.disable") \
	X(MODERATOR_ENABLE, "moderator.enable") \
	X(TOKEN_CREATE, "token.create") \
	X(TOKEN_REVOKE, "token.revoke") \
	X(TEMPLATE_ADD, "template.add") \
	X(TEMPLATE_REMOVE, "template.remove")

enum action_kind {
#define X(id, name) A_##id,
	ACTION_KINDS(X)
#undef X
	A__COUNT
};

struct param {
	char *k, *v;
};

struct action {
	enum action_kind kind;
	enum target_type ttype;	/* set from the kind by action_init() */
	int64_t target;		/* id, for targets named by id */
	char *target_name;	/* moderator or template name */
	char *reason;		/* NULL if none */
	char *key;		/* idempotency key, NULL if none */
	char *actor;		/* the moderator acting */
	bool force;		/* act over another's claim (admin) */
	bool dry_run;		/* apply, report, roll back */
	size_t nparams;
	struct param *params;	/* kind-specific, values as text */
};

struct action_result {
	int64_t audit_id;	/* 0 on a dry run */
	bool replayed;		/* the key was seen: nothing was applied */
	char *message;		/* one line: what changed */
	struct rows *data;	/* extra answer (reveal, token), may be NULL */
};

struct action_spec {
	const char *name;
	enum target_type ttype;
	const char *role;		/* least role that may do it */
	bool reason;			/* --reason required */
	const char *required;		/* params that must be present: "outcome" */
	const char *optional;		/* params that may be: "note,sticky" */
	const char *help;		/* one line */
};

const struct action_spec *action_spec(enum action_kind kind);
bool action_kind_from_name(const char *name, enum action_kind *kind);
const char *target_type_name(enum target_type t);	/* "account", ... */

void action_init(struct action *a, enum action_kind kind);
void action_free(struct action *a);	/* frees members, not a itself */
void action_copy(struct action *dst, const struct action *src);
void action_set_param(struct action *a, const char *k, const char *v);
const char *action_param(const struct action *a, const char *k);
void action_set_text(char **field, const char *v);	/* replaces a member */
/* Checks target, reason and parameters against the spec; says which field
 * is wrong. */
int action_validate(const struct action *a, struct werr *e);
/* "account:12", "moderator:bob" */
char *action_target_string(const struct action *a);
void action_result_free(struct action_result *r);

#endif
