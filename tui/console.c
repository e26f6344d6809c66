/* tui/console.c: tui_run(): the console's main loop.  Keys become
 * requests (keys.c) or commands (bindings); handlers return reactions
 * that the loop applies once, drawing only what changed (htop's way),
 * then waits for the next key.  On q, Q, Ctrl-C, SIGTERM and SIGHUP the
 * loop ends between two commands, so nothing is ever half-applied, and
 * the terminal is given back as it was. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../cmd/cmd.h"
#include "../cmd/config.h"
#include "../util/safe.h"
#include "command.h"
#include "keys.h"
#include "script.h"
#include "view.h"

/* Counts are read again when the console has been idle this long. */
#define IDLE_REFRESH_MS 60000
#define WHEEL_LINES 3

struct view *
tui_top(struct tui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
}

static void
open_if_needed(struct view *v)
{
	if (!v->opened || v->stale) {
		view_open(v);
		v->opened = true;
		v->stale = false;
	}
}

void
tui_push(struct tui *ui, struct view *v)
{
	if (v == NULL)
		return;
	if (ui->depth == TUI_MAX_STACK) {
		/* The oldest pushed view goes: the bottom is the Tab view. */
		view_free(ui->stack[1]);
		memmove(&ui->stack[1], &ui->stack[2],
		    (size_t)(ui->depth - 2) * sizeof *ui->stack);
		ui->depth--;
	}
	ui->stack[ui->depth++] = v;
	open_if_needed(v);
	ui->pending |= RE_REDRAW;
}

static void
pop_pushed(struct tui *ui)
{
	while (ui->depth > 1)
		view_free(ui->stack[--ui->depth]);
}

struct view *
tui_tab(struct tui *ui, int i)
{
	if (ui->tabs[i] == NULL)
		ui->tabs[i] = tab_views[i]->create(ui);
	return ui->tabs[i];
}

void
tui_show_tab(struct tui *ui, int i)
{
	if (i < 0 || i >= ui->ntabs)
		return;
	pop_pushed(ui);
	tui_tab(ui, i);
	ui->tab = i;
	ui->stack[0] = ui->tabs[i];
	ui->depth = 1;
	open_if_needed(ui->tabs[i]);
	ui->tabs[i]->drawn = false;
	ui->pending |= RE_REDRAW;
}

void
tui_message(struct tui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&ui->message);
	va_start(ap, fmt);
	buf_vprintf(&ui->message, fmt, ap);
	va_end(ap);
	ui->message_error = error;
	ui->why_shown = false;
	ui->pending |= RE_STATUS;
}

/* When the selection comes to a line a detector marked, the message line
 * says why; when it leaves, the line is cleared again.  A command's
 * result stays until the selection moves. */
static unsigned
show_why(struct tui *ui, struct view *v)
{
	struct buf b = BUF_INIT;
	unsigned re = RE_NONE;

	if (v == NULL || (v == ui->why_view && v->lineno == ui->why_line))
		return RE_NONE;
	ui->why_view = v;
	ui->why_line = v->lineno;
	if (view_value(v, v->lineno, "why", &b)) {
		tui_message(ui, false, "%s", buf_str(&b));
		ui->why_shown = true;
		re = RE_STATUS;
	} else if (ui->why_shown) {
		tui_message(ui, false, "%s", "");
		re = RE_STATUS;
	}
	buf_free(&b);
	return re;
}

int64_t
tui_now(void)
{
	const char *fixed = getenv("WARDEN_NOW");
	int64_t now = (int64_t)time(NULL), t;

	if (fixed && *fixed && time_parse(fixed, now, &t))
		return t;
	return now;
}

/* Every view may show what a command changed: the one on top is read
 * again now, the others when they are next shown. */
static void
mark_stale(struct tui *ui)
{
	int i;

	for (i = 0; i < ui->ntabs; i++)
		if (ui->tabs[i])
			ui->tabs[i]->stale = true;
	for (i = 1; i < ui->depth; i++)
		ui->stack[i]->stale = true;
}

void
tui_resize(struct tui *ui)
{
	int i;

	term_layout(ui);
	for (i = 0; i < ui->ntabs; i++)
		if (ui->tabs[i]) {
			if (ui->tabs[i]->ops->resize)
				ui->tabs[i]->ops->resize(ui->tabs[i],
				    getmaxx(ui->body));
			ui->tabs[i]->drawn = false;
		}
	for (i = 1; i < ui->depth; i++) {
		if (ui->stack[i]->ops->resize)
			ui->stack[i]->ops->resize(ui->stack[i],
			    getmaxx(ui->body));
		ui->stack[i]->drawn = false;
	}
}

void
tui_render(struct tui *ui)
{
	unsigned re = ui->pending;
	struct view *v = tui_top(ui);

	ui->pending = 0;
	if (re & RE_CLEAR) {
		clearok(curscr, TRUE);
		re |= RE_REDRAW;
	}
	if (re & RE_RELOAD)
		mark_stale(ui);
	if (v && v->stale) {
		open_if_needed(v);
		re |= RE_REDRAW;
	}
	re |= show_why(ui, v);
	if (re & RE_COUNTS)
		status_refresh(ui);
	if (re & RE_REDRAW) {
		if (v) {
			v->drawn = false;
			view_draw_head(v);
			view_draw(v, true);
		}
		title_draw(ui);
		status_draw(ui);
		message_draw(ui);
	} else {
		if (v && (re & RE_VIEW)) {
			view_draw_head(v);
			view_draw(v, true);
		} else if (v && (re & RE_LINE)) {
			view_draw(v, false);
		}
		if (re & (RE_LINE | RE_VIEW | RE_STATUS))
			title_draw(ui);
		if (re & (RE_STATUS | RE_COUNTS)) {
			status_draw(ui);
			message_draw(ui);
		}
	}
	doupdate();
}

static bool
may_quit(struct tui *ui)
{
	char q[200];

	status_refresh(ui);
	if (!ui->have_stats || ui->mine <= 0)
		return true;
	snprintf(q, sizeof q, "You hold %lld claim%s: %s yours until %s "
	    "after 30 idle minutes. Quit?", (long long)ui->mine,
	    ui->mine == 1 ? "" : "s", ui->mine == 1 ? "it stays" :
	    "they stay", ui->mine == 1 ? "it lapses" : "they lapse");
	return ui_confirm(ui, q, NULL);
}

/* A key bound to a command: fill in the %names and put it on the ':'
 * line to be finished, or run it at once when it starts with '!'. */
static unsigned
run_binding(struct tui *ui, struct view *v, const char *bound, int key)
{
	bool now = bound[0] == '!';
	const char *cmd = now ? bound + 1 : bound;
	struct buf line = BUF_INIT;
	unsigned re = RE_STATUS;
	char name[16];
	char *typed;

	if (ui->read_only && command_is_write(cmd)) {
		tui_message(ui, true, "read-only: %s (%s) changes data",
		    key_label(key, name, sizeof name), cmd);
		return RE_STATUS;
	}
	if (!command_expand(ui, v, cmd, &line)) {
		buf_free(&line);
		return RE_STATUS;
	}
	if (now) {
		re = tui_command(ui, line.s);
		buf_free(&line);
		return re;
	}
	if (line.len && line.s[line.len - 1] != ' ')
		buf_addc(&line, ' ');
	typed = prompt_read(ui, ":", line.s, true);
	buf_free(&line);
	if (typed && *typed)
		re |= tui_command(ui, typed);
	free(typed);
	return re;
}

static unsigned
request(struct tui *ui, struct view *v, enum request req)
{
	char *line;
	unsigned re;

	switch (req) {
	case REQ_MOVE_DOWN:
		return view_move(v, 1);
	case REQ_MOVE_UP:
		return view_move(v, -1);
	case REQ_PAGE_DOWN:
		return view_page(v, 1);
	case REQ_PAGE_UP:
		return view_page(v, -1);
	case REQ_FIRST:
		return view_goto(v, 0);
	case REQ_LAST:
		return view_end(v);
	case REQ_ENTER:
		if (v->ops->enter == NULL ||
		    view_lines(v, NULL) <= v->lineno)
			return RE_NONE;
		return v->ops->enter(v, v->lineno);
	case REQ_BACK:
		if (ui->depth > 1) {
			view_free(ui->stack[--ui->depth]);
			return RE_REDRAW;
		}
		if (ui->tab != 0) {
			tui_show_tab(ui, 0);
			return RE_REDRAW;
		}
		return RE_QUIT;
	case REQ_QUIT:
		return RE_QUIT;
	case REQ_SEARCH:
		line = prompt_read(ui, "/", "", false);
		re = RE_STATUS;
		if (line && *line)
			re |= view_find(v, line, 1, false);
		else if (line && v->grep)
			re |= view_find(v, v->grep, 1, true);
		free(line);
		return re;
	case REQ_FIND_NEXT:
		return view_find(v, v->grep, 1, true);
	case REQ_FIND_PREV:
		return view_find(v, v->grep, -1, true);
	case REQ_NEXT_VIEW:
		tui_show_tab(ui, (ui->tab + 1) % ui->ntabs);
		return RE_REDRAW;
	case REQ_PREV_VIEW:
		tui_show_tab(ui, (ui->tab + ui->ntabs - 1) % ui->ntabs);
		return RE_REDRAW;
	case REQ_PROMPT:
		line = prompt_read(ui, ":", "", true);
		re = RE_STATUS;
		if (line && *line)
			re |= tui_command(ui, line);
		free(line);
		return re;
	case REQ_HELP:
		if (v->ops == &view_help)
			return RE_NONE;
		tui_push(ui, help_view_new(ui, v));
		return RE_REDRAW;
	case REQ_REDRAW:
		return RE_CLEAR | RE_COUNTS;
	case REQ_RELOAD:
		v->stale = true;
		return RE_REDRAW | RE_COUNTS;
	case REQ_TAG:
		return view_tag(v);
	case REQ_UNTAG_ALL:
		view_untag_all(v);
		return RE_VIEW | RE_STATUS;
	case REQ_NONE:
	case REQ__COUNT:
		break;
	}
	return RE_NONE;
}

static unsigned
handle_key(struct tui *ui, int key)
{
	struct view *v = tui_top(ui);
	bool pager = (v->ops->flags & VF_PAGER) != 0;
	const char *bound;
	enum request req;

	if (key == KEY_RESIZE) {
		tui_resize(ui);
		return RE_REDRAW;
	}
	if (key == KEY_MOUSE) {
		MEVENT ev;

		if (getmouse(&ev) != OK)
			return RE_NONE;
		if (ev.bstate & BUTTON4_PRESSED)
			return view_move(v, -WHEEL_LINES);
		if (ev.bstate & BUTTON5_PRESSED)
			return view_move(v, WHEEL_LINES);
		return RE_NONE;
	}
	if ((bound = binding_find(v->ops->name, pager, key)) != NULL)
		return run_binding(ui, v, bound, key);
	req = key_request(key, pager);
	if (req != REQ_NONE)
		return request(ui, v, req);
	if (v->ops->key)
		return v->ops->key(v, key);
	return RE_NONE;
}

static void
bind_entry(void *ctx, const struct config_entry *e)
{
	struct tui *ui = ctx;
	const char *path = ui->cmd->config && ui->cmd->config->path ?
	    ui->cmd->config->path : "config";
	struct buf views = BUF_INIT;
	char why[256], view[64];

	/* A view's name misspelt would bind nothing, without a word. */
	if (sscanf(e->key, "%63s", view) == 1 && !str_eq(view, "*") &&
	    !str_eq(view, "all") && !str_eq(view, "lists") &&
	    view_by_name(view) == NULL) {
		view_names(&views);
		tui_message(ui, true, "%s:%d: '%s' is not a view: %slists "
		    "or *", path, e->line, view, buf_str(&views));
		buf_free(&views);
		return;
	}
	if (!bindings_set(e->key, e->value, why, sizeof why))
		tui_message(ui, true, "%s:%d: %s", path, e->line, why);
}

static int
console(struct tui *ui)
{
	int key, idle = 0;

	tui_show_tab(ui, 0);
	status_refresh(ui);
	ui->pending |= RE_REDRAW;
	for (;;) {
		tui_render(ui);
		if (term_ending())
			break;
		key = term_getkey(ui, 1000);
		if (term_ending())
			break;
		if (term_interrupted())
			key = 'Q';
		if (key == ERR) {
			idle += 1000;
			if (idle >= IDLE_REFRESH_MS) {
				idle = 0;
				ui->pending |= RE_COUNTS;
			}
			continue;
		}
		idle = 0;
		ui->pending |= handle_key(ui, key);
		if (ui->pending & RE_QUIT) {
			ui->pending &= ~(unsigned)RE_QUIT;
			if (may_quit(ui))
				break;
		}
	}
	/* Ended by SIGTERM or SIGHUP: the shell's way of saying so. */
	return term_signal() ? 128 + term_signal() : 0;
}

int
tui_run(struct cmd_ctx *ctx)
{
	struct tui ui;
	struct cmd_hooks saved;
	const char *script;
	int rc, i;

	script = getenv("WARDEN_TUI_SCRIPT");
	if (script && *script && !script_open(script)) {
		fprintf(stderr, "warden: cannot read the script %s\n", script);
		return 66;
	}
	if (!script_active() &&
	    (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "warden: the console needs a terminal; for "
		    "scripts use -c 'COMMAND' or --batch FILE\n");
		script_close();
		return 64;
	}
	if (!safe_locale()) {
		fprintf(stderr, "warden: no UTF-8 locale (C.UTF-8) here: the "
		    "console needs one to draw names safely\n");
		script_close();
		return 69;
	}
	/* A terminal that is not UTF-8 gets ASCII only (see safe.h). */
	safe_set_ascii(!safe_env_utf8());
	memset(&ui, 0, sizeof ui);
	ui.cmd = ctx;
	ui.st = ctx->store;
	ui.moderator = xstrdup(ctx->moderator ? ctx->moderator : "?");
	ui.role = xstrdup(ctx->role ? ctx->role : "?");
	ui.read_only = ctx->read_only;
	ui.ntabs = (int)ntab_views;
	bindings_init();
	if (ctx->config)
		config_each(ctx->config, "bind", bind_entry, &ui);
	command_attach(&ui, ctx, &saved);
	if (!term_start(&ui, !ctx->color)) {
		command_detach(ctx, &saved);
		bindings_free();
		fprintf(stderr, "warden: cannot use the terminal (TERM=%s)\n",
		    getenv("TERM") ? getenv("TERM") : "");
		free(ui.moderator);
		free(ui.role);
		buf_free(&ui.message);
		script_close();
		return 69;
	}
	term_mouse(true);
	prompt_init(&ui);
	rc = console(&ui);
	prompt_end();
	pop_pushed(&ui);
	for (i = 0; i < ui.ntabs; i++)
		view_free(ui.tabs[i]);
	term_stop(&ui);
	command_detach(ctx, &saved);
	bindings_free();
	free(ui.moderator);
	free(ui.role);
	buf_free(&ui.message);
	safe_set_ascii(false);
	script_close();
	return rc;
}
