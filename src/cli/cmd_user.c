/* cmd_user.c - `ttdn user add` creates an account, `ttdn user passwd` sets
 * a new password. The password is read
 * from stdin (first line) or, with --generate or an empty stdin, generated
 * and printed once. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/auth.h"

int cmd_user(int argc, char **argv)
{
	static const char *const takes_value[] = {"db", "login", "org", "role", "name", "email", NULL};
	const char *sub = cli_positional(argc, argv, 0, takes_value);
	const char *login = cli_opt(argc, argv, "login"), *org = cli_opt(argc, argv, "org"),
	           *role = cli_opt(argc, argv, "role"), *name = cli_opt(argc, argv, "name"),
	           *email = cli_opt(argc, argv, "email");
	int add = sub && !strcmp(sub, "add"), passwd = sub && !strcmp(sub, "passwd");
	if (!login || (!passwd && (!add || !org || !role))) {
		fprintf(stderr,
		        "usage: ttdn user add --login L --org CODE --role admin|coordinator|reporter|viewer\n"
		        "                     [--name \"Full name\"] [--email ADDR] [--generate] [--db PATH]\n"
		        "       ttdn user passwd --login L [--generate] [--db PATH]   (ends the user's "
		        "sessions)\n"
		        "       the password is read from stdin unless --generate is given\n");
		return 2;
	}
	char pw[1100] = "";
	int generated = cli_flag(argc, argv, "generate");
	if (!generated) {
		if (isatty(STDIN_FILENO))
			fprintf(stderr, "password: ");
		if (!fgets(pw, sizeof pw, stdin))
			pw[0] = '\0';
		pw[strcspn(pw, "\r\n")] = '\0';
		if (!pw[0])
			generated = 1;
	}
	if (generated)
		auth_generate_password(pw, 16);
	if (auth_init())
		return 1;
	cli_sys sys;
	if (cli_sys_open(&sys, argc, argv))
		return 1;
	tt_ctx *ctx = &sys.ctx;
	int64_t id;
	tt_rc rc = passwd ? auth_reset_password(ctx, login, pw)
	                  : auth_user_add_email(ctx, login, name, pw, org, role, email, &id);
	int ret = 0;
	const char *done = passwd ? "password changed" : "created";
	if (rc) {
		cli_error(passwd ? "user passwd" : "user add", rc, ctx->error_detail);
		ret = 1;
	} else if (generated)
		printf("user %s %s; password: %s\n", login, done, pw);
	else
		printf("user %s %s\n", login, done);
	memset(pw, 0, sizeof pw);
	cli_sys_close(&sys);
	return ret;
}
