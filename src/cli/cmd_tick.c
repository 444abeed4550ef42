/* cmd_tick.c - `ttdn tick`: opens the rounds the schedules have due today
 * (core/schedule.h). Run it daily, from the server's own timer or from a
 * systemd timer; running it again, even two at once, opens nothing twice. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/ctx.h"
#include "core/schedule.h"

int cmd_tick(int argc, char **argv)
{
	int usage = cli_only_db(argc, argv, "usage: ttdn tick [--db PATH]\n");
	if (usage)
		return usage;
	cli_sys sys;
	if (cli_sys_open(&sys, argc, argv))
		return 1;
	tt_ctx *ctx = &sys.ctx;
	schedule_tick_result res;
	tt_rc rc = schedule_tick(ctx, &res);
	int ret = 0;
	if (rc) {
		cli_error("tick", rc, ctx->error_detail);
		ret = 1;
	} else {
		printf("opened %d round(s); %d already open; %d failed\n", res.opened, res.existing,
		       res.failed);
		ret = res.failed ? 1 : 0;
	}
	cli_sys_close(&sys);
	return ret;
}
