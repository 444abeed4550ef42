/* fuzz_url.c - libFuzzer target: any bytes through the URL decoder. The
 * decoded length never exceeds the input, the result is NUL-terminated at
 * that length, and decoding an input without '%' or '+' gives it back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tt_arena a;
	size_t len = 0;
	arena_init(&a, 1 << 24);
	const char *s = (const char *)data;
	char *o = form_url_decode(&a, s, size, &len);
	if (o) {
		if (len > size || o[len] != '\0')
			abort();
		if (!memchr(s, '%', size) && !memchr(s, '+', size) && (len != size || memcmp(o, s, size)))
			abort();
	}
	arena_free(&a);
	return 0;
}
