/* tests/fuzz/fuzz_json.c: libFuzzer harness for the JSON decoders of
 * data/json.c — what `warden serve` reads from the network
 * (action_from_json) and what the HTTP store reads back (rows_from_json,
 * result_from_json, error_from_json).  For any bytes that parse as JSON:
 *   - each decoder either fails with a kind and a message, or gives a
 *     value whose strings hold no NUL where C strings are kept;
 *   - encoding what was decoded and decoding it again gives the same
 *     thing: encode(decode(x)) is a fixed point after one round;
 *   - nothing leaks (LeakSanitizer). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../data/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
expect_error(const struct werr *e)
{
	if (e->kind == WE_OK || e->msg[0] == '\0')
		abort();
}

static void
same_json(json_t *a, json_t *b)
{
	if (!json_equal(a, b))
		abort();
	json_decref(a);
	json_decref(b);
}

static void
check_action(const json_t *j)
{
	struct action a, b;
	struct werr e;
	json_t *j1, *j2;
	char fp[65], *params;
	size_t i;

	werr_clear(&e);
	if (action_from_json(j, &a, &e) < 0) {
		expect_error(&e);
		return;
	}
	if ((int)a.kind < 0 || a.kind >= A__COUNT ||
	    a.ttype != action_spec(a.kind)->ttype)
		abort();
	for (i = 0; i < a.nparams; i++)
		if (a.params[i].k == NULL || a.params[i].v == NULL)
			abort();
	/* what the server does with an action before the store sees it */
	action_set_text(&a.actor, "fuzz");
	action_fingerprint(&a, fp);
	if (strlen(fp) != 64)
		abort();
	params = action_params_json(&a);
	free(params);
	action_validate(&a, &e);
	j1 = json_from_action(&a);
	if (action_from_json(j1, &b, &e) < 0)
		abort();	/* what we write, we read */
	j2 = json_from_action(&b);
	same_json(j1, j2);
	action_free(&a);
	action_free(&b);
}

static void
check_rows(const json_t *j)
{
	struct rows *r, *r2;
	struct werr e;
	json_t *j1, *j2;

	werr_clear(&e);
	if (rows_from_json(j, &r, &e) < 0) {
		expect_error(&e);
		if (r != NULL)
			abort();
		return;
	}
	j1 = json_from_rows(r);
	if (rows_from_json(j1, &r2, &e) < 0)
		abort();
	j2 = json_from_rows(r2);
	same_json(j1, j2);
	rows_free(r);
	rows_free(r2);
}

static void
check_result(const json_t *j)
{
	struct action_result r, r2;
	struct werr e;
	json_t *j1, *j2;

	werr_clear(&e);
	if (result_from_json(j, &r, &e) < 0) {
		expect_error(&e);
		return;
	}
	if (r.message == NULL)
		abort();
	j1 = json_from_result(&r);
	if (result_from_json(j1, &r2, &e) < 0)
		abort();
	j2 = json_from_result(&r2);
	same_json(j1, j2);
	action_result_free(&r);
	action_result_free(&r2);
}

static void
check_error(const json_t *j)
{
	struct werr e;
	json_t *j1;

	werr_clear(&e);
	if (!error_from_json(j, &e))
		return;
	/* an error body never decodes to "no error" */
	if (e.kind == WE_OK)
		abort();
	j1 = json_from_error(&e);
	json_decref(j1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *j;
	size_t i;

	/* as the two sides load it: the server any value, the client with
	 * NUL characters allowed */
	j = json_loadb((const char *)data, size, JSON_DECODE_ANY |
	    JSON_ALLOW_NUL, NULL);
	if (j == NULL)
		return 0;
	check_action(j);
	check_rows(j);
	check_result(j);
	check_error(j);
	/* a batch: {"actions": [...]}, and the answer {"results": [...]} */
	if (json_is_array(json_object_get(j, "actions")))
		for (i = 0; i < json_array_size(json_object_get(j, "actions"));
		    i++)
			check_action(json_array_get(json_object_get(j,
			    "actions"), i));
	if (json_is_array(json_object_get(j, "results")))
		for (i = 0; i < json_array_size(json_object_get(j, "results"));
		    i++)
			check_result(json_array_get(json_object_get(j,
			    "results"), i));
	json_decref(j);
	return 0;
}
