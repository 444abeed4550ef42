/* cmd_db.c - `ttdn init`, `ttdn db copy`, `ttdn demo`, `ttdn setup`, and
 * opening the database for every subcommand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "cli/cli.h"
#include "core/auth.h"
#include "core/demo.h"
#include "core/org.h"
#include "core/schedule.h"

static store *open_migrated(const char *loc)
{
	store *s;
	int applied = 0;
	tt_rc rc = store_open(loc, &s);
	if (rc) {
		fprintf(stderr, "ttdn: cannot open database %s (%s)\n", loc, tt_rc_name(rc));
		return NULL;
	}
	if ((rc = store_migrate(s, &applied))) {
		fprintf(stderr, "ttdn: migrating %s failed: %s\n", loc, store_errmsg(s));
		store_close(s);
		return NULL;
	}
	if (applied)
		log_info("%s: applied %d migration(s)", loc, applied);
	return s;
}

store *cli_open(int argc, char **argv)
{
	return open_migrated(cli_db_path(cli_opt(argc, argv, "db")));
}

static void copy_progress(void *arg, const char *table, int64_t rows)
{
	if (*(int *)arg)
		fprintf(stderr, "\r%s: %lld rows…", table, (long long)rows);
}

/* ttdn db copy --from A --to B: every table, one transaction on B, then
 * the row counts of both sides; fails if they differ or B holds data. */
int cmd_db(int argc, char **argv)
{
	const char *from = cli_opt(argc, argv, "from"), *to = cli_opt(argc, argv, "to");
	if (argc < 1 || strcmp(argv[0], "copy") || !from || !to) {
		fprintf(stderr,
		        "usage: ttdn db copy --from LOCATION --to LOCATION\n"
		        "  LOCATION is an SQLite file or a postgresql:// URI; the target must be empty\n");
		return 2;
	}
	if (!strcmp(from, to)) {
		fprintf(stderr, "ttdn db copy: --from and --to are the same database\n");
		return 2;
	}
	store *a = open_migrated(from), *b = a ? open_migrated(to) : NULL;
	if (!a || !b) {
		store_close(a);
		return 1;
	}
	const char **names;
	size_t n = store_copy_tables(&names);
	store_copy_count *counts = calloc(n, sizeof *counts);
	int tty = isatty(2);
	tt_rc rc = counts ? store_copy(a, b, counts, copy_progress, &tty) : TT_ERR_NOMEM;
	if (tty)
		fprintf(stderr, "\r\033[K");
	if (rc)
		fprintf(stderr, "ttdn db copy: %s (%s)\n",
		        store_errmsg(b)[0] ? store_errmsg(b) : store_errmsg(a), tt_rc_name(rc));
	else {
		printf("%-20s %12s %12s\n", "table", "from", "to");
		for (size_t i = 0; i < n; i++)
			printf("%-20s %12lld %12lld\n", counts[i].table, (long long)counts[i].from,
			       (long long)counts[i].to);
		printf("copied %s -> %s\n", store_engine_name(a), store_engine_name(b));
	}
	free(counts);
	store_close(a);
	store_close(b);
	return rc ? 1 : 0;
}

void cli_error(const char *what, int rc, const char *detail)
{
	fprintf(stderr, "ttdn %s: %s (%s)\n", what, detail ? detail : tt_rc_message((tt_rc)rc),
	        tt_rc_name((tt_rc)rc));
}

int cmd_init(int argc, char **argv)
{
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	printf("database ready: %s\n", cli_db_path(cli_opt(argc, argv, "db")));
	store_close(s);
	return 0;
}

static int run_demo(store *s, tt_arena *a)
{
	tt_ctx ctx;
	ctx_start_system(&ctx, s, a);
	int created = 0;
	tt_rc rc = demo_load(&ctx, &created);
	if (rc) {
		cli_error("demo", rc, ctx.error_detail);
		return 1;
	}
	printf(created ? "demo province %s loaded: departments and one open round\n"
	               : "demo province %s already loaded\n",
	       DEMO_PROVINCE);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	tt_arena a;
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	arena_init(&a, 0);
	int ret = run_demo(s, &a);
	arena_free(&a);
	store_close(s);
	return ret;
}

/* Creates a user with a generated password and prints it once. */
static int make_user(tt_ctx *ctx, const char *login, const char *name, const char *org, const char *role)
{
	char pw[17];
	st_user existing;
	if (store_user_by_login(ctx->db, ctx->arena, login, &existing) == TT_OK)
		return 0;
	auth_generate_password(pw, 16);
	tt_rc rc = auth_user_add(ctx, login, name, pw, org, role, NULL);
	if (rc) {
		cli_error("setup", rc, ctx->error_detail);
		return 1;
	}
	printf("  %-12s %-16s %-12s %s\n", login, pw, role, org);
	return 0;
}

int cmd_setup(int argc, char **argv)
{
	tt_arena a;
	int ret = 0;
	int64_t n = 0;
	const char *units = cli_opt(argc, argv, "admin-units");
	if (auth_init())
		return 1;
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	arena_init(&a, 0);
	tt_ctx ctx;
	ctx_start_system(&ctx, s, &a);
	if (store_org_count(s, "province", NULL, &n) == TT_OK && n == 0) {
		if (!units) {
			fprintf(stderr,
			        "ttdn setup: the registry is empty; pass --admin-units address.json\n");
			ret = 1;
			goto out;
		}
		org_load_stats st;
		printf("loading administrative units from %s ...\n", units);
		tt_rc rc = org_load_admin_units(&ctx, units, &st);
		if (rc) {
			cli_error("setup", rc, ctx.error_detail);
			ret = 1;
			goto out;
		}
		printf("  %zu provinces, %zu communes (from 2025-07-01); history: %zu provinces, %zu "
		       "districts, %zu communes\n",
		       st.provinces, st.communes, st.old_provinces, st.old_districts, st.old_communes);
	}
	if ((ret = run_demo(s, &a)))
		goto out;
	/* The ministries above the provinces, in the reporting hierarchy
	 * (also `ttdn org add-ministry`; running it again changes nothing). */
	schedule_ministry_stats ms;
	tt_rc mrc = ministry_load(&ctx, &ms);
	if (mrc) {
		cli_error("setup", mrc, ctx.error_detail);
		ret = 1;
		goto out;
	}
	printf("  %zu ministry bodies above the provinces\n", ms.bodies);
	st_user *users;
	size_t nu;
	if (store_user_list(s, &a, &users, &nu) == TT_OK && nu == 0) {
		printf("accounts created (passwords are shown only now):\n");
		ret = make_user(&ctx, "admin", "Quản trị hệ thống", DEMO_PROVINCE, "admin") ||
		      make_user(&ctx, "dieuphoi", "Cán bộ điều phối tỉnh", DEMO_PROVINCE, "coordinator") ||
		      make_user(&ctx, "vanhoa", "Cán bộ Sở VHTTDL", "P51-SVHTTDL", "reporter") ||
		      make_user(&ctx, "ngoaivu", "Cán bộ Sở Ngoại vụ", "P51-SNGV", "reporter") ||
		      make_user(&ctx, "lanhdao", "Lãnh đạo UBND tỉnh", DEMO_PROVINCE, "viewer");
	} else
		printf("accounts exist already; use `ttdn user add` to create more\n");
out:
	arena_free(&a);
	store_close(s);
	return ret;
}
