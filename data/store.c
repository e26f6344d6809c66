/* data/store.c: helpers over any store. */
#include "store.h"

#include <stdlib.h>

int
store_queryv(struct store *s, struct rows **out, struct werr *e,
    const char *what, ...)
{
	struct param params[16];
	struct query q = { 0 };
	const char *k;
	va_list ap;
	size_t n = 0;

	va_start(ap, what);
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);

		if (n == W_NELEM(params))
			fatal("store_queryv: too many parameters");
		params[n].k = (char *)k;
		params[n].v = (char *)v;
		n++;
	}
	va_end(ap);
	q.what = what;
	q.params = params;
	q.nparams = n;
	*out = NULL;
	return store_query(s, &q, out, e);
}
