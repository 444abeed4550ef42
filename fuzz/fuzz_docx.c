/* fuzz_docx.c - libFuzzer target: any bytes as a .docx through docx_read
 * and then the parser. Must never crash, leak or exceed its memory caps. */
#include <stddef.h>
#include <stdint.h>

#include "text/docx.h"
#include "text/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tt_buf text;
	buf_init(&text, 1 << 22);
	char msg[256];
	if (docx_read((const char *)data, size, &text, msg, sizeof msg) == TT_OK) {
		doc *d = NULL;
		parse_error err;
		if (parse_text(text.data ? text.data : "", text.len, &d, &err) == TT_OK)
			doc_free(d);
	}
	buf_free(&text);
	return 0;
}
