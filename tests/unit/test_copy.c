/* test_copy.c - `ttdn db copy` moves every table: the copy list in
 * src/store/copy.c names each table the migrations create. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "testutil.h"

static void test_every_table_is_copied(void **state)
{
	test_db *t = test_db_new();
	const char **names, **derived;
	size_t n = store_copy_tables(&names), nd = store_copy_derived(&derived);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(t->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT name FROM sqlite_master WHERE type = 'table' "
	                                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	int tables = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int found = 0;
		for (size_t i = 0; i < n; i++)
			found |= !strcmp(names[i], name);
		for (size_t i = 0; i < nd && !found; i++)
			if (!strcmp(derived[i], name))
				found = 2;
		if (found == 2)
			continue;
		if (!found)
			fail_msg("table %s is not in the copy list of src/store/copy.c", name);
		tables++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal((size_t)tables, n);
	test_db_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_table_is_copied),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
