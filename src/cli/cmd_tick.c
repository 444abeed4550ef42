/* cmd_tick.c - `ttdn tick`: opens the rounds the schedules have due today
 * (core/schedule.h). Run it daily, from the server's own timer or from a
 * systemd timer; running it again, even two at once, opens nothing twice. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/ctx.h"
#include "core/schedule.h"

int cmd_tick(int argc, char **argv)
{
	static const char *const takes_value[] = {"db", NULL};
	if (cli_positional(argc, argv, 0, takes_value)) {
		fprintf(stderr, "usage: ttdn tick [--db PATH]\n");
		return 2;
	}
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	tt_arena a;
	arena_init(&a, 0);
	tt_ctx ctx;
	ctx_start_system(&ctx, s, &a);
	schedule_tick_result res;
	tt_rc rc = schedule_tick(&ctx, &res);
	int ret = 0;
	if (rc) {
		cli_error("tick", rc, ctx.error_detail);
		ret = 1;
	} else {
		printf("opened %d round(s); %d already open; %d failed\n", res.opened, res.existing,
		       res.failed);
		ret = res.failed ? 1 : 0;
	}
	arena_free(&a);
	store_close(s);
	return ret;
}
