/* document.c - document import: file -> text (reader) -> NFC -> parsed
 * doc -> stored row with citations. The original file is kept as is, in a
 * blob written from the file a chunk at a time. */
#include "core/document.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "text/parse.h"
#include "text/reader.h"
#include "text/vn.h"

tt_rc document_symbol_key(const char *symbol, tt_buf *out)
{
	tt_buf k;
	buf_init(&k, 4096);
	tt_rc rc = vn_search_key(symbol, strlen(symbol), &k);
	for (size_t i = 0; !rc && i < k.len; i++)
		if (k.data[i] != '-' && k.data[i] != ' ' && k.data[i] != '.')
			rc = buf_addc(out, k.data[i]);
	buf_free(&k);
	if (!rc && !out->data)
		rc = buf_add(out, "", 0);
	return rc;
}

/* Writes bytes to a private temporary file keeping the extension, since
 * the readers (and LibreOffice) go by path. */
static tt_rc temp_copy(tt_ctx *ctx, const char *filename, const void *data, size_t len, char *path,
                       size_t pathlen)
{
	const char *dot = strrchr(filename, '.');
	char ext[16] = "";
	if (dot && strlen(dot) < sizeof ext && !strchr(dot, '/'))
		snprintf(ext, sizeof ext, "%s", dot);
	const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(path, pathlen, "%s/ttdn-import-XXXXXX%s", tmp, ext);
	int fd = mkstemps(path, (int)strlen(ext));
	if (fd < 0)
		return ctx_fail(ctx, TT_ERR_IO, "Không tạo được tệp tạm để đọc văn bản.");
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w <= 0) {
			close(fd);
			unlink(path);
			return ctx_fail(ctx, TT_ERR_IO, "Không ghi được tệp tạm.");
		}
		p += w;
		left -= (size_t)w;
	}
	close(fd);
	return TT_OK;
}

static const char *adup(tt_ctx *ctx, const char *s)
{
	return s ? arena_strdup(ctx->arena, s) : NULL;
}

/* Copies s into the arena; *rc becomes TT_ERR_NOMEM when a string could
 * not be copied, so that a lack of memory is never stored as a NULL. */
static const char *adup_checked(tt_ctx *ctx, const char *s, tt_rc *rc)
{
	const char *c = adup(ctx, s);
	if (s && !c)
		*rc = TT_ERR_NOMEM;
	return c;
}

static void report_progress(const document_progress *p, int percent)
{
	if (p && p->fn)
		p->fn(p->arg, percent);
}

tt_rc document_import(tt_ctx *ctx, const char *filename, const void *data, size_t len, int64_t *id,
                      document_outcome *outcome)
{
	return document_import_progress(ctx, filename, data, len, NULL, id, outcome);
}

tt_rc document_import_progress(tt_ctx *ctx, const char *filename, const void *data, size_t len,
                               const document_progress *progress, int64_t *id, document_outcome *outcome)
{
	char path[512];
	if (len > DOCUMENT_MAX_FILE)
		return ctx_fail(ctx, TT_ERR_TOO_LARGE, "Tệp %s lớn hơn %zu MB.", filename,
		                DOCUMENT_MAX_FILE >> 20);
	if (len == 0)
		return ctx_fail(ctx, TT_ERR_PARSE, "Tệp %s rỗng.", filename);
	tt_rc rc = temp_copy(ctx, filename, data, len, path, sizeof path);
	if (rc)
		return rc;
	rc = document_import_file(ctx, filename, path, progress, id, outcome);
	unlink(path);
	return rc;
}

tt_rc document_import_blob(tt_ctx *ctx, const char *filename, int64_t blob_id,
                           const document_progress *progress, int64_t *id, document_outcome *outcome)
{
	char path[512];
	tt_rc rc = temp_copy(ctx, filename, NULL, 0, path, sizeof path);
	if (rc)
		return rc;
	FILE *out = fopen(path, "wb");
	unsigned char *chunk = malloc(STORE_BLOB_CHUNK);
	size_t len = 0;
	rc = !out ? ctx_fail(ctx, TT_ERR_IO, "Không ghi được tệp tạm.") : !chunk ? TT_ERR_NOMEM : TT_OK;
	/* A chunk at a time from the database into the file the reader reads. */
	for (int64_t seq = 0; !rc; seq++) {
		rc = store_blob_read(ctx->db, blob_id, seq, chunk, STORE_BLOB_CHUNK, &len);
		if (rc == TT_ERR_NOT_FOUND) {
			rc = TT_OK;
			break;
		}
		if (!rc && fwrite(chunk, 1, len, out) != len)
			rc = ctx_fail(ctx, TT_ERR_IO, "Không ghi được tệp tạm.");
	}
	free(chunk);
	if (out && fclose(out) && !rc)
		rc = ctx_fail(ctx, TT_ERR_IO, "Không ghi được tệp tạm.");
	if (!rc)
		rc = document_import_file(ctx, filename, path, progress, id, outcome);
	unlink(path);
	return rc;
}

/* The sha256 (hex) and size of an open file, read in pieces. */
static tt_rc hash_file(int fd, char hex[crypto_hash_sha256_BYTES * 2 + 1], size_t *size)
{
	crypto_hash_sha256_state h;
	unsigned char hash[crypto_hash_sha256_BYTES], piece[64 * 1024];
	size_t total = 0;
	ssize_t n;
	crypto_hash_sha256_init(&h);
	while ((n = read(fd, piece, sizeof piece)) > 0) {
		crypto_hash_sha256_update(&h, piece, (size_t)n);
		total += (size_t)n;
	}
	if (n < 0)
		return TT_ERR_IO;
	crypto_hash_sha256_final(&h, hash);
	sodium_bin2hex(hex, crypto_hash_sha256_BYTES * 2 + 1, hash, sizeof hash);
	*size = total;
	return TT_OK;
}

/* Writes the open file into a new blob (inside the caller's write
 * transaction), a chunk at a time. The file must still hash to sha256. */
static tt_rc store_original(tt_ctx *ctx, int fd, const char *filename, const char *sha256, int64_t *blob_id)
{
	store_blob_writer *w = NULL;
	char got[65];
	unsigned char *piece = malloc(STORE_BLOB_CHUNK);
	tt_rc rc = piece ? TT_OK : TT_ERR_NOMEM;
	if (!rc && lseek(fd, 0, SEEK_SET) != 0)
		rc = TT_ERR_IO;
	if (!rc)
		rc = store_blob_begin(ctx->db, &w);
	ssize_t n = 0;
	while (!rc && (n = read(fd, piece, STORE_BLOB_CHUNK)) > 0)
		rc = store_blob_write(w, piece, (size_t)n);
	if (!rc && n < 0)
		rc = TT_ERR_IO;
	free(piece);
	if (rc) {
		store_blob_abort(w);
		return rc;
	}
	if ((rc = store_blob_finish(w, blob_id, got)))
		return rc;
	if (strcmp(got, sha256))
		return ctx_fail(ctx, TT_ERR_IO, "Tệp %s đã thay đổi trong khi nhập; hãy nhập lại.", filename);
	return TT_OK;
}

tt_rc document_import_file(tt_ctx *ctx, const char *filename, const char *path,
                           const document_progress *progress, int64_t *id, document_outcome *outcome)
{
	tt_rc rc = TT_OK;
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	tt_buf raw, text, key;
	doc *d = NULL;
	json_t *parsed = NULL;
	char *parsed_s = NULL;
	reader_info info;
	parse_error perr;
	size_t len = 0;
	int64_t existing = 0;
	buf_init(&raw, READER_MAX_FILE * 2);
	buf_init(&text, 0);
	buf_init(&key, 4096);
	memset(&info, 0, sizeof info);
	memset(&perr, 0, sizeof perr);
	if ((rc = perm_check(ctx, PERM_IMPORT_DOCUMENT, 0)))
		return rc;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ctx_fail(ctx, TT_ERR_IO, "Không mở được tệp %s.", filename);
	/* Refused before a byte is read when it is too large already. */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		rc = ctx_fail(ctx, TT_ERR_IO, "Không đọc được tệp %s.", filename);
	else if ((uint64_t)st.st_size > DOCUMENT_MAX_FILE)
		rc = ctx_fail(ctx, TT_ERR_TOO_LARGE, "Tệp %s lớn hơn %zu MB.", filename,
		              DOCUMENT_MAX_FILE >> 20);
	if (rc)
		goto out;
	if ((rc = hash_file(fd, hex, &len))) {
		ctx_fail(ctx, rc, "Không đọc được tệp %s.", filename);
		goto out;
	}
	if (len > DOCUMENT_MAX_FILE) {
		rc = ctx_fail(ctx, TT_ERR_TOO_LARGE, "Tệp %s lớn hơn %zu MB.", filename,
		              DOCUMENT_MAX_FILE >> 20);
		goto out;
	}
	if (len == 0) {
		rc = ctx_fail(ctx, TT_ERR_PARSE, "Tệp %s rỗng.", filename);
		goto out;
	}
	/* Stored already: nothing to read or write. */
	if ((rc = store_document_by_hash(ctx->db, hex, &existing)) == TT_OK) {
		*id = existing;
		*outcome = DOC_DUPLICATE;
		goto out;
	}
	if (rc != TT_ERR_NOT_FOUND)
		goto out;
	rc = reader_read_file(path, &raw, &info);
	if (rc) {
		if (rc == TT_ERR_UTF8 && info.eight_bit)
			ctx_fail(ctx, rc,
			         "Tệp %s không đọc được thành tiếng Việt: đã thử Unicode (UTF-8, UTF-16) và "
			         "các bảng mã cũ TCVN3 (ABC, phông .Vn) và VNI (phông VNI-), không cách nào ra "
			         "chữ tiếng Việt (ký tự lạ đầu tiên ở byte %zu). Có lẽ tệp được lưu bằng bảng "
			         "mã Windows-1252 (Latin-1), vốn không có đủ chữ tiếng Việt, nên hệ thống không "
			         "nhập để khỏi sinh chữ sai. Hãy mở tệp bằng phần mềm đã soạn ra nó và lưu lại "
			         "dưới dạng Unicode (UTF-8).",
			         filename, info.bad_offset);
		else if (rc == TT_ERR_UTF8)
			ctx_fail(ctx, rc, "Tệp %s có ký tự không hợp lệ tại byte %zu.", filename,
			         info.bad_offset);
		else {
			const char *why =
			    rc == TT_ERR_TOO_LARGE ? "tệp quá lớn (tối đa 50 MB) hoặc giải nén ra quá lớn"
			    : rc == TT_ERR_UNSUPPORTED
			        ? "chưa đọc được định dạng này; hãy cài LibreOffice hoặc lưu lại thành .docx"
			    : rc == TT_ERR_PARSE
			        ? "tệp bị hỏng hoặc không đúng định dạng; hãy mở bằng Word và lưu lại"
			        : "không đọc được tệp";
			if (info.message[0])
				ctx_fail(ctx, rc, "Tệp %s: %s (chi tiết kỹ thuật: %s).", filename, why,
				         info.message);
			else
				ctx_fail(ctx, rc, "Tệp %s: %s.", filename, why);
		}
		goto out;
	}
	report_progress(progress, 10);
	if ((rc = vn_nfc(raw.data ? raw.data : "", raw.len, &text)))
		goto out;
	if ((rc = parse_text(text.data ? text.data : "", text.len, &d, &perr))) {
		ctx_fail(ctx, rc, "Không phân tích được %s: %s", filename,
		         perr.message[0] ? perr.message : tt_rc_message(rc));
		goto out;
	}
	if (!(parsed = doc_to_json(d)) || !(parsed_s = json_dumps(parsed, JSON_COMPACT))) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	report_progress(progress, 60);
	st_document sd = {
	    .sha256 = hex,
	    .filename = filename,
	    .format = info.format ? info.format : "txt",
	    .encoding = info.encoding,
	    .kind = d->kind ? d->kind : "other",
	    .symbol = d->symbol,
	    .number = d->number,
	    .issuer_code = d->issuer_code,
	    .place = d->place,
	    .year = d->year,
	    .title = d->title,
	    .text = text.data ? text.data : "",
	    .parsed = parsed_s,
	};
	if (d->year && d->month && d->day &&
	    !(sd.date = arena_printf(ctx->arena, "%04d-%02d-%02d", d->year, d->month, d->day)))
		rc = TT_ERR_NOMEM;
	if (!rc && d->symbol && !(rc = document_symbol_key(d->symbol, &key)))
		sd.symbol_key = adup_checked(ctx, key.data, &rc);
	if (rc)
		goto out;
	st_citation *cit = arena_alloc(ctx->arena, (d->citations.n + 1) * sizeof *cit);
	size_t nc = 0;
	if (!cit) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < d->citations.n; i++) {
		const doc_citation *c = &d->citations.v[i];
		if (!c->symbol || !*c->symbol)
			continue;
		buf_reset(&key);
		if ((rc = document_symbol_key(c->symbol, &key)))
			goto out;
		cit[nc] = (st_citation){.kind = adup_checked(ctx, c->kind, &rc),
		                        .symbol = adup_checked(ctx, c->symbol, &rc),
		                        .symbol_key = adup_checked(ctx, key.data, &rc),
		                        .date = adup_checked(ctx, c->date, &rc),
		                        .text = adup_checked(ctx, c->text, &rc)};
		if (rc)
			goto out;
		nc++;
	}
	int64_t did = 0, blob = 0;
	if ((rc = core_begin(ctx)))
		goto out;
	rc = store_original(ctx, fd, filename, hex, &blob);
	if (!rc)
		rc =
		    store_document_add(ctx->db, &sd, blob, len, cit, nc, ctx->user ? ctx->user->id : 0, &did);
	if (rc == TT_ERR_CONFLICT && did > 0) {
		/* The same content hash is stored: the one case of a duplicate. */
		core_end(ctx, rc);
		*id = did;
		*outcome = DOC_DUPLICATE;
		rc = TT_OK;
		goto out;
	}
	if (!rc) {
		json_t *after = json_pack("{s:s, s:s, s:s?, s:s?}", "filename", filename, "kind", sd.kind,
		                          "symbol", sd.symbol, "sha256", hex);
		rc = after ? audit_record(ctx, "document.import", "document",
		                          arena_printf(ctx->arena, "%lld", (long long)did), NULL, after)
		           : TT_ERR_NOMEM;
		json_decref(after);
	}
	if ((rc = core_end(ctx, rc)))
		goto out;
	*id = did;
	*outcome = DOC_IMPORTED;
	report_progress(progress, 100);
out:
	close(fd);
	free(parsed_s);
	json_decref(parsed);
	doc_free(d);
	buf_free(&raw);
	buf_free(&text);
	buf_free(&key);
	return rc;
}

static int date_ok(const char *d)
{
	return !d || !*d || ctx_date_valid(d);
}

tt_rc document_correct(tt_ctx *ctx, int64_t id, const document_fix *fix)
{
	st_document d;
	json_error_t jerr;
	tt_rc rc = store_document_get(ctx->db, ctx->arena, id, &d);
	if (rc)
		return rc;
	if ((rc = perm_check(ctx, PERM_CORRECT_DOCUMENT, 0)))
		return rc;
	if (!date_ok(fix->date))
		return ctx_fail(ctx, TT_ERR_INVALID, "Ngày ban hành phải có dạng YYYY-MM-DD.");
	const char *fields[] = {fix->kind, fix->symbol, fix->issuer_code, fix->place, fix->title};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i] &&
		    (strlen(fields[i]) > 2000 || vn_utf8_validate(fields[i], strlen(fields[i]), NULL)))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Thông tin sửa quá dài hoặc không phải UTF-8 hợp lệ.");
	if (fix->kind && ctx_blank(fix->kind))
		return ctx_fail(ctx, TT_ERR_INVALID, "Loại văn bản không được để trống.");
	json_t *parsed = json_loads(d.parsed, 0, &jerr);
	if (!parsed)
		return TT_ERR_DB;
	json_t *before =
	    json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "kind", d.kind, "symbol", d.symbol,
	              "issuer_code", d.issuer_code, "place", d.place, "date", d.date, "title", d.title);
	tt_buf key;
	buf_init(&key, 4096);
#define FIX(field, jname)                                                                                    \
	if (fix->field) {                                                                                    \
		d.field = *fix->field ? fix->field : NULL;                                                   \
		json_object_set_new(parsed, jname, d.field ? json_string(d.field) : json_null());            \
	}
	FIX(kind, "kind")
	FIX(symbol, "symbol")
	FIX(issuer_code, "issuer_code")
	FIX(place, "place")
	FIX(title, "title")
	FIX(date, "date")
#undef FIX
	if (fix->date && d.date)
		d.year = (int)strtol(d.date, NULL, 10);
	d.symbol_key = NULL;
	if (d.symbol && !(rc = document_symbol_key(d.symbol, &key)))
		d.symbol_key = key.data;
	char *ps = json_dumps(parsed, JSON_COMPACT);
	json_t *after =
	    json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "kind", d.kind, "symbol", d.symbol,
	              "issuer_code", d.issuer_code, "place", d.place, "date", d.date, "title", d.title);
	d.parsed = ps;
	if (!rc && (!ps || !before || !after))
		rc = TT_ERR_NOMEM;
	if (!rc && !(rc = core_begin(ctx))) {
		if (!(rc = store_document_update(ctx->db, &d, fix->seen_corrected)))
			rc = audit_record(ctx, "document.correct", "document",
			                  arena_printf(ctx->arena, "%lld", (long long)id), before, after);
		rc = core_end(ctx, rc);
		if (rc == TT_ERR_PRECONDITION)
			rc = ctx_fail(ctx, TT_ERR_PRECONDITION, "%s",
			              "Thông tin văn bản đã được người khác sửa từ lúc bạn mở, nên chưa lưu "
			              "thay đổi của bạn.");
	}
	free(ps);
	json_decref(parsed);
	json_decref(before);
	json_decref(after);
	buf_free(&key);
	return rc;
}

const char *document_legacy_encoding(tt_ctx *ctx, int64_t id)
{
	st_document d;
	if (store_document_get(ctx->db, ctx->arena, id, &d) != TT_OK || !d.encoding)
		return NULL;
	return !strcmp(d.encoding, "TCVN3") || !strcmp(d.encoding, "VNI") ? d.encoding : NULL;
}
