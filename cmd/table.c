/* cmd/table.c: every command, in the order help lists them (by topic). */
#include "internal.h"

extern const struct cmd_entry cmd_queue, cmd_show, cmd_flags, cmd_threads,
    cmd_thread, cmd_search, cmd_vouches, cmd_ratings, cmd_stats,
    cmd_claim, cmd_release, cmd_warn, cmd_suspend, cmd_ban, cmd_restore,
    cmd_trust, cmd_note, cmd_tag, cmd_untag, cmd_reveal,
    cmd_resolve, cmd_hide, cmd_unhide,
    cmd_escalations, cmd_escalate, cmd_ack, cmd_assign, cmd_sweep, cmd_scan,
    cmd_appeals, cmd_decide, cmd_mute_reporter, cmd_unmute_reporter,
    cmd_muted,
    cmd_log, cmd_verify,
    cmd_moderator, cmd_token, cmd_template, cmd_rules,
    cmd_help, cmd_whoami, cmd_quit;

const struct cmd_entry *const cmd_table[] = {
	/* Reading the work */
	&cmd_queue, &cmd_show, &cmd_flags, &cmd_threads, &cmd_thread,
	&cmd_search, &cmd_vouches, &cmd_ratings, &cmd_stats,
	/* Acting on accounts */
	&cmd_claim, &cmd_release, &cmd_warn, &cmd_suspend, &cmd_ban,
	&cmd_restore, &cmd_trust, &cmd_note, &cmd_tag, &cmd_untag, &cmd_reveal,
	/* Flags and messages */
	&cmd_resolve, &cmd_hide, &cmd_unhide,
	/* Escalations */
	&cmd_escalations, &cmd_escalate, &cmd_ack, &cmd_assign, &cmd_sweep,
	&cmd_scan,
	/* Appeals and reporters */
	&cmd_appeals, &cmd_decide, &cmd_mute_reporter, &cmd_unmute_reporter,
	&cmd_muted,
	/* The audit log */
	&cmd_log, &cmd_verify,
	/* Administration */
	&cmd_moderator, &cmd_token, &cmd_template, &cmd_rules,
	/* Help and the session */
	&cmd_help, &cmd_whoami, &cmd_quit,
	NULL
};
