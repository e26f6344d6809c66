/* tui/script.h: keys from a script file (script.c). */
#ifndef WARDEN_TUI_SCRIPT_H
#define WARDEN_TUI_SCRIPT_H

#include <stdbool.h>

bool script_open(const char *file);
bool script_active(void);
/* The next key of the script, or ERR at its end. */
int script_key(void);
void script_close(void);

#endif
