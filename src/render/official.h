/* official.h - official documents in the Decree 30/2020/NĐ-CP layout,
 * written as .docx (render/docx_write.h): a body's BÁO CÁO in a round and
 * a KẾ HOẠCH with its task table. The data comes from core/docout.h. */
#ifndef TT_OFFICIAL_H
#define TT_OFFICIAL_H

#include "base/buf.h"
#include "core/docout.h"

/* Writes the report as a .docx into out (reset first). */
tt_rc official_report_docx(tt_ctx *ctx, const docout_report *d, tt_buf *out);
/* Writes the plan as a .docx into out (reset first). */
tt_rc official_plan_docx(tt_ctx *ctx, const docout_plan *d, tt_buf *out);

/* Writes the round's consolidated report (the owner's BÁO CÁO: each
 * section made of the bodies' texts, named by body; the sums as a table;
 * the per-body table in a landscape appendix) into out. */
tt_rc official_consolidated_docx(tt_ctx *ctx, const docout_consolidated *d, tt_buf *out);

/* Writes an activity list as an appendix (PHỤ LỤC) of the user's body:
 * the header, the title and period, a landscape table of the activities
 * with their total (render of docout_activities_get). */
tt_rc official_activities_docx(tt_ctx *ctx, const docout_activities *a, tt_buf *out);

/* The file name people get: "bao-cao-<org>-dot-<id>.docx" style, ASCII. */

#endif
