/* cmd/internal.h: what the command files share (not for other layers). */
#ifndef WARDEN_CMD_INTERNAL_H
#define WARDEN_CMD_INTERNAL_H

#include "cmd.h"
#include "tokenize.h"

/* Topics: how help and the man page group the commands. */
#define T_READ "Reading the work"
#define T_ACCOUNT "Acting on accounts"
#define T_CONTENT "Flags and messages"
#define T_ESC "Escalations"
#define T_APPEAL "Appeals and reporters"
#define T_AUDIT "The audit log"
#define T_ADMIN "Administration"
#define T_SESSION "Help and the session"

/* A parsed line. */
struct cmd_arg {
	const char *s;
	int col;
};

struct cmd_optval {
	const struct cmd_opt *opt;
	const char *value;	/* "" for a flag */
	int col;		/* of the option */
	int vcol;		/* of its value */
};

struct cmd_args {
	const struct cmd_entry *entry;	/* the one that runs (a sub, if any) */
	const struct cmd_entry *parent;	/* NULL unless entry is a sub */
	char name[64];			/* "suspend", "moderator add" */
	size_t argc;
	struct cmd_arg *argv;		/* positional words */
	size_t nopts;
	struct cmd_optval *opts;
	struct tokens toks;		/* owns the strings */
};

/* Tokenizes and parses a line against the table.  *empty is set for a
 * blank or comment line (then 0 is returned and args is empty). */
int cmd_parse(const char *line, size_t len, struct cmd_args *args,
    bool *empty, struct werr *e);
void cmd_args_free(struct cmd_args *args);

/* The value of --name (the last one given), or NULL. */
const char *arg_opt(const struct cmd_args *a, const char *name);
bool arg_flag(const struct cmd_args *a, const char *name);
/* The column of --name's value (for messages about the value). */
int arg_col(const struct cmd_args *a, const char *name);

/* ------------------------------------------------------------------ */
/* Plans: what a write line asks for. */

struct cmd_plan {
	size_t n, cap;
	struct action *acts;
	char **handles;		/* the account's handle, for {handle} in a
				 * reason template; NULL if none */
	bool destructive;	/* ask first (set for ban and when n > 1) */
};

/* A new action of that kind at the end of the plan. */
struct action *plan_add(struct cmd_plan *p, enum action_kind kind,
    const char *handle);
void plan_free(struct cmd_plan *p);

/* Common options of write entries. */
#define CMD_WRITE_OPTS \
	{ "reason", 'r', "TEXT", "why: text, or @template for a saved " \
	  "reason" }, \
	{ "dry-run", 'n', NULL, "say what would change; change nothing" }, \
	{ "key", 'k', "KEY", "idempotency key: a repeated key applies " \
	  "nothing twice" }, \
	{ "force", 0, NULL, "act over another moderator's claim (admin)" }
/* Common options of paged lists. */
#define CMD_PAGE_OPTS \
	{ "limit", 'l', "N", "rows per page (default 50, at most 500)" }, \
	{ "cursor", 0, "CURSOR", "the page after the one that gave this " \
	  "cursor" }, \
	{ "all", 'a', NULL, "every page" }
#define CMD_OPTS_END { NULL, 0, NULL, NULL }

/* ------------------------------------------------------------------ */
/* Helpers for entries. */

/* A query parameter from text that may be NULL (then it is left out). */
#define PARAM(k, v) { (char *)(k), (char *)(v) }

/* An account named by id or @handle: its id and handle. */
int cmd_account(struct cmd_ctx *ctx, const char *ref, int64_t *id,
    char **handle, struct werr *e);
/* The same, as the account's row (the "account" query): *out on success. */
int cmd_account_row(struct cmd_ctx *ctx, const char *ref, struct rows **out,
    struct werr *e);
/* For each positional argument from `from` (to the end, or `to`): one
 * action of that kind on the account it names; duplicates are dropped. */
int plan_accounts(struct cmd_ctx *ctx, const struct cmd_args *a,
    size_t from, size_t to, enum action_kind kind, struct cmd_plan *p,
    struct werr *e);
/* The same for targets named by id (flags, messages, escalations);
 * `what` names one in a message ("a flag"). */
int plan_ids(const struct cmd_args *a, size_t from, size_t to,
    enum action_kind kind, const char *what, struct cmd_plan *p,
    struct werr *e);
/* The first argument an account, the others words: one action per word,
 * with the word as parameter `param`, so that each is audited on its own
 * (tag, untag); duplicates are dropped. */
int plan_account_words(struct cmd_ctx *ctx, const struct cmd_args *a,
    enum action_kind kind, const char *param, struct cmd_plan *p,
    struct werr *e);
/* Adds to e's message (cut at its size). */
void werr_append(struct werr *e, const char *fmt, ...) W_PRINTF(2, 3);
/* A positive id ("12") or WE_USAGE naming what it should be. */
int cmd_id(const char *s, const char *what, int64_t *id, struct werr *e);

/* Runs a query with the page options (--limit, --cursor, --all) and
 * emits it as a list.  params are name/value pairs, NULL values skipped. */
int cmd_list(struct cmd_ctx *ctx, const struct cmd_args *a,
    const char *what, const char *title, const struct param *params,
    size_t nparams, struct werr *e);
/* The same, handing the rows back instead of emitting them. */
int cmd_page(struct cmd_ctx *ctx, const struct cmd_args *a, const char *what,
    const struct param *params, size_t nparams, struct rows **out,
    struct werr *e);
/* "more rows: add --cursor ..." when r has a next page. */
void cmd_more(struct cmd_ctx *ctx, const struct rows *r);
/* Emit a record (one row and its sections) or a text. */
int cmd_record(struct cmd_ctx *ctx, const struct cmd_args *a,
    const char *record, const char *title, const struct rows *rows,
    const struct cmd_section *sections, size_t nsections);
int cmd_text(struct cmd_ctx *ctx, const struct cmd_args *a, const char *title,
    const char *text);
/* Runs a query for the first page only: *out on success. */
int cmd_query(struct cmd_ctx *ctx, const char *what,
    const struct param *params, size_t nparams, int limit,
    struct rows **out, struct werr *e);

void cmd_emit(struct cmd_ctx *ctx, const struct cmd_output *out);
/* Reports e as an error and returns its kind. */
enum werr_kind cmd_fail(struct cmd_ctx *ctx, const struct werr *e);

/* ------------------------------------------------------------------ */
/* Running (run.c), shared with batches. */

struct prepared {
	struct cmd_args args;
	struct cmd_plan plan;
	bool empty;		/* blank or comment */
	bool write;		/* a plan to apply; else args to run */
};

/* Parses a line, checks it may run (--read-only), and for a write entry
 * builds its plan and finishes every action: actor, reason (templates
 * filled in), key, dry run, force. */
int cmd_prepare(struct cmd_ctx *ctx, const char *line, size_t len,
    struct prepared *p, struct werr *e);
void prepared_free(struct prepared *p);
/* Runs line[0..len) (it may hold NUL bytes, which are refused). */
enum werr_kind cmd_run_n(struct cmd_ctx *ctx, const char *line, size_t len);

/* Writers (out_*.c). */
void out_table(struct cmd_ctx *ctx, FILE *fp, const struct cmd_output *out);
void out_tsv(struct cmd_ctx *ctx, FILE *fp, const struct cmd_output *out);
void out_json(struct cmd_ctx *ctx, FILE *fp, const struct cmd_output *out);
/* The columns of results as rows: action, target, audit_id, replayed,
 * dry_run, message. */
struct rows *results_rows(const struct cmd_output *out);
/* Fills out with what a write line did (or would do): its results. */
void results_output(struct cmd_output *out, const char *name,
    const char *title, const struct action *acts,
    const struct action_result *res, size_t n);


#endif
