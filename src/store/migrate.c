/* migrate.c - the numbered SQL migrations, compiled into the binary with
 * .incbin so the binary carries its schema. Adding a migration: drop
 * NNN_name.sql in migrations/ and add one MIGRATION line below. */
#include <stddef.h>

#include "store/store_int.h"

#define MIGRATION(sym, file)                                                                                 \
	__asm__(".section .rodata\n.global " #sym "\n.balign 16\n" #sym ":\n.incbin \"" file                 \
	        "\"\n.byte 0\n.previous\n");                                                                 \
	extern const char sym[];

MIGRATION(tt_mig_001, "src/store/migrations/001_init.sql")
MIGRATION(tt_mig_002, "src/store/migrations/002_documents.sql")
MIGRATION(tt_mig_004, "src/store/migrations/004_login_address.sql")
MIGRATION(tt_mig_005, "src/store/migrations/005_jobs.sql")
MIGRATION(tt_mig_006, "src/store/migrations/006_portable.sql")
MIGRATION(tt_mig_007, "src/store/migrations/007_versions.sql")
MIGRATION(tt_mig_008, "src/store/migrations/008_blobs.sql")
MIGRATION(tt_mig_009, "src/store/migrations/009_plans.sql")
MIGRATION(tt_mig_010, "src/store/migrations/010_round_plan.sql")
MIGRATION(tt_mig_013, "src/store/migrations/013_activities.sql")
MIGRATION(tt_mig_014, "src/store/migrations/014_doc_settings.sql")
MIGRATION(tt_mig_015, "src/store/migrations/015_count_indicator.sql")
MIGRATION(tt_mig_017, "src/store/migrations/017_progress_evidence.sql")
MIGRATION(tt_mig_018, "src/store/migrations/018_reminders.sql")
MIGRATION(tt_mig_019, "src/store/migrations/019_round_text.sql")
MIGRATION(tt_mig_020, "src/store/migrations/020_round_life.sql")
MIGRATION(tt_mig_021, "src/store/migrations/021_schedules.sql")
/* calendar feed */
MIGRATION(tt_mig_022, "src/store/migrations/022_calendar.sql")
/* search */
MIGRATION(tt_mig_023, "src/store/migrations/023_search.sql")
MIGRATION(tt_mig_024, "src/store/migrations/024_search_compact.sql")
MIGRATION(tt_mig_025, "src/store/migrations/025_exact_merge.sql")

static const store_migration migrations[] = {
    {1, "init", tt_mig_001},  {2, "documents", tt_mig_002}, {4, "login_address", tt_mig_004},
    {5, "jobs", tt_mig_005},  {6, "portable", tt_mig_006},  {7, "versions", tt_mig_007},
    {8, "blobs", tt_mig_008}, {9, "plans", tt_mig_009},
    {10, "round_plan", tt_mig_010}, {13, "activities", tt_mig_013},
    {14, "doc_settings", tt_mig_014}, {15, "count_indicator", tt_mig_015},
    {17, "progress_evidence", tt_mig_017}, {18, "reminders", tt_mig_018},
    {19, "round_text", tt_mig_019},
    {20, "round_life", tt_mig_020},
    {21, "schedules", tt_mig_021},
    {22, "calendar", tt_mig_022},
    /* search */
    {23, "search", tt_mig_023},
    {24, "search_compact", tt_mig_024},
    {25, "exact_merge", tt_mig_025},
};

const store_migration *store_sqlite_migrations(size_t *n)
{
	*n = sizeof migrations / sizeof migrations[0];
	return migrations;
}

MIGRATION(tt_pg_001, "src/store/migrations/pg/001_init.sql")
MIGRATION(tt_pg_002, "src/store/migrations/pg/002_versions.sql")
MIGRATION(tt_pg_003, "src/store/migrations/pg/003_blobs.sql")
MIGRATION(tt_pg_004, "src/store/migrations/pg/004_plans.sql")
MIGRATION(tt_pg_005, "src/store/migrations/pg/005_round_plan.sql")
MIGRATION(tt_pg_008, "src/store/migrations/pg/008_activities.sql")
MIGRATION(tt_pg_009, "src/store/migrations/pg/009_doc_settings.sql")
MIGRATION(tt_pg_010, "src/store/migrations/pg/010_count_indicator.sql")
MIGRATION(tt_pg_012, "src/store/migrations/pg/012_progress_evidence.sql")
MIGRATION(tt_pg_013, "src/store/migrations/pg/013_reminders.sql")
MIGRATION(tt_pg_014, "src/store/migrations/pg/014_round_text.sql")
MIGRATION(tt_pg_015, "src/store/migrations/pg/015_round_life.sql")
MIGRATION(tt_pg_016, "src/store/migrations/pg/016_schedules.sql")
/* calendar feed */
MIGRATION(tt_pg_017, "src/store/migrations/pg/017_calendar.sql")
/* search */
MIGRATION(tt_pg_018, "src/store/migrations/pg/018_search.sql")
MIGRATION(tt_pg_019, "src/store/migrations/pg/019_search_compact.sql")

static const store_migration pg_migrations[] = {
    {1, "init", tt_pg_001},
    {2, "versions", tt_pg_002},
    {3, "blobs", tt_pg_003},
    {4, "plans", tt_pg_004},
    {5, "round_plan", tt_pg_005},
    {8, "activities", tt_pg_008},
    {9, "doc_settings", tt_pg_009},
    {10, "count_indicator", tt_pg_010},
    {12, "progress_evidence", tt_pg_012},
    {13, "reminders", tt_pg_013},
    {14, "round_text", tt_pg_014},
    {15, "round_life", tt_pg_015},
    {16, "schedules", tt_pg_016},
    {17, "calendar", tt_pg_017},
    /* search */
    {18, "search", tt_pg_018},
    {19, "search_compact", tt_pg_019},
};

const store_migration *store_pg_migrations(size_t *n)
{
	*n = sizeof pg_migrations / sizeof pg_migrations[0];
	return pg_migrations;
}
