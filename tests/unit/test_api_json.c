/* tests/unit/test_api_json.c: the decoders of data/json.c on what a
 * server or a client could send that the other never would: numbers
 * beyond int64_t, NUL characters, booleans, wrong shapes.  (The first
 * case was found by tests/fuzz/fuzz_json.c: a huge real was cast to an
 * integer, which is undefined.) */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../data/json.h"

static json_t *
parse(const char *text)
{
	json_error_t jerr;
	json_t *j = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);

	if (j == NULL)
		fail_msg("test JSON: %s", jerr.text);
	return j;
}

static void
test_huge_numbers(void **state)
{
	json_t *j = parse("{\"columns\":[\"a\",\"b\",\"c\",\"d\"],\"rows\":"
	    "[{\"a\":1e300,\"b\":-1e300,\"c\":9223372036854775807,"
	    "\"d\":12.75}],\"next\":null}");
	struct rows *r;
	struct werr e;

	(void)state;
	assert_int_equal(rows_from_json(j, &r, &e), 0);
	assert_true(rows_real(r, 0, "a", 0) == 1e300);
	assert_true(rows_int(r, 0, "a", 0) == INT64_MAX);
	assert_true(rows_int(r, 0, "b", 0) == INT64_MIN);
	assert_true(rows_int(r, 0, "c", 0) == INT64_MAX);
	assert_int_equal(rows_cell(r, 0, 2)->type, VT_INT);
	assert_int_equal(rows_int(r, 0, "d", 0), 12);
	rows_free(r);
	json_decref(j);
}

static void
test_text_values(void **state)
{
	json_t *j = parse("{\"columns\":[\"t\",\"b\",\"n\"],\"rows\":"
	    "[{\"t\":\"a\\u0000b\",\"b\":true},{\"t\":\"x\",\"b\":false,"
	    "\"n\":\"y\"}],\"next\":\"c:1\"}");
	struct rows *r;
	struct werr e;
	json_t *back;
	char *s;

	(void)state;
	assert_int_equal(rows_from_json(j, &r, &e), 0);
	assert_int_equal(rows_cell(r, 0, 0)->len, 3);
	assert_memory_equal(rows_cell(r, 0, 0)->s, "a\0b", 3);
	assert_int_equal(rows_int(r, 0, "b", -1), 1);	/* booleans: 1 and 0 */
	assert_int_equal(rows_int(r, 1, "b", -1), 0);
	assert_int_equal(rows_cell(r, 0, 2)->type, VT_NULL);	/* missing */
	assert_string_equal(r->next, "c:1");
	/* and back, NUL and all */
	back = json_from_rows(r);
	s = json_dumps(back, JSON_COMPACT);
	assert_non_null(strstr(s, "a\\u0000b"));
	free(s);
	json_decref(back);
	rows_free(r);
	json_decref(j);
	/* bytes that are not UTF-8 go as \xNN */
	r = rows_new_list("t");
	rows_set_text(r, rows_add(r), 0, "ok \xff\xc3");
	back = json_from_rows(r);
	s = json_dumps(back, JSON_COMPACT);
	assert_non_null(strstr(s, "ok \\\\xff\\\\xc3"));
	free(s);
	json_decref(back);
	rows_free(r);
}

static void
test_wrong_shapes(void **state)
{
	static const struct { const char *json, *field; } bad[] = {
		{ "{}", "rows" },
		{ "[]", "rows" },
		{ "{\"columns\":[1],\"rows\":[]}", "columns" },
		{ "{\"columns\":[\"a\"],\"rows\":[7]}", "rows" },
		{ "{\"columns\":\"a\",\"rows\":[]}", "rows" },
	};
	struct action_result res;
	struct rows *r;
	struct werr e;
	json_t *j;
	size_t i;

	(void)state;
	for (i = 0; i < W_NELEM(bad); i++) {
		j = parse(bad[i].json);
		assert_int_equal(rows_from_json(j, &r, &e), -1);
		assert_null(r);
		assert_int_equal(e.kind, WE_INVALID);
		assert_string_equal(e.field, bad[i].field);
		json_decref(j);
	}
	j = parse("[1]");
	assert_int_equal(result_from_json(j, &res, &e), -1);
	json_decref(j);
	j = parse("{\"audit_id\":\"x\",\"replayed\":1,\"message\":7,"
	    "\"data\":{\"columns\":7}}");
	assert_int_equal(result_from_json(j, &res, &e), -1);
	json_decref(j);
	j = parse("{\"audit_id\":3,\"message\":null,\"data\":null}");
	assert_int_equal(result_from_json(j, &res, &e), 0);
	assert_int_equal(res.audit_id, 3);
	assert_string_equal(res.message, "");
	action_result_free(&res);
	json_decref(j);
}

static void
test_error_bodies(void **state)
{
	struct werr e;
	json_t *j;

	(void)state;
	j = parse("{\"error\":{\"kind\":\"conflict\",\"message\":\"taken\","
	    "\"field\":\"target\",\"index\":2}}");
	assert_true(error_from_json(j, &e));
	assert_int_equal(e.kind, WE_CONFLICT);
	assert_string_equal(e.field, "target");
	assert_int_equal(e.item, 2);
	json_decref(j);
	/* a kind nobody knows is a fault of the server */
	j = parse("{\"error\":{\"kind\":\"weird\"}}");
	assert_true(error_from_json(j, &e));
	assert_int_equal(e.kind, WE_INTERNAL);
	assert_string_equal(e.msg, "(no message)");
	json_decref(j);
	/* an error that says there was none is not an error body */
	j = parse("{\"error\":{\"kind\":\"ok\",\"message\":\"fine\"}}");
	assert_false(error_from_json(j, &e));
	json_decref(j);
	j = parse("{\"error\":\"no\"}");
	assert_false(error_from_json(j, &e));
	json_decref(j);
}

static void
test_actions(void **state)
{
	struct action a;
	struct werr e;
	json_t *j;

	(void)state;
	j = parse("{\"kind\":\"suspend\",\"target\":12,\"reason\":\"x\","
	    "\"params\":{\"for\":7}}");
	assert_int_equal(action_from_json(j, &a, &e), 0);
	assert_string_equal(action_param(&a, "for"), "7");
	assert_null(a.actor);	/* never from JSON */
	action_free(&a);
	json_decref(j);
	j = parse("{\"kind\":\"warn\",\"target\":1,\"reason\":\"a\\u0000b\"}");
	assert_int_equal(action_from_json(j, &a, &e), -1);
	assert_string_equal(e.field, "reason");
	json_decref(j);
	j = parse("{\"kind\":\"template.add\",\"target\":3}");
	assert_int_equal(action_from_json(j, &a, &e), -1);
	assert_string_equal(e.field, "target");
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huge_numbers),
		cmocka_unit_test(test_text_values),
		cmocka_unit_test(test_wrong_shapes),
		cmocka_unit_test(test_error_bodies),
		cmocka_unit_test(test_actions),
	};

	return cmocka_run_group_tests_name("the API's JSON, decoded", tests,
	    NULL, NULL);
}
