/* cmd_remind.c - `ttdn setting set|get KEY [VALUE]` for the mail settings,
 * and `ttdn remind`, which mails the reminders that are due (run it daily,
 * e.g. from a systemd timer; running it again sends nothing twice). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/ctx.h"
#include "core/remind.h"

int cmd_setting(int argc, char **argv)
{
	static const char *const takes_value[] = {"db", NULL};
	const char *sub = cli_positional(argc, argv, 0, takes_value);
	const char *key = cli_positional(argc, argv, 1, takes_value);
	const char *value = cli_positional(argc, argv, 2, takes_value);
	int set = sub && !strcmp(sub, "set"), get = sub && !strcmp(sub, "get");
	if (!key || (!set && !get) || (set && !value) || (get && value)) {
		fprintf(stderr,
		        "usage: ttdn setting set KEY VALUE [--db PATH]\n"
		        "       ttdn setting get KEY [--db PATH]\n"
		        "       KEY: smtp_url (smtp://host:port or smtps://host:port), smtp_from (an\n"
		        "       address), base_url (the site's address in links, default "
		        "http://127.0.0.1:8080)\n");
		return 2;
	}
	cli_sys sys;
	if (cli_sys_open(&sys, argc, argv))
		return 1;
	tt_ctx *ctx = &sys.ctx;
	const char *got = NULL;
	tt_rc rc = set ? setting_set(ctx, key, value) : setting_get(ctx, key, &got);
	int ret = 0;
	if (rc) {
		cli_error(set ? "setting set" : "setting get", rc, ctx->error_detail);
		ret = 1;
	} else if (get) {
		if (got)
			printf("%s\n", got);
		else
			ret = 1; /* unset: nothing printed */
	}
	cli_sys_close(&sys);
	return ret;
}

int cmd_remind(int argc, char **argv)
{
	int usage = cli_only_db(argc, argv, "usage: ttdn remind [--db PATH]\n");
	if (usage)
		return usage;
	cli_sys sys;
	if (cli_sys_open(&sys, argc, argv))
		return 1;
	tt_ctx *ctx = &sys.ctx;
	remind_result res;
	tt_rc rc = remind_run(ctx, 0, &res);
	int ret = 0;
	if (rc) {
		cli_error("remind", rc, ctx->error_detail);
		ret = 1;
	} else {
		printf("reminded %d report(s): %d mail(s) sent, %d failed\n", res.reports, res.mails,
		       res.failed);
		ret = res.failed ? 1 : 0;
	}
	cli_sys_close(&sys);
	return ret;
}
