/* demo.h - a demo province so a new installation shows the system alive. */
#ifndef TT_DEMO_H
#define TT_DEMO_H

#include "core/ctx.h"

#define DEMO_PROVINCE "P51" /* Quảng Ngãi, which Kon Tum merged into */

/* Adds about 20 departments and other bodies under the demo province, a
 * little history (bodies of the former Kon Tum province that merged), and
 * one open round asking all departments, due two weeks from today. Needs
 * the administrative units loaded. Does nothing if already loaded
 * (*created = 0). */
tt_rc demo_load(tt_ctx *ctx, int *created);

#endif
