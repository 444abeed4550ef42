/* test_blob.c - blobs are written and read a chunk at a time: the chunk
 * boundaries (empty, exactly one chunk, one chunk and a byte), the size and
 * the sha256 of the whole, and a rolled-back write leaves nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "testutil.h"

/* Deterministic bytes, different in every chunk. */
static unsigned char *make_bytes(size_t n)
{
	unsigned char *p = malloc(n ? n : 1);
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)x;
	}
	return p;
}

/* Writes n bytes in pieces of `piece` bytes, then reads every chunk back
 * and checks the sizes, the bytes and the hash. */
static void round_trip(test_db *t, size_t n, size_t piece, int64_t want_chunks)
{
	unsigned char *data = make_bytes(n), hash[crypto_hash_sha256_BYTES];
	char want[65], got[65], info_hash[65];
	crypto_hash_sha256(hash, data, n);
	sodium_bin2hex(want, sizeof want, hash, sizeof hash);
	store_blob_writer *w = NULL;
	int64_t id = 0, size = -1;
	assert_int_equal(store_begin(t->db), TT_OK);
	assert_int_equal(store_blob_begin(t->db, &w), TT_OK);
	for (size_t off = 0; off < n; off += piece)
		assert_int_equal(store_blob_write(w, data + off, n - off < piece ? n - off : piece), TT_OK);
	assert_int_equal(store_blob_finish(w, &id, got), TT_OK);
	assert_int_equal(store_commit(t->db), TT_OK);
	assert_string_equal(got, want);
	assert_int_equal(store_blob_info(t->db, id, &size, info_hash), TT_OK);
	assert_int_equal(size, (int64_t)n);
	assert_string_equal(info_hash, want);

	unsigned char *buf = malloc(STORE_BLOB_CHUNK);
	size_t off = 0, len = 0;
	int64_t seq = 0;
	for (; store_blob_read(t->db, id, seq, buf, STORE_BLOB_CHUNK, &len) == TT_OK; seq++) {
		/* Every chunk but the last is full; none is empty. */
		assert_true(len > 0);
		assert_true(off + len == n || len == STORE_BLOB_CHUNK);
		assert_true(off + len <= n);
		assert_memory_equal(buf, data + off, len);
		off += len;
	}
	assert_int_equal(seq, want_chunks);
	assert_int_equal(off, n);
	assert_int_equal(store_blob_read(t->db, id, seq, buf, STORE_BLOB_CHUNK, &len), TT_ERR_NOT_FOUND);
	free(buf);
	free(data);
}

static void test_empty(void **state)
{
	test_db *t = test_db_new();
	round_trip(t, 0, 1, 0);
	test_db_free(t);
}

static void test_one_chunk(void **state)
{
	test_db *t = test_db_new();
	round_trip(t, STORE_BLOB_CHUNK, STORE_BLOB_CHUNK, 1);
	round_trip(t, STORE_BLOB_CHUNK, 4096, 1);
	round_trip(t, 1, 1, 1);
	test_db_free(t);
}

static void test_one_chunk_and_a_byte(void **state)
{
	test_db *t = test_db_new();
	round_trip(t, STORE_BLOB_CHUNK + 1, STORE_BLOB_CHUNK + 1, 2);
	round_trip(t, STORE_BLOB_CHUNK + 1, 7777, 2);
	test_db_free(t);
}

static void test_several_chunks(void **state)
{
	test_db *t = test_db_new();
	round_trip(t, 3 * STORE_BLOB_CHUNK + 12345, 100003, 4);
	round_trip(t, 2 * STORE_BLOB_CHUNK, 3 * STORE_BLOB_CHUNK, 2);
	test_db_free(t);
}

static void test_rollback_leaves_nothing(void **state)
{
	test_db *t = test_db_new();
	unsigned char *data = make_bytes(STORE_BLOB_CHUNK + 10);
	store_blob_writer *w = NULL;
	int64_t id = 0, size = 0;
	assert_int_equal(store_begin(t->db), TT_OK);
	assert_int_equal(store_blob_begin(t->db, &w), TT_OK);
	assert_int_equal(store_blob_write(w, data, STORE_BLOB_CHUNK + 10), TT_OK);
	assert_int_equal(store_blob_finish(w, &id, NULL), TT_OK);
	store_rollback(t->db);
	assert_int_equal(store_blob_info(t->db, id, &size, NULL), TT_ERR_NOT_FOUND);
	size_t len = 0;
	assert_int_equal(store_blob_read(t->db, id, 0, data, STORE_BLOB_CHUNK, &len), TT_ERR_NOT_FOUND);
	/* A writer given up half-way frees what it holds. */
	assert_int_equal(store_begin(t->db), TT_OK);
	assert_int_equal(store_blob_begin(t->db, &w), TT_OK);
	assert_int_equal(store_blob_write(w, data, 10), TT_OK);
	store_blob_abort(w);
	store_rollback(t->db);
	free(data);
	test_db_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_one_chunk),
	    cmocka_unit_test(test_one_chunk_and_a_byte),
	    cmocka_unit_test(test_several_chunks),
	    cmocka_unit_test(test_rollback_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
