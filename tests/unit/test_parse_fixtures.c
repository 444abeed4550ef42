/* test_parse_fixtures.c - each seed document parsed and compared with its
 * shared/fixtures/NNN.expected.json under the reading rules of
 * fixtures/README.md: "*_include" lists must be present, names compare after
 * NFC with tone placement unified (vn_match_key), recipients_count_range
 * bounds the recipients. The shared folder is $TTDN_SHARED or ../shared. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "seeds.h"
#include <jansson.h>

#include "text/parse.h"
#include "text/vn.h"

/* Name equality: NFC, case, whitespace and tone placement do not matter;
 * a trailing full stop is not part of a name. */
static int same_name(const char *a, const char *b)
{
	tt_buf ka, kb;
	buf_init(&ka, 0);
	buf_init(&kb, 0);
	size_t la = strlen(a), lb = strlen(b);
	while (la && (a[la - 1] == '.' || a[la - 1] == ';'))
		la--;
	while (lb && (b[lb - 1] == '.' || b[lb - 1] == ';'))
		lb--;
	vn_match_key(a, la, &ka);
	vn_match_key(b, lb, &kb);
	int eq = ka.len == kb.len && (ka.len == 0 || !memcmp(ka.data, kb.data, ka.len));
	buf_free(&ka);
	buf_free(&kb);
	return eq;
}

static void expect_str(json_t *got, json_t *exp, const char *what)
{
	if (json_is_null(exp)) {
		if (!json_is_null(got))
			fail_msg("%s: expected null, got %s", what, json_string_value(got));
		return;
	}
	if (!json_is_string(got))
		fail_msg("%s: expected \"%s\", got no string", what, json_string_value(exp));
	if (!same_name(json_string_value(got), json_string_value(exp)))
		fail_msg("%s: expected \"%s\", got \"%s\"", what, json_string_value(exp),
		         json_string_value(got));
}

static int citation_matches(json_t *c, json_t *e)
{
	json_t *ed = json_object_get(e, "date"), *cd = json_object_get(c, "date");
	return json_equal(json_object_get(c, "kind"), json_object_get(e, "kind")) &&
	       json_equal(json_object_get(c, "symbol"), json_object_get(e, "symbol")) &&
	       (json_is_null(ed) ? json_is_null(cd) : json_equal(cd, ed));
}

static json_t *section_by_label(json_t *arr, const char *label)
{
	size_t i;
	json_t *s;
	json_array_foreach(arr, i, s)
	{
		if (!strcmp(json_string_value(json_object_get(s, "label")), label))
			return s;
	}
	return NULL;
}

static int list_has_name(json_t *arr, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (json_is_string(v) && same_name(json_string_value(v), name))
			return 1;
	}
	return 0;
}

static void check_seed(const char *nnn)
{
	char epath[1024];
	char *path = test_seed_path(nnn);
	snprintf(epath, sizeof epath, "%s/fixtures/%s.expected.json", test_shared_dir(), nnn);
	json_error_t jerr;
	json_t *exp = json_load_file(epath, 0, &jerr);
	if (!exp)
		fail_msg("cannot read %s: %s", epath, jerr.text);

	doc *d = NULL;
	parse_error err;
	assert_int_equal(parse_file(path, &d, &err), TT_OK);
	free(path);
	json_t *got = doc_to_json(d);
	assert_non_null(got);

	const char *scalar[] = {"kind", "symbol", "issuer_code", "place", "date", "title"};
	for (size_t i = 0; i < sizeof scalar / sizeof scalar[0]; i++) {
		json_t *e = json_object_get(exp, scalar[i]);
		if (e)
			expect_str(json_object_get(got, scalar[i]), e, scalar[i]);
	}
	json_t *en = json_object_get(exp, "number");
	if (en)
		assert_true(json_equal(en, json_object_get(got, "number")));

	/* responds_to */
	json_t *er = json_object_get(exp, "responds_to"), *gr = json_object_get(got, "responds_to");
	if (er) {
		if (json_is_null(er))
			assert_true(json_is_null(gr));
		else if (!json_is_object(gr) || !citation_matches(gr, er))
			fail_msg("responds_to: expected %s",
			         json_string_value(json_object_get(er, "symbol")));
	}

	/* citations_include */
	size_t i, k;
	json_t *e, *g;
	json_array_foreach(json_object_get(exp, "citations_include"), i, e)
	{
		int found = 0;
		json_array_foreach(json_object_get(got, "citations"), k, g) found |= citation_matches(g, e);
		if (!found)
			fail_msg("citation %s (%s) missing", json_string_value(json_object_get(e, "symbol")),
			         json_string_value(json_object_get(e, "date")));
	}

	/* sections */
	json_t *secs = json_object_get(got, "sections");
	json_t *top = json_object_get(exp, "top_sections");
	if (top) {
		assert_int_equal(json_array_size(secs), json_array_size(top));
		json_array_foreach(top, i, e)
		    assert_string_equal(json_string_value(json_object_get(json_array_get(secs, i), "label")),
		                        json_string_value(e));
	}
	const char *key;
	json_object_foreach(json_object_get(exp, "section_headings"), key, e)
	{
		json_t *s = section_by_label(secs, key);
		if (!s)
			fail_msg("section %s missing", key);
		expect_str(json_object_get(s, "heading"), e, key);
	}
	json_object_foreach(json_object_get(exp, "subsections_of"), key, e)
	{
		json_t *s = section_by_label(secs, key);
		if (!s)
			fail_msg("section %s missing", key);
		json_t *kids = json_object_get(s, "children");
		if (json_array_size(kids) != json_array_size(e))
			fail_msg("section %s: %zu children, expected %zu", key, json_array_size(kids),
			         json_array_size(e));
		json_array_foreach(e, i, g)
		    assert_string_equal(json_string_value(json_object_get(json_array_get(kids, i), "label")),
		                        json_string_value(g));
	}

	/* footnotes: a count */
	json_t *ef = json_object_get(exp, "footnotes");
	if (ef)
		assert_int_equal(json_array_size(json_object_get(got, "footnotes")), json_integer_value(ef));

	/* tasks, in order */
	json_t *et = json_object_get(exp, "tasks"), *gt = json_object_get(got, "tasks");
	if (et) {
		if (json_array_size(gt) != json_array_size(et))
			fail_msg("%zu tasks, expected %zu", json_array_size(gt), json_array_size(et));
		json_array_foreach(et, i, e)
		{
			json_t *t = json_array_get(gt, i);
			assert_string_equal(json_string_value(json_object_get(t, "label")),
			                    json_string_value(json_object_get(e, "label")));
			json_array_foreach(json_object_get(e, "lead_include"), k, g)
			{
				if (!list_has_name(json_object_get(t, "lead"), json_string_value(g)))
					fail_msg("task %zu (%s): lead %s missing", i,
					         json_string_value(json_object_get(e, "label")),
					         json_string_value(g));
			}
			json_t *etf = json_object_get(e, "timeframe"), *gtf = json_object_get(t, "timeframe");
			assert_true(json_is_object(gtf));
			const char *f[] = {"kind", "start", "end"};
			for (size_t q = 0; q < 3; q++)
				if (!json_equal(json_object_get(etf, f[q]), json_object_get(gtf, f[q])))
					fail_msg("task %zu: timeframe %s differs", i, f[q]);
		}
	}

	/* reporting rules, in order */
	json_t *erl = json_object_get(exp, "reporting_rules"), *grl = json_object_get(got, "reporting_rules");
	if (erl) {
		assert_int_equal(json_array_size(grl), json_array_size(erl));
		json_array_foreach(erl, i, e)
		{
			json_t *r = json_array_get(grl, i);
			assert_string_equal(json_string_value(json_object_get(r, "period")),
			                    json_string_value(json_object_get(e, "period")));
			assert_string_equal(json_string_value(json_object_get(r, "due")),
			                    json_string_value(json_object_get(e, "due")));
			expect_str(json_object_get(r, "from"), json_object_get(e, "from"), "rule.from");
			expect_str(json_object_get(r, "to"), json_object_get(e, "to"), "rule.to");
		}
	}

	/* signer */
	json_t *es = json_object_get(exp, "signer"), *gs = json_object_get(got, "signer");
	if (es) {
		expect_str(json_object_get(gs, "name"), json_object_get(es, "name"), "signer.name");
		json_t *ea = json_object_get(es, "authority");
		if (ea) {
			json_t *ga = json_object_get(gs, "authority");
			assert_int_equal(json_array_size(ga), json_array_size(ea));
			json_array_foreach(ea, i, e) expect_str(json_array_get(ga, i), e, "signer.authority");
		}
	}

	/* figures_include */
	json_array_foreach(json_object_get(exp, "figures_include"), i, e)
	{
		int found = 0;
		json_array_foreach(json_object_get(got, "figures"), k, g) found |=
		    json_equal(json_object_get(g, "count"), json_object_get(e, "count")) &&
		    same_name(json_string_value(json_object_get(g, "unit")),
		              json_string_value(json_object_get(e, "unit")));
		if (!found)
			fail_msg("figure %lld %s missing", json_integer_value(json_object_get(e, "count")),
			         json_string_value(json_object_get(e, "unit")));
	}

	/* recipients */
	json_t *rr = json_object_get(exp, "recipients_count_range");
	if (rr) {
		size_t nrec = json_array_size(json_object_get(got, "recipients"));
		assert_in_range(nrec, json_integer_value(json_array_get(rr, 0)),
		                json_integer_value(json_array_get(rr, 1)));
	}

	json_decref(got);
	json_decref(exp);
	doc_free(d);
}

static void test_seed_000(void **state)
{
	check_seed("000");
}

static void test_seed_001(void **state)
{
	check_seed("001");
}

static void test_seed_002(void **state)
{
	check_seed("002");
}

/* The comparison itself must be able to fail: a wrong expectation is
 * detected (guards against a checker that accepts anything). */
static void test_same_name_discriminates(void **state)
{
	assert_true(same_name("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch."));
	assert_true(same_name("Ủy ban nhân dân", "Uỷ ban nhân dân"));
	assert_false(same_name("Sở Ngoại vụ", "Sở Nội vụ"));
	assert_false(same_name("Hòa", "Hoa"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_name_discriminates),
	    cmocka_unit_test(test_seed_000),
	    cmocka_unit_test(test_seed_001),
	    cmocka_unit_test(test_seed_002),
	};
	return cmocka_run_group_tests_name("parse_fixtures", tests, NULL, NULL);
}
