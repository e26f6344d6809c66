/* tests/fuzz/fuzz_tokenizer.c: libFuzzer harness for the command
 * language's tokenizer and parser (cmd/tokenize.c, cmd/parse.c).  For any
 * bytes:
 *   - tokenize() either fails with a message, or gives words that are NUL
 *     free, as long as they say, with columns inside the line;
 *   - tokenizing is deterministic;
 *   - the words, each written back in single quotes (a ' inside as \'),
 *     tokenize to the same words: what a front end quotes comes back
 *     as it was;
 *   - cmd_parse() either fails with a message, or names an entry of the
 *     table and its arguments and options, each within the entry's
 *     limits;
 *   - nothing leaks (LeakSanitizer). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The words again, each in single quotes. */
static void
requote(const struct tokens *t, struct buf *b)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		if (i)
			buf_addc(b, ' ');
		buf_addc(b, '\'');
		for (j = 0; j < t->v[i].len; j++) {
			if (t->v[i].s[j] == '\'')
				buf_adds(b, "'\\''");
			else
				buf_addc(b, t->v[i].s[j]);
		}
		buf_addc(b, '\'');
	}
}

static void
check_requoted(const struct tokens *t)
{
	struct buf b = BUF_INIT;
	struct tokens again;
	struct werr e;
	size_t i;

	requote(t, &b);
	if (b.len > CMD_LINE_MAX) {
		buf_free(&b);
		return;
	}
	if (tokenize(buf_str(&b), b.len, &again, &e) < 0 || again.n != t->n)
		abort();
	for (i = 0; i < t->n; i++)
		if (again.v[i].len != t->v[i].len ||
		    memcmp(again.v[i].s, t->v[i].s, t->v[i].len) != 0 ||
		    again.v[i].dash)
			abort();
	tokens_free(&again);
	buf_free(&b);
}

static void
check_tokens(const char *line, size_t size)
{
	struct tokens t, again;
	struct werr e, e2;
	size_t i;
	int rc = tokenize(line, size, &t, &e);

	if (rc < 0) {
		if (e.msg[0] == '\0' || e.kind == WE_OK)
			abort();
		if (tokenize(line, size, &again, &e2) == 0 ||
		    strcmp(e.msg, e2.msg) != 0)
			abort();
		return;
	}
	for (i = 0; i < t.n; i++) {
		if (strlen(t.v[i].s) != t.v[i].len)
			abort();
		if (t.v[i].col < 1 || (size_t)t.v[i].col > size)
			abort();
	}
	if (tokenize(line, size, &again, &e2) < 0 || again.n != t.n)
		abort();
	for (i = 0; i < t.n; i++)
		if (strcmp(t.v[i].s, again.v[i].s) != 0 ||
		    t.v[i].dash != again.v[i].dash ||
		    t.v[i].quoted != again.v[i].quoted ||
		    t.v[i].col != again.v[i].col)
			abort();
	tokens_free(&again);
	check_requoted(&t);
	tokens_free(&t);
}

static void
check_parse(const char *line, size_t size)
{
	struct cmd_args a;
	struct werr e;
	bool empty;
	size_t i;

	if (cmd_parse(line, size, &a, &empty, &e) < 0) {
		if (e.msg[0] == '\0')
			abort();
		return;
	}
	if (!empty) {
		const struct cmd_entry *en = a.entry;

		if (en == NULL || (en->run == NULL && en->plan == NULL))
			abort();
		if ((int)a.argc < en->min_args ||
		    (en->max_args >= 0 && (int)a.argc > en->max_args))
			abort();
		for (i = 0; i < a.nopts; i++)
			if (a.opts[i].value == NULL ||
			    (a.opts[i].opt->arg == NULL && *a.opts[i].value))
				abort();
	}
	cmd_args_free(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* also look the first word up on its own, as completion does */
	char word[64];
	struct werr e;
	size_t n = 0;

	check_tokens((const char *)data, size);
	check_parse((const char *)data, size);
	while (n < size && n + 1 < sizeof word && data[n] != ' ' && data[n])
		n++;
	memcpy(word, data, n);
	word[n] = '\0';
	(void)cmd_lookup(word, &e);
	return 0;
}
