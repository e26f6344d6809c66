/* tui/view_help.c: the ? overlay, built from the tables it describes: the
 * key table, the bindings in force for the view it was opened from, and
 * the command table.  A read-only console leaves out what would write. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cmd/cmd.h"
#include "command.h"
#include "keys.h"

#define KEYW 17

struct help {
	struct text t;
	char *from;		/* the view ? was pressed in */
};

/* The keys of the requests, as help/keys.txt and warden.1 have them:
 * the same text from the same tables. */
static void
requests(struct help *h)
{
	struct buf b = BUF_INIT;
	const char *p, *nl;
	struct tline *l;

	keys_reference_requests(&b, false);
	for (p = buf_str(&b); *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl == p) {
			text_line(&h->t, UA_NORMAL);
		} else if (*p != ' ') {
			l = text_line(&h->t, UA_SECTION);
			text_addn(l, UA_SECTION, p, (size_t)(nl - p));
		} else {
			l = text_line(&h->t, UA_NORMAL);
			text_addn(l, UA_WARN, p, 18);
			text_addn(l, UA_NORMAL, p + 18, (size_t)(nl - p - 18));
		}
		if (*nl == '\0')
			break;
	}
	buf_free(&b);
}

static void
bindings(struct help *h, struct tui *ui)
{
	const struct view_ops *ops = view_by_name(h->from);
	bool pager = ops && (ops->flags & VF_PAGER);
	struct tline *l;
	char name[16];
	size_t i, j;

	l = text_heading(&h->t,
	    "Keys that start a command (finish it on the : line)");
	for (i = 0; i < bindings_count(); i++) {
		const struct binding *b = binding_at(i);
		const char *cmd;
		const char *what = "";

		/* Only the binding in force for this view, once per key. */
		cmd = binding_find(h->from, pager, b->key);
		if (cmd == NULL || cmd != b->command)
			continue;
		if (ui->read_only && command_is_write(cmd))
			continue;
		for (j = 0; j < ndefault_bindings; j++)
			if (str_eq(default_bindings[j].command, cmd))
				what = default_bindings[j].help;
		l = text_line(&h->t, UA_NORMAL);
		text_add(l, UA_NORMAL, "  ");
		text_addw(l, UA_WARN, key_label(b->key, name, sizeof name), KEYW);
		text_addw(l, UA_NORMAL, cmd, 37);
		text_add(l, UA_DIM, " ");
		text_add(l, UA_DIM, what);
	}
	l = text_line(&h->t, UA_DIM);
	text_add(l, UA_DIM, "  %account, %flag, %message, %thread, %appeal "
	    "name the selected line's; with tagged lines, all of theirs.");
	l->wrap = true;
	l->indent = 2;
}

static void
commands(struct help *h, struct tui *ui)
{
	const struct cmd_entry *const *en;
	struct tline *l;

	text_heading(&h->t, ui->read_only ?
	    "Commands (read-only: only those that read)" :
	    "Commands (:help COMMAND for more)");
	for (en = cmd_table; *en; en++) {
		if (((*en)->flags & CMD_HIDDEN) ||
		    (ui->read_only && command_entry_writes(*en)))
			continue;
		l = text_line(&h->t, UA_NORMAL);
		text_add(l, UA_NORMAL, "  ");
		text_add(l, UA_WARN, (*en)->usage);
		l = text_line(&h->t, UA_NORMAL);
		text_add(l, UA_NORMAL, "      ");
		text_add(l, UA_DIM, (*en)->help);
		l->wrap = true;
		l->indent = 6;
	}
}

static bool
help_open(struct view *v, struct werr *e)
{
	struct help *h = v->priv;
	(void)e;
	text_clear(&h->t);
	requests(h);
	bindings(h, v->ui);
	commands(h, v->ui);
	return true;
}

static void
help_head(struct view *v, WINDOW *w, int width)
{
	struct help *h = v->priv;
	char s[96];

	snprintf(s, sizeof s, "help for the %s view: q to go back, / to find",
	    h->from);
	draw_str(v->ui, w, s, width, ui_attr(v->ui, UA_HEADER), DT_CLIP_MARK);
}

static void
help_done(struct view *v)
{
	struct help *h = v->priv;

	text_free(&h->t);
	free(h->from);
	free(h);
}

const struct view_ops view_help = {
	.name = "help",
	.help = "keys and commands",
	.flags = VF_PAGER,
	.open = help_open,
	.lines = tv_lines,
	.head = help_head,
	.draw = tv_draw,
	.match = tv_match,
	.value = tv_value,
	.resize = tv_resize,
	.done = help_done,
};

struct view *
help_view_new(struct tui *ui, const struct view *from)
{
	struct help *h = xcalloc(1, sizeof *h);

	text_init(&h->t);
	h->from = xstrdup(from ? from->ops->name : "queue");
	return view_new(ui, &view_help, h);
}
