/* cmd/config.h: the configuration file, $XDG_CONFIG_HOME/warden/config
 * (default ~/.config/warden/config), an INI file read with libinih.
 *
 *   [warden]          ours: db, api, token_file, ca_file, moderator,
 *                     format, color
 *   [bind]            console key bindings (tui/)
 *   [webhook NAME]    webhooks (rules, delivered by api/)
 *
 * Every entry is kept with its line, so that each layer reads its own
 * section and names file:line in its own warnings.  This file uses util/
 * only, so that any layer may read a loaded config. */
#ifndef WARDEN_CONFIG_H
#define WARDEN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config_entry {
	const char *section;	/* "warden", "bind", "webhook slack" */
	const char *name;	/* after the section's first word: "slack";
				 * "" when none */
	const char *key;
	const char *value;
	int line;
};

struct config {
	char *path;		/* the file read, or NULL when there was none */
	size_t n;
	struct config_entry *v;
};

/* Reads path (NULL: the default place).  A missing file is not an error
 * (an empty config); a file that cannot be read or parsed is reported on
 * stderr as a warning and what could be read is kept.  Unknown keys in
 * [warden] are warned about, naming file:line. */
void config_load(struct config *c, const char *path);
void config_free(struct config *c);

/* The default path, allocated. */
char *config_default_path(void);

/* The last value of key in section (exact section name), or NULL. */
const char *config_get(const struct config *c, const char *section,
    const char *key);
/* The entry of that value, for a warning naming file:line; or NULL. */
const struct config_entry *config_find(const struct config *c,
    const char *section, const char *key);

/* Calls fn for each entry whose section's first word is `kind` ("bind";
 * "webhook" matches every [webhook NAME]), in file order. */
void config_each(const struct config *c, const char *kind,
    void (*fn)(void *ctx, const struct config_entry *e), void *ctx);

/* "yes/no/true/false/on/off/1/0"; false with *ok unset otherwise. */
bool config_bool(const char *v, bool *ok);

#endif
