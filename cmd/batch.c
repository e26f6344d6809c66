/* cmd/batch.c: many lines: a batch file, stdin, or -c given several times.
 *
 * Line by line (the default), each line is its own transaction; the run
 * stops at the first failed line, or with keep_going reports it as
 * FILE:LINE: message and goes on.  The exit status is that of the first
 * failed line.
 *
 * Atomic: every line is parsed and planned first, then every action of
 * every line goes to one store_apply(): all or nothing.  Such a batch
 * holds write commands only: a read would see the database as it was
 * before the batch, whatever the lines above it say, so it is refused
 * rather than left to mislead.
 *
 * Idempotency: with derive_keys (--batch), a write line without --key
 * gets "batch:HASH:LINE" where HASH is the SHA-256 of the whole file (16
 * hex digits): a re-run of the same file after a crash replays the lines
 * that were applied and applies the rest. */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Batch files are read whole (the key needs the content's hash). */
#define BATCH_MAX (64L * 1024 * 1024)

struct line {
	const char *s;
	size_t len;
	long no;
	bool cut;	/* stdin ended inside it: no newline */
};

static int
read_all(const char *path, struct buf *b, struct werr *e)
{
	FILE *fp;
	char chunk[65536];
	size_t n;
	bool is_stdin = strcmp(path, "-") == 0;

	fp = is_stdin ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return werr_set(e, WE_NOINPUT, "cannot open the batch file "
		    "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(b, chunk, n);
		if ((long)b->len > BATCH_MAX) {
			if (!is_stdin)
				fclose(fp);
			return werr_set(e, WE_INVALID, "%s is larger than %ld "
			    "MiB; split it", is_stdin ? "stdin" : path,
			    BATCH_MAX / 1024 / 1024);
		}
	}
	if (ferror(fp)) {
		int err = errno;

		if (!is_stdin)
			fclose(fp);
		return werr_set(e, WE_IO, "cannot read %s: %s", is_stdin ?
		    "stdin" : path, strerror(err));
	}
	if (!is_stdin)
		fclose(fp);
	return 0;
}

static struct line *
split_lines(const char *s, size_t len, size_t *count)
{
	struct line *v = NULL;
	size_t n = 0, i = 0;
	long no = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;
		size_t l = end - i;

		/* CRLF files from elsewhere */
		if (l > 0 && s[i + l - 1] == '\r')
			l--;
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].s = s + i;
		v[n].len = l;
		v[n].no = ++no;
		v[n].cut = false;
		n++;
		i = end + 1;
	}
	*count = n;
	return v;
}

/* A pipe whose writer died mid-line leaves a last line without its
 * newline; running it could do half of what was meant (one account of
 * two), so such a line is refused.  Files are often saved without a
 * final newline, so only stdin is held to this. */
static int
cut_short(const struct line *l, struct werr *e)
{
	if (!l->cut)
		return 0;
	return werr_set(e, WE_IO, "stdin ended in the middle of this line (no "
	    "newline): the input may have been cut short, so the line was not "
	    "run");
}

static int
line_by_line(struct cmd_ctx *ctx, const struct line *lines, size_t n,
    const struct cmd_batch_opts *o, const char *hash)
{
	int status = 0;
	size_t i, failed = 0;
	struct buf which = BUF_INIT;
	const char *origin = ctx->origin;
	struct werr e;

	for (i = 0; i < n && !ctx->quit; i++) {
		char *key = NULL;
		enum werr_kind k;

		ctx->line = lines[i].no;
		if (cut_short(&lines[i], &e) < 0)
			k = cmd_fail(ctx, &e);
		else {
			if (o->derive_keys && hash) {
				key = xasprintf("batch:%s:%ld", hash,
				    lines[i].no);
				ctx->default_key = key;
			}
			k = cmd_run_n(ctx, lines[i].s, lines[i].len);
			ctx->default_key = NULL;
			free(key);
		}
		if (k == WE_OK)
			continue;
		failed++;
		buf_printf(&which, "%s%ld", which.len ? ", " : "",
		    lines[i].no);
		if (status == 0)
			status = werr_exit_status(k);
		if (!o->keep_going)
			break;
	}
	if (ctx->verbose && !failed) {
		ctx->origin = NULL;
		cmd_message(ctx, CMD_INFO, "%s: %zu line%s, all done",
		    origin ? origin : "-c", i, i == 1 ? "" : "s");
		ctx->origin = origin;
	}
	if (o->keep_going && failed) {
		ctx->origin = NULL;
		cmd_message(ctx, CMD_ERROR, "%zu of %zu lines failed (line%s "
		    "%s)", failed, n, failed == 1 ? "" : "s", which.s);
		ctx->origin = origin;
	}
	buf_free(&which);
	return status;
}

struct planned {
	struct prepared p;
	long no;
};

static int
atomic(struct cmd_ctx *ctx, const struct line *lines, size_t n,
    const char *hash)
{
	struct planned *pl = xcalloc(n ? n : 1, sizeof *pl);
	struct action *acts = NULL;
	struct action_result *res = NULL;
	size_t *from = NULL, np = 0, nacts = 0, i, j, ndry = 0;
	struct werr e;
	int status = 0;

	werr_clear(&e);
	/* 1: parse and plan everything; a mistake anywhere stops it all */
	for (i = 0; i < n && !ctx->quit; i++) {
		struct prepared *p = &pl[np].p;
		char *key = hash ? xasprintf("batch:%s:%ld", hash,
		    lines[i].no) : NULL;
		int rc;

		ctx->line = lines[i].no;
		ctx->default_key = key;
		rc = cut_short(&lines[i], &e);
		if (rc == 0)
			rc = cmd_prepare(ctx, lines[i].s, lines[i].len, p, &e);
		ctx->default_key = NULL;
		free(key);
		pl[np].no = lines[i].no;
		np++;
		if (rc < 0)
			goto fail;
		if (p->empty)
			continue;
		if (!p->write && p->args.entry->run &&
		    strcmp(p->args.name, "quit") == 0) {
			ctx->quit = true;
			continue;
		}
		if (!p->write) {
			werr_set(&e, WE_USAGE, "'%s' only reads; an --atomic "
			    "batch holds write commands only (its reads would "
			    "see the data as it was before the batch)",
			    p->args.name);
			goto fail;
		}
		for (j = 0; j < p->plan.n; j++) {
			acts = xreallocarray(acts, nacts + 1, sizeof *acts);
			from = xreallocarray(from, nacts + 1, sizeof *from);
			acts[nacts] = p->plan.acts[j];
			from[nacts] = np - 1;
			ndry += acts[nacts].dry_run;
			nacts++;
		}
	}
	if (ndry != 0 && ndry != nacts) {
		for (i = 0; i < nacts && acts[i].dry_run == acts[0].dry_run;)
			i++;
		ctx->line = pl[from[i]].no;
		werr_set(&e, WE_USAGE, "--dry-run on some lines of an --atomic "
		    "batch but not others; run warden --dry-run for all of it");
		goto fail;
	}
	/* 2: one transaction */
	if (nacts) {
		res = xcalloc(nacts, sizeof *res);
		if (store_apply(ctx->store, acts, nacts, res, &e) < 0) {
			if (e.item >= 0 && (size_t)e.item < nacts)
				ctx->line = pl[from[e.item]].no;
			else
				ctx->line = 0;
			free(res);
			res = NULL;
			goto fail;
		}
		if (!acts[0].dry_run)
			ctx->applied = true;
	}
	/* 3: the results, line by line */
	for (i = 0, j = 0; i < np; i++) {
		struct cmd_output out;
		size_t k = j;

		while (j < nacts && from[j] == i)
			j++;
		if (j == k)
			continue;
		results_output(&out, pl[i].p.args.name, pl[i].p.args.name,
		    acts + k, res + k, j - k);
		ctx->line = pl[i].no;
		cmd_emit(ctx, &out);
	}
	goto out;
fail:
	werr_append(&e, "; nothing was applied (--atomic)");
	status = werr_exit_status(cmd_fail(ctx, &e));
out:
	for (i = 0; res && i < nacts; i++)
		action_result_free(&res[i]);
	free(res);
	/* the actions belong to the plans */
	free(acts);
	free(from);
	for (i = 0; i < np; i++)
		prepared_free(&pl[i].p);
	free(pl);
	return status;
}

static int
run_lines(struct cmd_ctx *ctx, const char *origin, const struct line *lines,
    size_t n, const struct cmd_batch_opts *o, const char *hash)
{
	const char *saved = ctx->origin;
	long saved_line = ctx->line;
	int status;

	ctx->origin = origin;
	if (o->atomic)
		status = atomic(ctx, lines, n, o->derive_keys ? hash : NULL);
	else
		status = line_by_line(ctx, lines, n, o, hash);
	ctx->origin = saved;
	ctx->line = saved_line;
	return status;
}

int
cmd_batch_file(struct cmd_ctx *ctx, const char *path,
    const struct cmd_batch_opts *o)
{
	struct buf content = BUF_INIT;
	struct line *lines;
	struct werr e;
	char hash[65];
	size_t n, skip;
	int status;

	werr_clear(&e);
	if (read_all(path, &content, &e) < 0) {
		buf_free(&content);
		return werr_exit_status(cmd_fail(ctx, &e));
	}
	sha256_hex(buf_str(&content), content.len, hash);
	hash[16] = '\0';
	/* an editor's byte-order mark is not part of the first command */
	skip = content.len >= 3 && memcmp(content.s, "\xef\xbb\xbf", 3) == 0 ?
	    3 : 0;
	lines = split_lines(buf_str(&content) + skip, content.len - skip, &n);
	if (strcmp(path, "-") == 0 && n > 0 &&
	    content.s[content.len - 1] != '\n')
		lines[n - 1].cut = true;
	status = run_lines(ctx, strcmp(path, "-") == 0 ? "stdin" : path,
	    lines, n, o, hash);
	free(lines);
	buf_free(&content);
	return status;
}

int
cmd_batch_lines(struct cmd_ctx *ctx, const char *origin,
    const char *const *text, size_t n, const struct cmd_batch_opts *o)
{
	struct line *lines = xcalloc(n ? n : 1, sizeof *lines);
	struct buf all = BUF_INIT;
	char hash[65];
	size_t i;
	int status;

	for (i = 0; i < n; i++) {
		lines[i].s = text[i];
		lines[i].len = strlen(text[i]);
		lines[i].no = (long)i + 1;
		buf_add(&all, text[i], lines[i].len);
		buf_addc(&all, '\n');
	}
	sha256_hex(buf_str(&all), all.len, hash);
	hash[16] = '\0';
	status = run_lines(ctx, n > 1 ? origin : NULL, lines, n, o, hash);
	buf_free(&all);
	free(lines);
	return status;
}
