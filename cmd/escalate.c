/* cmd/escalate.c: climbs escalations a level by hand, or opens one on an
 * account. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

static const struct cmd_opt opts[] = {
	{ "account", 0, "ACCOUNT", "open a new escalation on this account" },
	{ "kind", 0, "KIND", "of the new one: inquiry, flag or dispute "
	  "(the default)" },
	{ "thread", 0, "ID", "the thread it is about" },
	{ "flag", 0, "ID", "the flag it is about" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	const char *account = arg_opt(a, "account");
	const char *thread = arg_opt(a, "thread"), *flag = arg_opt(a, "flag");
	struct action *act;
	char *handle = NULL, idtext[32];
	int64_t id;

	if ((account != NULL) == (a->argc > 0))
		return werr_set(e, WE_USAGE, "escalate takes escalation ids, "
		    "or --account ACCOUNT to open one; usage: %s",
		    a->entry->usage);
	if (account == NULL) {
		if (arg_opt(a, "kind") || thread || flag)
			return werr_set(e, WE_USAGE, "--kind, --thread and "
			    "--flag go with --account (a new escalation)");
		return plan_ids(a, 0, a->argc, A_ESCALATE, "an escalation",
		    p, e);
	}
	if ((thread && cmd_id(thread, "a thread", &id, e) < 0) ||
	    (flag && cmd_id(flag, "a flag", &id, e) < 0))
		return -1;
	if (cmd_account(ctx, account, &id, &handle, e) < 0)
		return -1;
	act = plan_add(p, A_ESCALATE, handle);
	free(handle);
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	action_set_param(act, "account", idtext);
	if (arg_opt(a, "kind"))
		action_set_param(act, "kind", arg_opt(a, "kind"));
	if (thread)
		action_set_param(act, "thread", thread);
	if (flag)
		action_set_param(act, "flag", flag);
	return 0;
}

const struct cmd_entry cmd_escalate = {
	.name = "escalate",
	.aliases = "",
	.usage = "escalate ESCALATION...|--account ACCOUNT [--kind KIND] "
	    "[--thread ID] [--flag ID] --reason TEXT",
	.help = "climb escalations a level, or open one on an account",
	.topic = T_ESC,
	.flags = 0,
	.min_args = 0, .max_args = -1,
	.opts = opts,
	.plan = plan,
};
