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
	char *handle = NULL, idtext[32], *title;
	int64_t id;
	size_t i;
	int rc = -1;

	if (cmd_account(ctx, a->argv[0].s, &id, &handle, e) < 0)
		return -1;
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	{
		struct param p = PARAM("id", idtext);

		if (cmd_query(ctx, "account", &p, 1, 0, &acct, e) < 0)
			goto out;
	}
	for (i = 0; i < W_NELEM(parts); i++) {
		struct param p = PARAM("account", idtext);

		if (cmd_query(ctx, parts[i], &p, 1, 0, &sec[i], e) < 0)
			goto out;
		sections[i].name = parts[i];
		sections[i].rows = sec[i];
	}
	title = xasprintf("@%s (account %lld)", handle, (long long)id);
	cmd_record(ctx, a, "account", title, acct, sections, W_NELEM(parts));
	free(title);
	rc = 0;
out:
	for (i = 0; i < W_NELEM(parts); i++)
		rows_free(sec[i]);
	rows_free(acct);
	free(handle);
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
