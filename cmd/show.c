/* cmd/show.c: one account: profile (PII masked), trust level, score and
 * the breakdown behind it, strikes, notes, tags and counts. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

static const struct cmd_opt opts[] = { CMD_OPTS_END };

static int
run(struct cmd_ctx *ctx, const struct cmd_args *a, struct werr *e)
{
	static const char *const parts[] = { "breakdown", "strikes", "notes" };
	struct rows *acct = NULL, *sec[W_NELEM(parts)] = { NULL };
	struct cmd_section sections[W_NELEM(parts)];
	char idtext[32], *title;
	const char *handle;
	int64_t id;
	size_t i;
	int rc = -1;

	/* the row that names the account is the one shown */
	if (cmd_account_row(ctx, a->argv[0].s, &acct, e) < 0)
		return -1;
	id = rows_int(acct, 0, "id", 0);
	handle = rows_text(acct, 0, "handle");
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	for (i = 0; i < W_NELEM(parts); i++) {
		struct param p = PARAM("account", idtext);

		if (cmd_query(ctx, parts[i], &p, 1, 0, &sec[i], e) < 0)
			goto out;
		sections[i].name = parts[i];
		sections[i].rows = sec[i];
	}
	title = xasprintf("@%s (account %lld)", handle ? handle : "",
	    (long long)id);
	cmd_record(ctx, a, "account", title, acct, sections, W_NELEM(parts));
	free(title);
	rc = 0;
out:
	for (i = 0; i < W_NELEM(parts); i++)
		rows_free(sec[i]);
	rows_free(acct);
	return rc;
}

const struct cmd_entry cmd_show = {
	.name = "show",
	.aliases = "account",
	.usage = "show ACCOUNT",
	.help = "an account: profile, trust and its breakdown, strikes, notes",
	.topic = T_READ,
	.flags = CMD_READONLY,
	.min_args = 1, .max_args = 1,
	.opts = opts,
	.run = run,
};
