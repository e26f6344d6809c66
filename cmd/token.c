/* cmd/token.c: API tokens for `warden --api`.  A token is shown once, at
 * creation; the store keeps only its hash. */
#include "internal.h"

static const struct cmd_opt list_opts[] = {
	{ "moderator", 0, "NAME", "only this moderator's tokens" },
	CMD_OPTS_END
};
static const struct cmd_opt write_opts[] = { CMD_WRITE_OPTS, CMD_OPTS_END };
static const struct cmd_opt create_opts[] = {
	{ "label", 0, "TEXT", "what the token is for (laptop, cron)" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
run_list(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct param p = PARAM("moderator", arg_opt(a, "moderator"));

	return cmd_list(ctx, a, "tokens", "tokens", &p, 1, e);
}

static int
plan_create(struct cmd_ctx *ctx, const struct cmd_args *a,
    struct cmd_plan *p, struct werr *e)
{
	struct action *act = plan_add(p, A_TOKEN_CREATE, NULL);

	(void)e;
	action_set_text(&act->target_name, a->argc ? a->argv[0].s :
	    ctx->moderator);
	if (arg_opt(a, "label"))
		action_set_param(act, "label", arg_opt(a, "label"));
	return 0;
}

static int
plan_revoke(struct cmd_ctx *ctx, const struct cmd_args *a,
    struct cmd_plan *p, struct werr *e)
{
	(void)ctx;
	return plan_ids(a, 0, 1, A_TOKEN_REVOKE, "a token", p, e);
}

static const struct cmd_entry sub_list = {
	.name = "list", .aliases = "ls",
	.usage = "token list [--moderator NAME]",
	.help = "API tokens (never their secrets)",
	.topic = T_ADMIN, .flags = CMD_READONLY,
	.min_args = 0, .max_args = 0, .opts = list_opts, .run = run_list,
};

static const struct cmd_entry sub_create = {
	.name = "create", .aliases = "",
	.usage = "token create [MODERATOR] [--label TEXT]",
	.help = "create an API token, shown once (yours, or any as admin)",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 0, .max_args = 1, .opts = create_opts,
	.plan = plan_create,
};

static const struct cmd_entry sub_revoke = {
	.name = "revoke", .aliases = "",
	.usage = "token revoke ID",
	.help = "revoke an API token",
	.topic = T_ADMIN, .flags = 0,
	.min_args = 1, .max_args = 1, .opts = write_opts, .plan = plan_revoke,
};

static const struct cmd_entry *const subs[] = { &sub_list, &sub_create,
	&sub_revoke, NULL };

const struct cmd_entry cmd_token = {
	.name = "token",
	.aliases = "tokens",
	.usage = "token list|create|revoke ...",
	.help = "API tokens for --api",
	.topic = T_ADMIN,
	.flags = 0,
	.subs = subs,
};
