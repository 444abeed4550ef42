/* form.c - URL decoding, urlencoded forms and the accumulation of multipart
 * parts (text fields in capped buffers, files in temporary files). Pure: no
 * connection, so the fuzz targets and unit tests drive it directly. */
#include "web/form.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/vn.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *form_url_decode(tt_arena *a, const char *s, size_t n, size_t *len)
{
	char *o = arena_alloc(a, n + 1);
	size_t k = 0;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+')
			o[k++] = ' ';
		else if (s[i] == '%' && n - i > 2 && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			o[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			o[k++] = s[i];
	}
	o[k] = '\0';
	*len = k;
	return o;
}

/* TT_OK when s (n bytes) is UTF-8 without NUL bytes; else the error and why. */
static tt_rc text_check(const char *s, size_t n, const char **why)
{
	if (memchr(s, '\0', n)) {
		*why = "Dữ liệu biểu mẫu chứa ký tự NUL (%00), không được chấp nhận.";
		return TT_ERR_INVALID;
	}
	if (vn_utf8_validate(s, n, NULL)) {
		*why = "Dữ liệu biểu mẫu không phải UTF-8 hợp lệ.";
		return TT_ERR_UTF8;
	}
	return TT_OK;
}

tt_rc form_parse_urlencoded(tt_arena *a, const char *s, size_t n, http_kv **out, size_t *nout,
                            const char **why)
{
	size_t count = 1, nform = 0;
	tt_rc rc;
	if (!s)
		s = "";
	for (size_t i = 0; i < n; i++)
		count += s[i] == '&';
	http_kv *form = arena_alloc(a, count * sizeof *form);
	if (!form)
		return TT_ERR_NOMEM;
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		size_t eq = i;
		while (eq < j && s[eq] != '=')
			eq++;
		if (j > i) {
			size_t klen, vlen;
			char *k = form_url_decode(a, s + i, eq - i, &klen);
			char *v =
			    form_url_decode(a, eq < j ? s + eq + 1 : "", eq < j ? j - eq - 1 : 0, &vlen);
			if (!k || !v)
				return TT_ERR_NOMEM;
			if ((rc = text_check(k, klen, why)) || (rc = text_check(v, vlen, why)))
				return rc;
			form[nform].key = k;
			form[nform].value = v;
			nform++;
		}
		i = j + 1;
	}
	*out = form;
	*nout = nform;
	return TT_OK;
}

void form_parts_init(form_parts *p, tt_arena *a, const form_limits *lim)
{
	memset(p, 0, sizeof *p);
	p->arena = a;
	p->lim = *lim;
}

static tt_rc fail(form_parts *p, tt_rc rc, const char *why)
{
	if (!p->rc) {
		p->rc = rc;
		p->why = why;
	}
	return p->rc;
}

static void close_current(form_parts *p)
{
	if (p->cur == 2 && p->nfiles && p->fds[p->nfiles - 1] >= 0) {
		close(p->fds[p->nfiles - 1]);
		p->fds[p->nfiles - 1] = -1;
	}
}

static int same_part(const form_parts *p, const char *key, const char *filename)
{
	if (p->cur == 1)
		return !filename && !strcmp(p->text[p->ntext - 1].key, key);
	if (p->cur == 2)
		return filename && !strcmp(p->files[p->nfiles - 1].field, key) &&
		       !strcmp(p->files[p->nfiles - 1].filename, filename);
	return 0;
}

static tt_rc start_text(form_parts *p, const char *key)
{
	if (p->ntext >= p->lim.max_fields)
		return fail(
		    p, TT_ERR_TOO_LARGE,
		    arena_printf(p->arena, "Biểu mẫu có quá nhiều trường (tối đa %zu).", p->lim.max_fields));
	if (p->ntext == p->cap_text) {
		size_t cap = p->cap_text ? p->cap_text * 2 : 8;
		form_text *t = arena_alloc(p->arena, cap * sizeof *t);
		if (!t)
			return fail(p, TT_ERR_NOMEM, NULL);
		if (p->ntext)
			memcpy(t, p->text, p->ntext * sizeof *t);
		p->text = t;
		p->cap_text = cap;
	}
	form_text *t = &p->text[p->ntext];
	t->key = arena_strdup(p->arena, key);
	if (!t->key)
		return fail(p, TT_ERR_NOMEM, NULL);
	buf_init(&t->value, p->lim.max_text);
	p->ntext++;
	p->cur = 1;
	return TT_OK;
}

static tt_rc start_file(form_parts *p, const char *key, const char *filename)
{
	if (vn_utf8_validate(filename, strlen(filename), NULL))
		return fail(p, TT_ERR_UTF8,
		            "Tên tệp gửi lên không phải UTF-8 hợp lệ; hãy đổi tên tệp rồi gửi lại.");
	if (p->nfiles >= p->lim.max_files)
		return fail(
		    p, TT_ERR_TOO_LARGE,
		    arena_printf(p->arena, "Gửi quá nhiều tệp một lần (tối đa %zu).", p->lim.max_files));
	if (p->nfiles == p->cap_files) {
		size_t cap = p->cap_files ? p->cap_files * 2 : 8;
		http_file *f = arena_alloc(p->arena, cap * sizeof *f);
		int *fds = arena_alloc(p->arena, cap * sizeof *fds);
		if (!f || !fds)
			return fail(p, TT_ERR_NOMEM, NULL);
		if (p->nfiles) {
			memcpy(f, p->files, p->nfiles * sizeof *f);
			memcpy(fds, p->fds, p->nfiles * sizeof *fds);
		}
		p->files = f;
		p->fds = fds;
		p->cap_files = cap;
	}
	http_file *f = &p->files[p->nfiles];
	memset(f, 0, sizeof *f);
	p->fds[p->nfiles] = -1;
	f->field = arena_strdup(p->arena, key);
	f->filename = arena_strdup(p->arena, filename);
	const char *dir = p->lim.tmpdir ? p->lim.tmpdir : getenv("TMPDIR");
	char *path = arena_printf(p->arena, "%s/ttdn-upload-XXXXXX", dir && *dir ? dir : "/tmp");
	if (!f->field || !f->filename || !path)
		return fail(p, TT_ERR_NOMEM, NULL);
	int fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return fail(p, TT_ERR_IO, "Không tạo được tệp tạm để nhận tệp gửi lên.");
	fchmod(fd, 0600);
	f->path = path;
	p->fds[p->nfiles] = fd;
	p->nfiles++;
	p->cur = 2;
	return TT_OK;
}

static tt_rc write_all(int fd, const char *data, size_t n)
{
	while (n) {
		ssize_t w = write(fd, data, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return TT_ERR_IO;
		data += w;
		n -= (size_t)w;
	}
	return TT_OK;
}

tt_rc form_parts_add(form_parts *p, const char *key, const char *filename, uint64_t off, const char *data,
                     size_t size)
{
	tt_rc rc;
	if (p->rc)
		return p->rc;
	if (!key)
		return TT_OK; /* a part without a name carries nothing a handler reads */
	if (!data)
		size = 0;
	if (p->cur && same_part(p, key, filename) && (off > 0 || p->cur_len == 0)) {
		if (off != p->cur_len)
			return fail(p, TT_ERR_INVALID, "Dữ liệu multipart không đúng định dạng.");
	} else {
		if (off != 0)
			return fail(p, TT_ERR_INVALID, "Dữ liệu multipart không đúng định dạng.");
		close_current(p);
		p->cur = 0;
		p->cur_len = 0;
		if (vn_utf8_validate(key, strlen(key), NULL))
			return fail(p, TT_ERR_UTF8, "Tên trường của biểu mẫu không phải UTF-8 hợp lệ.");
		if ((rc = filename ? start_file(p, key, filename) : start_text(p, key)))
			return rc;
	}
	p->total += size;
	if (p->total > p->lim.max_total)
		return fail(p, TT_ERR_TOO_LARGE,
		            arena_printf(p->arena, "Dữ liệu gửi lên vượt quá %llu MB.",
		                         (unsigned long long)(p->lim.max_total >> 20)));
	if (p->cur == 1) {
		form_text *t = &p->text[p->ntext - 1];
		if ((rc = buf_add(&t->value, data, size)))
			return fail(p, rc,
			            rc == TT_ERR_TOO_LARGE
			                ? arena_printf(p->arena,
			                               "Trường \"%s\" của biểu mẫu vượt quá %zu KiB.", t->key,
			                               p->lim.max_text / 1024)
			                : NULL);
	} else {
		http_file *f = &p->files[p->nfiles - 1];
		size_t keep = f->size < p->lim.max_file ? p->lim.max_file - f->size : 0;
		if (keep > size)
			keep = size;
		if (keep && write_all(p->fds[p->nfiles - 1], data, keep))
			return fail(p, TT_ERR_IO, "Không ghi được tệp tạm (đĩa đầy?).");
		f->size += size;
	}
	p->cur_len += size;
	return TT_OK;
}

tt_rc form_parts_finish(form_parts *p, http_kv **form, size_t *nform, http_file **files, size_t *nfiles)
{
	tt_rc rc;
	const char *why = NULL;
	close_current(p);
	p->cur = 0;
	if (p->rc)
		return p->rc;
	http_kv *kv = arena_alloc(p->arena, (p->ntext + 1) * sizeof *kv);
	http_file *fl = arena_alloc(p->arena, (p->nfiles + 1) * sizeof *fl);
	if (!kv || !fl)
		return fail(p, TT_ERR_NOMEM, NULL);
	for (size_t i = 0; i < p->ntext; i++) {
		const tt_buf *v = &p->text[i].value;
		if ((rc = text_check(v->data ? v->data : "", v->len, &why)))
			return fail(p, rc, why);
		kv[i].key = p->text[i].key;
		kv[i].value = arena_strndup(p->arena, v->data ? v->data : "", v->len);
		if (!kv[i].value)
			return fail(p, TT_ERR_NOMEM, NULL);
	}
	size_t n = 0;
	for (size_t i = 0; i < p->nfiles; i++)
		if (p->files[i].size || *p->files[i].filename)
			fl[n++] = p->files[i];
	*form = kv;
	*nform = p->ntext;
	*files = fl;
	*nfiles = n;
	return TT_OK;
}

void form_parts_free(form_parts *p)
{
	for (size_t i = 0; i < p->nfiles; i++) {
		if (p->fds[i] >= 0)
			close(p->fds[i]);
		p->fds[i] = -1;
		if (p->files[i].path)
			unlink(p->files[i].path);
		p->files[i].path = NULL;
	}
	p->nfiles = 0;
	for (size_t i = 0; i < p->ntext; i++)
		buf_free(&p->text[i].value);
	p->ntext = 0;
	p->cur = 0;
}
