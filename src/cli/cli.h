/* cli.h - the subcommands of the ttdn binary and their shared helpers.
 * Each cmd_* takes the arguments after the subcommand name and returns the
 * process exit code (0 ok, 1 failure, 2 usage error). */
#ifndef TT_CLI_H
#define TT_CLI_H

int cmd_init(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_setup(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_worker(int argc, char **argv);
int cmd_setting(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_tick(int argc, char **argv);

/* The database location: --db PATH if given, else $TTDN_DB, else
 * var/ttdn.db. A postgresql:// URI is accepted here too. Never NULL. */
const char *cli_db_path(const char *given);

/* Finds "--name VALUE" or "--name=VALUE" in argv; NULL if absent. */
const char *cli_opt(int argc, char **argv, const char *name);
/* True if the bare flag "--name" is present. */
int cli_flag(int argc, char **argv, const char *name);
/* The i-th argument that is neither an option nor an option's value
 * (options listed in takes_value consume the next argument). */
const char *cli_positional(int argc, char **argv, int i, const char *const *takes_value);

#endif

#ifndef TT_CLI_OPEN
#define TT_CLI_OPEN
#include "store/store.h"
/* Opens the database named by --db (see cli_db_path) and applies pending
 * migrations. Prints an error and returns NULL on failure. */
store *cli_open(int argc, char **argv);
/* Prints a domain error (code, message, detail) to stderr. */
void cli_error(const char *what, int rc, const char *detail);

#include "core/ctx.h"
/* The database of --db (cli_open) with an arena and a system context on
 * them, for a subcommand that acts as the system. */
typedef struct {
	store *s;
	tt_arena a;
	tt_ctx ctx;
} cli_sys;
/* 0 when open; 1 (the exit code) when the database does not open. */
int cli_sys_open(cli_sys *c, int argc, char **argv);
/* Frees the arena and closes the database. */
void cli_sys_close(cli_sys *c);
/* For a subcommand that takes only --db: prints usage and returns 2 when
 * other arguments are given, else 0. */
int cli_only_db(int argc, char **argv, const char *usage);
#endif
