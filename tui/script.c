/* tui/script.c: the console driven by a script instead of a keyboard,
 * for tests that want no timing at all (as tig's TIG_SCRIPT).  With
 * WARDEN_TUI_SCRIPT=FILE the console reads its keys from FILE, one step
 * a line, and ends (status 0) when the file does:
 *
 *   KEY          a key by the names of [bind]: j, Enter, Tab, S-Tab, Esc,
 *                ^L, C-g, PgDn, Space, F1, ...
 *   type TEXT    the bytes of TEXT, one key each
 *   dump FILE    the screen as text, appended to FILE, then a "--" line
 *   # ...        a comment
 *
 * Keys are read when the console would wait for one, so each step sees
 * the screen as the one before left it.  The terminal need not be one:
 * curses writes to stdout and takes its size from LINES and COLUMNS. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keys.h"
#include "script.h"

static FILE *script;
static char *path;
static long lineno;
static const unsigned char *typing;	/* the rest of a `type` step */
static char *typed;

bool
script_open(const char *file)
{
	script = fopen(file, "r");
	if (script == NULL)
		return false;
	path = xstrdup(file);
	return true;
}

bool
script_active(void)
{
	return script != NULL;
}

void
script_close(void)
{
	if (script)
		fclose(script);
	script = NULL;
	free(path);
	path = NULL;
	free(typed);
	typed = NULL;
	typing = NULL;
}

/* The screen as curses last wrote it, a line of text per row. */
static void
dump(const char *file)
{
	FILE *f = fopen(file, "a");
	wchar_t row[1024];
	char mb[4096];
	int y, n, cols = COLS < 1023 ? COLS : 1023;
	size_t len;

	if (f == NULL) {
		fprintf(stderr, "warden: script %s:%ld: cannot write %s\n",
		    path, lineno, file);
		return;
	}
	for (y = 0; y < LINES; y++) {
		n = mvwinnwstr(curscr, y, 0, row, cols);
		if (n < 0)
			n = 0;
		row[n] = L'\0';
		len = wcstombs(mb, row, sizeof mb - 1);
		if (len == (size_t)-1)
			len = 0;
		mb[len] = '\0';
		while (len > 0 && mb[len - 1] == ' ')
			mb[--len] = '\0';
		fprintf(f, "%s\n", mb);
	}
	fprintf(f, "--\n");
	fclose(f);
}

int
script_key(void)
{
	char line[4096];
	size_t n;
	int key;

	for (;;) {
		if (typing && *typing)
			return *typing++;
		if (script == NULL || fgets(line, sizeof line, script) == NULL)
			return ERR;
		lineno++;
		n = strlen(line);
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (strncmp(line, "type ", 5) == 0) {
			free(typed);
			typed = xstrdup(line + 5);
			typing = (const unsigned char *)typed;
			continue;
		}
		if (strncmp(line, "dump ", 5) == 0) {
			doupdate();
			dump(line + 5);
			continue;
		}
		if ((key = key_parse(line)) >= 0)
			return key;
		fprintf(stderr, "warden: script %s:%ld: '%s' is not a key, "
		    "type TEXT or dump FILE\n", path, lineno, line);
	}
}
