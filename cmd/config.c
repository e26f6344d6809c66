/* cmd/config.c: the INI configuration file (see config.h). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"
#include "../util/util.h"

/* The keys of [warden]; others are reported, they are likely typos. */
static const char *const warden_keys[] = { "db", "api", "token_file",
	"ca_file", "moderator", "format", "color", NULL };

struct reader {
	FILE *fp;
	int line;	/* the line last read: the one the handler sees */
	struct config *c;
	size_t cap;
};

/* libinih calls its handler right after reading a line, so counting the
 * lines it reads gives the handler's line number (Debian's libinih is
 * built without INI_HANDLER_LINENO). */
static char *
read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	char *s = fgets(str, num, r->fp);

	if (s && strchr(s, '\n'))
		r->line++;
	else if (s && feof(r->fp))
		r->line++;
	return s;
}

static void warn(const char *path, int line, const char *fmt, ...)
    W_PRINTF(3, 4);

/* Keys and values are the user's own, but may still hold anything. */
static void
warn(const char *path, int line, const char *fmt, ...)
{
	struct buf msg = BUF_INIT, safe = BUF_INIT;
	va_list ap;

	if (line > 0)
		buf_printf(&msg, "%s:%d: ", path, line);
	else
		buf_printf(&msg, "%s: ", path);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	safe_render(&safe, msg.s, msg.len, -1);
	fprintf(stderr, "warden: %s\n", buf_str(&safe));
	buf_free(&msg);
	buf_free(&safe);
}

static int
on_entry(void *user, const char *section, const char *key, const char *value)
{
	struct reader *r = user;
	struct config *c = r->c;
	struct config_entry *e;
	const char *sp;
	size_t i;

	if (*section == '\0') {
		warn(c->path, r->line, "'%s' is outside any section; put it "
		    "under [warden]", key);
		return 1;
	}
	if (strcmp(section, "warden") == 0) {
		for (i = 0; warden_keys[i]; i++)
			if (strcmp(warden_keys[i], key) == 0)
				break;
		if (warden_keys[i] == NULL)
			warn(c->path, r->line, "unknown key '%s' in [warden] "
			    "(known: db, api, token_file, ca_file, moderator, "
			    "format, color)", key);
	}
	if (c->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		c->v = xreallocarray(c->v, r->cap, sizeof *c->v);
	}
	e = &c->v[c->n++];
	e->section = xstrdup(section);
	sp = strchr(section, ' ');
	if (sp) {
		while (*sp == ' ')
			sp++;
		e->name = xstrdup(sp);
	} else
		e->name = xstrdup("");
	e->key = xstrdup(key);
	e->value = xstrdup(value);
	e->line = r->line;
	return 1;
}

char *
config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/warden/config", xdg);
	return xasprintf("%s/.config/warden/config", home && *home ? home :
	    ".");
}

void
config_load(struct config *c, const char *path)
{
	struct reader r;
	int rc;

	memset(c, 0, sizeof *c);
	c->path = path ? xstrdup(path) : config_default_path();
	memset(&r, 0, sizeof r);
	r.c = c;
	r.fp = fopen(c->path, "r");
	if (r.fp == NULL) {
		if (errno != ENOENT || path != NULL)
			warn(c->path, 0, "cannot read it: %s",
			    strerror(errno));
		free(c->path);
		c->path = NULL;
		return;
	}
	rc = ini_parse_stream(read_line, &r, on_entry, &r);
	if (rc > 0)
		warn(c->path, rc, "not a '[section]' or 'key = value' line; "
		    "it was skipped");
	fclose(r.fp);
}

void
config_free(struct config *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free((char *)c->v[i].section);
		free((char *)c->v[i].name);
		free((char *)c->v[i].key);
		free((char *)c->v[i].value);
	}
	free(c->v);
	free(c->path);
	memset(c, 0, sizeof *c);
}

const struct config_entry *
config_find(const struct config *c, const char *section, const char *key)
{
	size_t i;

	if (c == NULL)
		return NULL;
	for (i = c->n; i-- > 0;)
		if (strcmp(c->v[i].section, section) == 0 &&
		    strcmp(c->v[i].key, key) == 0)
			return &c->v[i];
	return NULL;
}

const char *
config_get(const struct config *c, const char *section, const char *key)
{
	const struct config_entry *e = config_find(c, section, key);

	return e ? e->value : NULL;
}

void
config_each(const struct config *c, const char *kind,
    void (*fn)(void *ctx, const struct config_entry *e), void *ctx)
{
	size_t i, n = strlen(kind);

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		const char *s = c->v[i].section;

		if (strncmp(s, kind, n) == 0 && (s[n] == '\0' || s[n] == ' '))
			fn(ctx, &c->v[i]);
	}
}

bool
config_bool(const char *v, bool *ok)
{
	static const char *const yes[] = { "yes", "true", "on", "1", NULL };
	static const char *const no[] = { "no", "false", "off", "0", NULL };
	size_t i;

	for (i = 0; yes[i]; i++)
		if (v && strcmp(v, yes[i]) == 0) {
			*ok = true;
			return true;
		}
	for (i = 0; no[i]; i++)
		if (v && strcmp(v, no[i]) == 0) {
			*ok = true;
			return false;
		}
	return false;
}
