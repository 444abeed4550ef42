/* err.c - names and default user messages of tt_rc. */
#include "base/err.h"

static const struct {
	const char *name;
	const char *message;
} rc_table[TT_ERR__COUNT] = {
    [TT_OK] = {"ok", "Thành công."},
    [TT_ERR_NOMEM] = {"no_memory", "Máy chủ không đủ bộ nhớ, vui lòng thử lại sau."},
    [TT_ERR_INVALID] = {"invalid", "Dữ liệu không hợp lệ, vui lòng kiểm tra lại."},
    [TT_ERR_UTF8] = {"invalid_utf8",
                     "Văn bản không phải UTF-8 hợp lệ, vui lòng lưu lại tệp theo bảng mã Unicode (UTF-8)."},
    [TT_ERR_JSON] = {"invalid_json", "Dữ liệu JSON không đúng cú pháp."},
    [TT_ERR_TOO_LARGE] = {"too_large", "Dữ liệu gửi lên vượt quá dung lượng cho phép."},
    [TT_ERR_NOT_FOUND] = {"not_found", "Không tìm thấy nội dung yêu cầu."},
    [TT_ERR_UNAUTH] = {"unauthenticated", "Vui lòng đăng nhập."},
    [TT_ERR_FORBIDDEN] = {"forbidden", "Tài khoản của bạn không có quyền thực hiện thao tác này."},
    [TT_ERR_CSRF] = {"csrf",
                     "Phiên làm việc không hợp lệ hoặc đã hết hạn, vui lòng tải lại trang và thử lại."},
    [TT_ERR_CONFLICT] = {"conflict", "Thao tác không thực hiện được ở trạng thái hiện tại."},
    [TT_ERR_THROTTLED] = {"throttled", "Bạn đã thử quá nhiều lần, vui lòng đợi vài phút rồi thử lại."},
    [TT_ERR_IO] = {"io_error", "Lỗi đọc/ghi tệp."},
    [TT_ERR_DB] = {"db_error", "Lỗi cơ sở dữ liệu, vui lòng thử lại sau."},
    [TT_ERR_PARSE] = {"parse_error", "Không đọc được nội dung tệp."},
    [TT_ERR_UNSUPPORTED] = {"unsupported", "Định dạng hoặc chức năng này chưa được hỗ trợ."},
    [TT_ERR_BUSY] = {"busy", "Máy chủ đang bận, vui lòng thử lại sau ít phút."},
    [TT_ERR_PRECONDITION] = {"precondition_failed",
                             "Nội dung đã được người khác thay đổi từ lúc bạn mở; hãy tải lại và làm lại."},
};

const char *tt_rc_name(tt_rc rc)
{
	if ((unsigned)rc >= TT_ERR__COUNT)
		return "error";
	return rc_table[rc].name;
}

const char *tt_rc_message(tt_rc rc)
{
	if ((unsigned)rc >= TT_ERR__COUNT)
		return "Đã xảy ra lỗi.";
	return rc_table[rc].message;
}
