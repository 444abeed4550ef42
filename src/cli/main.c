/* main.c - entry point: dispatches to the subcommands in cli.h. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "cli/cli.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *help;
} commands[] = {
    {"serve", cmd_serve,
     "serve [--listen ADDR:PORT] [--threads N] [--workers N] [--header-timeout S] [--no-tick]\n"
     "                                            start the web server and its workers"},
    {"worker", cmd_worker, "worker                                    run queued document imports"},
    {"init", cmd_init, "init                                      create or migrate the database"},
    {"db", cmd_db, "db copy --from LOCATION --to LOCATION     move a deployment to another database"},
    {"setup", cmd_setup,
     "setup [--admin-units FILE]                first-start setup: init, load units, demo, admin"},
    {"org", cmd_org, "org load-admin-units FILE | org import FILE.csv | org show CODE"},
    {"user", cmd_user, "user add --login L --org CODE --role R    password on stdin or generated"},
    {"setting", cmd_setting,
     "setting set KEY VALUE | setting get KEY    smtp_url, smtp_from, base_url"},
    {"remind", cmd_remind, "remind                                    mail the due reminders (run daily)"},
    {"tick", cmd_tick, "tick                                      open the rounds schedules have due (run daily)"},
    {"demo", cmd_demo, "demo                                      load the demo province and its open round"},
    {"parse", cmd_parse, "parse FILE [--json|--explain]             read an administrative document"},
    {"import", cmd_import, "import FILE|DIR...                        store documents in the database"},
};

static void usage(FILE *f)
{
	fprintf(f,
	        "ttdn %s - foreign-information work of Vietnamese provinces\n\n"
	        "usage: ttdn COMMAND [--db PATH] [options]\n\n",
	        TTDN_VERSION);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  ttdn %s\n", commands[i].help);
	fprintf(f, "\n--db PATH   database: an SQLite file, or postgresql://... (default $TTDN_DB,\n"
	           "            else var/ttdn.db)\n"
	           "--help      this text;  --version  the version\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("ttdn %s\n", TTDN_VERSION);
		return 0;
	}
	const char *why = NULL;
	if (clock_init(&why)) {
		fprintf(stderr, "ttdn: %s\n", why);
		return 2;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 2, argv + 2);
	fprintf(stderr, "ttdn: unknown command '%s' (see ttdn --help)\n", argv[1]);
	return 2;
}
