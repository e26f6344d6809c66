/* cmd/help.c: help from the table and the topic texts.
 *
 *   help               the commands by topic, and the topics
 *   help COMMAND       usage, options, aliases ("help moderator add")
 *   help TOPIC         a topic text (getting-started, keys, ...)
 *   help --list        every command as rows (for scripts and the man
 *                      page test): command, aliases, usage, help, topic,
 *                      options, read_only, destructive */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "help_topics.h"

static const struct cmd_opt opts[] = {
	{ "list", 0, NULL, "every command as rows, for scripts" },
	CMD_OPTS_END
};

static void
add_row(struct rows *r, const char *name, const struct cmd_entry *en)
{
	const struct cmd_opt *o;
	struct buf opts = BUF_INIT;
	size_t row = rows_add(r);

	for (o = en->opts; o && o->name; o++)
		buf_printf(&opts, "%s--%s", opts.len ? " " : "", o->name);
	rows_set_text(r, row, 0, name);
	rows_set_text(r, row, 1, en->aliases ? en->aliases : "");
	rows_set_text(r, row, 2, en->usage);
	rows_set_text(r, row, 3, en->help);
	rows_set_text(r, row, 4, en->topic);
	rows_set_text(r, row, 5, buf_str(&opts));
	rows_set_int(r, row, 6, (en->flags & CMD_READONLY) != 0);
	rows_set_int(r, row, 7, (en->flags & CMD_DESTRUCTIVE) != 0);
	buf_free(&opts);
}

static int
run_list(struct cmd_ctx *ctx, const struct cmd_args *a)
{
	struct rows *r = rows_new_list("command,aliases,usage,help,topic,"
	    "options,read_only,destructive");
	struct cmd_output out;
	size_t i, j;

	for (i = 0; cmd_table[i]; i++) {
		const struct cmd_entry *en = cmd_table[i];

		if (en->flags & CMD_HIDDEN)
			continue;
		if (en->subs == NULL) {
			add_row(r, en->name, en);
			continue;
		}
		for (j = 0; en->subs[j]; j++) {
			char *name = xasprintf("%s %s", en->name,
			    en->subs[j]->name);

			add_row(r, name, en->subs[j]);
			free(name);
		}
	}
	memset(&out, 0, sizeof out);
	out.shape = CMD_LIST;
	out.command = a->name;
	out.title = "commands";
	out.rows = r;
	cmd_emit(ctx, &out);
	rows_free(r);
	return 0;
}

static void
overview(struct buf *b)
{
	const char *topic = NULL;
	size_t i;
	int w = 0;

	/* one column for the names of commands and topics alike */
	for (i = 0; cmd_table[i]; i++)
		if ((int)strlen(cmd_table[i]->name) > w)
			w = (int)strlen(cmd_table[i]->name);
	for (i = 0; help_topics[i].name; i++)
		if ((int)strlen(help_topics[i].name) > w)
			w = (int)strlen(help_topics[i].name);
	buf_adds(b, "warden commands.  'help COMMAND' shows one, 'help TOPIC' "
	    "a topic.\n");
	for (i = 0; cmd_table[i]; i++) {
		const struct cmd_entry *en = cmd_table[i];

		if (en->flags & CMD_HIDDEN)
			continue;
		if (!str_eq(topic, en->topic)) {
			topic = en->topic;
			buf_printf(b, "\n%s\n", topic);
		}
		buf_printf(b, "  %-*s  %s\n", w, en->name, en->help);
	}
	buf_adds(b, "\nTopics\n");
	for (i = 0; help_topics[i].name; i++)
		buf_printf(b, "  %-*s  %s\n", w, help_topics[i].name,
		    help_topics[i].summary);
	buf_adds(b, "\nWrite commands also take --dry-run, --key KEY and "
	    "--force;\n--reason TEXT or --reason @TEMPLATE says why.\n");
}

static void
one_entry(struct buf *b, const struct cmd_entry *en, const char *name)
{
	const struct cmd_opt *o;
	size_t i;

	buf_printf(b, "%s\n  %s\n", en->usage, en->help);
	if (en->subs) {
		buf_adds(b, "\n");
		for (i = 0; en->subs[i]; i++)
			buf_printf(b, "  %-40s %s\n", en->subs[i]->usage,
			    en->subs[i]->help);
	}
	if (en->opts && en->opts->name) {
		buf_adds(b, "\n");
		for (o = en->opts; o->name; o++) {
			char head[64];

			snprintf(head, sizeof head, "%s%c%s--%s%s%s",
			    o->short_name ? "-" : "",
			    o->short_name ? o->short_name : ' ',
			    o->short_name ? ", " : "   ", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
			buf_printf(b, "  %-24s %s\n", head, o->help);
		}
	}
	if (en->aliases && *en->aliases)
		buf_printf(b, "\n  also: %s\n", en->aliases);
	if (en->subs == NULL) {
		const char *what = (en->flags & CMD_READONLY) ? "only reads" :
		    (en->flags & CMD_DESTRUCTIVE) ? "changes data; the console "
		    "asks first, and it is written in full" : "changes data";

		buf_printf(b, "\n  %s %s.\n", name, what);
	}
}

static const struct help_topic *
find_topic(const char *word)
{
	const struct help_topic *found = NULL;
	size_t i, n = 0;

	for (i = 0; help_topics[i].name; i++)
		if (str_eq(help_topics[i].name, word))
			return &help_topics[i];
	for (i = 0; help_topics[i].name; i++)
		if (str_prefix(help_topics[i].name, word)) {
			found = &help_topics[i];
			n++;
		}
	return n == 1 ? found : NULL;
}

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	const struct cmd_entry *en = NULL;
	const struct help_topic *topic = NULL;
	struct buf b = BUF_INIT;
	struct werr miss;
	char *name;

	if (arg_flag(a, "list"))
		return run_list(ctx, a);
	if (a->argc == 0) {
		overview(&b);
		cmd_text(ctx, a, "help", b.s);
		buf_free(&b);
		return 0;
	}
	/* a command's exact name first, then a topic, then a prefix */
	en = cmd_lookup(a->argv[0].s, &miss);
	if (en && !str_eq(en->name, a->argv[0].s) &&
	    (topic = find_topic(a->argv[0].s)) != NULL)
		en = NULL;
	if (en == NULL && topic == NULL)
		topic = find_topic(a->argv[0].s);
	if (en == NULL && topic == NULL) {
		struct buf names = BUF_INIT;
		size_t i;

		for (i = 0; help_topics[i].name; i++)
			buf_printf(&names, "%s%s", i ? ", " : "",
			    help_topics[i].name);
		werr_set(e, WE_USAGE, "%s; topics: %s", miss.msg,
		    buf_str(&names));
		buf_free(&names);
		return -1;
	}
	/* help COMMAND SUBCOMMAND: only a command that has them */
	if (a->argc > 1 && (topic || en->subs == NULL))
		return werr_set(e, WE_USAGE, "too many arguments for help: "
		    "'%s' at column %d; usage: %s", a->argv[1].s,
		    a->argv[1].col, a->entry->usage);
	if (topic) {
		buf_printf(&b, "%s\n\n%s", topic->summary, topic->text);
		cmd_text(ctx, a, topic->name, b.s);
		buf_free(&b);
		return 0;
	}
	name = xstrdup(en->name);
	if (en->subs && a->argc > 1) {
		const struct cmd_entry *sub = cmd_lookup_sub(en, a->argv[1].s,
		    e);

		if (sub == NULL) {
			free(name);
			return -1;
		}
		free(name);
		name = xasprintf("%s %s", en->name, sub->name);
		en = sub;
	}
	one_entry(&b, en, name);
	cmd_text(ctx, a, name, b.s);
	free(name);
	buf_free(&b);
	return 0;
}

const struct cmd_entry cmd_help = {
	.name = "help",
	.aliases = "?",
	.usage = "help [COMMAND|TOPIC]",
	.help = "the commands, one command, or a topic",
	.topic = T_SESSION,
	.flags = CMD_READONLY | CMD_NOSTORE,
	.min_args = 0, .max_args = 2,
	.opts = opts,
	.run = run,
};
