/* national_seed.c - fills a database for the national-scale benchmark: one
 * round asking every current commune (3,321 in the real registry) for 20
 * counts and 3 sections, every report filled in and submitted.
 *
 *   national_seed LOCATION     (an SQLite file or a postgresql:// URI that
 *                               already holds the administrative units)
 *
 * Prints the round id. Writes through the store interface in one
 * transaction, so both engines get the same data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

#define NCOUNTS 20

int main(int argc, char **argv)
{
	store *s;
	tt_arena a;
	st_org *communes, province;
	size_t nc = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: national_seed LOCATION\n");
		return 2;
	}
	if (store_open(argv[1], &s) || store_migrate(s, NULL)) {
		fprintf(stderr, "national_seed: cannot open %s\n", argv[1]);
		return 1;
	}
	arena_init(&a, 0);
	st_org_query q = {.kind = "commune", .at = "2026-01-01", .limit = 10000};
	tt_rc rc = store_org_find(s, &a, &q, &communes, &nc);
	if (!rc)
		rc = store_org_get(s, &a, "P51", &province);
	if (rc || nc < 1000) {
		fprintf(stderr, "national_seed: the registry has %zu communes (load the units first)\n", nc);
		return 1;
	}
	int64_t *ids = malloc(nc * sizeof *ids);
	st_count counts[NCOUNTS];
	st_value values[NCOUNTS];
	st_section sections[3] = {{"ket_qua", "Kết quả thực hiện"},
	                          {"han_che", "Hạn chế, nguyên nhân"},
	                          {"kien_nghi", "Kiến nghị, đề xuất"}};
	static const char *const names[NCOUNTS] = {
	    "Đoàn vào",          "Đoàn ra",       "Phóng viên nước ngoài",
	    "Lớp tập huấn",      "Học viên",      "Ấn phẩm",
	    "Tin, bài",          "Video clip",    "Hội chợ, triển lãm",
	    "Thỏa thuận ký kết", "Họp báo",       "Thông tin sai lệch",
	    "Kinh phí NSNN",     "Kinh phí XHH",  "Trang thông tin",
	    "Sự kiện",           "Đoàn khảo sát", "Tọa đàm",
	    "Pano, áp phích",    "Lượt truy cập"};
	char keys[NCOUNTS][8];
	for (int i = 0; i < NCOUNTS; i++) {
		snprintf(keys[i], sizeof keys[i], "c%02d", i + 1);
		counts[i] = (st_count){
		    .key = keys[i], .name = names[i], .unit = i >= 12 && i < 14 ? "triệu đồng" : ""};
	}
	for (size_t i = 0; i < nc; i++)
		ids[i] = communes[i].id;
	st_round r = {.title = "Báo cáo công tác thông tin đối ngoại năm 2026 (toàn quốc)",
	              .period_start = "2025-12-15",
	              .period_end = "2026-12-14",
	              .due = "2026-12-20",
	              .owner_org_id = province.id};
	int64_t rid = 0;
	st_report *reps = NULL;
	size_t nr = 0;
	if ((rc = store_begin(s)) ||
	    (rc = store_round_add(s, &r, sections, 3, counts, NCOUNTS, ids, nc, &rid)) ||
	    (rc = store_report_list(s, &a, rid, &reps, &nr)))
		goto out;
	srand(7);
	for (size_t i = 0; i < nr && !rc; i++) {
		st_text t[3] = {{"ket_qua", "Đã tổ chức các hoạt động thông tin đối ngoại theo kế hoạch."},
		                {"han_che", "Nhân lực còn mỏng."},
		                {"kien_nghi", "Đề nghị tập huấn thêm."}};
		for (int k = 0; k < NCOUNTS; k++)
			values[k] = (st_value){.key = keys[k], .value = (double)(rand() % 50)};
		if (!(rc = store_report_save(s, reps[i].id, "draft", 0, 0, t, 3, values, NCOUNTS)))
			rc = store_report_set_status(s, reps[i].id, "draft", "submitted",
			                             "2026-12-10T03:00:00Z", NULL, 0);
	}
	if (!rc)
		rc = store_commit(s);
out:
	if (rc) {
		store_rollback(s);
		fprintf(stderr, "national_seed: %s (%s)\n", tt_rc_name(rc), store_errmsg(s));
	} else
		printf("%lld\n", (long long)rid);
	free(ids);
	arena_free(&a);
	store_close(s);
	return rc ? 1 : 0;
}
