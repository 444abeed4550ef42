/* reader.c - document files to UTF-8 text (see reader.h). Owns format
 * detection, the plain-text decoders (BOM, UTF-16) and running the external
 * converters (pdftotext, soffice) without a shell. */
#include "text/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
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
			unsigned l = big ? (unsigned)(s[i + 2] << 8 | s[i + 3]) : (unsigned)(s[i + 3] << 8 | s[i + 2]);
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
		if (info) {
			info->bad_offset = bad;
			snprintf(info->message, sizeof info->message,
			         "invalid UTF-8 at byte offset %zu; save the file as Unicode (UTF-8)", bad);
		}
		return TT_ERR_UTF8;
	}
	return buf_add(out, s, n);
}

/* Runs argv (no shell) with stdout into out (capped) and stderr discarded.
 * A converter that runs longer than timeout seconds is killed. */
static tt_rc run_capture(char *const argv[], tt_buf *out, unsigned timeout, reader_info *info)
{
	int fd[2];
	if (pipe(fd))
		return TT_ERR_IO;
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return TT_ERR_IO;
	}
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		int devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 2);
		}
		alarm(timeout);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	tt_rc rc = TT_OK;
	char chunk[65536];
	for (;;) {
		ssize_t k = read(fd[0], chunk, sizeof chunk);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (rc == TT_OK)
			rc = buf_add(out, chunk, (size_t)k);
		if (rc)
			kill(pid, SIGKILL);
	}
	close(fd[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (rc)
		return rc;
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

static int on_path(const char *prog)
{
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	char full[4096];
	while (*path) {
		const char *e = strchr(path, ':');
		size_t l = e ? (size_t)(e - path) : strlen(path);
		if (l && l + strlen(prog) + 2 < sizeof full) {
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
	char *argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", (char *)path, "-", NULL};
	tt_rc rc = run_capture(argv, &raw, 60, info);
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
		if (!rc && vn_utf8_validate(out->data ? out->data : "", out->len, &bad) != TT_OK)
			rc = TT_ERR_UTF8;
		if (!rc && out->len == 0) {
			info_msg(info, "the PDF has no text layer (a scan?); run OCR first");
			rc = TT_ERR_PARSE;
		}
	}
	buf_free(&raw);
	return rc;
}

/* .doc/.odt/.rtf: LibreOffice converts to .docx in a private directory. */
static tt_rc read_via_soffice(const char *path, tt_buf *out, reader_info *info)
{
	const char *prog = on_path("soffice") ? "soffice" : on_path("libreoffice") ? "libreoffice" : NULL;
	if (!prog) {
		info_msg(info,
		         "reading .doc/.odt/.rtf needs LibreOffice: apt-get install libreoffice-writer-nogui "
		         "(or save the file as .docx)");
		return TT_ERR_UNSUPPORTED;
	}
	char dir[] = "/tmp/ttdn-conv-XXXXXX";
	if (!mkdtemp(dir))
		return TT_ERR_IO;
	char profile[512];
	snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", dir);
	char *argv[] = {(char *)prog, profile, "--headless", "--convert-to", "docx", "--outdir", dir, (char *)path,
	                NULL};
	tt_buf ignore;
	buf_init(&ignore, 1 << 20);
	tt_rc rc = run_capture(argv, &ignore, 120, info);
	buf_free(&ignore);
	/* Find the .docx it wrote. */
	char found[1024] = "";
	DIR *dd = opendir(dir);
	if (dd) {
		struct dirent *de;
		while ((de = readdir(dd)) != NULL) {
			size_t l = strlen(de->d_name);
			if (l > 5 && !strcmp(de->d_name + l - 5, ".docx"))
				snprintf(found, sizeof found, "%s/%s", dir, de->d_name);
		}
		closedir(dd);
	}
	if (rc == TT_OK && !found[0]) {
		info_msg(info, "LibreOffice could not convert the file");
		rc = TT_ERR_PARSE;
	}
	if (rc == TT_OK) {
		tt_buf bin;
		buf_init(&bin, READER_MAX_FILE);
		rc = buf_read_file(&bin, found);
		if (rc == TT_OK)
			rc = docx_read(bin.data ? bin.data : "", bin.len, out, info ? info->message : NULL,
			               info ? sizeof info->message : 0);
		buf_free(&bin);
	}
	/* Clean up: the converted file and LibreOffice's profile tree. */
	if (found[0])
		unlink(found);
	char *rm[] = {"rm", "-rf", dir, NULL};
	tt_buf ig2;
	buf_init(&ig2, 1 << 16);
	run_capture(rm, &ig2, 30, NULL);
	buf_free(&ig2);
	return rc;
}

static int has_ext(const char *path, const char *ext)
{
	size_t l = strlen(path), e = strlen(ext);
	return l > e && !strcasecmp(path + l - e, ext);
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
	if (n >= 4 && !memcmp(s, "PK\x03\x04", 4) && !has_ext(path, ".odt")) {
		if (info)
			info->format = "docx";
		rc = docx_read(s, n, out, info ? info->message : NULL, info ? sizeof info->message : 0);
	} else if (n >= 5 && !memcmp(s, "%PDF-", 5)) {
		if (info)
			info->format = "pdf";
		rc = read_pdf(path, out, info);
	} else if ((n >= 8 && !memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) || (n >= 5 && !memcmp(s, "{\\rtf", 5)) ||
	           has_ext(path, ".odt") || has_ext(path, ".doc") || has_ext(path, ".rtf")) {
		if (info)
			info->format = has_ext(path, ".odt") ? "odt" : has_ext(path, ".rtf") ? "rtf" : "doc";
		rc = read_via_soffice(path, out, info);
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
	return rc;
}
