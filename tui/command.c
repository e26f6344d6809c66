/* tui/command.c: every action of the console is a line of the command
 * language, run through cmd_run() as `warden -c` would run it.  Here the
 * %names of a line are filled from the selected (or tagged) lines, and
 * what the command shows lands where a moderator looks for it: a write's
 * result on the message line, a list in its view (the queue, the audit
 * log, ...), anything else in a results view. */
#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "../cmd/cmd.h"
#include "../cmd/tokenize.h"
#include "command.h"

/* What one run of a line produced. */
struct run {
	struct view *open;	/* a view to push */
	const struct view_ops *tab;	/* a Tab view to show, filtered */
	const char *params;	/* the filters its query takes */
	struct buf results;	/* what the writes did, one line */
	bool wrote;		/* something was applied (not a dry run) */
	bool error;
	bool said;		/* a message was given */
};

static struct run *current;

/* The views a listing command has, and the parameters their query takes
 * from the command's options. */
static const struct {
	const char *command;
	const char *view;
	const char *params;
} listings[] = {
	{ "queue", "queue", "status,reason,trust,claimed,sort" },
	{ "log", "audit", "actor,account,action,since,until,target" },
	{ "appeals", "appeals", "status,account" },
	{ "escalations", "escalations", "status,assignee,overdue,account" },
	{ "search", "search", "" },
};

static void
on_emit(struct cmd_ctx *ctx, const struct cmd_output *out)
{
	struct tui *ui = ctx->user;
	struct run *r = current;
	size_t i;

	if (r == NULL)
		return;
	switch (out->shape) {
	case CMD_RESULTS:
		for (i = 0; i < out->nresults; i++) {
			if (r->results.len)
				buf_adds(&r->results, "; ");
			buf_adds(&r->results, out->results[i].message ?
			    out->results[i].message : "done");
			if (!out->acts || !out->acts[i].dry_run)
				r->wrote = true;
			if (out->results[i].data) {
				view_free(r->open);
				r->open = results_view_new(ui, out);
			}
		}
		return;
	case CMD_LIST:
		for (i = 0; i < W_NELEM(listings); i++)
			if (str_eq(out->command, listings[i].command) &&
			    (r->tab = view_by_name(listings[i].view)) &&
			    r->tab->filter) {
				r->params = listings[i].params;
				return;
			}
		r->tab = NULL;
		break;
	case CMD_RECORD:
		if (out->rows && out->rows->nrows > 0 &&
		    str_eq(out->command, "show")) {
			view_free(r->open);
			r->open = account_view_new(ui,
			    rows_int(out->rows, 0, "id", 0));
			return;
		}
		if (out->rows && out->rows->nrows > 0 &&
		    str_eq(out->command, "thread")) {
			view_free(r->open);
			r->open = thread_view_new(ui,
			    rows_int(out->rows, 0, "id", 0), 0);
			return;
		}
		break;
	case CMD_TEXT:
		break;
	}
	view_free(r->open);
	r->open = results_view_new(ui, out);
}

static void
on_message(struct cmd_ctx *ctx, enum cmd_level level, const char *text)
{
	struct tui *ui = ctx->user;

	if (current && current->error && level != CMD_ERROR)
		return;		/* the error is what the moderator needs */
	tui_message(ui, level != CMD_INFO, "%s", text ? text : "");
	if (current) {
		current->said = true;
		if (level == CMD_ERROR)
			current->error = true;
	}
}

static bool
on_confirm(struct cmd_ctx *ctx, const char *question,
    const struct cmd_output *preview)
{
	struct tui *ui = ctx->user;
	struct buf b = BUF_INIT;
	size_t i;
	bool yes;

	if (preview && preview->shape == CMD_RESULTS) {
		buf_printf(&b, "This will do, in one transaction:\n");
		for (i = 0; i < preview->nresults; i++)
			buf_printf(&b, "  %s\n", preview->results[i].message ?
			    preview->results[i].message : "");
	}
	yes = ui_confirm(ui, question ? question : "Go ahead?", buf_str(&b));
	buf_free(&b);
	return yes;
}

void
command_attach(struct tui *ui, struct cmd_ctx *ctx, struct cmd_hooks *saved)
{
	saved->emit = ctx->emit;
	saved->message = ctx->message;
	saved->confirm = ctx->confirm;
	saved->user = ctx->user;
	ctx->emit = on_emit;
	ctx->message = on_message;
	ctx->confirm = on_confirm;
	ctx->user = ui;
}

void
command_detach(struct cmd_ctx *ctx, const struct cmd_hooks *saved)
{
	ctx->emit = saved->emit;
	ctx->message = saved->message;
	ctx->confirm = saved->confirm;
	ctx->user = saved->user;
}

/* A value as one word of the command language. */
static void
add_word(struct buf *b, const char *v)
{
	const char *p;

	if (*v && strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789@._-:+") == strlen(v)) {
		buf_adds(b, v);
		return;
	}
	buf_addc(b, '"');
	for (p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		if (*p == '\n')
			buf_adds(b, "\\n");
		else if (*p == '\t')
			buf_adds(b, "\\t");
		else
			buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

static const char *
tag_value(const struct tag *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nvals; i++)
		if (strcmp(t->vals[i].k, name) == 0)
			return t->vals[i].v;
	return NULL;
}

bool
command_expand(struct tui *ui, struct view *v, const char *line,
    struct buf *out)
{
	const char *p = line;
	struct buf val = BUF_INIT;
	size_t i, k, n;
	bool ok = true;

	buf_reset(out);
	while (*p) {
		if (*p != '%') {
			buf_addc(out, *p++);
			continue;
		}
		if (p[1] == '%') {
			buf_addc(out, '%');
			p += 2;
			continue;
		}
		for (i = 0; view_value_names[i]; i++) {
			n = strlen(view_value_names[i]);
			if (strncmp(p + 1, view_value_names[i], n) == 0 &&
			    !((p[1 + n] >= 'a' && p[1 + n] <= 'z') ||
			    p[1 + n] == '_'))
				break;
		}
		if (view_value_names[i] == NULL) {
			buf_addc(out, *p++);
			continue;
		}
		p += 1 + n;
		if (v && v->ntags > 0) {
			/* Every tagged line's value, once each. */
			size_t added = 0;

			for (k = 0; k < v->ntags; k++) {
				const char *tv = tag_value(&v->tags[k],
				    view_value_names[i]);

				if (tv == NULL)
					continue;
				if (added++)
					buf_addc(out, ' ');
				add_word(out, tv);
			}
			if (added == 0) {
				tui_message(ui, true, "no tagged line names "
				    "%s %s", strchr("aeiou",
				    view_value_names[i][0]) ? "an" : "a",
				    view_value_names[i]);
				ok = false;
				break;
			}
			continue;
		}
		buf_reset(&val);
		if (v == NULL || !view_value(v, v->lineno, view_value_names[i],
		    &val)) {
			tui_message(ui, true, "this line names no %s",
			    view_value_names[i]);
			ok = false;
			break;
		}
		add_word(out, val.s);
	}
	buf_free(&val);
	return ok;
}

bool
command_entry_writes(const struct cmd_entry *en)
{
	return cmd_is_write(en) && !(en->flags & CMD_READONLY);
}

bool
command_is_write(const char *line)
{
	struct tokens t = { 0 };
	struct werr e;
	const struct cmd_entry *en;
	bool write = false;

	if (*line == '!')
		line++;
	if (tokenize(line, strlen(line), &t, &e) < 0 || t.n == 0) {
		tokens_free(&t);
		return false;
	}
	en = cmd_lookup(t.v[0].s, &e);
	write = en != NULL && command_entry_writes(en);
	if (en && en->subs && t.n > 1) {
		const struct cmd_entry *sub = cmd_lookup_sub(en, t.v[1].s, &e);

		write = sub != NULL && !(sub->flags & CMD_READONLY);
	}
	tokens_free(&t);
	return write;
}

static bool
listed(const char *list, const char *name, size_t n)
{
	while (*list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len == n && strncmp(list, name, n) == 0)
			return true;
		if (end == NULL)
			break;
		list = end + 1;
	}
	return false;
}

/* The options of a listing line as its view's filters: the command has
 * checked them already, so only the ones the query takes are lifted. */
static void
apply_filters(struct view *v, const char *line, const char *params)
{
	struct tokens t = { 0 };
	struct buf words = BUF_INIT;
	struct werr e;
	size_t i;

	if (tokenize(line, strlen(line), &t, &e) < 0)
		return;
	view_set_filter(v, NULL, NULL);
	for (i = 1; i < t.n; i++) {
		const char *s = t.v[i].s, *eq, *val = NULL;
		char name[32];
		size_t n;

		if (!t.v[i].dash) {
			if (words.len)
				buf_addc(&words, ' ');
			buf_adds(&words, s);
			continue;
		}
		if (s[1] != '-')
			continue;
		s += 2;
		eq = strchr(s, '=');
		n = eq ? (size_t)(eq - s) : strlen(s);
		if (eq)
			val = eq + 1;
		else if (i + 1 < t.n && !t.v[i + 1].dash)
			val = t.v[++i].s;
		else
			val = "1";	/* a flag: --overdue */
		if (n >= sizeof name || !listed(params, s, n))
			continue;
		memcpy(name, s, n);
		name[n] = '\0';
		view_set_filter(v, name, val);
	}
	if (*params == '\0')
		view_set_filter(v, "q", buf_str(&words));
	buf_free(&words);
	tokens_free(&t);
}

static int
tab_index(const struct view_ops *ops)
{
	size_t i;

	for (i = 0; i < ntab_views; i++)
		if (tab_views[i] == ops)
			return (int)i;
	return -1;
}

unsigned
tui_command(struct tui *ui, const char *line)
{
	struct view *v = tui_top(ui);
	struct buf full = BUF_INIT;
	struct run r = { 0 };
	unsigned re = RE_STATUS;
	enum werr_kind kind;
	int tab;

	if (ui->cmd == NULL) {
		tui_message(ui, true, "the command language is not here");
		return RE_STATUS;
	}
	if (!command_expand(ui, v, line, &full)) {
		buf_free(&full);
		return RE_STATUS;
	}
	buf_reset(&ui->message);
	ui->message_error = false;
	ui->cmd->width = ui->cols;
	current = &r;
	kind = cmd_run(ui->cmd, buf_str(&full));
	current = NULL;
	if (r.results.len && !r.error)
		tui_message(ui, false, "%s", r.results.s);
	else if (kind == WE_OK && !r.said && !r.open && !r.tab)
		tui_message(ui, false, "ok: %s", buf_str(&full));
	if (r.wrote) {
		/* Every view may show what changed; the tags were used. */
		re |= RE_RELOAD | RE_COUNTS;
		if (v)
			view_untag_all(v);
	}
	if (r.tab && kind == WE_OK && (tab = tab_index(r.tab)) >= 0) {
		/* The filters first, then one read from the top: not the
		 * old filters' page, nor the pages down to where the
		 * selection was. */
		struct view *tv = tui_tab(ui, tab);

		apply_filters(tv, buf_str(&full), r.params);
		tv->lineno = tv->offset = 0;
		tv->stale = true;
		tui_show_tab(ui, tab);
		re |= RE_REDRAW;
	}
	if (r.open) {
		if (kind == WE_OK) {
			tui_push(ui, r.open);
			re |= RE_REDRAW;
		} else {
			view_free(r.open);
		}
	}
	if (ui->cmd->quit) {
		ui->cmd->quit = false;
		re |= RE_QUIT;
	}
	buf_free(&r.results);
	buf_free(&full);
	return re;
}
