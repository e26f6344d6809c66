/* cmd/tokenize.c: a command line into words (see tokenize.h). */
#include "tokenize.h"

#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"

int
text_column(const char *line, size_t off)
{
	int col = 1;
	size_t i;

	/* continuation bytes do not start a character */
	for (i = 0; i < off && line[i]; i++)
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static int
check_bytes(const char *line, size_t len, struct werr *e)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t i = 0;
	unsigned cp;

	if (len > CMD_LINE_MAX)
		return werr_set(e, WE_INVALID, "the line is %zu bytes long; a "
		    "command line holds at most %d", len, CMD_LINE_MAX);
	while (i < len) {
		size_t n;

		if (p[i] == '\0')
			return werr_set(e, WE_INVALID, "a NUL byte at column "
			    "%d", text_column(line, i));
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0)
			return werr_set(e, WE_INVALID, "invalid UTF-8 at "
			    "column %d (byte \\x%02x)", text_column(line, i),
			    p[i]);
		i += n;
	}
	return 0;
}

static void
add_token(struct tokens *t, struct buf *b, int col, bool dash, bool quoted)
{
	struct token *tk;

	t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
	tk = &t->v[t->n++];
	tk->len = b->len;
	tk->s = buf_steal(b);
	tk->col = col;
	tk->dash = dash;
	tk->quoted = quoted;
}

/* A backslash at line[i]; appends what it stands for.  Returns the bytes
 * used, or 0 on error. */
static size_t
escape(const char *line, size_t len, size_t i, struct buf *b, struct werr *e)
{
	unsigned cp;
	size_t n;

	if (i + 1 >= len) {
		werr_set(e, WE_USAGE, "a backslash at the end of the line "
		    "(column %d) escapes nothing", text_column(line, i));
		return 0;
	}
	switch (line[i + 1]) {
	case 'n':
		buf_addc(b, '\n');
		return 2;
	case 't':
		buf_addc(b, '\t');
		return 2;
	case '\\': case '\'': case '"': case '#': case '@': case ' ':
		buf_addc(b, line[i + 1]);
		return 2;
	default:
		n = utf8_decode((const unsigned char *)line + i + 1,
		    len - i - 1, &cp);
		werr_set(e, WE_USAGE, "unknown escape '\\%.*s' at column %d: "
		    "write \\\\ for a backslash", (int)(n ? n : 1),
		    line + i + 1, text_column(line, i));
		return 0;
	}
}

int
tokenize(const char *line, size_t len, struct tokens *out, struct werr *e)
{
	struct buf b = BUF_INIT;
	size_t i = 0;

	memset(out, 0, sizeof *out);
	if (check_bytes(line, len, e) < 0)
		return -1;
	while (i < len) {
		size_t start;
		bool dash, quoted = false;

		while (i < len && (line[i] == ' ' || line[i] == '\t' ||
		    line[i] == '\r' || line[i] == '\n'))
			i++;
		if (i >= len || line[i] == '#')
			break;
		start = i;
		dash = line[i] == '-';
		/* an empty quoted word ('') is still a word: buf_steal()
		 * gives "" for it */
		buf_free(&b);
		while (i < len && line[i] != ' ' && line[i] != '\t' &&
		    line[i] != '\r' && line[i] != '\n') {
			char q = line[i];
			size_t open = i, n;

			if (q == '\\') {
				if ((n = escape(line, len, i, &b, e)) == 0)
					goto fail;
				quoted = true;
				i += n;
			} else if (q == '\'' || q == '"') {
				quoted = true;
				i++;
				while (i < len && line[i] != q) {
					if (q == '"' && line[i] == '\\') {
						n = escape(line, len, i, &b, e);
						if (n == 0)
							goto fail;
						i += n;
					} else
						buf_addc(&b, line[i++]);
				}
				if (i >= len) {
					werr_set(e, WE_USAGE, "unbalanced "
					    "quote: the %c at column %d is "
					    "never closed", q,
					    text_column(line, open));
					goto fail;
				}
				i++;
			} else
				buf_addc(&b, line[i++]);
		}
		add_token(out, &b, text_column(line, start), dash, quoted);
	}
	buf_free(&b);
	return 0;
fail:
	buf_free(&b);
	tokens_free(out);
	return -1;
}

void
tokens_free(struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
	memset(t, 0, sizeof *t);
}
