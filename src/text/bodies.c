/* bodies.c - splitting lists of bodies' names (see bodies.h). Owns the head
 * word and duty verb lists. */
#include "text/bodies.h"

#include <string.h>

#include "text/scan.h"

/* Words that open a body's name. Case matters: "Sở" opens a name, while
 * lower-case "sở" inside "các sở, ban ngành" does not split it. */
static const char *const heads[] = {
    "Sở",          "Ban",       "Bộ",           "Công an",    "UBND",      "Ủy ban",       "Uỷ ban",
    "HĐND",        "Hội đồng",  "Báo",          "Đài",        "Văn phòng", "Cục",          "Chi cục",
    "Tổng cục",    "Trung tâm", "Phòng",        "Hội",        "Liên đoàn", "Liên minh",    "Đoàn",
    "Tỉnh ủy",     "Tỉnh uỷ",   "Tỉnh đoàn",    "Huyện ủy",   "Huyện uỷ",  "Thành ủy",     "Thành uỷ",
    "Đảng ủy",     "Đảng uỷ",   "Trường",       "Viện",       "Kho bạc",   "Ngân hàng",    "Thanh tra",
    "Mặt trận",    "Tòa án",    "Toà án",       "Cơ quan",    "Công ty",   "Tổng công ty", "Cảng",
    "Bưu điện",    "Hải quan",  "Chi nhánh",    "Quỹ",        "Đại học",   "Học viện",     "Bảo tàng",
    "Thư viện",    "Tạp chí",   "Đồn",          "Lực lượng",  "Chính phủ", "Thủ tướng",    "Quốc hội",
    "Hãng",        "Tập đoàn",  "Doanh nghiệp", "Cổng",       "Trang",     "Các",          "các",
    "Những",       "Lãnh đạo",  "Đơn vị",       "Địa phương", "Chủ tịch",  "Bệnh viện",    "Nhà",
    "Thường trực", "Hiệp hội",  "Câu lạc bộ",   "Huyện",      "Thành phố", "Thị xã",       "Xã",
    "Phường",      "Tỉnh",      "Quân khu",     "Bộ đội",     "Vườn",      "Khu",
};

/* Duty verbs: a name ends before them. Lower case only, so "Ban Chỉ đạo"
 * is not cut at "chỉ đạo". "tổ chức" and "quản lý" are absent on purpose:
 * they occur inside names of bodies ("các tổ chức", "cơ quan quản lý"). */
static const char *const verbs[] = {
    "chủ trì",
    "phối hợp",
    "đôn đốc",
    "hướng dẫn",
    "chỉ đạo",
    "thực hiện",
    "triển khai",
    "tham mưu",
    "theo dõi",
    "tổng hợp",
    "cung cấp",
    "xây dựng",
    "báo cáo",
    "kiểm tra",
    "định hướng",
    "chủ động",
    "thường xuyên",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "căn cứ",
    "tăng cường",
    "đẩy mạnh",
    "định kỳ",
    "gửi",
    "tiếp tục",
    "nghiên cứu",
    "đề xuất",
    "rà soát",
    "theo chức năng",
    "trong phạm vi",
    "tuyên truyền",
    "phổ biến",
    "bố trí",
    "đảm bảo",
    "bảo đảm",
    "lựa chọn",
    "để",
    "biên soạn",
    "phát hành",
    "sản xuất",
    "đón",
    "mời",
    "hoàn thành",
    "cập nhật",
    "giới thiệu",
    "quảng bá",
    "tiếp nhận",
};

static int is_abbrev_word(const char *s, size_t n)
{
	/* "UBND", "BQLKKT", "TT&TT": two or more capitals, no lower case. */
	size_t i = 0;
	int up = 0;
	while (i < n) {
		int32_t cp;
		size_t k = sc_next(s, n, i, &cp);
		if (sc_is_space(cp) || cp == ',' || cp == ';' || cp == '(' || cp == '.')
			break;
		if (sc_is_lower(cp))
			return 0;
		up += sc_is_upper(cp);
		i += k;
	}
	return up >= 2;
}

/* Nouns that make "các ..." / "những ..." a group of bodies. Without one the
 * plural names things: "Ban Quản lý Khu kinh tế Dung Quất và các Khu công
 * nghiệp Quảng Ngãi" is one body, its "các Khu công nghiệp" no second one. */
static const char *const plural_nouns[] = {
    "cơ quan",    "đơn vị",     "sở",         "ban",       "ngành",        "bộ",        "huyện",
    "quận",       "xã",         "phường",     "thị xã",    "thị trấn",     "thành phố", "tỉnh",
    "địa phương", "tổ chức",    "hội",        "đoàn thể",  "doanh nghiệp", "cơ sở",     "trường",
    "báo",        "đài",        "phòng",      "trung tâm", "lực lượng",    "đồn",       "cục",
    "chi cục",    "ủy ban",     "uỷ ban",     "ngân hàng", "công ty",      "hãng",      "tạp chí",
    "nhà",        "thành viên", "bệnh viện",  "viện",      "tập đoàn",     "hiệp hội",  "cấp",
    "chi bộ",     "đảng ủy",    "đảng uỷ",    "thôn",      "tổ",           "ủy viên",   "uỷ viên",
    "đồng chí",   "lãnh đạo",   "thủ trưởng", "chủ tịch",  "văn phòng",    "trạm",      "bản",
};

static int plural_body(const char *s, size_t n)
{
	size_t k = sc_skip_space(s, n, 0);
	s += k;
	n -= k;
	if (!n || sc_word(s, n, "khu"))
		return 0;
	for (size_t i = 0; i < sizeof plural_nouns / sizeof plural_nouns[0]; i++)
		if (sc_word(s, n, plural_nouns[i]))
			return 1;
	return bodies_is_head(s, n);
}

int bodies_is_head(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		size_t l = strlen(heads[i]);
		if (l <= n && !memcmp(s, heads[i], l)) {
			if (l == n)
				return 1;
			int32_t cp;
			sc_next(s, n, l, &cp);
			/* "Báo Lào Cai" is a newspaper; "Báo cáo ..." is a report. */
			if (!strcmp(heads[i], "Báo") && sc_word(s + l + 1, n - l - 1, "cáo"))
				continue;
			/* "Sở Lao động - Thương binh và Xã hội": "Xã hội" is no commune. */
			if (!strcmp(heads[i], "Xã") && sc_word(s + l + 1, n - l - 1, "hội"))
				continue;
			if (sc_is_space(cp) && (!strcmp(heads[i], "các") || !strcmp(heads[i], "Các") ||
			                        !strcmp(heads[i], "Những")))
				return plural_body(s + l, n - l);
			if (!sc_is_letter(cp))
				return 1;
		}
	}
	return is_abbrev_word(s, n);
}

size_t bodies_cut(const char *s, size_t n)
{
	int depth = 0;
	size_t end = n;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		if (depth || i == 0 || c == '(' || c == ')')
			continue;
		if (s[i - 1] != ' ')
			continue;
		for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++) {
			size_t l = strlen(verbs[v]);
			if (l <= n - i && !memcmp(s + i, verbs[v], l)) {
				int32_t cp = ' ';
				if (i + l < n)
					sc_next(s, n, i + l, &cp);
				if (!sc_is_letter(cp)) {
					end = i;
					goto done;
				}
			}
		}
	}
done:;
	const char *p = s;
	size_t m = end;
	sc_trim(&p, &m, ",;:.-");
	/* A dangling conjunction: "Bộ TT&TT và" before "thực hiện". */
	for (;;) {
		static const char *const tails[] = {" và", " cùng", " với", ","};
		int cut = 0;
		for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
			size_t l = strlen(tails[t]);
			if (m >= l && !memcmp(p + m - l, tails[t], l)) {
				m -= l;
				sc_trim(&p, &m, ",;:.-");
				cut = 1;
			}
		}
		if (!cut)
			break;
	}
	return (size_t)(p - s) + m;
}

void bodies_strip_lead(const char **s, size_t *n)
{
	static const char *const leads[] = {"giao", "đề nghị", "yêu cầu", "và", "do", "gồm"};
	sc_trim(s, n, ",;:.-+");
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
			size_t k = sc_word(*s, *n, leads[i]);
			if (k) {
				*s += k;
				*n -= k;
				sc_trim(s, n, ",;:.-+");
				again = 1;
			}
		}
	}
}

tt_rc bodies_split(doc *d, const char *s, size_t n, doc_strs *out)
{
	tt_rc rc = TT_OK;
	sc_trim(&s, &n, ".;:,");
	/* Segment boundaries: top-level ',' ';' and " và " before a head word. */
	size_t body_start = 0;
	int depth = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t next = 0; /* where the next segment starts */
		if (i < n) {
			char c = s[i];
			if (c == '(')
				depth++;
			else if (c == ')' && depth > 0)
				depth--;
			if (depth)
				continue;
			if (c == ',' || c == ';')
				next = i + 1;
			else if (c == ' ' && i + 4 < n && !memcmp(s + i, " và ", 5))
				next = i + 5;
			else
				continue;
		} else {
			next = n;
		}
		size_t ns = sc_skip_space(s, n, next);
		const char *hs = s + ns;
		size_t hn = n - ns;
		bodies_strip_lead(&hs, &hn);
		int ends = i == n || bodies_is_head(hs, hn);
		/* "Ban Quản lý Khu kinh tế và Khu công nghiệp": after "và" a
		 * "Khu" goes on naming what the body manages. */
		if (ends && i < n && s[i] == ' ' && sc_word(hs, hn, "khu"))
			ends = 0;
		if (!ends)
			continue; /* a comma or "và" inside a name */
		/* A separator inside the blanks skipped after the previous one
		 * ("Sở B và  và Bộ C") ends no body: the next one starts later. */
		if (i < body_start)
			continue;
		/* [body_start, i) is one body. */
		const char *b = s + body_start;
		size_t bl = i - body_start;
		bodies_strip_lead(&b, &bl);
		bl = bodies_cut(b, bl);
		/* "Sở Nội vụ (Ban Tôn giáo tỉnh)": a unit inside the body named in
		 * brackets; the body is the one that answers for the task. A
		 * bracket that is no body ("các huyện biên giới (Sa Thầy, ...)")
		 * stays. */
		if (bl > 2 && b[bl - 1] == ')') {
			size_t open = bl - 1;
			int dep = 0;
			while (open > 0) {
				if (b[open] == ')')
					dep++;
				else if (b[open] == '(' && --dep == 0)
					break;
				open--;
			}
			if (open > 0 && b[open] == '(' && bodies_is_head(b + open + 1, bl - open - 2)) {
				const char *t = b;
				size_t tn = open;
				sc_trim(&t, &tn, NULL);
				bl = tn;
			}
		}
		if (bl > 1 && bl < 400) {
			rc = doc_strs_add(d, out, b, bl);
			if (rc)
				return rc;
		}
		body_start = ns;
		if (i == n)
			break;
	}
	return rc;
}
