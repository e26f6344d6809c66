/* cmd/verify.c: checks the audit log's hash chain.  A broken chain (an
 * entry edited or deleted) is a data error: exit status 65, so that cron
 * notices. */
#include "internal.h"

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	struct rows *r;
	int rc = 0;

	if (cmd_query(ctx, "verify", NULL, 0, 0, &r, e) < 0)
		return -1;
	cmd_record(ctx, a, "verify", "audit chain", r, NULL, 0);
	if (r->nrows && rows_int(r, 0, "ok", 0) == 0) {
		const char *problem = rows_text(r, 0, "problem");

		rc = werr_set(e, WE_INVALID, "the audit chain is broken at "
		    "entry %lld: %s", (long long)rows_int(r, 0, "bad_id", 0),
		    problem ? problem : "the hash does not match");
	}
	rows_free(r);
	return rc;
}

const struct cmd_entry cmd_verify = {
	.name = "verify",
	.aliases = "",
	.usage = "verify",
	.help = "check the audit log's hash chain (exit status 65 if broken)",
	.topic = T_AUDIT,
	.flags = CMD_READONLY,
	.min_args = 0, .max_args = 0,
	.opts = opts,
	.run = run,
};
