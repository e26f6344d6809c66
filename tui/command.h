/* tui/command.h: running command lines from the console (command.c). */
#ifndef WARDEN_TUI_COMMAND_H
#define WARDEN_TUI_COMMAND_H

#include "view.h"
#include "../cmd/cmd.h"

/* The hooks the console puts into the command context, and what was
 * there before (given back when the console ends). */
struct cmd_hooks {
	cmd_emit_fn emit;
	cmd_message_fn message;
	cmd_confirm_fn confirm;
	void *user;
};

void command_attach(struct tui *ui, struct cmd_ctx *ctx,
    struct cmd_hooks *saved);
void command_detach(struct cmd_ctx *ctx, const struct cmd_hooks *saved);

/* Fills %account, %flag, ... from the view's selected line, or with the
 * values of every tagged line when lines are tagged; "%%" is a '%'.
 * false (with a message) when a name has no value here. */
bool command_expand(struct tui *ui, struct view *v, const char *line,
    struct buf *out);
/* Whether a line's command changes data (refused when read-only; a
 * leading '!' of a binding is passed over). */
bool command_is_write(const char *line);
/* The same for a command table entry. */
bool command_entry_writes(const struct cmd_entry *en);

#endif
