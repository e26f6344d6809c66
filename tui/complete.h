/* tui/complete.h: Tab completion on the ':' line (complete.c). */
#ifndef WARDEN_TUI_COMPLETE_H
#define WARDEN_TUI_COMPLETE_H

#include <stdbool.h>

struct tui;

void complete_init(struct tui *ui);
/* On for the command line, off for the search line. */
void complete_set(bool on);
void complete_end(void);

/* The candidates for the word being typed at byte `start` of line (for
 * tests and the readline hook): a NULL-terminated array, caller frees
 * each string and the array. */
char **complete_candidates(struct tui *ui, const char *line, int start,
    const char *word);

#endif
