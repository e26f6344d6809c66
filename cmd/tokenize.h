/* cmd/tokenize.h: a command line into words.
 *
 *   words      separated by spaces and tabs
 *   '...'      literal: nothing inside is special
 *   "..."      backslash escapes work inside, nothing else is special
 *   \n \t      newline, tab; \\ \' \" \# \@ and "\ " stand for themselves;
 *              any other backslash is an error (so that a typo does not
 *              reach the audit log in silence)
 *   #          at the start of a word: a comment to the end of the line
 *
 * Parts join: --reason="two words" is one word.  A word whose first
 * character is an unquoted '-' may be an option; a quoted one never is
 * ("--" as data).  Columns count characters from 1. */
#ifndef WARDEN_TOKENIZE_H
#define WARDEN_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "../data/model.h"

struct token {
	char *s;	/* NUL-terminated; may hold newlines from \n */
	size_t len;
	int col;	/* where the word starts, 1-based characters */
	bool dash;	/* starts with an unquoted, unescaped '-' */
	bool quoted;	/* some part of it was quoted or escaped */
};

struct tokens {
	size_t n;
	struct token *v;
};

/* The longest line the language reads, in bytes. */
#define CMD_LINE_MAX 16384

/* Splits line[0..len).  Refuses NUL bytes, invalid UTF-8 and lines
 * longer than CMD_LINE_MAX (WE_INVALID), an unbalanced quote or a bad
 * escape (WE_USAGE); the message names the column. */
int tokenize(const char *line, size_t len, struct tokens *out,
    struct werr *e);
void tokens_free(struct tokens *t);

/* The column (1-based characters) of byte offset off in line. */
int text_column(const char *line, size_t off);

#endif
