/* cmd/out_table.c: tables for a terminal.  Columns are fitted to the
 * width (the widest shrink first, a clipped value ends in "~"), every
 * value goes through the safe renderer, times are shown as dates, and
 * with colour the header is bold and escapes of undrawable bytes are in
 * reverse video, so that they stand out from text that merely looks like
 * them. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"

#define SGR_BOLD "\033[1m"
#define SGR_REVERSE "\033[7m"
#define SGR_RESET "\033[0m"
#define GAP 2
#define MIN_COL 3

/* Columns that hold times (seconds since the epoch). */
static bool
is_time_col(const char *name)
{
	static const char *const names[] = { "created", "at", "due", "opened",
		"last_seen", "last_at", "sent_at", "suspended_until",
		"phone_verified_at", "claimed_at", "resolved_at", "deadline",
		"filed_at", "decided_at", "strike_at", "revoked_at", "oldest",
		"account_created", "until", "muted_until", NULL };
	size_t i;

	for (i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* A value as the text a table shows (before safe rendering). */
static void
cell_text(const struct rows *r, size_t row, size_t col, struct buf *b)
{
	const struct value *v = rows_cell(r, row, col);
	char t[32];

	buf_reset(b);
	if (v->type == VT_INT && v->i > 0 && is_time_col(r->cols[col])) {
		time_format_short(v->i, t, sizeof t);
		buf_adds(b, t);
	} else if (v->type == VT_TEXT)
		buf_add(b, v->s, v->len);
	else
		value_format(v, b);
	buf_adds(b, "");	/* never NULL, always terminated */
}

struct piece_ctx {
	struct buf *out;
	bool color;
};

static void
piece(void *vctx, const char *s, size_t n, int width, bool escape)
{
	struct piece_ctx *c = vctx;

	(void)width;
	if (escape && c->color)
		buf_adds(c->out, SGR_REVERSE);
	buf_add(c->out, s, n);
	if (escape && c->color)
		buf_adds(c->out, SGR_RESET);
}

/* Appends s within w columns ("~" when cut); returns the columns used. */
static int
fit(struct buf *out, const char *s, size_t len, int w, bool color)
{
	struct piece_ctx c = { out, color };
	int used;

	if (w < 0)
		return safe_walk(s, len, -1, piece, &c, NULL);
	if (safe_width(s, len) <= w)
		return safe_walk(s, len, w, piece, &c, NULL);
	used = safe_walk(s, len, w - 1, piece, &c, NULL);
	buf_addc(out, '~');
	return used + 1;
}

static void
pad(struct buf *out, int n)
{
	while (n-- > 0)
		buf_addc(out, ' ');
}

static bool
numeric(const struct rows *r, size_t col)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		enum vtype t = rows_cell(r, i, col)->type;

		if (t == VT_TEXT)
			return false;
	}
	return !is_time_col(r->cols[col]);
}

static void
put_table(struct cmd_ctx *ctx, FILE *fp, const struct rows *r)
{
	int *w = xcalloc(r->ncols, sizeof *w);
	bool *right = xcalloc(r->ncols, sizeof *right);
	struct buf cell = BUF_INIT, line = BUF_INIT;
	size_t i, c;
	int total;

	for (c = 0; c < r->ncols; c++) {
		w[c] = safe_width(r->cols[c], strlen(r->cols[c]));
		right[c] = numeric(r, c);
		for (i = 0; i < r->nrows; i++) {
			int cw;

			cell_text(r, i, c, &cell);
			cw = safe_width(cell.s, cell.len);
			if (cw > w[c])
				w[c] = cw;
		}
	}
	/* the widest gives way first */
	for (;;) {
		size_t widest = 0;

		total = 0;
		for (c = 0; c < r->ncols; c++) {
			total += w[c] + (c ? GAP : 0);
			if (w[c] > w[widest])
				widest = c;
		}
		if (ctx->width <= 0 || total <= ctx->width ||
		    w[widest] <= MIN_COL)
			break;
		w[widest]--;
	}
	for (i = 0; i <= r->nrows; i++) {
		buf_reset(&line);
		if (i == 0 && ctx->color)
			buf_adds(&line, SGR_BOLD);
		for (c = 0; c < r->ncols; c++) {
			bool last = c + 1 == r->ncols;
			struct buf one = BUF_INIT;
			int used;

			if (c)
				pad(&line, GAP);
			if (i == 0) {
				buf_reset(&cell);
				buf_adds(&cell, r->cols[c]);
			} else
				cell_text(r, i - 1, c, &cell);
			used = fit(&one, cell.s, cell.len, w[c], ctx->color &&
			    i > 0);
			if (right[c] && i > 0)
				pad(&line, w[c] - used);
			buf_add(&line, one.s ? one.s : "", one.len);
			if (!(right[c] && i > 0) && !last)
				pad(&line, w[c] - used);
			buf_free(&one);
		}
		if (i == 0 && ctx->color)
			buf_adds(&line, SGR_RESET);
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		fprintf(fp, "%s\n", buf_str(&line));
	}
	buf_free(&cell);
	buf_free(&line);
	free(w);
	free(right);
}

/* One row as "name  value" lines. */
static void
put_record(struct cmd_ctx *ctx, FILE *fp, const struct rows *r)
{
	struct buf cell = BUF_INIT, line = BUF_INIT;
	int kw = 0, vw;
	size_t c;

	for (c = 0; c < r->ncols; c++) {
		int n = (int)strlen(r->cols[c]);

		if (n > kw)
			kw = n;
	}
	vw = ctx->width > 0 ? ctx->width - kw - GAP : -1;
	if (vw >= 0 && vw < 10)
		vw = 10;
	for (c = 0; c < r->ncols; c++) {
		buf_reset(&line);
		if (ctx->color)
			buf_adds(&line, SGR_BOLD);
		buf_adds(&line, r->cols[c]);
		if (ctx->color)
			buf_adds(&line, SGR_RESET);
		pad(&line, kw - (int)strlen(r->cols[c]) + GAP);
		cell_text(r, 0, c, &cell);
		fit(&line, cell.s, cell.len, vw, ctx->color);
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		fprintf(fp, "%s\n", buf_str(&line));
	}
	buf_free(&cell);
	buf_free(&line);
}

static void
put_title(struct cmd_ctx *ctx, FILE *fp, const char *title)
{
	struct buf b = BUF_INIT;

	safe_render(&b, title, strlen(title), ctx->width > 0 ? ctx->width : -1);
	fprintf(fp, "\n%s%s%s\n", ctx->color ? SGR_BOLD : "", buf_str(&b),
	    ctx->color ? SGR_RESET : "");
	buf_free(&b);
}

static void
put_results(struct cmd_ctx *ctx, FILE *fp, const struct cmd_output *out)
{
	struct buf line = BUF_INIT;
	size_t i;

	for (i = 0; i < out->nresults; i++) {
		const char *m = out->results[i].message;

		buf_reset(&line);
		if (out->acts[i].dry_run)
			buf_adds(&line, "dry run: ");
		fit(&line, m ? m : "", m ? strlen(m) : 0, -1, ctx->color);
		fprintf(fp, "%s\n", buf_str(&line));
		if (out->results[i].data && out->results[i].data->nrows)
			put_table(ctx, fp, out->results[i].data);
	}
	buf_free(&line);
}

void
out_table(struct cmd_ctx *ctx, FILE *fp, const struct cmd_output *out)
{
	size_t i;

	switch (out->shape) {
	case CMD_LIST:
		if (out->rows == NULL || out->rows->nrows == 0) {
			cmd_message(ctx, CMD_INFO, "%s: nothing to show",
			    out->command ? out->command : "");
			break;
		}
		put_table(ctx, fp, out->rows);
		break;
	case CMD_RECORD:
		if (out->rows == NULL || out->rows->nrows == 0)
			break;
		put_record(ctx, fp, out->rows);
		for (i = 0; i < out->nsections; i++) {
			const struct rows *s = out->sections[i].rows;

			if (s == NULL || s->nrows == 0)
				continue;
			put_title(ctx, fp, out->sections[i].name);
			put_table(ctx, fp, s);
		}
		break;
	case CMD_RESULTS:
		put_results(ctx, fp, out);
		break;
	case CMD_TEXT:
		if (out->text)
			fputs(out->text, fp);
		break;
	}
}
