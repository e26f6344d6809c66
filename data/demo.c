/* data/demo.c: the demo marketplace (stand-in until it lands). */
#include "store.h"

int
demo_create(const char *path, const struct demo_options *o, struct werr *e)
{
	(void)path;
	(void)o;
	return werr_set(e, WE_UNAVAILABLE, "the demo generator is not built "
	    "yet");
}
