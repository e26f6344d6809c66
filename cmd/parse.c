/* cmd/parse.c: a line into an entry, its options and its arguments. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Is word one of the comma-separated aliases? */
static bool
is_alias(const char *aliases, const char *word)
{
	size_t n = strlen(word);
	const char *p = aliases;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* The closest name or alias, when it is close enough to be a typo. */
static const char *
closest(const struct cmd_entry *const *list, const char *word)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, i;

	for (i = 0; list[i]; i++) {
		size_t d;

		if (list[i]->flags & CMD_HIDDEN)
			continue;
		d = str_edit_distance(word, list[i]->name);
		if (d < bestd) {
			bestd = d;
			best = list[i]->name;
		}
	}
	if (best && bestd <= 2 && bestd < strlen(word))
		return best;
	return NULL;
}

/* what: "command"; help: the command that lists them ("help") */
static const struct cmd_entry *
lookup(const struct cmd_entry *const *list, const char *what,
    const char *help, const char *word, struct werr *e)
{
	const struct cmd_entry *found = NULL;
	struct buf b = BUF_INIT;
	size_t i, n = 0;
	const char *near;

	for (i = 0; list[i]; i++)
		if (strcmp(list[i]->name, word) == 0 ||
		    is_alias(list[i]->aliases, word))
			return list[i];
	/* A destructive command is written in full, so that a short word
	 * never bans anyone. */
	for (i = 0; *word && list[i]; i++) {
		if ((list[i]->flags & (CMD_DESTRUCTIVE | CMD_HIDDEN)) ||
		    !str_prefix(list[i]->name, word))
			continue;
		found = list[i];
		n++;
	}
	if (n == 1)
		return found;
	if (n > 1) {
		for (i = 0; list[i]; i++) {
			if ((list[i]->flags & (CMD_DESTRUCTIVE | CMD_HIDDEN)) ||
			    !str_prefix(list[i]->name, word))
				continue;
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    list[i]->name);
		}
		werr_set(e, WE_USAGE, "ambiguous %s '%s', could be: %s", what,
		    word, b.s);
		buf_free(&b);
		return NULL;
	}
	near = closest(list, word);
	if (near)
		werr_set(e, WE_USAGE, "unknown %s '%s' \xe2\x80\x94 did you "
		    "mean '%s'?", what, word, near);
	else
		werr_set(e, WE_USAGE, "unknown %s '%s'; '%s' lists them",
		    what, word, help);
	return NULL;
}

const struct cmd_entry *
cmd_lookup(const char *word, struct werr *e)
{
	return lookup(cmd_table, "command", "help", word, e);
}

const struct cmd_entry *
cmd_lookup_sub(const struct cmd_entry *parent, const char *word,
    struct werr *e)
{
	char what[64], help[64];

	snprintf(what, sizeof what, "%s subcommand", parent->name);
	snprintf(help, sizeof help, "help %s", parent->name);
	return lookup(parent->subs, what, help, word, e);
}

bool
cmd_is_write(const struct cmd_entry *entry)
{
	return entry->plan != NULL;
}

bool
cmd_line_needs_store(const char *line)
{
	struct cmd_args a;
	struct werr e;
	bool empty, needs;

	if (cmd_parse(line, strlen(line), &a, &empty, &e) < 0)
		return true;
	needs = !empty && !(a.entry->flags & CMD_NOSTORE);
	cmd_args_free(&a);
	return needs;
}

static const struct cmd_opt *
find_opt(const struct cmd_entry *en, const char *name, size_t len,
    char short_name)
{
	const struct cmd_opt *o;

	for (o = en->opts; o && o->name; o++) {
		if (short_name && o->short_name == short_name)
			return o;
		if (!short_name && strlen(o->name) == len &&
		    strncmp(o->name, name, len) == 0)
			return o;
	}
	return NULL;
}

static int
unknown_opt(const struct cmd_args *a, const char *word, size_t len, int col,
    struct werr *e)
{
	const struct cmd_opt *o;
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	char *w = xstrndup(word, len);

	for (o = a->entry->opts; o && o->name; o++) {
		size_t d = str_edit_distance(w + 2, o->name);

		if (d < bestd) {
			bestd = d;
			best = o->name;
		}
	}
	if (best && bestd <= 2 && bestd < strlen(w + 2))
		werr_set(e, WE_USAGE, "%s has no option %s (column %d) "
		    "\xe2\x80\x94 did you mean --%s?", a->name, w, col, best);
	else
		werr_set(e, WE_USAGE, "%s has no option %s (column %d); see "
		    "'help %s'", a->name, w, col, a->name);
	free(w);
	return -1;
}

static void
add_opt(struct cmd_args *a, const struct cmd_opt *o, const char *v, int col,
    int vcol)
{
	a->opts = xreallocarray(a->opts, a->nopts + 1, sizeof *a->opts);
	a->opts[a->nopts].opt = o;
	a->opts[a->nopts].value = v;
	a->opts[a->nopts].col = col;
	a->opts[a->nopts].vcol = vcol;
	a->nopts++;
}

static void
add_arg(struct cmd_args *a, const char *s, int col)
{
	a->argv = xreallocarray(a->argv, a->argc + 1, sizeof *a->argv);
	a->argv[a->argc].s = s;
	a->argv[a->argc].col = col;
	a->argc++;
}

/* Options and arguments from toks[from..]. */
static int
parse_rest(struct cmd_args *a, size_t from, struct werr *e)
{
	struct tokens *t = &a->toks;
	bool options = true;
	size_t i;

	for (i = from; i < t->n; i++) {
		struct token *tk = &t->v[i];
		const struct cmd_opt *o;
		const char *eq, *name;
		size_t len;

		if (!options || !tk->dash || tk->len < 2 ||
		    (tk->s[1] >= '0' && tk->s[1] <= '9')) {
			add_arg(a, tk->s, tk->col);
			continue;
		}
		if (strcmp(tk->s, "--") == 0) {
			options = false;
			continue;
		}
		if (tk->s[1] == '-') {
			name = tk->s + 2;
			eq = strchr(name, '=');
			len = eq ? (size_t)(eq - name) : strlen(name);
			o = find_opt(a->entry, name, len, 0);
			if (o == NULL)
				return unknown_opt(a, tk->s, len + 2, tk->col,
				    e);
		} else {
			if (tk->len != 2)
				return werr_set(e, WE_USAGE, "'%s' at column "
				    "%d: short options come one per word "
				    "(-r TEXT)", tk->s, tk->col);
			eq = NULL;
			o = find_opt(a->entry, NULL, 0, tk->s[1]);
			if (o == NULL)
				return werr_set(e, WE_USAGE, "%s has no option "
				    "%s (column %d); see 'help %s'", a->name,
				    tk->s, tk->col, a->name);
		}
		if (o->arg == NULL) {
			if (eq)
				return werr_set(e, WE_USAGE, "--%s takes no "
				    "value (column %d)", o->name, tk->col);
			add_opt(a, o, "", tk->col, tk->col);
		} else if (eq)
			/* quoting may have moved bytes: near enough */
			add_opt(a, o, eq + 1, tk->col, tk->col +
			    text_column(tk->s, (size_t)(eq + 1 - tk->s)) - 1);
		else if (i + 1 < t->n) {
			add_opt(a, o, t->v[i + 1].s, tk->col, t->v[i + 1].col);
			i++;
		} else
			return werr_set(e, WE_USAGE, "--%s needs a value: --%s "
			    "%s", o->name, o->name, o->arg);
	}
	return 0;
}

static int
check_count(const struct cmd_args *a, struct werr *e)
{
	const struct cmd_entry *en = a->entry;

	if ((int)a->argc < en->min_args)
		return werr_set(e, WE_USAGE, "%s needs more arguments; "
		    "usage: %s", a->name, en->usage);
	if (en->max_args >= 0 && (int)a->argc > en->max_args)
		return werr_set(e, WE_USAGE, "too many arguments for %s: "
		    "'%s' at column %d; usage: %s", a->name,
		    a->argv[en->max_args].s, a->argv[en->max_args].col,
		    en->usage);
	return 0;
}

static void
sub_names(const struct cmd_entry *en, struct buf *b)
{
	size_t i;

	for (i = 0; en->subs[i]; i++)
		buf_printf(b, "%s%s", i ? ", " : "", en->subs[i]->name);
}

int
cmd_parse(const char *line, size_t len, struct cmd_args *a, bool *empty,
    struct werr *e)
{
	const struct cmd_entry *en;
	struct token *t0;
	size_t next = 1;

	memset(a, 0, sizeof *a);
	*empty = false;
	if (tokenize(line, len, &a->toks, e) < 0)
		return -1;
	if (a->toks.n == 0) {
		*empty = true;
		return 0;
	}
	t0 = &a->toks.v[0];
	if (t0->dash) {
		werr_set(e, WE_USAGE, "a line starts with a command, not an "
		    "option ('%s'); 'help' lists the commands", t0->s);
		goto fail;
	}
	if ((en = cmd_lookup(t0->s, e)) == NULL)
		goto fail;
	snprintf(a->name, sizeof a->name, "%s", en->name);
	if (en->subs) {
		struct buf b = BUF_INIT;
		const struct cmd_entry *sub;

		if (a->toks.n < 2 || a->toks.v[1].dash) {
			sub_names(en, &b);
			werr_set(e, WE_USAGE, "%s needs one of: %s; see 'help "
			    "%s'", en->name, b.s, en->name);
			buf_free(&b);
			goto fail;
		}
		if ((sub = cmd_lookup_sub(en, a->toks.v[1].s, e)) == NULL)
			goto fail;
		a->parent = en;
		snprintf(a->name, sizeof a->name, "%s %s", en->name, sub->name);
		en = sub;
		next = 2;
	}
	a->entry = en;
	if (parse_rest(a, next, e) < 0 || check_count(a, e) < 0)
		goto fail;
	return 0;
fail:
	cmd_args_free(a);
	return -1;
}

void
cmd_args_free(struct cmd_args *a)
{
	free(a->argv);
	free(a->opts);
	tokens_free(&a->toks);
	memset(a, 0, sizeof *a);
}

const char *
arg_opt(const struct cmd_args *a, const char *name)
{
	size_t i;

	for (i = a->nopts; i-- > 0;)
		if (strcmp(a->opts[i].opt->name, name) == 0)
			return a->opts[i].value;
	return NULL;
}

bool
arg_flag(const struct cmd_args *a, const char *name)
{
	return arg_opt(a, name) != NULL;
}

int
arg_col(const struct cmd_args *a, const char *name)
{
	size_t i;

	for (i = a->nopts; i-- > 0;)
		if (strcmp(a->opts[i].opt->name, name) == 0)
			return a->opts[i].vcol;
	return 0;
}
