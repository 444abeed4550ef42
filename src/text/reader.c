/* reader.c - document files to UTF-8 text (see reader.h). Owns format
 * detection, the plain-text decoders (BOM, UTF-16), the legacy-encoding
 * check of every text it returns, and running the external converters
 * (pdftotext, soffice) without a shell, in their own process group, under
 * a time limit. */
#include "text/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "text/docx.h"
#include "text/legacy.h"
#include "text/vn.h"

static void info_msg(reader_info *info, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void info_msg(reader_info *info, const char *fmt, ...)
{
	if (!info)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(info->message, sizeof info->message, fmt, ap);
	va_end(ap);
}

static tt_rc put_utf8(tt_buf *out, unsigned cp)
{
	char b[4];
	size_t k;
	if (cp < 0x80) {
		b[0] = (char)cp;
		k = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	return buf_add(out, b, k);
}

/* UTF-16 (after its BOM) to UTF-8. Unpaired surrogates are an error. */
static tt_rc utf16_decode(const unsigned char *s, size_t n, int big, tt_buf *out, reader_info *info)
{
	if (n % 2) {
		info_msg(info, "the UTF-16 text has an odd number of bytes");
		return TT_ERR_UTF8;
	}
	for (size_t i = 0; i < n; i += 2) {
		unsigned u = big ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 3 >= n)
				goto bad;
			unsigned l =
			    big ? (unsigned)(s[i + 2] << 8 | s[i + 3]) : (unsigned)(s[i + 3] << 8 | s[i + 2]);
			if (l < 0xDC00 || l > 0xDFFF)
				goto bad;
			u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
			i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			goto bad;
		}
		tt_rc rc = put_utf8(out, u);
		if (rc)
			return rc;
		continue;
	bad:
		if (info)
			info->bad_offset = i + 2;
		info_msg(info, "broken UTF-16 surrogate pair");
		return TT_ERR_UTF8;
	}
	return TT_OK;
}

tt_rc reader_decode_text(const char *s, size_t n, tt_buf *out, reader_info *info)
{
	const unsigned char *u = (const unsigned char *)s;
	if (info)
		info->encoding = "utf-8";
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		if (info)
			info->encoding = "utf-16le";
		return utf16_decode(u + 2, n - 2, 0, out, info);
	}
	if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		if (info)
			info->encoding = "utf-16be";
		return utf16_decode(u + 2, n - 2, 1, out, info);
	}
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	size_t bad = 0;
	int valid = vn_utf8_validate(s, n, &bad) == TT_OK;
	legacy_enc e = legacy_detect(s, n, valid);
	if (e != LEGACY_NONE) {
		if (info)
			info->encoding = legacy_name(e);
		return legacy_to_utf8(s, n, valid, e, out);
	}
	if (!valid) {
		/* Converted only when a legacy reading is plausibly Vietnamese
		 * (legacy_detect counts its syllables); otherwise refused. */
		if (info) {
			info->bad_offset = bad;
			info->eight_bit = 1;
			snprintf(info->message, sizeof info->message,
			         "invalid UTF-8 at byte offset %zu, and neither TCVN3 nor VNI reads it as "
			         "Vietnamese; save the file as Unicode (UTF-8)",
			         bad);
		}
		return TT_ERR_UTF8;
	}
	return buf_add(out, s, n);
}

/* Seconds a converter may run: the default, or TTDN_CONVERT_TIMEOUT. */
static unsigned convert_timeout(unsigned dflt)
{
	const char *e = getenv("TTDN_CONVERT_TIMEOUT");
	if (!e || !*e)
		return dflt;
	char *end;
	unsigned long v = strtoul(e, &end, 10);
	return *end || v == 0 || v > 3600 ? dflt : (unsigned)v;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Kills what is left of the converter's process group, then reaps it. The
 * leader is still a zombie when the group is signalled, so its id cannot
 * have been reused. */
static int finish_child(pid_t pid, int kill_now, long long deadline)
{
	siginfo_t si;
	for (;;) {
		memset(&si, 0, sizeof si);
		if (kill_now)
			break;
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid)
			break;
		if (now_ms() >= deadline) {
			kill_now = 1;
			break;
		}
		struct timespec nap = {0, 10 * 1000000};
		nanosleep(&nap, NULL);
	}
	kill(-pid, SIGKILL);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return kill_now ? -1 : st;
}

static tt_rc run_plain(char *const argv[], const char *home, tt_buf *out, unsigned timeout,
                       reader_info *info);

/* The full path of prog found on PATH into full, or 0. */
static int find_on_path(const char *prog, char *full, size_t fullsz)
{
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		const char *e = strchr(path, ':');
		size_t l = e ? (size_t)(e - path) : strlen(path);
		if (l && l + strlen(prog) + 2 < fullsz) {
			memcpy(full, path, l);
			full[l] = '/';
			memcpy(full + l + 1, prog, strlen(prog) + 1);
			if (access(full, X_OK) == 0)
				return 1;
		}
		if (!e)
			break;
		path = e + 1;
	}
	return 0;
}

static int on_path(const char *prog)
{
	char full[4096];
	return find_on_path(prog, full, sizeof full);
}

/* A converter reads files made by strangers: a document can name images,
 * linked sections or OLE objects by URL, which LibreOffice fetches while it
 * converts (a blind request from the server to anywhere). Every converter
 * therefore runs in a bubblewrap sandbox: no network at all, its own IPC
 * and process namespaces, killed with its parent, as uid/gid 65534 inside
 * a user namespace, seeing the system read-only (/usr and the few files of
 * /etc it needs), a private empty /tmp, the input file read-only and its
 * work directory (output, LibreOffice profile, HOME) read-write. Nothing
 * else of the host (the database, other uploads) is visible. Without bwrap
 * a conversion fails; TTDN_NO_SANDBOX=1 runs converters unsandboxed, for
 * development only. */
#define SANDBOX_MAX_ARGS 160

static int sandbox_off(void)
{
	const char *e = getenv("TTDN_NO_SANDBOX");
	return e && !strcmp(e, "1");
}

static int exists(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0;
}

typedef struct {
	char *v[SANDBOX_MAX_ARGS];
	size_t n;
	char prog[4096], progdir[4096];
} sandbox_cmd;

static void sb_add(sandbox_cmd *c, const char *a)
{
	if (c->n < SANDBOX_MAX_ARGS - 1)
		c->v[c->n++] = (char *)a;
}

static void sb_bind(sandbox_cmd *c, const char *how, const char *p)
{
	sb_add(c, how);
	sb_add(c, p);
	sb_add(c, p);
}

/* Wraps argv in bwrap. input is bound read-only, work (may be NULL) and
 * home read-write. */
static tt_rc sandbox_wrap(sandbox_cmd *c, char *const argv[], const char *input, const char *work,
                          const char *home, reader_info *info)
{
	static const char *const etc[] = {"/etc/fonts",         "/etc/libreoffice",    "/etc/ld.so.cache",
	                                  "/etc/alternatives",  "/etc/passwd",         "/etc/group",
	                                  "/etc/nsswitch.conf", "/etc/localtime",      "/etc/mime.types",
	                                  "/etc/papersize",     "/etc/java-17-openjdk"};
	static const char *const merged[][2] = {
	    {"/bin", "usr/bin"}, {"/sbin", "usr/sbin"}, {"/lib", "usr/lib"}, {"/lib64", "usr/lib64"}};
	char bwrap[4096];
	c->n = 0;
	if (!find_on_path("bwrap", bwrap, sizeof bwrap)) {
		info_msg(info,
		         "the converters run only in a sandbox and bubblewrap is missing: apt-get install "
		         "bubblewrap (TTDN_NO_SANDBOX=1 turns the sandbox off, for development only)");
		return TT_ERR_UNSUPPORTED;
	}
	char found[4096];
	if (argv[0][0] == '/')
		snprintf(found, sizeof found, "%s", argv[0]);
	else if (!find_on_path(argv[0], found, sizeof found)) {
		info_msg(info, "%s is not installed", argv[0]);
		return TT_ERR_UNSUPPORTED;
	}
	/* The program itself, wherever it lives (/opt, a test's stand-in). */
	if (!realpath(found, c->prog)) {
		info_msg(info, "%s is not installed", argv[0]);
		return TT_ERR_UNSUPPORTED;
	}
	snprintf(c->progdir, sizeof c->progdir, "%s", c->prog);
	char *slash = strrchr(c->progdir, '/');
	if (slash && slash != c->progdir)
		*slash = '\0';
	sb_add(c, "bwrap");
	sb_add(c, "--unshare-user");
	sb_add(c, "--unshare-net");
	sb_add(c, "--unshare-ipc");
	sb_add(c, "--unshare-pid");
	sb_add(c, "--unshare-uts");
	sb_add(c, "--die-with-parent");
	sb_add(c, "--new-session");
	sb_add(c, "--uid");
	sb_add(c, "65534");
	sb_add(c, "--gid");
	sb_add(c, "65534");
	sb_bind(c, "--ro-bind", "/usr");
	for (size_t i = 0; i < sizeof merged / sizeof merged[0]; i++) {
		struct stat st;
		if (lstat(merged[i][0], &st) != 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			sb_add(c, "--symlink");
			sb_add(c, merged[i][1]);
			sb_add(c, merged[i][0]);
		} else
			sb_bind(c, "--ro-bind", merged[i][0]);
	}
	for (size_t i = 0; i < sizeof etc / sizeof etc[0]; i++)
		if (exists(etc[i]))
			sb_bind(c, "--ro-bind", etc[i]);
	if (exists("/var/cache/fontconfig"))
		sb_bind(c, "--ro-bind", "/var/cache/fontconfig");
	sb_add(c, "--dev");
	sb_add(c, "/dev");
	sb_add(c, "--proc");
	sb_add(c, "/proc");
	sb_add(c, "--tmpfs");
	sb_add(c, "/tmp");
	if (strncmp(c->progdir, "/usr/", 5))
		sb_bind(c, "--ro-bind", c->progdir);
	if (input)
		sb_bind(c, "--ro-bind", input);
	if (work)
		sb_bind(c, "--bind", work);
	sb_add(c, "--chdir");
	sb_add(c, work ? work : "/tmp");
	sb_add(c, "--clearenv");
	sb_add(c, "--setenv");
	sb_add(c, "PATH");
	sb_add(c, "/usr/bin:/bin");
	sb_add(c, "--setenv");
	sb_add(c, "HOME");
	sb_add(c, home ? home : "/tmp");
	sb_add(c, "--setenv");
	sb_add(c, "TMPDIR");
	sb_add(c, "/tmp");
	sb_add(c, "--setenv");
	sb_add(c, "LANG");
	sb_add(c, "C.UTF-8");
	sb_add(c, "--");
	sb_add(c, c->prog);
	for (size_t i = 1; argv[i]; i++)
		sb_add(c, argv[i]);
	if (c->n >= SANDBOX_MAX_ARGS - 1)
		return TT_ERR_INVALID;
	c->v[c->n] = NULL;
	return TT_OK;
}

/* Runs argv (no shell) with stdout into out (capped) and stdin and stderr
 * on /dev/null, inside the sandbox above. input is the file it reads, work
 * its read-write directory (may be NULL). The converter gets a process
 * group of its own, so that on a timeout the programs it started die with
 * it (soffice is a launcher that runs soffice.bin). home, when not NULL,
 * replaces HOME for it. */
static tt_rc run_capture(char *const argv_in[], const char *input, const char *work, const char *home,
                         tt_buf *out, unsigned timeout, reader_info *info)
{
	sandbox_cmd *sb = NULL;
	char *const *argv = argv_in;
	if (!sandbox_off()) {
		if (!(sb = malloc(sizeof *sb)))
			return TT_ERR_NOMEM;
		tt_rc src = sandbox_wrap(sb, argv_in, input, work, home, info);
		if (src) {
			free(sb);
			return src;
		}
		argv = sb->v;
	}
	tt_rc rc = run_plain(argv, home, out, timeout, info);
	if (sb && rc && info && !strncmp(info->message, "bwrap ", 6)) {
		/* Name the converter, not its sandbox, in what users read. */
		char msg[sizeof info->message];
		snprintf(msg, sizeof msg, "%s", info->message + 6);
		info_msg(info, "%s (sandboxed) %s", argv_in[0], msg);
	}
	free(sb);
	return rc;
}

static tt_rc run_plain(char *const argv[], const char *home, tt_buf *out, unsigned timeout, reader_info *info)
{
	size_t ne = 0;
	while (environ[ne])
		ne++;
	char **envp = calloc(ne + 2, sizeof *envp);
	if (!envp)
		return TT_ERR_NOMEM;
	char homevar[600];
	size_t k = 0;
	for (size_t i = 0; i < ne; i++)
		if (!home || strncmp(environ[i], "HOME=", 5))
			envp[k++] = environ[i];
	if (home) {
		snprintf(homevar, sizeof homevar, "HOME=%s", home);
		envp[k++] = homevar;
	}
	envp[k] = NULL;
	int fd[2];
	if (pipe2(fd, O_CLOEXEC)) {
		free(envp);
		return TT_ERR_IO;
	}
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	/* A server may block or ignore signals; the converter must not
	 * inherit that, or it could outlive a timeout or die on SIGPIPE. */
	sigset_t none, dflt;
	sigemptyset(&none);
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	sigaddset(&dflt, SIGALRM);
	sigaddset(&dflt, SIGTERM);
	sigaddset(&dflt, SIGINT);
	sigaddset(&dflt, SIGHUP);
	sigaddset(&dflt, SIGCHLD);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dflt);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int err = posix_spawnp(&pid, argv[0], &fa, &at, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	free(envp);
	close(fd[1]);
	if (err) {
		close(fd[0]);
		if (err == ENOENT) {
			info_msg(info, "%s is not installed", argv[0]);
			return TT_ERR_UNSUPPORTED;
		}
		return TT_ERR_IO;
	}
	long long deadline = now_ms() + (long long)timeout * 1000;
	tt_rc rc = TT_OK;
	int timed_out = 0;
	char chunk[65536];
	for (;;) {
		long long left = deadline - now_ms();
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		struct pollfd pf = {fd[0], POLLIN, 0};
		int ready = poll(&pf, 1, left > 1000 ? 1000 : (int)left);
		if (ready < 0 && errno != EINTR) {
			rc = TT_ERR_IO;
			break;
		}
		if (ready <= 0)
			continue;
		ssize_t got = read(fd[0], chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		rc = buf_add(out, chunk, (size_t)got);
		if (rc)
			break;
	}
	close(fd[0]);
	int st = finish_child(pid, timed_out || rc, deadline);
	if (rc)
		return rc;
	if (timed_out || st < 0) {
		info_msg(info, "%s did not finish within %u seconds; the file may be damaged", argv[0],
		         timeout);
		return TT_ERR_PARSE;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
		info_msg(info, "%s is not installed", argv[0]);
		return TT_ERR_UNSUPPORTED;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		info_msg(info, "%s could not read the file", argv[0]);
		return TT_ERR_PARSE;
	}
	return TT_OK;
}

/* Text taken out of a .docx, .doc or PDF whose fonts were .VnTime or
 * VNI-Times holds the Windows-1252 look-alikes of the legacy bytes
 * ("ViÖt Nam"); it is converted here, and the encoding reported. out holds
 * the new text from offset from on. */
static tt_rc undo_legacy_font(tt_buf *out, size_t from, reader_info *info)
{
	if (!out->data || out->len <= from)
		return TT_OK;
	const char *t = out->data + from;
	size_t n = out->len - from;
	legacy_enc e = legacy_detect(t, n, 1);
	if (e == LEGACY_NONE) {
		/* Soft hyphens are invisible break hints in Unicode text. */
		size_t k = from;
		for (size_t i = from; i < out->len; i++) {
			if (i + 1 < out->len && (unsigned char)out->data[i] == 0xC2 &&
			    (unsigned char)out->data[i + 1] == 0xAD) {
				i++;
				continue;
			}
			out->data[k++] = out->data[i];
		}
		out->len = k;
		out->data[k] = '\0';
		return TT_OK;
	}
	tt_buf conv;
	buf_init(&conv, out->cap);
	tt_rc rc = legacy_to_utf8(t, n, 1, e, &conv);
	if (rc == TT_OK) {
		out->len = from;
		out->data[from] = '\0';
		rc = buf_add(out, conv.data ? conv.data : "", conv.len);
	}
	if (rc == TT_OK && info)
		info->encoding = legacy_name(e);
	buf_free(&conv);
	return rc;
}

/* pdftotext -layout keeps the two-column header on one line; runs of four
 * or more spaces become tabs so the parser splits the columns. */
static tt_rc read_pdf(const char *path, tt_buf *out, reader_info *info)
{
	if (!on_path("pdftotext")) {
		info_msg(info, "reading PDF needs pdftotext: apt-get install poppler-utils");
		return TT_ERR_UNSUPPORTED;
	}
	tt_buf raw;
	buf_init(&raw, READER_MAX_FILE * 2);
	size_t from = out->len;
	char *argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", (char *)path, "-", NULL};
	tt_rc rc = run_capture(argv, path, NULL, NULL, &raw, convert_timeout(60), info);
	if (rc == TT_OK) {
		size_t sp = 0;
		for (size_t i = 0; i < raw.len && !rc; i++) {
			if (raw.data[i] == ' ') {
				sp++;
				continue;
			}
			if (sp)
				rc = sp >= 4 ? buf_addc(out, '\t') : buf_add(out, "    ", sp > 4 ? 4 : sp);
			sp = 0;
			if (!rc)
				rc = buf_addc(out, raw.data[i]);
		}
		size_t bad;
		if (!rc &&
		    vn_utf8_validate(out->data ? out->data + from : "", out->len - from, &bad) != TT_OK) {
			info_msg(info, "pdftotext gave text that is not UTF-8");
			rc = TT_ERR_UTF8;
		}
		if (!rc && out->len == from) {
			info_msg(info, "the PDF has no text layer (a scan?); run OCR first");
			rc = TT_ERR_PARSE;
		}
		if (!rc)
			rc = undo_legacy_font(out, from, info);
	}
	buf_free(&raw);
	return rc;
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(p);
	return 0;
}

/* LibreOffice converts the file at path to format `to` ("docx", "pdf") in
 * a private directory, with a private profile there too, so that
 * conversions running at the same time never share (or lock) one. filter
 * names LibreOffice's import filter, or is NULL to let it detect the format;
 * naming it keeps a damaged file from being imported as plain text. The
 * converted file's bytes go to bin (reset first). */
static tt_rc soffice_convert(const char *path, const char *filter, const char *to, tt_buf *bin,
                             reader_info *info)
{
	const char *prog = on_path("soffice") ? "soffice" : on_path("libreoffice") ? "libreoffice" : NULL;
	if (!prog) {
		info_msg(info,
		         "converting documents needs LibreOffice: apt-get install libreoffice-writer-nogui");
		return TT_ERR_UNSUPPORTED;
	}
	char dir[] = "/tmp/ttdn-conv-XXXXXX";
	if (!mkdtemp(dir))
		return TT_ERR_IO;
	char profile[512], infilter[128], ext[16];
	snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", dir);
	snprintf(infilter, sizeof infilter, "--infilter=%s", filter ? filter : "");
	snprintf(ext, sizeof ext, ".%s", to);
	char *argv[16];
	size_t k = 0;
	argv[k++] = (char *)prog;
	argv[k++] = profile;
	argv[k++] = "--headless";
	argv[k++] = "--norestore";
	argv[k++] = "--nolockcheck";
	if (filter)
		argv[k++] = infilter;
	argv[k++] = "--convert-to";
	argv[k++] = (char *)to;
	argv[k++] = "--outdir";
	argv[k++] = dir;
	argv[k++] = (char *)path;
	argv[k] = NULL;
	/* LibreOffice also writes a dconf cache under $HOME, which a service
	 * account may not have; it gets the private directory as its home. */
	tt_buf ignore;
	buf_init(&ignore, 1 << 20);
	tt_rc rc = run_capture(argv, path, dir, dir, &ignore, convert_timeout(120), info);
	buf_free(&ignore);
	/* Find the file it wrote. */
	char found[1024] = "";
	size_t el = strlen(ext);
	DIR *dd = opendir(dir);
	if (dd) {
		struct dirent *de;
		while ((de = readdir(dd)) != NULL) {
			size_t l = strlen(de->d_name);
			if (l > el && !strcmp(de->d_name + l - el, ext))
				snprintf(found, sizeof found, "%s/%s", dir, de->d_name);
		}
		closedir(dd);
	}
	if (rc == TT_OK && !found[0]) {
		info_msg(info, "LibreOffice could not read the file (damaged, or not a document)");
		rc = TT_ERR_PARSE;
	}
	if (rc == TT_OK) {
		buf_reset(bin);
		rc = buf_read_file(bin, found);
	}
	/* The converted file and LibreOffice's profile tree. */
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* .doc/.odt/.rtf: converted to .docx, then read as one. */
static tt_rc read_via_soffice(const char *path, const char *filter, tt_buf *out, reader_info *info)
{
	tt_buf bin;
	buf_init(&bin, READER_MAX_FILE);
	size_t from = out->len;
	tt_rc rc = soffice_convert(path, filter, "docx", &bin, info);
	if (rc == TT_OK)
		rc = docx_read(bin.data ? bin.data : "", bin.len, out, info ? info->message : NULL,
		               info ? sizeof info->message : 0);
	buf_free(&bin);
	if (rc == TT_OK)
		rc = undo_legacy_font(out, from, info);
	return rc;
}

tt_rc reader_convert(const char *data, size_t n, const char *from, const char *to, tt_buf *out,
                     reader_info *info)
{
	char dir[] = "/tmp/ttdn-out-XXXXXX";
	if (!mkdtemp(dir))
		return TT_ERR_IO;
	char path[128];
	snprintf(path, sizeof path, "%s/document.%s", dir, from);
	tt_rc rc = TT_OK;
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n)
		rc = TT_ERR_IO;
	if (f && fclose(f))
		rc = TT_ERR_IO;
	if (rc == TT_OK)
		rc = soffice_convert(path, NULL, to, out, info);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

static int has_ext(const char *path, const char *ext)
{
	size_t l = strlen(path), e = strlen(ext);
	return l > e && !strcasecmp(path + l - e, ext);
}

/* An OLE2 compound file (Word 97-2003, but Excel and PowerPoint too). */
static int is_ole(const char *s, size_t n)
{
	return n >= 512 && !memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

/* A compound file that holds a Word document names its "WordDocument"
 * stream (UTF-16LE) in its directory; other Office files and damaged ones
 * do not, and LibreOffice would import them as text. */
static int ole_is_word(const char *s, size_t n)
{
	static const char name[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
	return memmem(s, n, name, sizeof name - 1) != NULL;
}

/* OpenDocument text: a zip whose first member is "mimetype", stored. */
static int is_odt(const char *s, size_t n)
{
	static const char mt[] = "mimetypeapplication/vnd.oasis.opendocument.text";
	return n >= 30 + sizeof mt && !memcmp(s + 30, mt, sizeof mt - 1);
}

/* Text decoded from a file claimed to be a document: no control codes
 * other than tab, line ends and form feed. */
static int plain_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			return 0;
	}
	return 1;
}

/* A .doc/.rtf/.odt without the format's signature: old systems often saved
 * plain text under those names, which is read as text; anything else is
 * refused before LibreOffice, which would import it as text. */
static tt_rc read_misnamed(const char *s, size_t n, const char *ext, tt_buf *out, reader_info *info)
{
	size_t from = out->len;
	reader_info tmp;
	memset(&tmp, 0, sizeof tmp);
	tt_rc rc = reader_decode_text(s, n, out, &tmp);
	if (rc == TT_OK && plain_text(out->data ? out->data + from : "", out->len - from)) {
		if (info) {
			info->format = "txt";
			info->encoding = tmp.encoding;
		}
		return TT_OK;
	}
	if (out->data) {
		out->len = from;
		out->data[from] = '\0';
	}
	if (rc == TT_ERR_NOMEM)
		return rc;
	info_msg(info, "the %s file is neither a document of that kind nor text (damaged or renamed)", ext);
	return TT_ERR_PARSE;
}

tt_rc reader_read_file(const char *path, tt_buf *out, reader_info *info)
{
	if (info) {
		memset(info, 0, sizeof *info);
		info->format = "txt";
		info->encoding = "utf-8";
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		info_msg(info, "cannot open %s", path);
		return errno == ENOENT ? TT_ERR_NOT_FOUND : TT_ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		info_msg(info, "%s is not a regular file", path);
		return TT_ERR_INVALID;
	}
	if ((size_t)st.st_size > READER_MAX_FILE) {
		info_msg(info, "the file is larger than 50 MiB");
		return TT_ERR_TOO_LARGE;
	}
	/* The converters get an absolute path: a name starting with '-' must
	 * not read as an option. */
	char *abs = realpath(path, NULL);
	if (!abs) {
		info_msg(info, "cannot open %s", path);
		return errno == ENOMEM ? TT_ERR_NOMEM : TT_ERR_IO;
	}
	tt_buf bin;
	buf_init(&bin, READER_MAX_FILE);
	tt_rc rc = buf_read_file(&bin, path);
	if (rc) {
		if (rc == TT_ERR_TOO_LARGE)
			info_msg(info, "the file is larger than 50 MiB");
		else
			info_msg(info, "cannot read %s", path);
		goto out;
	}
	const char *s = bin.data ? bin.data : "";
	size_t n = bin.len;
	size_t from = out->len;
	if (n >= 4 && !memcmp(s, "PK\x03\x04", 4) && (is_odt(s, n) || has_ext(path, ".odt"))) {
		if (info)
			info->format = "odt";
		rc = read_via_soffice(abs, "writer8", out, info);
	} else if (n >= 4 && !memcmp(s, "PK\x03\x04", 4)) {
		if (info)
			info->format = "docx";
		rc = docx_read(s, n, out, info ? info->message : NULL, info ? sizeof info->message : 0);
		if (rc == TT_OK)
			rc = undo_legacy_font(out, from, info);
	} else if (n >= 5 && !memcmp(s, "%PDF-", 5)) {
		if (info)
			info->format = "pdf";
		rc = read_pdf(abs, out, info);
	} else if (is_ole(s, n)) {
		if (info)
			info->format = "doc";
		if (ole_is_word(s, n)) {
			rc = read_via_soffice(abs, NULL, out, info);
		} else {
			info_msg(info,
			         "the file is an Office file but not a Word document (Excel? PowerPoint?)");
			rc = TT_ERR_PARSE;
		}
	} else if (n >= 5 && !memcmp(s, "{\\rtf", 5)) {
		if (info)
			info->format = "rtf";
		rc = read_via_soffice(abs, "Rich Text Format", out, info);
	} else if (has_ext(path, ".doc") || has_ext(path, ".rtf") || has_ext(path, ".odt")) {
		const char *ext = has_ext(path, ".doc") ? ".doc" : has_ext(path, ".rtf") ? ".rtf" : ".odt";
		if (info)
			info->format = ext + 1;
		rc = read_misnamed(s, n, ext, out, info);
	} else if (has_ext(path, ".docx")) {
		if (info)
			info->format = "docx";
		info_msg(info, "the .docx file is not a zip archive (damaged or renamed)");
		rc = TT_ERR_PARSE;
	} else {
		rc = reader_decode_text(s, n, out, info);
	}
out:
	buf_free(&bin);
	free(abs);
	return rc;
}
