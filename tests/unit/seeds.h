/* seeds.h - where tests find the shared seed documents and fixtures:
 * $TTDN_SHARED, else ../shared beside the project. Include after cmocka.h. */
#ifndef TT_SEEDS_H
#define TT_SEEDS_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline const char *test_shared_dir(void)
{
	const char *s = getenv("TTDN_SHARED");
	return s && *s ? s : "../shared";
}

/* The path of seeds/NNN_*.txt (the caller frees it); fails the test when
 * the seed is missing. */
static inline char *test_seed_path(const char *nnn)
{
	char dir[1024], path[2048];
	snprintf(dir, sizeof dir, "%s/seeds", test_shared_dir());
	DIR *d = opendir(dir);
	path[0] = '\0';
	size_t n = strlen(nnn);
	for (struct dirent *e; d && !path[0] && (e = readdir(d)) != NULL;) {
		size_t l = strlen(e->d_name);
		if (!strncmp(e->d_name, nnn, n) && e->d_name[n] == '_' && l > n + 4 &&
		    !strcmp(e->d_name + l - 4, ".txt"))
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
	}
	if (d)
		closedir(d);
	if (!path[0])
		fail_msg("seed %s not found under %s (set TTDN_SHARED)", nnn, dir);
	return strdup(path);
}

#endif
