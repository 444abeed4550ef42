/* args.c - small argument helpers shared by the subcommands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char *cli_db_path(const char *given)
{
	if (given && *given)
		return given;
	const char *env = getenv("TTDN_DB");
	if (env && *env)
		return env;
	return "var/ttdn.db";
}

const char *cli_opt(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || a[1] != '-' || strncmp(a + 2, name, n))
			continue;
		if (a[2 + n] == '=')
			return a + 3 + n;
		if (a[2 + n] == '\0' && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

int cli_flag(int argc, char **argv, const char *name)
{
	for (int i = 0; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] == '-' && !strcmp(argv[i] + 2, name))
			return 1;
	return 0;
}

static int takes(const char *arg, const char *const *takes_value)
{
	if (!takes_value || strncmp(arg, "--", 2) || strchr(arg, '='))
		return 0;
	for (; *takes_value; takes_value++)
		if (!strcmp(arg + 2, *takes_value))
			return 1;
	return 0;
}

const char *cli_positional(int argc, char **argv, int idx, const char *const *takes_value)
{
	int seen = 0;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "--", 2)) {
			if (takes(argv[i], takes_value))
				i++;
			continue;
		}
		if (seen++ == idx)
			return argv[i];
	}
	return NULL;
}

int cli_sys_open(cli_sys *c, int argc, char **argv)
{
	if (!(c->s = cli_open(argc, argv)))
		return 1;
	arena_init(&c->a, 0);
	ctx_start_system(&c->ctx, c->s, &c->a);
	return 0;
}

void cli_sys_close(cli_sys *c)
{
	arena_free(&c->a);
	store_close(c->s);
}

int cli_only_db(int argc, char **argv, const char *usage)
{
	static const char *const takes_value[] = {"db", NULL};
	if (!cli_positional(argc, argv, 0, takes_value))
		return 0;
	fprintf(stderr, "%s", usage);
	return 2;
}
