/* tui/views.c: the registered views.  Adding a view is one file that
 * defines its view_ops and one line here (and in view.h's extern list). */
#include "view.h"

/* The Tab cycle, in order; the first is the console's first view. */
const struct view_ops *const tab_views[] = {
	&view_queue,
	&view_escalations,
	&view_trust,
	&view_appeals,
	&view_audit,
	&view_search,
};
const size_t ntab_views = W_NELEM(tab_views);

/* Views opened from others (Enter, a command's output, ?). */
static const struct view_ops *const other_views[] = {
	&view_account,
	&view_thread,
	&view_results,
	&view_help,
};

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
