/* cmd/template.c: reason templates, so that `--reason @phishing` stands
 * for a reason written once.  Their text may hold {handle}, {id} and
 * {moderator}. */
#include "internal.h"

static const struct cmd_opt no_opts[] = { CMD_OPTS_END };
static const struct cmd_opt write_opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };

static int
run_list(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	return cmd_list(ctx, a, "templates", "templates", NULL, 0, e);
}

static int
run_show(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p = PARAM("name", a->argv[0].s);
	struct rows *r;

	if (cmd_query(ctx, "templates", &p, 1, 0, &r, e) < 0)
		return -1;
	cmd_record(ctx, a, "template", a->argv[0].s, r, NULL, 0);
	rows_free(r);
	return 0;
}

static int
plan_add_template(struct cmd_ctx *ctx, const struct cmd_args *a,
    struct cmd_plan *p, struct werr *e)
{
	struct buf text = BUF_INIT;
	struct action *act;
	size_t i;

	(void)ctx;
	(void)e;
	for (i = 1; i < a->argc; i++)
		buf_printf(&text, "%s%s", i > 1 ? " " : "", a->argv[i].s);
	act = plan_add(p, A_TEMPLATE_ADD, NULL);
	action_set_text(&act->target_name, a->argv[0].s);
	action_set_param(act, "text", buf_str(&text));
	buf_free(&text);
	return 0;
}

static int
plan_remove(struct cmd_ctx *ctx, const struct cmd_args *a,
    struct cmd_plan *p, struct werr *e)
{
	(void)ctx;
	(void)e;
	action_set_text(&plan_add(p, A_TEMPLATE_REMOVE, NULL)->target_name,
	    a->argv[0].s);
	return 0;
}

static const struct cmd_entry sub_list = {
	.name = "list", .aliases = "ls",
	.usage = "template list",
	.help = "the reason templates",
	.topic = T_ADMIN, .flags = CMD_READONLY,
	.min_args = 0, .max_args = 0, .opts = no_opts, .run = run_list,
};

static const struct cmd_entry sub_show = {
	.name = "show", .aliases = "",
	.usage = "template show NAME",
	.help = "one template's text",
	.topic = T_ADMIN, .flags = CMD_READONLY,
	.min_args = 1, .max_args = 1, .opts = no_opts, .run = run_show,
};

static const struct cmd_entry sub_add = {
	.name = "add", .aliases = "",
	.usage = "template add NAME TEXT...",
	.help = "save a reason as a template ({handle}, {id}, {moderator})",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 2, .max_args = -1, .opts = write_opts,
	.plan = plan_add_template,
};

static const struct cmd_entry sub_remove = {
	.name = "remove", .aliases = "rm",
	.usage = "template remove NAME",
	.help = "remove a template (senior)",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 1, .max_args = 1, .opts = write_opts, .plan = plan_remove,
};

static const struct cmd_entry *const subs[] = { &sub_list, &sub_show,
	&sub_add, &sub_remove, NULL };

const struct cmd_entry cmd_template = {
	.name = "template",
	.aliases = "templates",
	.usage = "template list|show|add|remove ...",
	.help = "reason templates for --reason @NAME",
	.topic = T_ADMIN,
	.flags = 0,
	.subs = subs,
};
