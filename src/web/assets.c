/* assets.c - the static files (CSS, JS, icon) compiled into the binary with
 * .incbin, served from memory with a content-hash ETag. */
#include <stdio.h>
#include <string.h>

#include "web/page.h"
#include "web/routes.h"

#define ASSET(sym, file)                                                                                     \
	__asm__(".section .rodata\n.global " #sym "\n.balign 16\n" #sym ":\n.incbin \"" file                 \
	        "\"\n.global " #sym "_end\n" #sym "_end:\n.byte 0\n.previous\n");                            \
	extern const char sym[];                                                                             \
	extern const char sym##_end[];

ASSET(tt_asset_css, "src/web/assets/app.css")
ASSET(tt_asset_js, "src/web/assets/app.js")
ASSET(tt_asset_icon, "src/web/assets/icon.svg")

typedef struct {
	const char *name;
	const char *type;
	const char *data;
	const char *end;
	char etag[24];
} asset;

static asset assets[] = {
    {"app.css", "text/css; charset=utf-8", tt_asset_css, tt_asset_css_end, ""},
    {"app.js", "text/javascript; charset=utf-8", tt_asset_js, tt_asset_js_end, ""},
    {"icon.svg", "image/svg+xml", tt_asset_icon, tt_asset_icon_end, ""},
};

/* ETags are computed on first use; the race is benign (same value). */
static const char *asset_etag(asset *a)
{
	if (!a->etag[0]) {
		uint64_t h = 1469598103934665603ULL;
		for (const char *p = a->data; p < a->end; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		char tmp[24];
		snprintf(tmp, sizeof tmp, "\"%016llx\"", (unsigned long long)h);
		memcpy(a->etag, tmp, sizeof tmp);
	}
	return a->etag;
}

/* If-None-Match holds "*" or a comma-separated list of (weak or strong)
 * entity tags (RFC 9110 13.1.2); weak comparison applies. */
static int etag_matches(const char *inm, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = inm;
	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, elen) &&
		    (p[elen] == '\0' || p[elen] == ',' || p[elen] == ' ' || p[elen] == '\t'))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

tt_rc ui_static(http_req *r)
{
	for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
		asset *a = &assets[i];
		if (strcmp(r->params[0], a->name))
			continue;
		const char *etag = asset_etag(a);
		const char *inm = http_header(r, "If-None-Match");
		http_set_header(r, "ETag", etag);
		http_set_header(r, "Cache-Control", "public, max-age=3600, must-revalidate");
		r->content_type = a->type;
		r->static_data = "";
		r->static_len = 0;
		if (inm && etag_matches(inm, etag)) {
			r->status = 304;
			return TT_OK;
		}
		r->status = 200;
		r->static_data = a->data;
		r->static_len = (size_t)(a->end - a->data);
		return TT_OK;
	}
	return TT_ERR_NOT_FOUND;
}

tt_rc ui_healthz(http_req *r)
{
	return http_send_text(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
}
