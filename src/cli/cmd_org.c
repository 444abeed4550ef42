/* cmd_org.c - `ttdn org`: load the administrative units, import bodies from
 * CSV, add a province's standard departments, show one unit, match a phrase
 * of a plan to the registry. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/match.h"
#include "core/org.h"
#include "core/schedule.h"

static const char *const takes_value[] = {"db", "at", NULL};

/* `ttdn org add-ministry`: the ministry level of the reporting hierarchy. */
static int add_ministry(int argc, char **argv)
{
	cli_sys sys;
	if (cli_sys_open(&sys, argc, argv))
		return 1;
	tt_ctx *ctx = &sys.ctx;
	schedule_ministry_stats st;
	tt_rc rc = ministry_load(ctx, &st);
	if (rc)
		cli_error("org add-ministry", rc, ctx->error_detail);
	else
		printf("%zu ministry bodies; %zu province links in the reporting hierarchy\n", st.bodies,
		       st.provinces);
	cli_sys_close(&sys);
	return rc ? 1 : 0;
}

int cmd_org(int argc, char **argv)
{
	const char *sub = cli_positional(argc, argv, 0, takes_value);
	const char *arg = cli_positional(argc, argv, 1, takes_value);
	if (sub && !strcmp(sub, "add-ministry") && !arg)
		return add_ministry(argc, argv);
	if (!sub || !arg || cli_flag(argc, argv, "help")) {
		fprintf(stderr,
		        "usage: ttdn org load-admin-units FILE [--db PATH]\n"
		        "       ttdn org import FILE.csv [--db PATH]\n"
		        "           columns: code,name,kind,parent_code,aliases,valid_from,valid_to\n"
		        "           kind: ministry|province|commune|department|press|other|district;\n"
		        "           aliases separated by ';'; dates YYYY-MM-DD or empty\n"
		        "       ttdn org add-departments PROVINCE --at YYYY-MM-DD [--db PATH]\n"
		        "           the standard Sở, Ban and press bodies (data/departments.csv) with\n"
		        "           their history after that date; running it again changes nothing\n"
		        "       ttdn org add-ministry [--db PATH]\n"
		        "           the ministries receiving the provinces' TTĐN reports\n"
		        "           (data/ministries.csv), the provinces below them\n"
		        "       ttdn org show CODE [--db PATH]\n"
		        "       ttdn org match OWNER PHRASE --at YYYY-MM-DD [--db PATH]\n"
		        "           the bodies a plan of OWNER means by PHRASE on that date\n");
		return 2;
	}
	cli_sys sys;
	if (cli_sys_open(&sys, argc, argv))
		return 1;
	tt_ctx *ctx = &sys.ctx;
	int ret = 0;
	tt_rc rc;
	if (!strcmp(sub, "load-admin-units")) {
		org_load_stats st;
		if ((rc = org_load_admin_units(ctx, arg, &st))) {
			cli_error("org load-admin-units", rc, ctx->error_detail);
			ret = 1;
		} else
			printf("loaded %zu provinces and %zu communes valid from 2025-07-01;\n"
			       "history until 2025-06-30: %zu provinces, %zu districts, %zu communes; %zu "
			       "mapping rules\n",
			       st.provinces, st.communes, st.old_provinces, st.old_districts, st.old_communes,
			       st.links);
	} else if (!strcmp(sub, "import")) {
		size_t n = 0, bad = 0;
		if ((rc = org_import_csv(ctx, arg, &n, &bad))) {
			cli_error("org import", rc, ctx->error_detail);
			if (bad)
				fprintf(stderr,
				        "ttdn org import: nothing was imported; fix line %zu of %s and run "
				        "again\n",
				        bad, arg);
			ret = 1;
		} else
			printf("imported %zu bodies from %s\n", n, arg);
	} else if (!strcmp(sub, "add-departments")) {
		size_t n = 0;
		const char *at = cli_opt(argc, argv, "at");
		if (!at) {
			fprintf(stderr, "ttdn org add-departments: --at YYYY-MM-DD is required\n");
			ret = 2;
		} else if ((rc = org_add_departments(ctx, arg, at, &n))) {
			cli_error("org add-departments", rc, ctx->error_detail);
			ret = 1;
		} else
			printf("added %zu bodies under %s and its successors\n", n, arg);
	} else if (!strcmp(sub, "match")) {
		const char *phrase = cli_positional(argc, argv, 2, takes_value),
		           *at = cli_opt(argc, argv, "at");
		st_org owner;
		match_body m;
		if (!phrase || !at) {
			fprintf(stderr, "ttdn org match: OWNER, PHRASE and --at are required\n");
			ret = 2;
		} else if ((rc = org_get(ctx, arg, &owner)) ||
		           (rc = match_body_text(ctx, owner.id, at, phrase, &m))) {
			cli_error("org match", rc, ctx->error_detail);
			ret = 1;
		} else {
			printf("%s: %s, %zu bodies\n", phrase,
			       m.vague   ? "everyone concerned"
			       : m.group ? "group"
			       : m.n     ? "body"
			                 : "unmatched",
			       m.n);
			for (size_t i = 0; i < m.n; i++)
				printf("  %s\t%s\n", m.orgs[i].code, m.orgs[i].name);
		}
	} else if (!strcmp(sub, "show")) {
		st_org o, *succ;
		size_t ns;
		if ((rc = store_org_get(sys.s, &sys.a, arg, &o)) ||
		    (rc = store_org_successors(sys.s, &sys.a, o.id, 1, &succ, &ns))) {
			cli_error("org show", rc, ctx->error_detail);
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
	cli_sys_close(&sys);
	return ret;
}
