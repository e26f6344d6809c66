/* cmd/moderator.c: who may act, and with which role (admin). */
#include "internal.h"

static const struct cmd_opt no_opts[] = { CMD_OPTS_END };
static const struct cmd_opt write_opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };
static const struct cmd_opt add_opts[] = {
	{ "role", 0, "ROLE", "moderator (the default), senior or admin" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
run_list(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	return cmd_list(ctx, a, "moderators", "moderators", NULL, 0, e);
}

static struct action *
named(struct cmd_plan *p, enum action_kind kind, const char *name)
{
	struct action *act = plan_add(p, kind, NULL);

	action_set_text(&act->target_name, name);
	return act;
}

static int
plan_add_mod(struct cmd_ctx *ctx, const struct cmd_args *a,
    struct cmd_plan *p, struct werr *e)
{
	const char *role = arg_opt(a, "role");

	(void)ctx;
	(void)e;
	action_set_param(named(p, A_MODERATOR_ADD, a->argv[0].s), "role",
	    role ? role : "moderator");
	return 0;
}

static int
plan_role(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	(void)ctx;
	(void)e;
	action_set_param(named(p, A_MODERATOR_ROLE, a->argv[0].s), "role",
	    a->argv[1].s);
	return 0;
}

static int
plan_disable(struct cmd_ctx *ctx, const struct cmd_args *a,
    struct cmd_plan *p, struct werr *e)
{
	(void)ctx;
	(void)e;
	named(p, A_MODERATOR_DISABLE, a->argv[0].s);
	return 0;
}

static int
plan_enable(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	(void)ctx;
	(void)e;
	named(p, A_MODERATOR_ENABLE, a->argv[0].s);
	return 0;
}

static const struct cmd_entry sub_list = {
	.name = "list", .aliases = "ls",
	.usage = "moderator list",
	.help = "the moderators, their roles and live claims",
	.topic = T_ADMIN, .flags = CMD_READONLY,
	.min_args = 0, .max_args = 0, .opts = no_opts, .run = run_list,
};

static const struct cmd_entry sub_add = {
	.name = "add", .aliases = "",
	.usage = "moderator add NAME [--role ROLE]",
	.help = "register a moderator (admin)",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 1, .max_args = 1, .opts = add_opts, .plan = plan_add_mod,
};

static const struct cmd_entry sub_role = {
	.name = "role", .aliases = "",
	.usage = "moderator role NAME ROLE",
	.help = "change a moderator's role: moderator, senior or admin (admin)",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 2, .max_args = 2, .opts = write_opts, .plan = plan_role,
};

static const struct cmd_entry sub_disable = {
	.name = "disable", .aliases = "",
	.usage = "moderator disable NAME",
	.help = "disable a moderator: they can no longer act (admin)",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 1, .max_args = 1, .opts = write_opts,
	.plan = plan_disable,
};

static const struct cmd_entry sub_enable = {
	.name = "enable", .aliases = "",
	.usage = "moderator enable NAME",
	.help = "enable a disabled moderator (admin)",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 1, .max_args = 1, .opts = write_opts, .plan = plan_enable,
};

static const struct cmd_entry *const subs[] = { &sub_list, &sub_add,
	&sub_role, &sub_disable, &sub_enable, NULL };

const struct cmd_entry cmd_moderator = {
	.name = "moderator",
	.aliases = "moderators",
	.usage = "moderator list|add|role|disable|enable ...",
	.help = "moderators and their roles",
	.topic = T_ADMIN,
	.flags = 0,
	.subs = subs,
};
