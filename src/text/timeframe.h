/* timeframe.h - "thời gian thực hiện" values of plan tasks.
 *
 * Reads the forms in shared/fixtures/README.md: "Thường xuyên" (continuous),
 * a day (date), "Tháng 6/2019" (month), "Quý II/2019", "Quý III năm 2019"
 * (quarter), "6 tháng đầu năm" (half), "Năm 2019", "Trong năm 2019"
 * (within), "Năm 2019 và các năm tiếp theo" (from), "trước ngày 15/6"
 * (before), two dates (range); anything else is unknown with its text kept.
 * A value without a year ("Quý II", "trước ngày 15/6") takes default_year,
 * the year of the document, when it is known. */
#ifndef TT_TIMEFRAME_H
#define TT_TIMEFRAME_H

#include <stddef.h>

#include "text/doc.h"

/* Fills kind, start and end of out (not text). default_year may be 0. */
void tf_parse(const char *s, size_t n, int default_year, doc_timeframe *out);

#endif
