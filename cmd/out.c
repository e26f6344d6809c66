/* cmd/out.c: where results and messages go.  Results to ctx->emit or
 * stdout, messages to ctx->message or stderr; on the way to a terminal
 * everything passes through the safe renderer. */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"

bool
cmd_format_from_name(const char *name, enum cmd_format *f)
{
	if (str_eq(name, "table"))
		*f = CMD_FMT_TABLE;
	else if (str_eq(name, "tsv"))
		*f = CMD_FMT_TSV;
	else if (str_eq(name, "json"))
		*f = CMD_FMT_JSON;
	else
		return false;
	return true;
}

void
cmd_write_output(struct cmd_ctx *ctx, const struct cmd_output *out)
{
	FILE *fp = ctx->out ? ctx->out : stdout;

	switch (ctx->format) {
	case CMD_FMT_JSON:
		out_json(ctx, fp, out);
		break;
	case CMD_FMT_TSV:
		out_tsv(ctx, fp, out);
		break;
	default:
		out_table(ctx, fp, out);
		break;
	}
	fflush(fp);
}

void
cmd_emit(struct cmd_ctx *ctx, const struct cmd_output *out)
{
	if (ctx->emit)
		ctx->emit(ctx, out);
	else
		cmd_write_output(ctx, out);
}

void
cmd_message(struct cmd_ctx *ctx, enum cmd_level level, const char *fmt, ...)
{
	struct buf msg = BUF_INIT, safe = BUF_INIT;
	va_list ap;

	if (level == CMD_INFO && ctx->quiet)
		return;
	/* where: a file's line; -c lines by their number when there are
	 * several; no line (an atomic batch whose commit failed): the
	 * origin alone */
	if (ctx->origin && ctx->line > 0)
		buf_printf(&msg, strcmp(ctx->origin, "-c") == 0 ? "%s %ld: " :
		    "%s:%ld: ", ctx->origin, ctx->line);
	else if (ctx->origin)
		buf_printf(&msg, "%s: ", ctx->origin);
	if (level == CMD_WARN)
		buf_adds(&msg, "warning: ");
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (ctx->message) {
		ctx->message(ctx, level, buf_str(&msg));
	} else {
		fflush(ctx->out ? ctx->out : stdout);
		safe_render(&safe, msg.s, msg.len, -1);
		if (ctx->origin && strcmp(ctx->origin, "-c") != 0)
			fprintf(stderr, "%s\n", buf_str(&safe));
		else
			fprintf(stderr, "warden: %s\n", buf_str(&safe));
	}
	buf_free(&msg);
	buf_free(&safe);
}

void
results_output(struct cmd_output *out, const char *name, const char *title,
    const struct action *acts, const struct action_result *res, size_t n)
{
	memset(out, 0, sizeof *out);
	out->shape = CMD_RESULTS;
	out->command = name;
	out->title = title;
	out->acts = acts;
	out->results = res;
	out->nresults = n;
}

struct rows *
results_rows(const struct cmd_output *out)
{
	struct rows *r = rows_new_list("action,target,audit_id,replayed,"
	    "dry_run,message");
	size_t i;

	for (i = 0; i < out->nresults; i++) {
		const struct action *a = &out->acts[i];
		const struct action_result *res = &out->results[i];
		size_t row = rows_add(r);
		char *t = action_target_string(a);

		rows_set_text(r, row, 0, action_spec(a->kind)->name);
		rows_set_text(r, row, 1, t);
		rows_set_int(r, row, 2, res->audit_id);
		rows_set_int(r, row, 3, res->replayed);
		rows_set_int(r, row, 4, a->dry_run);
		rows_set_text(r, row, 5, res->message ? res->message : "");
		free(t);
	}
	return r;
}
