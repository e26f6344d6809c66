/* cmd/cmd.h: the command language, the one way every front end acts: the
 * console's ':' line, `warden -c 'COMMAND'` and batch files.
 *
 * A line is tokenized (words, '...' and "..." quoting, backslash escapes,
 * # comments, --name value / --name=value), its command looked up in one
 * table (name, alias, unique prefix), its options checked against the
 * entry, and then:
 *
 *   a read-only entry runs its queries and hands what it found to
 *   ctx->emit (one struct cmd_output);
 *
 *   a write entry builds a plan (a list of struct action), which the
 *   runner applies with one store_apply(): so --dry-run, confirmation
 *   previews, per-line idempotency keys and --atomic batches work the same
 *   for every write command.
 *
 * Messages (errors, warnings, notes) go to ctx->message; results to
 * ctx->emit.  With the hooks left NULL, results are written to stdout in
 * ctx->format and messages to stderr, both made safe for a terminal. */
#ifndef WARDEN_CMD_H
#define WARDEN_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../data/store.h"

struct config;

enum cmd_format { CMD_FMT_TABLE, CMD_FMT_TSV, CMD_FMT_JSON };

enum cmd_level {
	CMD_INFO,	/* a note (next page, nothing to do); -q drops it */
	CMD_WARN,	/* something to look at; the command went on */
	CMD_ERROR,	/* the command failed */
};

/* What a command shows. */
enum cmd_shape {
	CMD_LIST,	/* rows of one kind: queue, flags, log, ... */
	CMD_RECORD,	/* one row and the sections that belong to it:
			 * show ACCOUNT (breakdown, strikes, notes),
			 * thread ID (messages) */
	CMD_RESULTS,	/* what a write command did, one per action */
	CMD_TEXT,	/* prose: help */
};

struct cmd_section {
	const char *name;	/* "breakdown", "strikes", "messages" */
	const struct rows *rows;
};

struct cmd_output {
	enum cmd_shape shape;
	const char *command;	/* the entry: "queue", "moderator list" */
	const char *title;	/* one line for a view's title: "queue",
				 * "@sam_k12 (account 12)" */
	/* CMD_LIST, CMD_RECORD (one row) */
	const struct rows *rows;
	/* CMD_RECORD: what the row is ("account", "thread"), and what
	 * belongs to it */
	const char *record;
	const struct cmd_section *sections;
	size_t nsections;
	/* CMD_RESULTS: the actions as applied and their results */
	const struct action *acts;
	const struct action_result *results;
	size_t nresults;
	/* CMD_TEXT */
	const char *text;
};

struct cmd_ctx;

/* The front end's hooks.  NULL: the CLI behaviour. */
typedef void (*cmd_emit_fn)(struct cmd_ctx *ctx, const struct cmd_output *out);
/* text is raw (it may hold handles, which are hostile): draw it safely. */
typedef void (*cmd_message_fn)(struct cmd_ctx *ctx, enum cmd_level level,
    const char *text);
/* Asked before a destructive command (ban, anything with several
 * targets) runs; preview holds the results of a dry run of it.  Returns
 * true to go ahead.  NULL: never ask (batch mode). */
typedef bool (*cmd_confirm_fn)(struct cmd_ctx *ctx, const char *question,
    const struct cmd_output *preview);

struct cmd_ctx {
	struct store *store;
	const char *moderator;	/* who acts (the caller owns the string) */
	const char *role;	/* moderator, senior or admin */
	enum cmd_format format;
	bool color;		/* table output may use bold and reverse */
	bool quiet;		/* no CMD_INFO messages */
	bool verbose;		/* more CMD_INFO messages */
	bool read_only;		/* only entries flagged CMD_READONLY run */
	bool dry_run;		/* every write is a dry run */
	int width;		/* terminal columns for tables; 0: no limit */
	const struct config *config;	/* may be NULL */

	cmd_emit_fn emit;
	cmd_message_fn message;
	cmd_confirm_fn confirm;
	void *user;		/* the front end's own pointer */
	FILE *out;		/* where the default emit writes (stdout) */

	bool quit;		/* set by `quit`: the front end should stop */
	bool applied;		/* a write was applied (not a dry run): there
				 * may be events for the webhooks */

	/* Where the line being run came from, for messages: "FILE:LINE: "
	 * in a batch.  cmd_batch() sets them; front ends leave them. */
	const char *origin;
	long line;
	/* Idempotency key used for a write line without --key (batch mode:
	 * derived from the file's hash and the line number). */
	const char *default_key;
	/* The default tsv writer prints the header of results once for
	 * results that follow each other, so that a batch's results read
	 * as one table; other output between them ends that table. */
	bool results_header_done;
};

/* Fills ctx with defaults: table format, no colour, width 0, stdout, no
 * hooks. */
void cmd_ctx_init(struct cmd_ctx *ctx, struct store *store,
    const char *moderator, const char *role);

/* Runs one line.  Errors are reported through ctx->message; the return
 * value says what kind of error (WE_OK when it worked, or when the line
 * was empty or a comment); werr_exit_status() maps it to an exit status. */
enum werr_kind cmd_run(struct cmd_ctx *ctx, const char *line);

/* Lines in order, as -c gives them or a batch file holds them. */
struct cmd_batch_opts {
	bool atomic;		/* every write line in one store_apply */
	bool keep_going;	/* go on past a failed line */
	bool derive_keys;	/* default idempotency keys from the content */
};

/* Runs a batch file ("-": stdin), each line through cmd_run() (or all in
 * one transaction when atomic).  Returns the process exit status: 0, or
 * that of the first failed line. */
int cmd_batch_file(struct cmd_ctx *ctx, const char *path,
    const struct cmd_batch_opts *o);
/* The same for lines given one by one (-c ... -c ...); origin names them
 * in messages ("-c"). */
int cmd_batch_lines(struct cmd_ctx *ctx, const char *origin,
    const char *const *lines, size_t n, const struct cmd_batch_opts *o);

/* ------------------------------------------------------------------ */
/* The command table.  help, Tab completion, the '?' overlay and the man
 * page test all read it. */

struct cmd_opt {
	const char *name;	/* "reason" for --reason; NULL ends a list */
	char short_name;	/* 'r' for -r, or 0 */
	const char *arg;	/* the value's name ("TEXT"); NULL: a flag */
	const char *help;
};

#define CMD_READONLY	0x01	/* only reads: allowed with --read-only */
#define CMD_DESTRUCTIVE	0x02	/* the console asks first; written in
				 * full (no prefix matching) */
#define CMD_HIDDEN	0x04	/* not listed by help */
#define CMD_NOSTORE	0x08	/* runs without a store or a moderator
				 * (help, quit) */

struct cmd_args;	/* a parsed line (cmd/internal.h) */
struct cmd_plan;	/* the actions a write line asks for */

struct cmd_entry {
	const char *name;	/* "suspend"; a subcommand: "add" */
	const char *aliases;	/* comma-separated; "" for none */
	const char *usage;	/* the same words as the man page */
	const char *help;	/* one line */
	const char *topic;	/* group in help and the man page */
	unsigned flags;
	int min_args, max_args;	/* positional arguments; max -1: any */
	const struct cmd_opt *opts;	/* every option it takes */
	/* Subcommands (moderator add, ...), NULL-terminated; a parent
	 * entry has no run or plan of its own. */
	const struct cmd_entry *const *subs;
	/* Read-only entries run; write entries plan. */
	int (*run)(struct cmd_ctx *, const struct cmd_args *, struct werr *);
	int (*plan)(struct cmd_ctx *, const struct cmd_args *,
	    struct cmd_plan *, struct werr *);
};

/* Every top-level entry, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];

/* Looks up a command word: exact name or alias, then unique prefix (not
 * for destructive entries).  On failure e says "unknown ... did you
 * mean" or "ambiguous ... could be". */
const struct cmd_entry *cmd_lookup(const char *word, struct werr *e);
/* The same among an entry's subcommands. */
const struct cmd_entry *cmd_lookup_sub(const struct cmd_entry *parent,
    const char *word, struct werr *e);
bool cmd_is_write(const struct cmd_entry *entry);
/* False when the line's command runs without a store (help, quit), so
 * that `warden -c help` works before any database exists. */
bool cmd_line_needs_store(const char *line);

/* ------------------------------------------------------------------ */
/* Output. */

/* The default emit: writes out to ctx->out in ctx->format. */
void cmd_write_output(struct cmd_ctx *ctx, const struct cmd_output *out);
/* Reports a message through ctx->message (default: stderr, made safe,
 * prefixed with "warden: " or the batch origin "FILE:LINE: "). */
void cmd_message(struct cmd_ctx *ctx, enum cmd_level level,
    const char *fmt, ...) W_PRINTF(3, 4);
bool cmd_format_from_name(const char *name, enum cmd_format *f);

#endif
