/* tests/unit/test_concurrency.c: real processes against one file.
 *  - two processes claim the same 500 accounts at once: each account is
 *    claimed exactly once, and no "database is busy" reaches anyone;
 *  - a process killed with SIGKILL in the middle of a run of actions
 *    leaves every committed action with its audit entry, an intact file
 *    and a chain that verifies. */
#include "fixture.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ACCOUNTS 500

static int
setup(void **state)
{
	struct fixture *f = fx_open();
	int i;

	fx_sql(f, "BEGIN");
	for (i = 0; i < ACCOUNTS; i++) {
		char h[32];

		snprintf(h, sizeof h, "acct%03d", i);
		fx_account(f, h, 10, false, 0, 0);
	}
	fx_sql(f, "COMMIT");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx_close(*state);
	return 0;
}

/* In a child: claim every account as `who`; exit status 0 if every
 * refusal was a conflict (claimed by the other), 1 if anything else went
 * wrong.  Writes how many it claimed to the pipe. */
static void
claimer(const char *path, const char *who, int fd)
{
	struct werr e;
	struct store *st = sqlite_store_open(path, STORE_OPEN_EXISTING, &e);
	int id, got = 0, bad = 0;

	if (st == NULL)
		_exit(2);
	for (id = 1; id <= ACCOUNTS; id++) {
		struct action a;
		struct action_result res;

		action_init(&a, A_CLAIM);
		a.target = id;
		action_set_text(&a.actor, who);
		if (store_apply(st, &a, 1, &res, &e) == 0) {
			got++;
			action_result_free(&res);
		} else if (e.kind != WE_CONFLICT) {
			fprintf(stderr, "%s: %s\n", who, e.msg);
			bad++;
		}
		action_free(&a);
	}
	store_close(st);
	if (write(fd, &got, sizeof got) != sizeof got)
		_exit(3);
	_exit(bad ? 1 : 0);
}

static void
test_two_processes_claim_the_same_accounts(void **state)
{
	struct fixture *f = *state;
	const char *who[2] = { "carol", "dave" };
	pid_t pid[2];
	int fds[2], got[2], i, status;

	assert_int_equal(pipe(fds), 0);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0) {
			close(fds[0]);
			claimer(f->path, who[i], fds[1]);
		}
	}
	close(fds[1]);
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(read(fds[0], &got[0], sizeof got[0]), sizeof got[0]);
	assert_int_equal(read(fds[0], &got[1], sizeof got[1]), sizeof got[1]);
	close(fds[0]);
	assert_int_equal(got[0] + got[1], ACCOUNTS);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM account WHERE "
	    "claimed_by IN ('carol','dave')"), ACCOUNTS);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'claim'"), ACCOUNTS);
	assert_int_equal(fx_int(f, "SELECT count(DISTINCT target) FROM audit "
	    "WHERE action = 'claim'"), ACCOUNTS);
}

static void
test_sigkill_mid_run(void **state)
{
	struct fixture *f = *state;
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	struct rows *r;
	char *check;
	pid_t pid;
	int status, i;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct werr e;
		struct store *st = sqlite_store_open(f->path,
		    STORE_OPEN_EXISTING, &e);
		int n;

		if (st == NULL)
			_exit(2);
		/* the fixture's clock: an audit entry may not go back in
		 * time, and the parent acts at the fixture's time after */
		sqlite_store_set_clock(st, fx_clock, f);
		/* notes, tags and warnings, as long as it lives */
		for (n = 0;; n++) {
			struct action a;
			struct action_result res;
			char text[32];

			action_init(&a, n % 3 == 2 ? A_WARN : A_NOTE);
			a.target = 1 + n % ACCOUNTS;
			action_set_text(&a.actor, "carol");
			if (a.kind == A_WARN) {
				action_set_text(&a.reason, "test");
			} else {
				snprintf(text, sizeof text, "note %d", n);
				action_set_param(&a, "text", text);
			}
			if (store_apply(st, &a, 1, &res, &e) == 0)
				action_result_free(&res);
			action_free(&a);
		}
	}
	/* let it commit a good number, then kill it mid-flight */
	for (i = 0; i < 500 && fx_int(f, "SELECT count(*) FROM audit") < 150;
	    i++)
		nanosleep(&pause, NULL);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));

	check = fx_text(f, "PRAGMA integrity_check");
	assert_string_equal(check, "ok");
	free(check);
	/* every committed change has its audit entry, and no entry lacks its
	 * change */
	assert_true(fx_int(f, "SELECT count(*) FROM note") > 50);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM note"),
	    fx_int(f, "SELECT count(*) FROM audit WHERE action = 'note'"));
	assert_int_equal(fx_int(f, "SELECT count(*) FROM strike"),
	    fx_int(f, "SELECT count(*) FROM audit WHERE action = 'warn'"));
	r = fx_query(f, "verify", NULL);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	rows_free(r);
	/* and the store goes on */
	assert_int_equal(fx_act(f, "carol", A_NOTE, 1, NULL, "text", "after",
	    NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_two_processes_claim_the_same_accounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigkill_mid_run, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
