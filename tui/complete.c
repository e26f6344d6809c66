/* tui/complete.c: what Tab offers on the ':' line, from the tables that
 * define the language: command names and aliases, subcommands, a
 * command's --options, the words its usage lists (upheld|dismissed),
 * the values some options take, handles (the accounts query, by prefix)
 * after '@', and reason templates after --reason. */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "../cmd/cmd.h"
#include "command.h"
#include "complete.h"

static struct tui *cui;
static bool enabled;
static char **cands;
static size_t ncands, gen_at;

struct list {
	char **v;
	size_t n;
};

static void
add(struct list *l, const char *word, const char *prefix)
{
	size_t i;

	if (!str_prefix(word, prefix))
		return;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], word) == 0)
			return;
	l->v = xreallocarray(l->v, l->n + 2, sizeof *l->v);
	l->v[l->n++] = xstrdup(word);
	l->v[l->n] = NULL;
}

static void
add_words(struct list *l, const char *const *words, const char *prefix)
{
	for (; *words; words++)
		add(l, *words, prefix);
}

/* "a,b,c" */
static void
add_csv(struct list *l, const char *csv, const char *prefix)
{
	char *copy = xstrdup(csv), *p, *save = NULL;

	for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save))
		add(l, p, prefix);
	free(copy);
}

/* Words of a usage string like "upheld|dismissed" or "phone|email". */
static void
add_usage_choices(struct list *l, const char *usage, const char *prefix)
{
	char *copy = xstrdup(usage), *p, *save = NULL;

	for (p = strtok_r(copy, " []", &save); p;
	    p = strtok_r(NULL, " []", &save)) {
		char *q, *s2 = NULL;

		if (strchr(p, '|') == NULL || p[0] == '-')
			continue;
		for (q = strtok_r(p, "|", &s2); q; q = strtok_r(NULL, "|", &s2))
			if (strspn(q, "abcdefghijklmnopqrstuvwxyz_") ==
			    strlen(q) && *q)
				add(l, q, prefix);
	}
	free(copy);
}

static void
add_query(struct list *l, const char *what, const char *k, const char *v,
    const char *col, const char *prefix)
{
	struct rows *r = NULL;
	struct werr e;
	size_t i;

	werr_clear(&e);
	if ((v ? store_queryv(cui->st, &r, &e, what, k, v, NULL) :
	    store_queryv(cui->st, &r, &e, what, NULL)) < 0)
		return;
	for (i = 0; i < r->nrows; i++) {
		const char *s = rows_text(r, i, col);
		char *w;

		if (s == NULL)
			continue;
		w = xasprintf("@%s", s);
		add(l, w, prefix);
		free(w);
	}
	rows_free(r);
}

static const struct cmd_entry *
entry_of(char **words, size_t n, size_t *used)
{
	const struct cmd_entry *en, *sub;
	struct werr e;

	*used = 0;
	if (n == 0 || (en = cmd_lookup(words[0], &e)) == NULL)
		return NULL;
	*used = 1;
	if (en->subs && n > 1 && (sub = cmd_lookup_sub(en, words[1], &e))) {
		*used = 2;
		return sub;
	}
	return en;
}

static const char *const queue_sorts[] = { "priority", "age", "flags", NULL };

/* The values of an option, where the language has a fixed list. */
static void
add_option_values(struct list *l, const struct cmd_entry *en,
    const char *opt, const char *prefix)
{
	if (str_eq(opt, "reason")) {
		if (!command_entry_writes(en)) {
			add_words(l, flag_reasons, prefix);
			return;
		}
		/* A write's reason: the saved templates. */
		add_query(l, "templates", "name", NULL, "name", prefix);
		return;
	}
	if (str_eq(opt, "status")) {
		if (str_eq(en->name, "queue"))
			add_words(l, account_statuses, prefix);
		else if (str_eq(en->name, "flags"))
			add_words(l, flag_statuses, prefix);
		else if (str_eq(en->name, "appeals")) {
			add_words(l, appeal_statuses, prefix);
			add(l, "all", prefix);
		} else if (str_eq(en->name, "escalations"))
			add_words(l, escalation_statuses, prefix);
	} else if (str_eq(opt, "sort")) {
		add_words(l, queue_sorts, prefix);
	} else if (str_eq(opt, "kind")) {
		add_words(l, escalation_kinds, prefix);
	} else if (str_eq(opt, "role")) {
		add_words(l, roles, prefix);
	} else if (str_eq(opt, "format")) {
		add_csv(l, "table,tsv,json", prefix);
	}
}

char **
complete_candidates(struct tui *ui, const char *line, int start,
    const char *word)
{
	struct list l = { 0 };
	char *before = xstrndup(line, (size_t)start), *p, *save = NULL;
	char **words = NULL;
	const struct cmd_entry *en;
	const struct cmd_entry *const *t;
	size_t n = 0, used = 0;

	cui = ui;
	for (p = strtok_r(before, " \t", &save); p;
	    p = strtok_r(NULL, " \t", &save)) {
		words = xreallocarray(words, n + 1, sizeof *words);
		words[n++] = p;
	}
	en = entry_of(words, n, &used);
	if (n == 0) {
		for (t = cmd_table; *t; t++) {
			if ((*t)->flags & CMD_HIDDEN)
				continue;
			if (ui->read_only && command_entry_writes(*t))
				continue;
			add(&l, (*t)->name, word);
			if ((*t)->aliases && *(*t)->aliases)
				add_csv(&l, (*t)->aliases, word);
		}
	} else if (en && en->subs && n == 1) {
		for (t = en->subs; *t; t++)
			add(&l, (*t)->name, word);
	} else if (en && word[0] == '-') {
		const struct cmd_opt *o;

		for (o = en->opts; o && o->name; o++) {
			char *w = xasprintf("--%s", o->name);

			add(&l, w, word);
			free(w);
		}
	} else if (en && n > used && words[n - 1][0] == '-' &&
	    words[n - 1][1] == '-') {
		/* the value of an option */
		const char *opt = words[n - 1] + 2;

		if (str_eq(opt, "reason") && (word[0] == '@' || !word[0]) &&
		    cmd_is_write(en))
			add_query(&l, "templates", "name", NULL, "name", word);
		else
			add_option_values(&l, en, opt, word);
		if (word[0] == '@' && !str_eq(opt, "reason")) {
			/* --account @x, --reporter @x */
			add_query(&l, "accounts", "q", word + 1, "handle",
			    word);
		}
	} else if (en && word[0] == '@') {
		add_query(&l, "accounts", "q", word + 1, "handle", word);
	} else if (en) {
		add_usage_choices(&l, en->usage, word);
	}
	free(words);
	free(before);
	if (l.v == NULL) {
		l.v = xcalloc(1, sizeof *l.v);
	}
	return l.v;
}

static void
drop_cands(void)
{
	size_t i;

	for (i = 0; i < ncands; i++)
		free(cands[i]);
	free(cands);
	cands = NULL;
	ncands = 0;
}

static char *
generate(const char *text, int state)
{
	(void)text;
	if (state == 0)
		gen_at = 0;
	if (gen_at < ncands)
		return xstrdup(cands[gen_at++]);
	return NULL;
}

static char **
attempt(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;	/* never file names */
	if (!enabled)
		return NULL;
	drop_cands();
	cands = complete_candidates(cui, rl_line_buffer, start, text);
	for (ncands = 0; cands[ncands]; ncands++)
		;
	if (ncands == 0)
		return NULL;
	return rl_completion_matches(text, generate);
}

void
complete_init(struct tui *ui)
{
	cui = ui;
	rl_attempted_completion_function = attempt;
	/* '@' belongs to a handle and '-' to an option: only blanks part
	 * words. */
	rl_completer_word_break_characters = " \t";
	rl_basic_word_break_characters = " \t";
	rl_completer_quote_characters = "'\"";
	rl_completion_query_items = 200;
	/* The matches are drawn by our hook; a list of 200 is no bother. */
	rl_variable_bind("page-completions", "off");
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_variable_bind("bell-style", "none");
}

void
complete_set(bool on)
{
	enabled = on;
}

void
complete_end(void)
{
	drop_cands();
}
