/* main.c: flags -> one of: the console, commands (-c / --batch), or a
 * subcommand (demo, init, serve).  Everything else lives in the layers. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "api/api.h"
#include "api/webhook.h"
#include "cmd/cmd.h"
#include "cmd/config.h"
#include "data/store.h"
#include "tui/tui.h"
#include "util/safe.h"

#define EX_USAGE_ 64

static const char usage_text[] =
"usage: warden [-d DB | --api URL [--token-file F]] [--as NAME] [options]\n"
"       warden ... -c 'COMMAND' [-c 'COMMAND' ...] [--atomic | --keep-going]\n"
"       warden ... --batch FILE|- [--atomic | --keep-going]\n"
"       warden demo PATH [--accounts N] [--seed N] [-q]\n"
"       warden init PATH\n"
"       warden serve -d DB [--listen 127.0.0.1:8470]\n"
"\n"
"  -d, --db DB          the SQLite database (else WARDEN_DB, else config)\n"
"      --api URL        the admin HTTP API (else WARDEN_API)\n"
"      --token-file F   the API token, in a file only you can read\n"
"                       (else WARDEN_TOKEN)\n"
"      --ca-file F      trust the CAs in F for an https API (a private CA)\n"
"      --as NAME        act as this moderator (else WARDEN_MODERATOR,\n"
"                       else your login name)\n"
"  -c COMMAND           run a command and exit; repeat to run several\n"
"      --batch FILE|-   run the commands of a file, or of stdin\n"
"      --atomic         all write lines in one transaction: all or nothing\n"
"      --keep-going     report a failed line and go on\n"
"      --format F       table, tsv or json (default: table on a terminal,\n"
"                       tsv otherwise)\n"
"      --no-color       no colour (also NO_COLOR)\n"
"      --read-only      only commands that read may run\n"
"      --dry-run        every write says what it would do, and does not\n"
"  -q, --quiet          no notes on stderr\n"
"  -v, --verbose        more notes on stderr\n"
"      --version        the version\n"
"  -h, --help           this text\n"
"\n"
"'warden -c help' lists the commands; man warden has all of it.\n";

static void die(int status, const char *fmt, ...) W_PRINTF(2, 3)
    W_NORETURN;

/* Messages may carry a path or a name from the environment: safe. */
static void
say(const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT, safe = BUF_INIT;

	buf_vprintf(&msg, fmt, ap);
	safe_render(&safe, buf_str(&msg), msg.len, -1);
	fprintf(stderr, "warden: %s\n", buf_str(&safe));
	buf_free(&msg);
	buf_free(&safe);
}

static void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	exit(status);
}

static void note(const char *fmt, ...) W_PRINTF(1, 2);

static void
note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

/* The login name: the first moderator of a new database, and who acts
 * when nothing else says. */
static const char *
login_name(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *s;

	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	if ((s = getenv("USER")) && *s)
		return s;
	if ((s = getenv("LOGNAME")) && *s)
		return s;
	return "admin";
}

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* fds 0-2 are kept open (on /dev/null if they were closed), so that no
 * database or file we open lands on them; a closed stdin is remembered
 * for --batch -. */
static bool stdin_closed;

static void
keep_std_fds(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == 0)
			stdin_closed = true;
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			exit(werr_exit_status(WE_IO));
	}
}

static bool
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ------------------------------------------------------------------ */
/* warden demo PATH [--accounts N] [--seed N] [-q] */

static const char demo_usage[] =
    "usage: warden demo PATH [--accounts N] [--seed N] [-q]";

static int
demo_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "accounts", required_argument, NULL, 'a' },
		{ "seed", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_options o;
	struct werr e;
	int64_t n;
	int c;

	memset(&o, 0, sizeof o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (!str_to_i64(optarg, 10, 100000000, &n))
				die(EX_USAGE_, "demo: --accounts '%s' is not a "
				    "number from 10 to 100000000", optarg);
			o.accounts = n;
			break;
		case 's':
			if (!str_to_i64(optarg, 0, INT64_MAX, &n))
				die(EX_USAGE_, "demo: --seed '%s' is not a "
				    "number", optarg);
			o.seed = (uint64_t)n;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'h':
			puts(demo_usage);
			return 0;
		default:
			return EX_USAGE_;
		}
	}
	if (optind + 1 != argc)
		die(EX_USAGE_, "%s", demo_usage);
	if (exists(argv[optind]))
		die(werr_exit_status(WE_CANTCREATE), "demo: %s exists; remove "
		    "it or choose another name", argv[optind]);
	o.login = login_name();
	if (demo_create(argv[optind], &o, &e) < 0)
		die(werr_exit_status(e.kind), "demo: %s", e.msg);
	if (!o.quiet)
		note("made %s; you (%s) are its admin: warden -d %s",
		    argv[optind], o.login, argv[optind]);
	return 0;
}

/* warden init PATH */
static int
init_main(int argc, char **argv)
{
	static const char init_usage[] = "usage: warden init PATH";
	struct store *st;
	struct werr e;

	if (argc == 2 && (str_eq(argv[1], "--help") || str_eq(argv[1], "-h"))) {
		puts(init_usage);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-')
		die(EX_USAGE_, "%s", init_usage);
	if (exists(argv[1]))
		die(werr_exit_status(WE_CANTCREATE), "init: %s exists; warden "
		    "init makes a new database", argv[1]);
	st = sqlite_store_open(argv[1], STORE_OPEN_CREATE, &e);
	if (st == NULL)
		die(werr_exit_status(e.kind), "init: %s", e.msg);
	if (sqlite_store_bootstrap_admin(st, login_name(), &e) < 0) {
		store_close(st);
		remove(argv[1]);
		die(werr_exit_status(e.kind), "init: %s", e.msg);
	}
	store_close(st);
	note("made %s; you (%s) are its admin", argv[1], login_name());
	return 0;
}

/* ------------------------------------------------------------------ */

enum {
	OPT_API = 256, OPT_TOKEN_FILE, OPT_AS, OPT_BATCH, OPT_ATOMIC,
	OPT_KEEP_GOING, OPT_FORMAT, OPT_NO_COLOR, OPT_READ_ONLY, OPT_DRY_RUN,
	OPT_VERSION, OPT_CA_FILE,
};

struct opts {
	const char *db, *api, *token_file, *ca_file, *as, *batch, *format;
	const char **commands;
	size_t ncommands;
	bool atomic, keep_going, no_color, read_only, dry_run, quiet, verbose;
};

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "api", required_argument, NULL, OPT_API },
		{ "token-file", required_argument, NULL, OPT_TOKEN_FILE },
		{ "ca-file", required_argument, NULL, OPT_CA_FILE },
		{ "as", required_argument, NULL, OPT_AS },
		{ "batch", required_argument, NULL, OPT_BATCH },
		{ "atomic", no_argument, NULL, OPT_ATOMIC },
		{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "read-only", no_argument, NULL, OPT_READ_ONLY },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "d:c:qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case OPT_API:
			o->api = optarg;
			break;
		case OPT_TOKEN_FILE:
			o->token_file = optarg;
			break;
		case OPT_CA_FILE:
			o->ca_file = optarg;
			break;
		case OPT_AS:
			o->as = optarg;
			break;
		case 'c':
			o->commands = xreallocarray(o->commands,
			    o->ncommands + 1, sizeof *o->commands);
			o->commands[o->ncommands++] = optarg;
			break;
		case OPT_BATCH:
			o->batch = optarg;
			break;
		case OPT_ATOMIC:
			o->atomic = true;
			break;
		case OPT_KEEP_GOING:
			o->keep_going = true;
			break;
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case OPT_NO_COLOR:
			o->no_color = true;
			break;
		case OPT_READ_ONLY:
			o->read_only = true;
			break;
		case OPT_DRY_RUN:
			o->dry_run = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case OPT_VERSION:
			printf("warden %s (database schema %d)\n",
			    WARDEN_VERSION, sqlite_schema_version());
			exit(0);
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		default:
			fprintf(stderr, "warden: 'warden --help' lists the "
			    "options\n");
			exit(EX_USAGE_);
		}
	}
	if (optind < argc)
		die(EX_USAGE_, "unexpected argument '%s'; to run a command, "
		    "write -c '%s'", argv[optind], argv[optind]);
	if (o->ncommands && o->batch)
		die(EX_USAGE_, "-c and --batch do not go together: put the "
		    "commands in the batch");
	if (o->atomic && o->keep_going)
		die(EX_USAGE_, "--atomic and --keep-going do not go together: "
		    "an atomic batch is all or nothing");
	if ((o->atomic || o->keep_going) && !o->ncommands && !o->batch)
		die(EX_USAGE_, "--atomic and --keep-going go with -c or "
		    "--batch");
	if (o->db && o->api)
		die(EX_USAGE_, "-d and --api do not go together: one backend "
		    "at a time");
}

/* A path from the config file: ~/ is the home directory, and a relative
 * path is taken from the config file's folder. */
static char *
config_path(const struct config *c, const char *v)
{
	const char *home = getenv("HOME");
	const char *slash;

	if (v[0] == '~' && v[1] == '/' && home)
		return xasprintf("%s%s", home, v + 1);
	if (v[0] == '/' || c->path == NULL ||
	    (slash = strrchr(c->path, '/')) == NULL)
		return xstrdup(v);
	return xasprintf("%.*s/%s", (int)(slash - c->path), c->path, v);
}

static struct store *
open_store(const struct opts *o, const struct config *cfg, struct werr *e)
{
	const char *db = o->db, *api = o->api;
	const char *token_file = o->token_file;
	char *path = NULL, *token = NULL, *tf = NULL;
	struct store *st = NULL;

	if (db == NULL && api == NULL) {
		db = env("WARDEN_DB");
		api = env("WARDEN_API");
		if (db && api)
			die(EX_USAGE_, "both WARDEN_DB and WARDEN_API are set; "
			    "unset one, or say -d DB or --api URL");
	}
	if (db == NULL && api == NULL) {
		const char *cdb = config_get(cfg, "warden", "db");

		api = config_get(cfg, "warden", "api");
		if (cdb && api)
			die(EX_USAGE_, "%s sets both db and api; keep one",
			    cfg->path);
		if (cdb)
			db = path = config_path(cfg, cdb);
	}
	if (api) {
		struct http_options ho;

		if (token_file == NULL && env("WARDEN_TOKEN") == NULL &&
		    config_get(cfg, "warden", "token_file"))
			token_file = tf = config_path(cfg,
			    config_get(cfg, "warden", "token_file"));
		if (token_file) {
			if (api_read_token_file(token_file, &token, e) < 0)
				goto out;
		} else if (env("WARDEN_TOKEN")) {
			token = xstrdup(env("WARDEN_TOKEN"));
			/* nothing this process starts needs to inherit it */
			unsetenv("WARDEN_TOKEN");
		}
		else {
			werr_set(e, WE_AUTH, "the API needs a token: "
			    "--token-file FILE (mode 0600) or WARDEN_TOKEN; "
			    "an admin makes one with 'token create'");
			goto out;
		}
		memset(&ho, 0, sizeof ho);
		ho.url = api;
		ho.token = token;
		ho.ca_file = o->ca_file ? o->ca_file :
		    config_get(cfg, "warden", "ca_file");
		st = http_store_open(&ho, e);
	} else if (db) {
		st = sqlite_store_open(db, STORE_OPEN_EXISTING, e);
	} else
		werr_set(e, WE_USAGE, "no database: give -d DB, set WARDEN_DB, "
		    "or db = PATH under [warden] in %s; 'warden demo demo.db' "
		    "makes one to try", cfg->path ? cfg->path :
		    "~/.config/warden/config");
out:
	if (token) {
		/* the token is a secret: do not leave it in freed memory */
		explicit_bzero(token, strlen(token));
		free(token);
	}
	free(path);
	free(tf);
	return st;
}

/* -c help needs no database: nor does any line that needs no store. */
static bool
needs_store(const struct opts *o)
{
	size_t i;

	if (o->ncommands == 0)
		return true;
	for (i = 0; i < o->ncommands; i++)
		if (cmd_line_needs_store(o->commands[i]))
			return true;
	return false;
}

/* Tables fit the terminal; piped, they fit COLUMNS if it is set (so that
 * a table can be asked for at a width), else they are not cut. */
static int
table_width(bool tty)
{
	struct winsize ws;
	int64_t n;

	if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env("COLUMNS") && str_to_i64(env("COLUMNS"), 20, 1000, &n))
		return (int)n;
	return tty ? 80 : 0;
}

struct hook_cfg {
	struct webhooks w;
	const char *path;
	bool bad;
};

static void
hook_entry(void *ctx, const struct config_entry *c)
{
	struct hook_cfg *h = ctx;
	struct werr e;

	if (!h->bad && webhook_set(&h->w, c->name, c->key, c->value, &e) < 0) {
		note("%s:%d: %s; webhooks are not delivered", h->path,
		    c->line, e.msg);
		h->bad = true;
	}
}

/* The webhooks ([webhook NAME]) hear about the events of the commands
 * once they ran: outside every action, within a time budget, where the
 * database is.  A receiver that is down keeps its events in the outbox
 * for the next run (cron's sweep, every five minutes). */
static void
deliver_webhooks(struct store *st, const struct config *cfg, bool quiet,
    const char *ca_file)
{
	struct hook_cfg h = { { NULL, 0 }, cfg->path ? cfg->path : "config",
	    false };
	struct webhook_options wo;
	struct webhook_report rep;
	struct werr e;

	if (st == NULL || strcmp(st->ops->name, "sqlite") != 0)
		return;
	config_each(cfg, "webhook", hook_entry, &h);
	if (!h.bad && h.w.n > 0 && webhooks_check(&h.w, &e) < 0) {
		note("%s: %s; webhooks are not delivered", h.path, e.msg);
		h.bad = true;
	}
	if (!h.bad && h.w.n > 0) {
		/* a private CA for the API is one for the webhooks too */
		memset(&wo, 0, sizeof wo);
		wo.ca_file = ca_file;
		if (webhook_deliver(st, &h.w, &wo, &rep, &e) < 0)
			note("webhooks: %s", e.msg);
		else if (rep.failed && !quiet)
			note("webhooks: %lld event%s not delivered yet (%s); "
			    "kept in the outbox", (long long)rep.failed,
			    rep.failed == 1 ? "" : "s", rep.last_error);
	}
	webhooks_free(&h.w);
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct config cfg;
	struct store *st;
	struct werr e;
	struct rows *who = NULL;
	struct cmd_ctx ctx;
	struct cmd_batch_opts bo;
	char *moderator = NULL, *role = NULL;
	const char *name, *fmt, *color;
	bool tty = isatty(STDOUT_FILENO), ok = false;
	int status;

	keep_std_fds();
	safe_locale();
	/* A terminal that is not UTF-8 may read bytes inside a UTF-8
	 * character as C1 controls: what is written to it is ASCII, tables
	 * (see safe.h) and tsv alike. */
	if (tty && !safe_env_utf8())
		safe_set_ascii(true);
	if (argc > 1 && strcmp(argv[1], "serve") == 0)
		return serve_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "demo") == 0)
		return demo_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "init") == 0)
		return init_main(argc - 1, argv + 1);

	memset(&o, 0, sizeof o);
	parse_args(argc, argv, &o);
	if (o.batch && strcmp(o.batch, "-") == 0 && stdin_closed)
		die(werr_exit_status(WE_NOINPUT), "--batch -: stdin is closed; "
		    "there is nothing to read");
	config_load(&cfg, NULL);

	name = o.as ? o.as : env("WARDEN_MODERATOR");
	if (name == NULL)
		name = config_get(&cfg, "warden", "moderator");
	if (name == NULL)
		name = login_name();
	werr_clear(&e);
	if (!needs_store(&o)) {
		st = NULL;
		moderator = xstrdup(name);
		role = xstrdup("moderator");
	} else if ((st = open_store(&o, &cfg, &e)) == NULL) {
		die(werr_exit_status(e.kind), "%s", e.msg);
	} else {
		/* Who acts: refused here, before anything runs. */
		if (store_queryv(st, &who, &e, "whoami", "name", name,
		    NULL) < 0) {
			store_close(st);
			die(werr_exit_status(e.kind), "%s", e.msg);
		}
		/* the API says who its token names; a name asked for
		 * by --as or WARDEN_MODERATOR must be that one */
		moderator = xstrdup(rows_text(who, 0, "name") ?
		    rows_text(who, 0, "name") : name);
		if ((o.as || env("WARDEN_MODERATOR")) &&
		    strcmp(moderator, name) != 0) {
			store_close(st);
			die(werr_exit_status(WE_AUTH), "the API token is %s's, "
			    "not %s's: use a token of %s's, or drop --as and "
			    "WARDEN_MODERATOR", moderator, name, name);
		}
		role = xstrdup(rows_text(who, 0, "role") ?
		    rows_text(who, 0, "role") : "moderator");
		rows_free(who);
	}

	cmd_ctx_init(&ctx, st, moderator, role);
	ctx.config = &cfg;
	fmt = o.format ? o.format : config_get(&cfg, "warden", "format");
	if (fmt == NULL)
		ctx.format = tty ? CMD_FMT_TABLE : CMD_FMT_TSV;
	else if (!cmd_format_from_name(fmt, &ctx.format)) {
		const struct config_entry *ce = o.format ? NULL :
		    config_find(&cfg, "warden", "format");

		store_close(st);
		if (ce)
			die(EX_USAGE_, "%s:%d: format '%s' is not table, "
			    "tsv or json", cfg.path, ce->line, fmt);
		die(EX_USAGE_, "format '%s' is not table, tsv or json", fmt);
	}
	color = config_get(&cfg, "warden", "color");
	if (color && strcmp(color, "auto") != 0 &&
	    (config_bool(color, &ok), !ok))
		note("%s:%d: color '%s' is not yes, no or auto; left to the "
		    "terminal", cfg.path, config_find(&cfg, "warden",
		    "color")->line, color);
	ctx.color = tty && !o.no_color && env("NO_COLOR") == NULL &&
	    !(color && !config_bool(color, &ok) && ok);
	ctx.width = table_width(tty);
	ctx.quiet = o.quiet;
	ctx.verbose = o.verbose;
	ctx.read_only = o.read_only;
	ctx.dry_run = o.dry_run;
	if (o.verbose && st)
		note("%s, as %s (%s)%s%s", st->ops->describe(st), moderator,
		    role, o.read_only ? ", read-only" : "",
		    o.dry_run ? ", dry run" : "");

	memset(&bo, 0, sizeof bo);
	bo.atomic = o.atomic;
	bo.keep_going = o.keep_going;
	if (o.batch) {
		bo.derive_keys = true;
		status = cmd_batch_file(&ctx, o.batch, &bo);
	} else if (o.ncommands)
		status = cmd_batch_lines(&ctx, "-c", o.commands, o.ncommands,
		    &bo);
	else
		status = tui_run(&ctx);
	/* a full disk must not pass for success */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		note("cannot write the results: %s", strerror(errno));
		if (status == 0)
			status = werr_exit_status(WE_IO);
	}
	/* only a run that wrote: a read must not take the outbox's write
	 * lock (scripts run reads in loops); cron's sweep always writes */
	if (ctx.applied && (o.batch || o.ncommands))
		deliver_webhooks(st, &cfg, o.quiet, o.ca_file ? o.ca_file :
		    config_get(&cfg, "warden", "ca_file"));

	store_close(st);
	config_free(&cfg);
	free(o.commands);
	free(moderator);
	free(role);
	return status;
}
