/* api/stub.c: stands in until the admin API lands (issue: the admin API). */
#include "api.h"

#include <stdio.h>

struct store *
http_store_open(const struct http_options *o, struct werr *e)
{
	(void)o;
	werr_set(e, WE_UNAVAILABLE, "the HTTP store is not built yet");
	return NULL;
}

int
api_read_token_file(const char *path, char **token, struct werr *e)
{
	(void)path;
	*token = NULL;
	return werr_set(e, WE_UNAVAILABLE, "tokens are not supported yet");
}

int
serve_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "warden: serve is not built yet\n");
	return 69;
}
