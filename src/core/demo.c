/* demo.c - demo data: the departments of Quảng Ngãi, the standard bodies
 * of Quảng Ngãi and of the former Kon Tum with their 2025 history
 * (data/departments.csv), and an open reporting round. */
#include "core/demo.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/cal.h"
#include "core/mutate.h"
#include "core/org.h"
#include "core/perm.h"
#include "core/round.h"

static const struct {
	const char *code, *name, *kind, *alias1, *alias2;
} demo_orgs[] = {
    {"P51-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department", "Sở VHTTDL",
     "Sở Văn hoá, Thể thao và Du lịch"},
    {"P51-SNGV", "Sở Ngoại vụ", "department", "SNgV", NULL},
    {"P51-SNV", "Sở Nội vụ", "department", "SNV", NULL},
    {"P51-STC", "Sở Tài chính", "department", "STC", NULL},
    {"P51-SCT", "Sở Công Thương", "department", "SCT", NULL},
    {"P51-SNNMT", "Sở Nông nghiệp và Môi trường", "department", "Sở NN&MT", NULL},
    {"P51-SXD", "Sở Xây dựng", "department", "SXD", NULL},
    {"P51-SKHCN", "Sở Khoa học và Công nghệ", "department", "Sở KH&CN", NULL},
    {"P51-SGDDT", "Sở Giáo dục và Đào tạo", "department", "Sở GD&ĐT", NULL},
    {"P51-SYT", "Sở Y tế", "department", "SYT", NULL},
    {"P51-STP", "Sở Tư pháp", "department", "STP", NULL},
    {"P51-SDTTG", "Sở Dân tộc và Tôn giáo", "department", "Sở DT&TG", NULL},
    {"P51-TTT", "Thanh tra tỉnh", "department", NULL, NULL},
    {"P51-VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "department", "Văn phòng UBND tỉnh", NULL},
    {"P51-BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", "department", "BQLKKT tỉnh",
     "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp"},
    {"P51-CAT", "Công an tỉnh", "department", NULL, NULL},
    {"P51-BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "department", "Bộ CHQS tỉnh", NULL},
    {"P51-BCHBDBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "department", "Bộ CHBĐBP tỉnh", NULL},
    {"P51-BAO", "Báo và Phát thanh, Truyền hình Quảng Ngãi", "press", "Báo Quảng Ngãi", NULL},
    {"P51-LHHN", "Liên hiệp các tổ chức hữu nghị tỉnh", "other", NULL, NULL},
};

/* The Vietnam day `days` after today (ctx->now). */
static void add_days(const tt_ctx *ctx, char out[CAL_DATE_LEN], int days)
{
	cal_vn_date(ctx->now + (time_t)days * 86400, out);
}

tt_rc demo_load(tt_ctx *ctx, int *created)
{
	st_org province, existing;
	tt_rc rc = perm_check(ctx, PERM_MANAGE_ORGS, 0);
	if (rc)
		return rc;
	rc = store_org_get(ctx->db, ctx->arena, DEMO_PROVINCE, &province);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, rc, "Chưa nạp danh mục đơn vị hành chính (ttdn org load-admin-units).");
	if (rc)
		return rc;
	if (store_org_get(ctx->db, ctx->arena, demo_orgs[0].code, &existing) == TT_OK) {
		*created = 0;
		return TT_OK;
	}
	st_org kontum;
	int have_kontum = store_org_get(ctx->db, ctx->arena, "OP-KON-TUM", &kontum) == TT_OK;
	if ((rc = core_begin(ctx)))
		return rc;
	for (size_t i = 0; i < sizeof demo_orgs / sizeof demo_orgs[0] && !rc; i++) {
		const char *al[2];
		size_t nal = 0;
		if (demo_orgs[i].alias1)
			al[nal++] = demo_orgs[i].alias1;
		if (demo_orgs[i].alias2)
			al[nal++] = demo_orgs[i].alias2;
		st_org o = {.code = demo_orgs[i].code,
		            .name = demo_orgs[i].name,
		            .kind = demo_orgs[i].kind,
		            .parent_id = province.id,
		            .valid_from = "2025-07-01"};
		rc = org_put(ctx, &o, al, nal, NULL);
	}
	if ((rc = core_end(ctx, rc)))
		return rc;
	/* The standard bodies with their history (data/departments.csv): the
	 * province's missing ones, and the former Kon Tum of seed 002, whose
	 * bodies pass to these in 2025. */
	if ((rc = org_add_departments(ctx, DEMO_PROVINCE, "2025-07-01", NULL)) ||
	    (have_kontum && (rc = org_add_departments(ctx, "OP-KON-TUM", "2019-01-01", NULL))))
		return rc;

	/* The open round, created by the system on behalf of the province. */
	static const st_section sections[] = {
	    {"ket_qua", "Kết quả thực hiện công tác thông tin đối ngoại"},
	    {"danh_gia", "Đánh giá chung: ưu điểm, hạn chế và nguyên nhân"},
	    {"phuong_huong", "Phương hướng, nhiệm vụ năm tới"},
	    {"kien_nghi", "Kiến nghị, đề xuất"},
	};
	static const st_count counts[] = {
	    {"doan_ra", "Đoàn ra", "đoàn"},
	    {"doan_vao", "Đoàn vào", "đoàn"},
	    {"phong_vien", "Phóng viên nước ngoài được đón tiếp", "người"},
	    {"tap_huan", "Lượt cán bộ được tập huấn", "người"},
	    {"an_pham", "Ấn phẩm, sản phẩm quảng bá", "sản phẩm"},
	    {"kinh_phi", "Kinh phí thực hiện", "triệu đồng", "decimal"},
	};
	const char *codes[sizeof demo_orgs / sizeof demo_orgs[0]];
	for (size_t i = 0; i < sizeof demo_orgs / sizeof demo_orgs[0]; i++)
		codes[i] = demo_orgs[i].code;
	char due[11], year[5];
	add_days(ctx, due, 14);
	memcpy(year, due, 4);
	year[4] = '\0';
	st_user system_user = {.id = 0,
	                       .login = "system",
	                       .role = "admin",
	                       .org_id = province.id,
	                       .org_code = province.code,
	                       .org_name = province.name};
	tt_ctx sys = *ctx;
	sys.user = &system_user;
	int y = (int)strtol(year, NULL, 10);
	round_spec spec = {
	    .title = arena_printf(ctx->arena, "Báo cáo kết quả công tác thông tin đối ngoại năm %d", y),
	    .period_start = arena_printf(ctx->arena, "%d-12-15", y - 1),
	    .period_end = arena_printf(ctx->arena, "%d-12-14", y),
	    .due = due,
	    .org_codes = codes,
	    .norgs = sizeof codes / sizeof codes[0],
	    .sections = sections,
	    .nsections = sizeof sections / sizeof sections[0],
	    .counts = counts,
	    .ncounts = sizeof counts / sizeof counts[0],
	    .allow_past_due = 1, /* demo data may be of a year gone by */
	};
	rc = round_create(&sys, &spec, NULL);
	ctx->error_detail = sys.error_detail;
	if (!rc)
		*created = 1;
	return rc;
}
