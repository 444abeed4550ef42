/* parse_bench.c - throughput of the document parser, against a baseline
 * measured in the same run.
 *
 *   parse_bench SEEDS_DIR DOCX_FILE
 *
 * Text: the seed documents, varied (numbers shifted, lines shuffled within
 * sections would change meaning, so only numbers and years vary) and
 * parsed one document at a time until ~20 MB went through parse_text();
 * baseline: UTF-8 validation + NFC over the same bytes. Docx: the 10-page
 * DOCX_FILE read and parsed repeatedly; baseline: only decompressing its
 * word/document.xml with libzip. Prints one line per measure with the goal
 * and PASS/FAIL; exits 0 either way (goals are reported, not enforced). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "base/buf.h"
#include "text/docx.h"
#include "text/parse.h"
#include "text/vn.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A variant of a document: every digit run shifted by k, so dates, numbers
 * and symbols differ between copies while the shape stays. */
static void vary(const tt_buf *in, int k, tt_buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < in->len; i++) {
		char c = in->data[i];
		if (c >= '1' && c <= '8' && k % 3 == 0)
			c = (char)('1' + (c - '1' + k) % 8);
		buf_addc(out, c);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: parse_bench SEEDS_DIR DOCX_FILE\n");
		return 2;
	}
	tt_buf seeds[16];
	size_t nseeds = 0;
	DIR *d = opendir(argv[1]);
	if (!d) {
		fprintf(stderr, "parse_bench: cannot open %s\n", argv[1]);
		return 1;
	}
	struct dirent *e;
	while ((e = readdir(d)) && nseeds < 16) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".txt"))
			continue;
		char p[2048];
		snprintf(p, sizeof p, "%s/%s", argv[1], e->d_name);
		buf_init(&seeds[nseeds], 0);
		if (buf_read_file(&seeds[nseeds], p) == TT_OK)
			nseeds++;
	}
	closedir(d);
	if (!nseeds) {
		fprintf(stderr, "parse_bench: no .txt in %s\n", argv[1]);
		return 1;
	}
	/* Corpus: ~20 MB of varied documents. */
	enum { NVAR = 64 };
	tt_buf docs[16 * NVAR];
	size_t ndocs = 0, corpus = 0;
	for (int k = 0; k < NVAR; k++)
		for (size_t s = 0; s < nseeds; s++) {
			buf_init(&docs[ndocs], 0);
			vary(&seeds[s], k, &docs[ndocs]);
			corpus += docs[ndocs].len;
			ndocs++;
		}
	size_t target = (size_t)20 << 20, done = 0, tasks = 0;
	double t0 = now();
	while (done < target) {
		for (size_t i = 0; i < ndocs && done < target; i++) {
			doc *x = NULL;
			if (parse_text(docs[i].data, docs[i].len, &x, NULL) != TT_OK) {
				fprintf(stderr, "parse_bench: document %zu failed\n", i);
				return 1;
			}
			tasks += x->tasks.n;
			doc_free(x);
			done += docs[i].len;
		}
	}
	double tp = now() - t0;
	size_t bdone = 0;
	tt_buf nfc;
	buf_init(&nfc, 0);
	t0 = now();
	while (bdone < target) {
		for (size_t i = 0; i < ndocs && bdone < target; i++) {
			size_t bad;
			buf_reset(&nfc);
			if (vn_utf8_validate(docs[i].data, docs[i].len, &bad) == TT_OK)
				vn_nfc(docs[i].data, docs[i].len, &nfc);
			bdone += docs[i].len;
		}
	}
	double tb = now() - t0;
	double mbs = (double)done / 1e6 / tp, bmbs = (double)bdone / 1e6 / tb;
	printf("parse.text  %6.1f MB/s   baseline utf8+nfc %7.1f MB/s   ratio %.3f   goal >= 20 MB/s: %s"
	       "   (%zu docs, %.1f MB corpus, %zu tasks)\n",
	       mbs, bmbs, mbs / bmbs, mbs >= 20 ? "PASS" : "FAIL", ndocs, (double)corpus / 1e6, tasks);

	/* Docx. */
	tt_buf bin;
	buf_init(&bin, 0);
	if (buf_read_file(&bin, argv[2]) != TT_OK) {
		fprintf(stderr, "parse_bench: cannot read %s\n", argv[2]);
		return 1;
	}
	int rounds = 0;
	t0 = now();
	while (now() - t0 < 3.0) {
		tt_buf text;
		buf_init(&text, 0);
		char msg[256];
		doc *x = NULL;
		if (docx_read(bin.data, bin.len, &text, msg, sizeof msg) != TT_OK ||
		    parse_text(text.data, text.len, &x, NULL) != TT_OK) {
			fprintf(stderr, "parse_bench: docx failed: %s\n", msg);
			return 1;
		}
		doc_free(x);
		buf_free(&text);
		rounds++;
	}
	double td = now() - t0;
	int brounds = 0;
	t0 = now();
	while (now() - t0 < 1.0) {
		zip_error_t ze;
		zip_error_init(&ze);
		zip_source_t *src = zip_source_buffer_create(bin.data, bin.len, 0, &ze);
		zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
		zip_file_t *f = za ? zip_fopen(za, "word/document.xml", 0) : NULL;
		char chunk[65536];
		while (f && zip_fread(f, chunk, sizeof chunk) > 0)
			;
		if (f)
			zip_fclose(f);
		if (za)
			zip_discard(za);
		else
			zip_source_free(src);
		zip_error_fini(&ze);
		brounds++;
	}
	double tbd = now() - t0;
	double dps = rounds / td, bdps = brounds / tbd;
	printf("parse.docx  %6.0f docs/s  baseline unzip    %7.0f docs/s  ratio %.3f   goal >= 200 docs/s: %s"
	       "   (%zu KB file)\n",
	       dps, bdps, dps / bdps, dps >= 200 ? "PASS" : "FAIL", bin.len / 1024);
	for (size_t i = 0; i < ndocs; i++)
		buf_free(&docs[i]);
	for (size_t i = 0; i < nseeds; i++)
		buf_free(&seeds[i]);
	buf_free(&bin);
	buf_free(&nfc);
	return 0;
}
