/* blob.c - byte strings of any size (document originals, later media) as
 * numbered chunk rows, on both engines. A writer buffers one chunk and
 * writes it as soon as it is full, hashing as it goes; a reader fetches one
 * chunk per short statement. Every chunk but the last holds exactly
 * STORE_BLOB_CHUNK bytes, so byte offset p lives in chunk p / CHUNK. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

struct store_blob_writer {
	store *s;
	int64_t id;
	int64_t seq;  /* next chunk to write */
	int64_t size; /* bytes written so far, buffered included */
	size_t fill;  /* bytes in buf */
	crypto_hash_sha256_state hash;
	unsigned char *buf; /* STORE_BLOB_CHUNK bytes */
};

tt_rc store_blob_begin(store *s, store_blob_writer **out)
{
	char now[21];
	store_now(s, now);
	store_blob_writer *w = calloc(1, sizeof *w);
	if (!w || !(w->buf = malloc(STORE_BLOB_CHUNK))) {
		free(w);
		return TT_ERR_NOMEM;
	}
	w->s = s;
	crypto_hash_sha256_init(&w->hash);
	/* The row comes first so the chunks can refer to it; size and hash
	 * are filled in by store_blob_finish. */
	db_stmt *st =
	    store_prep(s, "INSERT INTO blob(size, sha256, created_at) VALUES (0, '', ?1) RETURNING id");
	tt_rc rc = st ? TT_OK : TT_ERR_DB;
	if (!rc) {
		store_bind_text(st, 1, now);
		rc = store_step_id(s, st, &w->id);
	}
	if (rc) {
		store_blob_abort(w);
		return rc;
	}
	*out = w;
	return TT_OK;
}

static tt_rc flush_chunk(store_blob_writer *w)
{
	db_stmt *st = store_prep(w->s, "INSERT INTO blob_chunk(blob_id, seq, data) VALUES (?1, ?2, ?3)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, w->id);
	db_bind_int64(st, 2, w->seq);
	db_bind_blob(st, 3, w->buf, w->fill);
	tt_rc rc = store_step_done(w->s, st);
	if (!rc) {
		w->seq++;
		w->fill = 0;
	}
	return rc;
}

tt_rc store_blob_write(store_blob_writer *w, const void *p, size_t n)
{
	const unsigned char *c = p;
	crypto_hash_sha256_update(&w->hash, c, n);
	while (n) {
		size_t take = STORE_BLOB_CHUNK - w->fill;
		if (take > n)
			take = n;
		memcpy(w->buf + w->fill, c, take);
		w->fill += take;
		w->size += (int64_t)take;
		c += take;
		n -= take;
		tt_rc rc;
		/* A full chunk is written only when more follows or at the end,
		 * so an empty blob has no chunk and others have no empty one. */
		if (w->fill == STORE_BLOB_CHUNK && n && (rc = flush_chunk(w)))
			return rc;
	}
	return TT_OK;
}

tt_rc store_blob_finish(store_blob_writer *w, int64_t *id, char sha256_hex[65])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	tt_rc rc = w->fill ? flush_chunk(w) : TT_OK;
	crypto_hash_sha256_final(&w->hash, hash);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	if (!rc) {
		db_stmt *st = store_prep(w->s, "UPDATE blob SET size = ?2, sha256 = ?3 WHERE id = ?1");
		rc = st ? TT_OK : TT_ERR_DB;
		if (!rc) {
			db_bind_int64(st, 1, w->id);
			db_bind_int64(st, 2, w->size);
			store_bind_text(st, 3, hex);
			rc = store_step_done(w->s, st);
		}
	}
	if (!rc) {
		*id = w->id;
		if (sha256_hex)
			memcpy(sha256_hex, hex, sizeof hex);
	}
	store_blob_abort(w);
	return rc;
}

void store_blob_abort(store_blob_writer *w)
{
	if (!w)
		return;
	free(w->buf);
	free(w);
}

tt_rc store_blob_info(store *s, int64_t id, int64_t *size, char sha256_hex[65])
{
	db_stmt *st = store_prep(s, "SELECT size, sha256 FROM blob WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int src = db_step(st);
	tt_rc rc = TT_OK;
	if (src == DB_ROW) {
		size_t len = 0;
		const char *h = s->eng->col_text(st, 1, &len);
		*size = db_col_int64(st, 0);
		if (sha256_hex) {
			if (len > 64)
				len = 64;
			memcpy(sha256_hex, h ? h : "", h ? len : 0);
			sha256_hex[h ? len : 0] = '\0';
		}
	} else
		rc = src == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_blob_read(store *s, int64_t id, int64_t seq, void *buf, size_t cap, size_t *len)
{
	db_stmt *st = store_prep(s, "SELECT data FROM blob_chunk WHERE blob_id = ?1 AND seq = ?2");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, seq);
	int src = db_step(st);
	tt_rc rc = TT_OK;
	if (src == DB_ROW) {
		size_t n = 0;
		const void *p = db_col_blob(st, 0, &n);
		if (n > cap || (n && !p))
			rc = n > cap ? TT_ERR_TOO_LARGE : TT_ERR_NOMEM;
		else {
			if (n)
				memcpy(buf, p, n);
			*len = n;
		}
	} else
		rc = src == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

/* Moves bytes stored inline before blobs existed into blobs, one row at a
 * time (only one file is in memory): select_sql gives (id, bytes) of the
 * next row still to move, update_sql (?1 id, ?2 blob id) marks it moved. */
static tt_rc move_into_blobs(store *s, const char *select_sql, const char *update_sql)
{
	tt_rc rc = TT_OK;
	for (;;) {
		db_stmt *st = store_prep(s, select_sql);
		if (!st)
			return TT_ERR_DB;
		int src = db_step(st);
		if (src != DB_ROW) {
			store_done(st);
			return src == DB_DONE ? TT_OK : store_fail(s, src);
		}
		int64_t id = db_col_int64(st, 0), blob = 0;
		size_t n = 0;
		const void *p = db_col_blob(st, 1, &n);
		store_blob_writer *w = NULL;
		if (!(rc = store_blob_begin(s, &w))) {
			if ((rc = store_blob_write(w, p, n)))
				store_blob_abort(w);
			else
				rc = store_blob_finish(w, &blob, NULL);
		}
		store_done(st);
		if (rc)
			return rc;
		if (!(st = store_prep(s, update_sql)))
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, blob);
		if ((rc = store_step_done(s, st)))
			return rc;
	}
}

/* Moves the originals kept in document.original, and the files of jobs
 * still waiting in job.data, into blobs. */
tt_rc store_blob_backfill_documents(store *s)
{
	tt_rc rc = move_into_blobs(s,
	                           "SELECT id, data FROM job WHERE data IS NOT NULL AND data_blob_id IS NULL "
	                           "ORDER BY id LIMIT 1",
	                           "UPDATE job SET data_blob_id = ?2, data = NULL WHERE id = ?1");
	if (!rc)
		rc =
		    move_into_blobs(s,
		                    "SELECT id, original FROM document WHERE original_blob_id IS NULL "
		                    "ORDER BY id LIMIT 1",
		                    "UPDATE document SET original_blob_id = ?2, original = '' WHERE id = ?1");
	return rc;
}
