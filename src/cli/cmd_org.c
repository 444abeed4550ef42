/* cmd_org.c - `ttdn org`: load the administrative units, import bodies from
 * CSV, show one unit. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/org.h"

static const char *const takes_value[] = {"db", NULL};

int cmd_org(int argc, char **argv)
{
	const char *sub = cli_positional(argc, argv, 0, takes_value);
	const char *arg = cli_positional(argc, argv, 1, takes_value);
	if (!sub || !arg || cli_flag(argc, argv, "help")) {
		fprintf(stderr,
		        "usage: ttdn org load-admin-units FILE [--db PATH]\n"
		        "       ttdn org import FILE.csv [--db PATH]\n"
		        "           columns: code,name,kind,parent_code,aliases,valid_from,valid_to\n"
		        "           kind: ministry|province|commune|department|press|other|district;\n"
		        "           aliases separated by ';'; dates YYYY-MM-DD or empty\n"
		        "       ttdn org show CODE [--db PATH]\n");
		return 2;
	}
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	tt_arena a;
	arena_init(&a, 0);
	tt_ctx ctx;
	ctx_start_system(&ctx, s, &a);
	int ret = 0;
	tt_rc rc;
	if (!strcmp(sub, "load-admin-units")) {
		org_load_stats st;
		if ((rc = org_load_admin_units(&ctx, arg, &st))) {
			cli_error("org load-admin-units", rc, ctx.error_detail);
			ret = 1;
		} else
			printf("loaded %zu provinces and %zu communes valid from 2025-07-01;\n"
			       "history until 2025-06-30: %zu provinces, %zu districts, %zu communes; %zu "
			       "mapping rules\n",
			       st.provinces, st.communes, st.old_provinces, st.old_districts, st.old_communes,
			       st.links);
	} else if (!strcmp(sub, "import")) {
		size_t n = 0, bad = 0;
		if ((rc = org_import_csv(&ctx, arg, &n, &bad))) {
			cli_error("org import", rc, ctx.error_detail);
			if (bad)
				fprintf(stderr,
				        "ttdn org import: nothing was imported; fix line %zu of %s and run "
				        "again\n",
				        bad, arg);
			ret = 1;
		} else
			printf("imported %zu bodies from %s\n", n, arg);
	} else if (!strcmp(sub, "show")) {
		st_org o, *succ;
		size_t ns;
		if ((rc = store_org_get(s, &a, arg, &o)) ||
		    (rc = store_org_successors(s, &a, o.id, 1, &succ, &ns))) {
			cli_error("org show", rc, ctx.error_detail);
			ret = 1;
		} else {
			printf("%s\t%s\t%s\tparent=%s\tvalid %s..%s\n", o.code, o.name, o.kind,
			       o.parent_code ? o.parent_code : "-", o.valid_from ? o.valid_from : "",
			       o.valid_to ? o.valid_to : "");
			for (size_t i = 0; i < ns; i++)
				printf("  carried today by %s\t%s\n", succ[i].code, succ[i].name);
		}
	} else {
		fprintf(stderr, "ttdn org: unknown subcommand '%s'\n", sub);
		ret = 2;
	}
	arena_free(&a);
	store_close(s);
	return ret;
}
