/* tui/views.c: the registered views.  Adding a view is one file that
 * defines its `const struct view_ops view_NAME` and one line in a list
 * here; nothing else needs to know it. */
#include "view.h"

/* The Tab cycle, in order; the first is the console's first view. */
#define TAB_VIEWS(X) \
	X(view_queue) \
	X(view_escalations) \
	X(view_trust) \
	X(view_appeals) \
	X(view_audit) \
	X(view_search)

/* Views opened from others (Enter, a command's output, ?). */
#define OTHER_VIEWS(X) \
	X(view_account) \
	X(view_thread) \
	X(view_results) \
	X(view_help)

#define DECLARE(v) extern const struct view_ops v;
#define ADDRESS(v) &v,
TAB_VIEWS(DECLARE)
OTHER_VIEWS(DECLARE)

const struct view_ops *const tab_views[] = { TAB_VIEWS(ADDRESS) };
const size_t ntab_views = W_NELEM(tab_views);

static const struct view_ops *const other_views[] = { OTHER_VIEWS(ADDRESS) };

void
view_names(struct buf *out)
{
	size_t i;

	for (i = 0; i < ntab_views; i++)
		buf_printf(out, "%s, ", tab_views[i]->name);
	for (i = 0; i < W_NELEM(other_views); i++)
		buf_printf(out, "%s, ", other_views[i]->name);
}

const struct view_ops *
view_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ntab_views; i++)
		if (str_eq(tab_views[i]->name, name))
			return tab_views[i];
	for (i = 0; i < W_NELEM(other_views); i++)
		if (str_eq(other_views[i]->name, name))
			return other_views[i];
	return NULL;
}
