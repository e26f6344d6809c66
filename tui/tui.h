/* tui/tui.h: the console.  tui/ calls the store for its views and runs
 * every action through the command language (cmd/); it never talks SQL or
 * HTTP. */
#ifndef WARDEN_TUI_H
#define WARDEN_TUI_H

struct cmd_ctx;

/* Runs the console on the context's store until the moderator quits or
 * the terminal goes away.  Returns the process exit status. */
int tui_run(struct cmd_ctx *ctx);

#endif
