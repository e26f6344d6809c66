/* tui/keys.c: requests, keys and bindings (see keys.h). */
#include "keys.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "../util/util.h"

static const struct {
	const char *name, *help;
} requests[REQ__COUNT] = {
	[REQ_NONE] = { "none", "" },
#define X(id, name, help) [REQ_##id] = { name, help },
	REQUESTS(X)
#undef X
};

const char *
request_name(enum request r)
{
	return r < REQ__COUNT ? requests[r].name : "none";
}

const char *
request_help(enum request r)
{
	return r < REQ__COUNT ? requests[r].help : "";
}

#define CTRL(c) ((c) & 0x1f)

/* The order is the order of the ? overlay and of help/keys.txt. */
const struct key_def key_table[] = {
	{ 'j', KS_ALL, REQ_MOVE_DOWN },
	{ KEY_DOWN, KS_ALL, REQ_MOVE_DOWN },
	{ 'k', KS_ALL, REQ_MOVE_UP },
	{ KEY_UP, KS_ALL, REQ_MOVE_UP },
	{ KEY_NPAGE, KS_ALL, REQ_PAGE_DOWN },
	{ CTRL('f'), KS_ALL, REQ_PAGE_DOWN },
	{ ' ', KS_PAGER, REQ_PAGE_DOWN },
	{ KEY_PPAGE, KS_ALL, REQ_PAGE_UP },
	{ CTRL('b'), KS_ALL, REQ_PAGE_UP },
	{ 'b', KS_PAGER, REQ_PAGE_UP },
	{ 'g', KS_ALL, REQ_FIRST },
	{ KEY_HOME, KS_ALL, REQ_FIRST },
	{ 'G', KS_ALL, REQ_LAST },
	{ KEY_END, KS_ALL, REQ_LAST },
	{ '\r', KS_ALL, REQ_ENTER },
	{ '\n', KS_ALL, REQ_ENTER },
	{ KEY_ENTER, KS_ALL, REQ_ENTER },
	{ 'q', KS_ALL, REQ_BACK },
	{ 'Q', KS_ALL, REQ_QUIT },
	{ '/', KS_ALL, REQ_SEARCH },
	{ 'n', KS_ALL, REQ_FIND_NEXT },
	{ 'N', KS_ALL, REQ_FIND_PREV },
	{ '\t', KS_ALL, REQ_NEXT_VIEW },
	{ KEY_BTAB, KS_ALL, REQ_PREV_VIEW },
	{ ':', KS_ALL, REQ_PROMPT },
	{ '?', KS_ALL, REQ_HELP },
	{ KEY_F(1), KS_ALL, REQ_HELP },
	{ CTRL('l'), KS_ALL, REQ_REDRAW },
	{ CTRL('r'), KS_ALL, REQ_RELOAD },
	{ ' ', KS_LIST, REQ_TAG },
	{ 't', KS_LIST, REQ_TAG },
	{ 'u', KS_LIST, REQ_UNTAG_ALL },
};
const size_t nkey_table = W_NELEM(key_table);

/* Every action goes through the command language: a key only writes the
 * start of a command.  'n' is find-next (less, vi, mutt), so a note is
 * 'a' (annotate); in the pagers b pages up, so ban is a list key there. */
const struct binding_def default_bindings[] = {
	{ "*", "c", "claim %account", "claim the account's open flags" },
	{ "*", "w", "warn %account --reason ", "warn the account" },
	{ "*", "s", "suspend %account --for ", "suspend the account" },
	{ "lists", "b", "ban %account --reason ", "ban the account" },
	{ "*", "r", "resolve %flag ", "resolve the flag" },
	{ "*", "h", "hide %message --reason ", "hide the message" },
	{ "*", "a", "note %account ", "add a note to the account" },
	{ "*", "T", "trust %account ", "set (and lock) the trust level" },
	{ "*", "R", "reveal %account ", "reveal the phone or email" },
	{ "*", "e", "escalate --account %account --reason ",
	  "open an escalation on the account" },
	{ "appeals", "d", "decide %appeal ", "decide the appeal" },
	{ "escalations", "a", "ack %escalation",
	  "acknowledge the escalation (--resolve closes it)" },
	{ "escalations", "e", "escalate %escalation --reason ",
	  "climb the escalation a level" },
	{ "escalations", "A", "assign %escalation ",
	  "give the escalation to a moderator" },
};
const size_t ndefault_bindings = W_NELEM(default_bindings);

static struct binding *binds;
static size_t nbinds;

static void
bind_put(const char *view, int key, const char *command)
{
	size_t i;

	for (i = 0; i < nbinds; i++)
		if (binds[i].key == key && strcmp(binds[i].view, view) == 0)
			break;
	if (i == nbinds) {
		binds = xreallocarray(binds, nbinds + 1, sizeof *binds);
		binds[nbinds].view = xstrdup(view);
		binds[nbinds].key = key;
		binds[nbinds].command = NULL;
		nbinds++;
	}
	free(binds[i].command);
	binds[i].command = command ? xstrdup(command) : NULL;
}

void
bindings_init(void)
{
	size_t i;

	bindings_free();
	for (i = 0; i < ndefault_bindings; i++)
		bind_put(default_bindings[i].view,
		    key_parse(default_bindings[i].key),
		    default_bindings[i].command);
}

void
bindings_free(void)
{
	size_t i;

	for (i = 0; i < nbinds; i++) {
		free(binds[i].view);
		free(binds[i].command);
	}
	free(binds);
	binds = NULL;
	nbinds = 0;
}

bool
bindings_set(const char *name, const char *value, char *why, size_t whysize)
{
	char view[64], keyname[32];
	int key, n = 0;

	if (sscanf(name, "%63s %31s %n", view, keyname, &n) != 2 ||
	    name[n] != '\0') {
		snprintf(why, whysize, "'%s': a binding is 'VIEW KEY = "
		    "COMMAND', like 'queue s = suspend %%account --for 3d'",
		    name);
		return false;
	}
	if ((key = key_parse(keyname)) < 0) {
		snprintf(why, whysize, "'%s' is not a key: use a character, "
		    "^X, Enter, Tab, Space, PgUp, PgDn, Up, Down, Home, End "
		    "or F1 to F12", keyname);
		return false;
	}
	if (value == NULL || *value == '\0' || strcmp(value, "none") == 0)
		value = NULL;
	bind_put(strcmp(view, "all") == 0 ? "*" : view, key, value);
	return true;
}

static const struct binding *
find(const char *view, int key)
{
	size_t i;

	for (i = 0; i < nbinds; i++)
		if (binds[i].key == key && strcmp(binds[i].view, view) == 0)
			return &binds[i];
	return NULL;
}

const char *
binding_find(const char *view, bool is_pager, int key)
{
	const struct binding *b;

	/* The most specific binding wins; "none" there unbinds. */
	if ((b = find(view, key)) != NULL)
		return b->command;
	if (!is_pager && (b = find("lists", key)) != NULL)
		return b->command;
	if ((b = find("*", key)) != NULL)
		return b->command;
	return NULL;
}

size_t
bindings_count(void)
{
	return nbinds;
}

const struct binding *
binding_at(size_t i)
{
	return i < nbinds ? &binds[i] : NULL;
}

static const struct {
	int key;
	const char *name;
} named[] = {
	{ '\r', "Enter" }, { KEY_ENTER, "Enter" }, { '\n', "Enter" },
	{ '\t', "Tab" }, { KEY_BTAB, "S-Tab" }, { ' ', "Space" },
	{ 27, "Esc" }, { 127, "Backspace" }, { KEY_BACKSPACE, "Backspace" },
	{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
	{ KEY_RIGHT, "Right" }, { KEY_NPAGE, "PgDn" }, { KEY_PPAGE, "PgUp" },
	{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEY_DC, "Delete" },
	{ KEY_IC, "Insert" },
};

const char *
key_label(int key, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < W_NELEM(named); i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return buf;
		}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F0);
	else if (key > 0 && key < 32)
		snprintf(buf, size, "^%c", key + '@');
	else if (key > 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "<%d>", key);
	return buf;
}

int
key_parse(const char *name)
{
	size_t i;
	int n;

	if (name == NULL || *name == '\0')
		return -1;
	if (name[1] == '\0' && name[0] > 32 && name[0] < 127)
		return (unsigned char)name[0];
	if ((name[0] == '^' && name[2] == '\0') ||
	    ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    name[2] && name[3] == '\0')) {
		int c = toupper((unsigned char)name[name[0] == '^' ? 1 : 2]);

		if (c >= '@' && c <= '_')
			return c - '@';
		return -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && sscanf(name + 1, "%d", &n) ==
	    1 && n >= 1 && n <= 12 && strspn(name + 1, "0123456789") ==
	    strlen(name + 1))
		return KEY_F(n);
	for (i = 0; i < W_NELEM(named); i++)
		if (strcasecmp(named[i].name, name) == 0)
			return named[i].key;
	return -1;
}

enum request
key_request(int key, bool is_pager)
{
	size_t i;

	for (i = 0; i < nkey_table; i++) {
		const struct key_def *k = &key_table[i];

		if (k->key != key)
			continue;
		if (k->scope == KS_ALL || (k->scope == KS_PAGER) == is_pager)
			return k->req;
	}
	return REQ_NONE;
}

/* ------------------------------------------------------------------ */
/* The key reference, for help/keys.txt and the KEYS section of warden.1
 * (tests/unit/test_keys.c checks that both hold it word for word). */

static const struct {
	enum key_scope scope;
	const char *title;
} scopes[] = {
	{ KS_ALL, "Keys in every view" },
	{ KS_LIST, "Keys in lists (every view but a thread and help)" },
	{ KS_PAGER, "Keys in pagers (a thread, help)" },
};

/* The keys of a request in a scope, as one label: "j Down". */
static void
keys_of(enum key_scope scope, enum request r, struct buf *out)
{
	char name[16];
	size_t i;

	buf_reset(out);
	for (i = 0; i < nkey_table; i++) {
		if (key_table[i].req != r || key_table[i].scope != scope)
			continue;
		key_label(key_table[i].key, name, sizeof name);
		if (out->len && (strcmp(name, "Enter") == 0 &&
		    strstr(out->s, "Enter")))
			continue;
		if (out->len)
			buf_addc(out, ' ');
		buf_adds(out, name);
	}
}

/* Text as a roff argument: backslashes escaped, and a zero-width \& in
 * front, so that neither a leading dot nor mdoc's punctuation (":", "?")
 * is read as something else. */
static void
roff(struct buf *out, const char *s)
{
	buf_adds(out, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			buf_adds(out, "\\e");
		else
			buf_addc(out, *s);
	}
}

void
keys_reference(struct buf *out, bool man)
{
	keys_reference_requests(out, man);
	keys_reference_bindings(out, man);
}

void
keys_reference_requests(struct buf *out, bool man)
{
	struct buf k = BUF_INIT;
	size_t s;
	enum request r;

	for (s = 0; s < W_NELEM(scopes); s++) {
		if (man)
			buf_printf(out, ".Ss %s\n.Bl -tag -width Ds\n",
			    scopes[s].title);
		else
			buf_printf(out, "%s%s\n", s ? "\n" : "",
			    scopes[s].title);
		for (r = 1; r < REQ__COUNT; r++) {
			keys_of(scopes[s].scope, r, &k);
			if (k.len == 0)
				continue;
			if (man) {
				buf_adds(out, ".It Li \"");
				roff(out, k.s);
				buf_printf(out, "\"\n%s\n", request_help(r));
			} else {
				buf_printf(out, "  %-16s %s\n", k.s,
				    request_help(r));
			}
		}
		if (man)
			buf_adds(out, ".El\n");
	}
	buf_free(&k);
}

void
keys_reference_bindings(struct buf *out, bool man)
{
	struct buf k = BUF_INIT;
	size_t i;

	if (man)
		buf_adds(out, ".Ss Keys that start a command\n"
		    "The command is put on the\n.Ic \\&:\n"
		    "line with the selected line's account, flag, message or "
		    "appeal filled in\n(every tagged line's, when lines are "
		    "tagged), to be finished and run with\n.Ic Enter .\n"
		    ".Bl -tag -width Ds\n");
	else
		buf_adds(out, "\nKeys that start a command (finish it on the "
		    ": line and press Enter)\n");
	for (i = 0; i < ndefault_bindings; i++) {
		const struct binding_def *b = &default_bindings[i];
		const char *where = strcmp(b->view, "*") == 0 ? "" : b->view;
		char label[48];

		snprintf(label, sizeof label, "%s%s%s%s", b->key,
		    *where ? " (" : "", where, *where ? ")" : "");
		buf_reset(&k);
		buf_adds(&k, b->command);
		while (k.len && k.s[k.len - 1] == ' ')
			k.s[--k.len] = '\0';
		if (man) {
			buf_adds(out, ".It Li \"");
			roff(out, label);
			buf_adds(out, "\"\n.Ql ");
			roff(out, k.s);
			buf_printf(out, "\n\\(em %s\n", b->help);
		} else {
			buf_printf(out, "  %-16s %s\n  %-16s   %s\n", label,
			    k.s, "", b->help);
		}
	}
	if (man)
		buf_adds(out, ".El\n");
	buf_free(&k);
}
