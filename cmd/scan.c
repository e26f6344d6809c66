/* cmd/scan.c: runs the detectors over data already there: contact
 * details, look-alike links, vouch rings, retaliatory ratings. */
#include "internal.h"

static const struct cmd_opt opts[] = {
	{ "detector", 0, "NAME", "only this one: contact, phishing, "
	  "impersonation, vouch_ring or retaliatory" },
	{ "new", 0, NULL, "only what arrived since the last scan or sweep" },
	CMD_WRITE_OPTS,
	CMD_OPTS_END
};

static int
plan(struct cmd_ctx *ctx, const struct cmd_args *a, struct cmd_plan *p,
    struct werr *e)
{
	struct action *act = plan_add(p, A_SCAN, NULL);

	(void)ctx;
	(void)e;
	if (arg_opt(a, "detector"))
		action_set_param(act, "detector", arg_opt(a, "detector"));
	if (arg_flag(a, "new"))
		action_set_param(act, "new", "1");
	return 0;
}

const struct cmd_entry cmd_scan = {
	.name = "scan",
	.aliases = "",
	.usage = "scan [--detector NAME] [--new]",
	.help = "run the detectors over existing data",
	.topic = T_ESC,
	.flags = 0,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.plan = plan,
};
