/* page.h - the HTML layout shared by every page, and the short helpers page
 * code writes with. Strings shown to users are Vietnamese msgids wrapped in
 * _() so they can be translated with gettext. */
#ifndef TT_PAGE_H
#define TT_PAGE_H

#include <libintl.h>

#include "render/date.h"
#include "render/html.h"
#include "web/http.h"

#define _(s) gettext(s)
#define N_(s) (s)

/* Starts a page: doctype, head, header with navigation for the user. */
tt_rc page_begin(http_req *r, const char *title);
/* Ends a page and sets the response (status 200 unless set). */
tt_rc page_end(http_req *r);
/* An error page for rc with the context's detail. */
tt_rc page_error(http_req *r, tt_rc rc);

/* Literal markup; fmt is a constant, arguments must not be user text. */
void P(http_req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void T(http_req *r, const char *s);    /* escaped text */
void TB(http_req *r, const char *s);   /* escaped text, newlines as <br> */
void A(http_req *r, const char *s);    /* escaped attribute value */
void U(http_req *r, const char *s);    /* URL component */
void D(http_req *r, const char *iso);  /* "ngày 05 tháng 01 năm 2026" */
void DS(http_req *r, const char *iso); /* "05/01/2026" */
void NUM(http_req *r, double v);       /* Vietnamese number: "1.200", "350,5" */
/* The hidden CSRF field of a form. */
void page_csrf(http_req *r);
/* A flash message from ?msg=… (known keys only). */
void page_flash(http_req *r);
const char *page_url_escape(http_req *r, const char *s);
/* Role label in Vietnamese. */
const char *page_role_label(const char *role);
/* Report status label. */
const char *page_status_label(const char *status);
/* A report's status in the one vocabulary of every page: "Chưa bắt đầu"
 * (a draft nobody has saved), "Chưa gửi" (a draft saved, not submitted),
 * "Bị trả lại", "Đã gửi"; *cls gets its badge class (not_started, draft,
 * returned, submitted). */
const char *page_report_label(const char *status, const char *updated_at, const char **cls);

#endif
