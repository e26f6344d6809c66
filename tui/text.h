/* tui/text.h: a view's content as lines of text built once (the account,
 * a thread, help), laid out to the width: a line is segments of text in
 * attributes; its last segment may wrap (message bodies, where a newline
 * in the data starts a new screen line).  A line also carries the values
 * it names (%account, %flag, ...) and what Enter opens. */
#ifndef WARDEN_TUI_TEXT_H
#define WARDEN_TUI_TEXT_H

#include "view.h"

struct tseg {
	char *s;
	size_t len;
	enum ui_attr attr;
	int width;		/* > 0: padded (or cut) to this many columns */
};

/* Bytes of a line's last segment drawn in another attribute: what a
 * detector matched in a message. */
struct tspan {
	size_t from, to;
	enum ui_attr attr;
};

struct tline {
	struct tseg *segs;
	size_t nsegs;
	struct tspan *spans;	/* in the last segment, in any order */
	size_t nspans;
	enum ui_attr attr;	/* of the whole line (flagged, hidden, ...) */
	bool wrap;		/* the last segment wraps */
	int indent;		/* of the wrapped lines after the first */
	struct param *vals;	/* %names: "account" -> "@x"; and what Enter
				 * opens: "open-account" -> "12", "run" */
	size_t nvals;
};

/* A screen line: part of a logical line. */
struct dline {
	size_t line;
	bool first;		/* draws the segments before the last too */
	size_t from, to;	/* bytes of the last segment on this line */
};

struct text {
	struct tline *lines;
	size_t n;
	struct dline *disp;
	size_t ndisp;
	size_t laid;		/* logical lines laid out */
	int width;
};

void text_init(struct text *t);
void text_free(struct text *t);
void text_clear(struct text *t);
struct tline *text_line(struct text *t, enum ui_attr attr);
void text_add(struct tline *l, enum ui_attr attr, const char *s);
void text_addn(struct tline *l, enum ui_attr attr, const char *s, size_t n);
void text_addf(struct tline *l, enum ui_attr attr, const char *fmt, ...)
    W_PRINTF(3, 4);
/* A segment padded or cut to exactly width columns. */
void text_addw(struct tline *l, enum ui_attr attr, const char *s, int width);
/* Draws bytes [from, to) of the line's last segment in attr (widened to
 * whole UTF-8 characters, cut to the segment). */
void text_span(struct tline *l, size_t from, size_t to, enum ui_attr attr);
void text_val(struct tline *l, const char *name, const char *value);
void text_valf(struct tline *l, const char *name, const char *fmt, ...)
    W_PRINTF(3, 4);
const char *text_get(const struct tline *l, const char *name);
/* Lays out the lines not yet laid out, or all when the width changed. */
void text_layout(struct text *t, int width);
/* The logical line of screen line d (NULL past the end). */
struct tline *text_at(struct text *t, size_t d);
/* The first screen line of logical line i. */
size_t text_first(struct text *t, size_t line);

void text_draw(struct view *v, struct text *t, WINDOW *w, size_t d,
    int width, attr_t base);
bool text_match(struct text *t, size_t d, const char *needle);
bool text_value(struct text *t, size_t d, const char *name, struct buf *out);


/* A blank line between sections (none before the first), then the
 * section's title; the caller may add to it. */
struct tline *text_heading(struct text *t, const char *title);

/* A section built from one query (the account's notes, the trust
 * overview's demotions): build() adds its lines from the rows. */
struct text_section {
	const char *what;	/* the query */
	int limit;		/* 0: the store's default */
	const char *k, *v;	/* a parameter of its own, or NULL */
	void (*build)(struct view *, const struct rows *);
};
/* Reads and builds each section in turn, every query with k=val too when
 * k is not NULL.  One that fails shows its error in place, and the rest
 * still show. */
void text_sections(struct view *v, struct text *t,
    const struct text_section *s, size_t n, const char *k, const char *val);
/* A text column of a row, "" when it is NULL. */
const char *row_text(const struct rows *r, size_t row, const char *col);

/* Ops for views whose priv starts with a struct text. */
int text_view_width(struct view *v);
size_t tv_lines(struct view *v, bool *more);
void tv_draw(struct view *v, WINDOW *w, size_t line, int width, attr_t base);
bool tv_match(struct view *v, size_t line, const char *needle);
bool tv_value(struct view *v, size_t line, const char *name,
    struct buf *out);
/* Opens what the line names: its thread (at its message), else its
 * account ("open-account"), else runs its command ("run"). */
unsigned tv_enter(struct view *v, size_t line);
void tv_resize(struct view *v, int width);

#endif
