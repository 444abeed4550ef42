/* fuzz_form.c - libFuzzer target: any bytes as an urlencoded form body.
 * On success every key and value is valid UTF-8 without NUL bytes; on
 * failure there is a message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/vn.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tt_arena a;
	http_kv *kv = NULL;
	size_t n = 0;
	const char *why = NULL;
	arena_init(&a, 1 << 24);
	tt_rc rc = form_parse_urlencoded(&a, (const char *)data, size, &kv, &n, &why);
	if (rc == TT_OK) {
		for (size_t i = 0; i < n; i++)
			if (vn_utf8_validate(kv[i].key, strlen(kv[i].key), NULL) ||
			    vn_utf8_validate(kv[i].value, strlen(kv[i].value), NULL))
				abort();
	} else if (rc != TT_ERR_NOMEM && !why)
		abort();
	arena_free(&a);
	return 0;
}
