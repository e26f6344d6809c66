/* tui/stub.c: stands in until the console lands (issue: the console). */
#include "tui.h"

#include <stdio.h>

int
tui_run(struct cmd_ctx *ctx)
{
	(void)ctx;
	fprintf(stderr, "warden: the console is not built yet; use -c\n");
	return 69;
}
