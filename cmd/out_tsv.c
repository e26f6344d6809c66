/* cmd/out_tsv.c: tab-separated output for scripts.  A header line of
 * column names, then one line per row.  Nothing is dropped; what could
 * break a line or a terminal is escaped, reversibly:
 *
 *   \\  backslash        \t \n \r  tab, newline, carriage return
 *   \xNN  other C0 controls, DEL, and bytes that are not UTF-8
 *   \uXXXX  C1 controls, bidi and zero-width marks, other non-printables;
 *          every character past U+007F when safe_ascii() says the
 *          terminal may not be UTF-8 (a byte inside "\xe6\x9d\x8e" is
 *          a C1 control to it)
 *
 * A record (show, thread) is its row, then each section as its own table
 * after an empty line, in a fixed order. */
#include "internal.h"

#include <stdlib.h>
#include <wchar.h>
#include <wctype.h>

#include "../util/safe.h"

static void
tsv_escape(struct buf *b, const char *s, size_t len, bool ascii)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (n == 0) {
			buf_printf(b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		if (cp == '\\')
			buf_adds(b, "\\\\");
		else if (cp == '\t')
			buf_adds(b, "\\t");
		else if (cp == '\n')
			buf_adds(b, "\\n");
		else if (cp == '\r')
			buf_adds(b, "\\r");
		else if (cp < 0x20 || cp == 0x7f)
			buf_printf(b, "\\x%02x", cp);
		else if (cp >= 0x80 && (ascii || cp < 0xa0 ||
		    safe_invisible(cp) || !iswprint((wint_t)cp)))
			buf_printf(b, cp > 0xffff ? "\\U%08x" : "\\u%04x", cp);
		else
			buf_add(b, s + i, n);
		i += n;
	}
}

static void
put_value(struct buf *b, const struct value *v, bool ascii)
{
	struct buf tmp = BUF_INIT;

	if (v->type == VT_TEXT) {
		tsv_escape(b, v->s, v->len, ascii);
		return;
	}
	value_format(v, &tmp);
	buf_add(b, tmp.s ? tmp.s : "", tmp.len);
	buf_free(&tmp);
}

static void
put_rows(FILE *fp, const struct rows *r, bool header, bool ascii)
{
	struct buf b = BUF_INIT;
	size_t i, c;

	if (r == NULL)
		return;
	for (c = 0; header && c < r->ncols; c++)
		buf_printf(&b, "%s%s", c ? "\t" : "", r->cols[c]);
	if (header)
		buf_addc(&b, '\n');
	for (i = 0; i < r->nrows; i++) {
		for (c = 0; c < r->ncols; c++) {
			if (c)
				buf_addc(&b, '\t');
			put_value(&b, rows_cell(r, i, c), ascii);
		}
		buf_addc(&b, '\n');
	}
	fwrite(buf_str(&b), 1, b.len, fp);
	buf_free(&b);
}

void
out_tsv(struct cmd_ctx *ctx, FILE *fp, const struct cmd_output *out)
{
	struct rows *r;
	size_t i;

	/* results after anything else need their header again */
	if (out->shape != CMD_RESULTS)
		ctx->results_header_done = false;
	switch (out->shape) {
	case CMD_LIST:
		put_rows(fp, out->rows, true, safe_ascii());
		break;
	case CMD_RECORD:
		put_rows(fp, out->rows, true, safe_ascii());
		for (i = 0; i < out->nsections; i++) {
			fputc('\n', fp);
			put_rows(fp, out->sections[i].rows, true,
			    safe_ascii());
		}
		break;
	case CMD_RESULTS:
		r = results_rows(out);
		put_rows(fp, r, !ctx->results_header_done, safe_ascii());
		ctx->results_header_done = true;
		rows_free(r);
		/* what some actions hand back (reveal, token create) */
		for (i = 0; i < out->nresults; i++) {
			if (out->results[i].data == NULL)
				continue;
			fputc('\n', fp);
			put_rows(fp, out->results[i].data, true,
			    safe_ascii());
			/* a table follows: the next results need a header */
			ctx->results_header_done = false;
		}
		break;
	case CMD_TEXT:
		if (out->text)
			fputs(out->text, fp);
		break;
	}
}
