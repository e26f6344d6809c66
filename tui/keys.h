/* tui/keys.h: the one key table.  Requests are an X-macro: it makes the
 * enum, the names and the help lines; the key table says which keys ask
 * for them, and the binding table which keys prefill which command.  The
 * ? overlay, help/keys.txt and the KEYS section of warden.1 are all
 * checked against these tables (tests/unit/test_keys.c). */
#ifndef WARDEN_TUI_KEYS_H
#define WARDEN_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#define REQUESTS(X) \
	X(MOVE_DOWN, "move-down", "next line") \
	X(MOVE_UP, "move-up", "previous line") \
	X(PAGE_DOWN, "page-down", "next screen") \
	X(PAGE_UP, "page-up", "previous screen") \
	X(FIRST, "first-line", "first line") \
	X(LAST, "last-line", "last line (reads to the end)") \
	X(ENTER, "enter", "open the thread or account the line names") \
	X(BACK, "back", "back to the view before; quits from the queue") \
	X(QUIT, "quit", "quit the console from any view") \
	X(SEARCH, "search", "search this view for text") \
	X(FIND_NEXT, "find-next", "next match of the search") \
	X(FIND_PREV, "find-prev", "previous match of the search") \
	X(NEXT_VIEW, "next-view", "next view: queue, escalations, trust, " \
	    "appeals, audit, search") \
	X(PREV_VIEW, "prev-view", "previous view of the cycle") \
	X(PROMPT, "prompt", "the command line (Tab completes, Esc cancels)") \
	X(HELP, "help", "this help") \
	X(REDRAW, "redraw", "redraw the screen and the counts") \
	X(RELOAD, "reload", "read the view's data again") \
	X(TAG, "tag", "tag or untag the line for a bulk action") \
	X(UNTAG_ALL, "untag-all", "clear every tag of the view")

enum request {
	REQ_NONE = 0,
#define X(id, name, help) REQ_##id,
	REQUESTS(X)
#undef X
	REQ__COUNT
};

const char *request_name(enum request r);
const char *request_help(enum request r);

/* Where a key works: every view, lists (with a selection and tags), or
 * pagers (the thread, help), where space and b page as in less. */
enum key_scope { KS_ALL, KS_LIST, KS_PAGER };

struct key_def {
	int key;		/* a curses key code or a byte */
	enum key_scope scope;
	enum request req;
};
extern const struct key_def key_table[];
extern const size_t nkey_table;

/* A key bound to a command: "c" in every view -> "claim %account".  The
 * command is put on the ':' line for the moderator to finish, unless it
 * starts with '!' (run at once; destructive commands still ask). */
struct binding {
	char *view;		/* a view's name, "*" every view, "lists" */
	int key;
	char *command;		/* NULL: unbound */
};

struct binding_def {
	const char *view;
	const char *key;
	const char *command;
	const char *help;
};
extern const struct binding_def default_bindings[];
extern const size_t ndefault_bindings;

/* The bindings in force: the defaults, then the config's [bind] on top. */
void bindings_init(void);
void bindings_free(void);
/* Adds or replaces a binding from the config: name is "VIEW KEY" and
 * value the command ("none" unbinds).  false with why on a bad line. */
bool bindings_set(const char *name, const char *value, char *why,
    size_t whysize);
/* The command a key runs in a view (is_pager: the view pages), or NULL. */
const char *binding_find(const char *view, bool is_pager, int key);
/* Every binding in force, for the help overlay. */
size_t bindings_count(void);
const struct binding *binding_at(size_t i);

/* "j", "^L", "Enter", "PgDn", "Space", "F5" <-> key codes. */
const char *key_label(int key, char *buf, size_t size);
int key_parse(const char *name);	/* -1 when not a key */

/* The request a key asks for in a view, REQ_NONE if none. */
enum request key_request(int key, bool is_pager);

/* The key reference from these tables: plain text (help/keys.txt) or
 * mdoc (the KEYS section of warden.1), appended to out. */
struct buf;
void keys_reference(struct buf *out, bool man);
/* Its two parts: the keys of the requests, the default bindings. */
void keys_reference_requests(struct buf *out, bool man);
void keys_reference_bindings(struct buf *out, bool man);

#endif
