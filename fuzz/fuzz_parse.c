/* fuzz_parse.c - libFuzzer target: any bytes through parse_text and the
 * JSON rendering. Must never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "text/parse.h"
#include "text/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tt_buf text;
	buf_init(&text, 1 << 22);
	/* Through the plain-text decoder first (BOMs, UTF-16, legacy), as a
	 * file would go. */
	if (reader_decode_text((const char *)data, size, &text, NULL) == TT_OK) {
		doc *d = NULL;
		parse_error err;
		if (parse_text(text.data ? text.data : "", text.len, &d, &err) == TT_OK) {
			json_t *j = doc_to_json(d);
			char *s = j ? json_dumps(j, 0) : NULL;
			free(s);
			json_decref(j);
			doc_free(d);
		}
	}
	buf_free(&text);
	return 0;
}
