/* cmd_serve.c - `ttdn serve`: migrate, then run the web server. */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli/cli.h"
#include "core/auth.h"
#include "web/server.h"

int cmd_serve(int argc, char **argv)
{
	server_config cfg = {0};
	cfg.db_location = cli_db_path(cli_opt(argc, argv, "db"));
	cfg.listen = cli_opt(argc, argv, "listen");
	if (!cfg.listen)
		cfg.listen = getenv("TTDN_LISTEN") ? getenv("TTDN_LISTEN") : "127.0.0.1:8080";
	const char *threads = cli_opt(argc, argv, "threads");
	cfg.threads = threads ? (int)strtol(threads, NULL, 10) : 0;
	const char *header_timeout = cli_opt(argc, argv, "header-timeout");
	if (header_timeout) {
		char *end;
		long v = strtol(header_timeout, &end, 10);
		if (*end || v < 1 || v > 3600) {
			fprintf(stderr, "ttdn serve: --header-timeout takes seconds (1-3600)\n");
			return 1;
		}
		cfg.header_timeout_s = (int)v;
	}
	const char *log = cli_opt(argc, argv, "access-log");
	FILE *logf = NULL;
	if (!log || !strcmp(log, "-"))
		cfg.access_log = stderr;
	else if (strcmp(log, "off")) {
		logf = fopen(log, "a");
		if (!logf) {
			fprintf(stderr, "ttdn serve: cannot open access log %s\n", log);
			return 1;
		}
		setvbuf(logf, NULL, _IOLBF, 0);
		cfg.access_log = logf;
	}
	if (cli_flag(argc, argv, "quiet"))
		log_set_quiet(1);
	if (auth_init())
		return 1;
	/* Page texts are Vietnamese msgids; a catalogue in TTDN_LOCALEDIR (or
	 * the system's) translates them when the locale asks for it. */
	setlocale(LC_MESSAGES, "");
	bindtextdomain("ttdn", getenv("TTDN_LOCALEDIR") ? getenv("TTDN_LOCALEDIR") : "/usr/share/locale");
	bind_textdomain_codeset("ttdn", "UTF-8");
	textdomain("ttdn");
	store *s = cli_open(argc, argv); /* migrate before serving */
	if (!s)
		return 1;
	store_close(s);
	tt_rc rc = server_run(&cfg);
	if (logf)
		fclose(logf);
	return rc ? 1 : 0;
}
