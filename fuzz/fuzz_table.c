/* fuzz_table.c - libFuzzer target: any bytes as an uploaded spreadsheet
 * (an .xlsx when they look like a zip, else CSV) through table_read. Must
 * never crash, leak or exceed its caps. table_read takes a path, so the
 * bytes go to a file of this process first. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "text/table.h"

static char path[64];

static void remove_file(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/ttdn-fuzz-table-%ld", (long)getpid());
		atexit(remove_file);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	size_t w = fwrite(data, 1, size, f);
	if (fclose(f) || w != size)
		return 0;
	tt_table t = {0};
	char msg[256];
	table_read(path, &t, msg, sizeof msg);
	table_free(&t);
	return 0;
}
