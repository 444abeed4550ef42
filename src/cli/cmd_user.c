/* cmd_user.c - `ttdn user add`: create an account. The password is read
 * from stdin (first line) or, with --generate or an empty stdin, generated
 * and printed once. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/auth.h"

int cmd_user(int argc, char **argv)
{
	static const char *const takes_value[] = {"db", "login", "org", "role", "name", NULL};
	const char *sub = cli_positional(argc, argv, 0, takes_value);
	const char *login = cli_opt(argc, argv, "login"), *org = cli_opt(argc, argv, "org"),
		   *role = cli_opt(argc, argv, "role"), *name = cli_opt(argc, argv, "name");
	if (!sub || strcmp(sub, "add") || !login || !org || !role) {
		fprintf(stderr, "usage: ttdn user add --login L --org CODE --role admin|coordinator|reporter|viewer\n"
		                "                     [--name \"Full name\"] [--generate] [--db PATH]\n"
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
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	tt_arena a;
	arena_init(&a, 0);
	tt_ctx ctx = {.db = s, .arena = &a};
	int64_t id;
	tt_rc rc = auth_user_add(&ctx, login, name, pw, org, role, &id);
	int ret = 0;
	if (rc) {
		cli_error("user add", rc, ctx.error_detail);
		ret = 1;
	} else if (generated)
		printf("user %s created; password: %s\n", login, pw);
	else
		printf("user %s created\n", login);
	memset(pw, 0, sizeof pw);
	arena_free(&a);
	store_close(s);
	return ret;
}
