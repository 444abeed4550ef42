/* activity.c - the activity register (activity.h): the types, fields and
 * indicators read from data/ once, the checks of a record against its
 * type, and recording, reading, counting and attaching files, each change
 * audited in its write transaction. */
#include "core/activity.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/audit.h"
#include "core/country.h"
#include "core/data.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "text/vn.h"

/* ---- the tables of data/, read once ---- */

static tt_arena data_arena; /* lives as long as the process */
static activity_type *types;
static size_t ntypes;
static activity_indicator *indicators;
static size_t nindicators;
static pthread_once_t data_once = PTHREAD_ONCE_INIT;

static const char *const kind_names[] = {"text", "integer", "decimal", "date", "enum", "bool"};

const char *activity_kind_name(activity_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "text";
}

static int parse_double(const char *s, double *v)
{
	char *end;
	if (!*s)
		return 0;
	*v = strtod(s, &end);
	return !*end;
}

static activity_choice *parse_choices(const char *s, size_t *n)
{
	size_t k = 1;
	for (const char *p = s; *p; p++)
		k += *p == '|';
	activity_choice *c = arena_alloc(&data_arena, k * sizeof *c);
	*n = 0;
	while (c && *s) {
		const char *bar = strchr(s, '|');
		size_t len = bar ? (size_t)(bar - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		if (eq) {
			c[*n].key = arena_strndup(&data_arena, s, (size_t)(eq - s));
			c[*n].label = arena_strndup(&data_arena, eq + 1, len - (size_t)(eq - s) - 1);
			(*n)++;
		}
		s += len + (bar ? 1 : 0);
	}
	return c;
}

static void load_data(void)
{
	arena_init(&data_arena, 0);
	data_row *tr, *fr, *ir;
	size_t nt, nf, ni;
	if (data_table(&data_arena, "activity_types", &tr, &nt) ||
	    data_table(&data_arena, "activity_fields", &fr, &nf) ||
	    data_table(&data_arena, "indicators", &ir, &ni))
		return;
	activity_type *t = arena_alloc(&data_arena, (nt + 1) * sizeof *t);
	activity_field *f = arena_alloc(&data_arena, (nf + 1) * sizeof *f);
	activity_indicator *ind = arena_alloc(&data_arena, (ni + 1) * sizeof *ind);
	if (!t || !f || !ind)
		return;
	size_t used = 0;
	for (size_t i = 0; i < nt; i++) {
		t[i] = (activity_type){.key = data_field(&tr[i], 0),
		                       .label = data_field(&tr[i], 1),
		                       .people = !strcmp(data_field(&tr[i], 2), "1"),
		                       .people_label = data_field(&tr[i], 3),
		                       .fields = f + used};
		/* the rows of one type are contiguous in the file */
		for (size_t j = 0; j < nf; j++) {
			if (strcmp(data_field(&fr[j], 0), t[i].key))
				continue;
			activity_field *x = &f[used++];
			*x = (activity_field){.key = data_field(&fr[j], 1),
			                      .label = data_field(&fr[j], 2),
			                      .required = !strcmp(data_field(&fr[j], 4), "1"),
			                      .number = !strcmp(data_field(&fr[j], 8), "1")};
			const char *kind = data_field(&fr[j], 3);
			for (size_t k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++)
				if (!strcmp(kind, kind_names[k]))
					x->kind = (activity_kind)k;
			x->has_min = parse_double(data_field(&fr[j], 5), &x->min);
			x->has_max = parse_double(data_field(&fr[j], 6), &x->max);
			if (x->kind == AF_ENUM)
				x->choices = parse_choices(data_field(&fr[j], 7), &x->nchoices);
			t[i].nfields++;
		}
	}
	for (size_t i = 0; i < ni; i++) {
		const char *field = data_field(&ir[i], 5);
		ind[i] = (activity_indicator){.key = data_field(&ir[i], 0),
		                              .name = data_field(&ir[i], 1),
		                              .unit = data_field(&ir[i], 2),
		                              .kind = data_field(&ir[i], 3),
		                              .type = data_field(&ir[i], 4),
		                              .field = *field ? field : NULL,
		                              .definition = data_field(&ir[i], 6)};
	}
	types = t;
	ntypes = nt;
	indicators = ind;
	nindicators = ni;
}

const activity_type *activity_types(size_t *n)
{
	pthread_once(&data_once, load_data);
	*n = ntypes;
	return types;
}

const activity_type *activity_type_get(const char *key)
{
	size_t n;
	const activity_type *t = activity_types(&n);
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(t[i].key, key))
			return &t[i];
	return NULL;
}

const char *activity_choice_label(const activity_field *f, const char *value)
{
	for (size_t i = 0; value && i < f->nchoices; i++)
		if (!strcmp(f->choices[i].key, value))
			return f->choices[i].label;
	return NULL;
}

const activity_indicator *activity_indicators(size_t *n)
{
	pthread_once(&data_once, load_data);
	*n = nindicators;
	return indicators;
}

const activity_indicator *activity_indicator_get(const char *key)
{
	size_t n;
	const activity_indicator *x = activity_indicators(&n);
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(x[i].key, key))
			return &x[i];
	return NULL;
}

/* ---- reading the JSON shape ---- */

static tt_rc json_text(tt_ctx *ctx, json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return TT_OK;
	if (!json_is_string(v))
		return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" phải là chuỗi ký tự.", key);
	*out = json_string_value(v);
	return TT_OK;
}

tt_rc activity_input_json(tt_ctx *ctx, json_t *o, activity_input *in)
{
	*in = (activity_input){.people = -1, .in_plan = -1};
	if (!json_is_object(o))
		return ctx_fail(ctx, TT_ERR_INVALID, "Nội dung gửi lên phải là một đối tượng JSON {…}.");
	tt_rc rc;
	if ((rc = json_text(ctx, o, "org", &in->org_code)) || (rc = json_text(ctx, o, "type", &in->type)) ||
	    (rc = json_text(ctx, o, "title", &in->title)) ||
	    (rc = json_text(ctx, o, "start_on", &in->start_on)) ||
	    (rc = json_text(ctx, o, "end_on", &in->end_on)) ||
	    (rc = json_text(ctx, o, "place", &in->place)) ||
	    (rc = json_text(ctx, o, "description", &in->description)))
		return rc;
	json_t *v = json_object_get(o, "people");
	if (v && !json_is_null(v)) {
		if (!json_is_integer(v))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Trường \"people\" (số người) phải là số nguyên.");
		if (json_integer_value(v) < 0)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Trường \"people\" (số người) không được là số âm.");
		in->people = json_integer_value(v);
	}
	v = json_object_get(o, "plan_task_id");
	if (v && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Trường \"plan_task_id\" phải là số nguyên dương.");
		in->plan_task_id = json_integer_value(v);
	}
	v = json_object_get(o, "in_plan");
	if (v && !json_is_null(v)) {
		if (!json_is_boolean(v))
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"in_plan\" phải là true hoặc false.");
		in->in_plan = json_is_true(v);
	}
	v = json_object_get(o, "version");
	if (v && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"version\" phải là số nguyên dương.");
		in->version = json_integer_value(v);
	}
	v = json_object_get(o, "fields");
	if (v && !json_is_null(v)) {
		if (!json_is_object(v))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Trường \"fields\" phải là một đối tượng JSON {…}.");
		in->fields = v;
	}
	v = json_object_get(o, "countries");
	if (v && !json_is_null(v)) {
		if (!json_is_array(v))
			return ctx_fail(
			    ctx, TT_ERR_INVALID,
			    "Trường \"countries\" phải là danh sách mã quốc gia, ví dụ [\"JP\", \"KR\"].");
		size_t n = json_array_size(v);
		if (n > ACTIVITY_MAX_COUNTRIES)
			return ctx_fail(ctx, TT_ERR_INVALID, "Một hoạt động ghi tối đa %d quốc gia.",
			                ACTIVITY_MAX_COUNTRIES);
		const char **c = arena_alloc(ctx->arena, (n + 1) * sizeof *c);
		if (!c)
			return TT_ERR_NOMEM;
		for (size_t i = 0; i < n; i++) {
			json_t *e = json_array_get(v, i);
			if (!json_is_string(e))
				return ctx_fail(
				    ctx, TT_ERR_INVALID,
				    "Trường \"countries\": phần tử thứ %zu phải là mã quốc gia dạng chuỗi.",
				    i + 1);
			c[i] = json_string_value(e);
		}
		in->countries = c;
		in->ncountries = n;
	}
	return TT_OK;
}

/* ---- checking a record against its type ---- */

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A text value made NFC into the arena; "" and blanks become NULL. */
static tt_rc clean_text(tt_ctx *ctx, const char *s, const char *label, const char *key, size_t max,
                        const char **out)
{
	*out = NULL;
	if (ctx_blank(s))
		return TT_OK;
	size_t bad;
	if (vn_utf8_validate(s, strlen(s), &bad))
		return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) không phải văn bản UTF-8 hợp lệ.",
		                label, key);
	tt_buf b;
	buf_init(&b, (size_t)1 << 20);
	tt_rc rc = vn_nfc(s, strlen(s), &b);
	if (!rc && utf8_chars(b.data ? b.data : "") > max)
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) dài quá %zu ký tự.", label, key, max);
	else if (!rc && !(*out = arena_strndup(ctx->arena, b.data ? b.data : "", b.len)))
		rc = TT_ERR_NOMEM;
	buf_free(&b);
	return rc;
}

typedef struct {
	st_activity a;
	const char **countries;
	size_t nc;
	st_activity_number *num;
	size_t nn;
	char *fields_text; /* malloc */
} checked;

static tt_rc check_field(tt_ctx *ctx, const activity_field *f, json_t *v, json_t *out, checked *c)
{
	const char *L = f->label, *K = f->key;
	double num = 0;
	switch (f->kind) {
	case AF_TEXT: {
		if (!json_is_string(v))
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) phải là chuỗi ký tự.", L, K);
		const char *t;
		tt_rc rc =
		    clean_text(ctx, json_string_value(v), L, K, f->has_max ? (size_t)f->max : 2000, &t);
		if (rc)
			return rc;
		if (!t)
			return TT_OK; /* blank: as if absent (required checked by the caller) */
		json_object_set_new(out, K, json_string(t));
		return TT_OK;
	}
	case AF_DATE:
		if (!json_is_string(v) || !ctx_date_valid(json_string_value(v)))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Trường \"%s\" (%s) phải là ngày có thật, viết YYYY-MM-DD.", L, K);
		json_object_set_new(out, K, json_string(json_string_value(v)));
		return TT_OK;
	case AF_ENUM: {
		const char *s = json_string_value(v);
		if (!s || !activity_choice_label(f, s)) {
			tt_buf b;
			buf_init(&b, 4096);
			for (size_t i = 0; i < f->nchoices; i++) {
				buf_printf(&b, "%s%s (%s)", i ? ", " : "", f->choices[i].key,
				           f->choices[i].label);
			}
			tt_rc rc = ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) phải là một trong: %s.",
			                    L, K, b.data ? b.data : "");
			buf_free(&b);
			return rc;
		}
		json_object_set_new(out, K, json_string(s));
		return TT_OK;
	}
	case AF_BOOL:
		if (!json_is_boolean(v))
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) phải là true hoặc false.", L,
			                K);
		json_object_set_new(out, K, json_boolean(json_is_true(v)));
		return TT_OK;
	case AF_INTEGER:
		if (!json_is_integer(v))
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) phải là số nguyên.", L, K);
		num = (double)json_integer_value(v);
		break;
	case AF_DECIMAL:
		if (!json_is_number(v))
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) phải là số.", L, K);
		num = json_number_value(v);
		if (!isfinite(num))
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) phải là số.", L, K);
		break;
	}
	if (num < 0 && f->has_min && f->min >= 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) không được là số âm.", L, K);
	if ((f->has_min && num < f->min) || (f->has_max && num > f->max))
		return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (%s) phải trong khoảng %.15g đến %.15g.",
		                L, K, f->min, f->max);
	json_object_set_new(out, K, f->kind == AF_INTEGER ? json_integer((json_int_t)num) : json_real(num));
	if (f->number)
		c->num[c->nn++] = (st_activity_number){K, num};
	return TT_OK;
}

/* Checks in against its type into c (arena; c->fields_text malloc). */
static tt_rc check_input(tt_ctx *ctx, const activity_input *in, checked *c)
{
	memset(c, 0, sizeof *c);
	tt_rc rc;
	if (ctx_blank(in->type))
		return ctx_fail(ctx, TT_ERR_INVALID, "Thiếu trường bắt buộc \"Loại hoạt động\" (type).");
	const activity_type *t = activity_type_get(in->type);
	if (!t)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Loại hoạt động \"%s\" không có; dùng một trong các loại của GET "
		                "/api/v1/activities/types.",
		                in->type);
	st_activity *a = &c->a;
	a->type = t->key;
	if ((rc = clean_text(ctx, in->title, "Tên hoạt động", "title", 500, &a->title)))
		return rc;
	if (!a->title)
		return ctx_fail(ctx, TT_ERR_INVALID, "Thiếu trường bắt buộc \"Tên hoạt động\" (title).");
	if (ctx_blank(in->start_on))
		return ctx_fail(ctx, TT_ERR_INVALID, "Thiếu trường bắt buộc \"Ngày bắt đầu\" (start_on).");
	if (!ctx_date_valid(in->start_on))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Trường \"Ngày bắt đầu\" (start_on) phải là ngày có thật, viết YYYY-MM-DD.");
	a->start_on = in->start_on;
	if (!ctx_blank(in->end_on)) {
		if (!ctx_date_valid(in->end_on))
			return ctx_fail(
			    ctx, TT_ERR_INVALID,
			    "Trường \"Ngày kết thúc\" (end_on) phải là ngày có thật, viết YYYY-MM-DD.");
		if (strcmp(in->end_on, in->start_on) < 0)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Ngày kết thúc (end_on) không được trước ngày bắt đầu (start_on).");
		a->end_on = in->end_on;
	}
	if ((rc = clean_text(ctx, in->place, "Địa điểm", "place", 500, &a->place)) ||
	    (rc = clean_text(ctx, in->description, "Mô tả", "description", 20000, &a->description)))
		return rc;
	a->people = -1;
	if (in->people >= 0) {
		if (!t->people)
			return ctx_fail(
			    ctx, TT_ERR_INVALID,
			    "Loại hoạt động \"%s\" không ghi số người tham gia (people); hãy bỏ trường này.",
			    t->label);
		if (in->people > 100000000)
			return ctx_fail(ctx, TT_ERR_INVALID, "Trường \"%s\" (people) quá lớn.",
			                t->people_label);
		a->people = in->people;
	}
	a->plan_task_id = in->plan_task_id;
	a->in_plan = in->in_plan >= 0 ? in->in_plan : in->plan_task_id > 0;
	/* countries: known codes, each once */
	c->countries = arena_alloc(ctx->arena, (in->ncountries + 1) * sizeof *c->countries);
	if (!c->countries)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < in->ncountries; i++) {
		const country *k = country_get(in->countries[i]);
		if (!k)
			return ctx_fail(
			    ctx, TT_ERR_INVALID,
			    "Mã quốc gia \"%s\" không có trong danh mục ISO 3166-1 (GET /api/v1/countries).",
			    in->countries[i]);
		int dup = 0;
		for (size_t j = 0; j < c->nc; j++)
			dup |= !strcmp(c->countries[j], k->code);
		if (!dup)
			c->countries[c->nc++] = k->code;
	}
	/* own fields */
	c->num = arena_alloc(ctx->arena, (t->nfields + 2) * sizeof *c->num);
	if (!c->num)
		return TT_ERR_NOMEM;
	if (a->people >= 0)
		c->num[c->nn++] = (st_activity_number){"people", (double)a->people};
	const char *k;
	json_t *v;
	json_object_foreach(in->fields, k, v)
	{
		size_t j = 0;
		while (j < t->nfields && strcmp(t->fields[j].key, k))
			j++;
		if (j == t->nfields)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Trường \"%s\" không thuộc loại hoạt động \"%s\".", k, t->label);
	}
	json_t *out = json_object();
	if (!out)
		return TT_ERR_NOMEM;
	for (size_t j = 0; j < t->nfields && !rc; j++) {
		const activity_field *f = &t->fields[j];
		v = in->fields ? json_object_get(in->fields, f->key) : NULL;
		if (v && !json_is_null(v) && !(json_is_string(v) && ctx_blank(json_string_value(v))))
			rc = check_field(ctx, f, v, out, c);
		if (!rc && f->required && !json_object_get(out, f->key))
			rc = ctx_fail(ctx, TT_ERR_INVALID,
			              "Thiếu trường bắt buộc \"%s\" (%s) của loại hoạt động \"%s\".",
			              f->label, f->key, t->label);
	}
	if (!rc && !(c->fields_text = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER)))
		rc = TT_ERR_NOMEM;
	json_decref(out);
	if (!rc)
		a->fields = c->fields_text;
	return rc;
}

/* The plan task must exist in a plan the user reads. */
static tt_rc check_task(tt_ctx *ctx, int64_t task_id)
{
	if (!task_id)
		return TT_OK;
	int64_t plan_id;
	tt_rc rc = store_activity_task_plan(ctx->db, task_id, &plan_id);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, TT_ERR_INVALID, "Nhiệm vụ kế hoạch (plan_task_id) %lld không có.",
		                (long long)task_id);
	if (rc)
		return rc;
	st_plan p;
	if ((rc = store_plan_get(ctx->db, ctx->arena, plan_id, &p)))
		return rc;
	int yes = 0;
	if ((rc = perm_ask(ctx, PERM_READ_PLAN, p.owner_org_id, &yes)))
		return rc;
	if (!yes && ctx->user && (rc = store_plan_names_org(ctx->db, plan_id, ctx->user->org_id, NULL, &yes)))
		return rc;
	if (!yes)
		return ctx_fail(ctx, TT_ERR_INVALID, "Nhiệm vụ kế hoạch (plan_task_id) %lld không có.",
		                (long long)task_id);
	return TT_OK;
}

static const char *id_str(tt_ctx *ctx, int64_t id)
{
	return arena_printf(ctx->arena, "%lld", (long long)id);
}

/* The stored activity with its countries, attachments and task. */
static tt_rc load_view(tt_ctx *ctx, int64_t id, activity_view *v)
{
	memset(v, 0, sizeof *v);
	tt_rc rc = store_activity_get(ctx->db, ctx->arena, id, &v->a);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, rc, "Không có hoạt động này.");
	if (rc || (rc = store_activity_countries(ctx->db, ctx->arena, id, &v->countries, &v->ncountries)) ||
	    (rc = store_activity_attachments(ctx->db, ctx->arena, id, &v->attachments, &v->nattachments)))
		return rc;
	if (v->a.plan_task_id && v->a.plan_id) {
		st_plan_task t;
		if (!store_plan_task_get(ctx->db, ctx->arena, v->a.plan_id, v->a.plan_task_id, &t)) {
			v->task_label = t.label;
			v->task_text = t.text;
		}
	}
	return TT_OK;
}

/* The activity, when the user may read it (else not found). */
static tt_rc readable(tt_ctx *ctx, int64_t id, activity_view *v)
{
	tt_rc rc = load_view(ctx, id, v);
	int yes = 0;
	if (!rc && (rc = perm_ask(ctx, PERM_READ_ACTIVITY, v->a.org_id, &yes)) == TT_OK && !yes)
		rc = ctx_fail(ctx, TT_ERR_NOT_FOUND, "Không có hoạt động này.");
	if (!rc)
		v->can_edit = perm_may(ctx, PERM_RECORD_ACTIVITY, v->a.org_id);
	return rc;
}

json_t *activity_json(const activity_view *v)
{
	const st_activity *a = &v->a;
	json_t *countries = json_array();
	for (size_t i = 0; i < v->ncountries; i++) {
		const country *c = country_get(v->countries[i]);
		json_array_append_new(countries, json_pack("{s:s, s:s}", "code", v->countries[i], "name",
		                                           c ? c->name : v->countries[i]));
	}
	json_t *att = json_array();
	for (size_t i = 0; i < v->nattachments; i++) {
		const st_activity_attachment *t = &v->attachments[i];
		json_array_append_new(att, json_pack("{s:I, s:s, s:s, s:I, s:s?}", "id", (json_int_t)t->id,
		                                     "filename", t->filename, "content_type", t->content_type,
		                                     "size", (json_int_t)t->size, "added_at", t->added_at));
	}
	json_t *fields = json_loads(a->fields ? a->fields : "{}", 0, NULL);
	const activity_type *t = activity_type_get(a->type);
	json_t *task = a->plan_task_id
	                   ? json_pack("{s:I, s:I, s:s?, s:s?}", "id", (json_int_t)a->plan_task_id, "plan_id",
	                               (json_int_t)a->plan_id, "label", v->task_label, "text", v->task_text)
	                   : json_null();
	return json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o, s:o, s:b, s:o, s:o, "
	                 "s:o, s:s?, s:s, s:s, s:I, s:b}",
	                 "id", (json_int_t)a->id, "org", "code", a->org_code, "name", a->org_name, "type",
	                 a->type, "type_label", t ? t->label : a->type, "title", a->title, "start_on",
	                 a->start_on, "end_on", a->end_on, "place", a->place, "description", a->description,
	                 "people", a->people >= 0 ? json_integer(a->people) : json_null(), "plan_task", task,
	                 "in_plan", a->in_plan, "fields", fields ? fields : json_object(), "countries",
	                 countries, "attachments", att, "recorded_by", a->recorded_by_login, "recorded_at",
	                 a->recorded_at, "updated_at", a->updated_at, "version", (json_int_t)a->version,
	                 "can_edit", v->can_edit);
}

/* The audit's picture of an activity as stored now. */
static json_t *audit_json(tt_ctx *ctx, int64_t id)
{
	activity_view v;
	return load_view(ctx, id, &v) ? NULL : activity_json(&v);
}

/* ---- changes ---- */

tt_rc activity_add_in_tx(tt_ctx *ctx, const activity_input *in, int64_t *id)
{
	checked c;
	st_org o;
	tt_rc rc;
	if (!ctx->user && !perm_is_system(ctx))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Cần đăng nhập để làm việc này.");
	if ((rc = check_input(ctx, in, &c)))
		goto done;
	if (!ctx_blank(in->org_code)) {
		if ((rc = store_org_get(ctx->db, ctx->arena, in->org_code, &o))) {
			if (rc == TT_ERR_NOT_FOUND)
				rc = ctx_fail(ctx, TT_ERR_INVALID,
				              "Đơn vị \"%s\" (org) không có trong danh mục.", in->org_code);
			goto done;
		}
		c.a.org_id = o.id;
	} else if (ctx->user)
		c.a.org_id = ctx->user->org_id;
	else {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Thiếu trường bắt buộc \"Đơn vị\" (org).");
		goto done;
	}
	c.a.recorded_by = ctx->user ? ctx->user->id : 0;
	if ((rc = perm_check(ctx, PERM_RECORD_ACTIVITY, c.a.org_id)))
		goto done;
	int64_t aid = 0;
	json_t *after = NULL;
	if (!(rc = check_task(ctx, c.a.plan_task_id)) &&
	    !(rc = store_activity_add(ctx->db, &c.a, c.countries, c.nc, c.num, c.nn, &aid))) {
		after = audit_json(ctx, aid);
		rc = after ? audit_record(ctx, "activity.create", "activity", id_str(ctx, aid), NULL, after)
		           : TT_ERR_NOMEM;
	}
	json_decref(after);
	if (!rc && id)
		*id = aid;
done:
	free(c.fields_text);
	return rc;
}

tt_rc activity_create(tt_ctx *ctx, const activity_input *in, int64_t *id)
{
	if (!ctx->user && !perm_is_system(ctx))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Cần đăng nhập để làm việc này.");
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	return core_end(ctx, activity_add_in_tx(ctx, in, id));
}

tt_rc activity_get(tt_ctx *ctx, int64_t id, activity_view *out)
{
	activity_view v;
	tt_rc rc = readable(ctx, id, &v);
	if (!rc)
		*out = v;
	return rc;
}

/* Inside the write transaction: the activity the user may edit. */
static tt_rc editable(tt_ctx *ctx, int64_t id, activity_view *v)
{
	tt_rc rc = readable(ctx, id, v);
	if (!rc)
		rc = perm_check(ctx, PERM_RECORD_ACTIVITY, v->a.org_id);
	return rc;
}

tt_rc activity_update(tt_ctx *ctx, int64_t id, const activity_input *in)
{
	checked c;
	tt_rc rc = check_input(ctx, in, &c);
	if (rc)
		goto done;
	if ((rc = core_begin(ctx)))
		goto done;
	activity_view v;
	json_t *before = NULL, *after = NULL;
	if ((rc = editable(ctx, id, &v)))
		goto out;
	if (!ctx_blank(in->org_code) && strcmp(in->org_code, v.a.org_code)) {
		rc = ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Không đổi được đơn vị (org) của một hoạt động; hãy xóa và ghi lại cho đơn vị kia.");
		goto out;
	}
	if (in->version && in->version != v.a.version) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT,
		              "Hoạt động đã được người khác sửa (phiên bản %lld); hãy tải lại rồi sửa tiếp.",
		              (long long)v.a.version);
		goto out;
	}
	c.a.id = id;
	if ((rc = check_task(ctx, c.a.plan_task_id)))
		goto out;
	before = activity_json(&v);
	if ((rc = store_activity_update(ctx->db, &c.a, in->version, c.countries, c.nc, c.num, c.nn))) {
		if (rc == TT_ERR_CONFLICT)
			ctx_fail(ctx, rc, "Hoạt động đã được người khác sửa; hãy tải lại rồi sửa tiếp.");
		goto out;
	}
	after = audit_json(ctx, id);
	rc = before && after
	         ? audit_record(ctx, "activity.update", "activity", id_str(ctx, id), before, after)
	         : TT_ERR_NOMEM;
out:
	json_decref(before);
	json_decref(after);
	rc = core_end(ctx, rc);
done:
	free(c.fields_text);
	return rc;
}

tt_rc activity_delete(tt_ctx *ctx, int64_t id)
{
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	activity_view v;
	json_t *before = NULL;
	if ((rc = editable(ctx, id, &v)))
		goto out;
	before = activity_json(&v);
	if (!(rc = store_activity_delete(ctx->db, ctx->arena, id)))
		rc = before ? audit_record(ctx, "activity.delete", "activity", id_str(ctx, id), before, NULL)
		            : TT_ERR_NOMEM;
out:
	json_decref(before);
	return core_end(ctx, rc);
}

/* ---- reading many, counting ---- */

/* The body a read is about: org_id, or the user's own (0 for an admin:
 * everything). A body the user may not read is refused. */
static tt_rc reader_scope(tt_ctx *ctx, int64_t org_id, int64_t *scope)
{
	if (!org_id) {
		if (perm_unbounded(ctx)) {
			*scope = 0;
			return TT_OK;
		}
		if (!ctx->user)
			return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Cần đăng nhập để làm việc này.");
		org_id = ctx->user->org_id;
	}
	tt_rc rc = perm_check(ctx, PERM_READ_ACTIVITY, org_id);
	if (!rc)
		*scope = org_id;
	return rc;
}

tt_rc activity_list(tt_ctx *ctx, const st_activity_query *q, st_activity **out, size_t *n, int64_t *total)
{
	st_activity_query w = *q;
	tt_rc rc;
	if (w.type && !activity_type_get(w.type))
		return ctx_fail(ctx, TT_ERR_INVALID, "Loại hoạt động \"%s\" không có.", w.type);
	if ((w.from && !ctx_date_valid(w.from)) || (w.to && !ctx_date_valid(w.to)))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Khoảng thời gian (from, to) phải là ngày viết YYYY-MM-DD.");
	if (w.country) {
		const country *c = country_find(w.country);
		if (!c)
			return ctx_fail(ctx, TT_ERR_INVALID, "Quốc gia \"%s\" không có trong danh mục.",
			                w.country);
		w.country = c->code;
	}
	if ((rc = reader_scope(ctx, q->org_id, &w.org_id)))
		return rc;
	if (!q->org_id)
		w.subtree = 1;
	if (w.limit <= 0 || w.limit > ACTIVITY_MAX_PAGE)
		w.limit = w.limit <= 0 ? 50 : ACTIVITY_MAX_PAGE;
	return store_activity_find(ctx->db, ctx->arena, &w, out, n, total);
}

tt_rc activity_countries(tt_ctx *ctx, int64_t id, const char ***out, size_t *n)
{
	return store_activity_countries(ctx->db, ctx->arena, id, out, n);
}

tt_rc activity_indicator_value(tt_ctx *ctx, const char *key, int64_t org_id, const char *from, const char *to,
                               double *value, int64_t *sources)
{
	const activity_indicator *ind = activity_indicator_get(key);
	if (!ind)
		return ctx_fail(ctx, TT_ERR_INVALID, "Chỉ tiêu \"%s\" không có (GET /api/v1/indicators).",
		                key ? key : "");
	if (!ctx_date_valid(from) || !ctx_date_valid(to) || strcmp(from, to) > 0)
		return ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Kỳ tính (from, to) phải là hai ngày viết YYYY-MM-DD, ngày đầu không sau ngày cuối.");
	tt_rc rc = perm_check(ctx, PERM_READ_ACTIVITY, org_id);
	if (rc)
		return rc;
	double v = 0;
	int64_t s = 0;
	if ((rc = store_activity_sum(ctx->db, ind->type, ind->field, org_id, from, to, &v, &s)))
		return rc;
	*value = v;
	*sources = s;
	return TT_OK;
}

tt_rc activity_stats(tt_ctx *ctx, const char *group, int64_t org_id, const char *from, const char *to,
                     st_activity_group **out, size_t *n)
{
	static const char *const groups[] = {"type", "country", "month", "org"};
	int ok = 0;
	for (size_t i = 0; group && i < 4; i++)
		ok |= !strcmp(group, groups[i]);
	if (!ok)
		return ctx_fail(ctx, TT_ERR_INVALID, "Tham số group phải là type, country, month hoặc org.");
	if ((from && !ctx_date_valid(from)) || (to && !ctx_date_valid(to)))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Khoảng thời gian (from, to) phải là ngày viết YYYY-MM-DD.");
	int64_t scope;
	tt_rc rc = reader_scope(ctx, org_id, &scope);
	st_activity_group *g;
	size_t k;
	if (rc || (rc = store_activity_stats(ctx->db, ctx->arena, group, scope, from, to, &g, &k)))
		return rc;
	for (size_t i = 0; i < k; i++) {
		if (!strcmp(group, "type")) {
			const activity_type *t = activity_type_get(g[i].key);
			g[i].name = t ? t->label : g[i].key;
		} else if (!strcmp(group, "country")) {
			const country *c = country_get(g[i].key);
			g[i].name = c ? c->name : g[i].key;
		}
	}
	*out = g;
	*n = k;
	return TT_OK;
}

/* ---- attachments ---- */

static const char *content_type_of(const char *filename)
{
	static const char *const map[][2] = {
	    {".pdf", "application/pdf"},
	    {".jpg", "image/jpeg"},
	    {".jpeg", "image/jpeg"},
	    {".png", "image/png"},
	    {".gif", "image/gif"},
	    {".webp", "image/webp"},
	    {".txt", "text/plain; charset=utf-8"},
	    {".doc", "application/msword"},
	    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	    {".xls", "application/vnd.ms-excel"},
	    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	    {".mp4", "video/mp4"},
	};
	const char *dot = strrchr(filename, '.');
	for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
		if (!strcasecmp(dot, map[i][0]))
			return map[i][1];
	return "application/octet-stream";
}

static tt_rc file_blob(tt_ctx *ctx, const char *path, const char *filename, int64_t *blob, int64_t *size)
{
	store_blob_writer *w = NULL;
	tt_rc rc = store_blob_begin(ctx->db, &w);
	if (rc)
		return rc;
	FILE *in = fopen(path, "rb");
	char piece[64 * 1024];
	size_t k, total = 0;
	if (!in)
		rc = ctx_fail(ctx, TT_ERR_IO, "Không đọc được tệp tải lên %s.", filename);
	while (!rc && (k = fread(piece, 1, sizeof piece, in)) > 0) {
		total += k;
		rc = total > ACTIVITY_MAX_ATTACHMENT
		         ? ctx_fail(ctx, TT_ERR_TOO_LARGE, "Tệp %s lớn hơn %zu MB.", filename,
		                    ACTIVITY_MAX_ATTACHMENT >> 20)
		         : store_blob_write(w, piece, k);
	}
	if (in)
		fclose(in);
	if (rc) {
		store_blob_abort(w);
		return rc;
	}
	if (!(rc = store_blob_finish(w, blob, NULL)))
		*size = (int64_t)total;
	return rc;
}

tt_rc activity_attachment_add(tt_ctx *ctx, int64_t id, const char *filename, const char *path,
                              int64_t *att_id)
{
	const char *name;
	tt_rc rc = clean_text(ctx, filename, "Tên tệp", "filename", 255, &name);
	if (rc)
		return rc;
	if (!name)
		return ctx_fail(ctx, TT_ERR_INVALID, "Tệp đính kèm cần có tên.");
	if ((rc = core_begin(ctx)))
		return rc;
	activity_view v;
	st_activity_attachment att = {.activity_id = id,
	                              .filename = name,
	                              .content_type = content_type_of(name),
	                              .added_by = ctx->user ? ctx->user->id : 0};
	int64_t aid = 0;
	json_t *after = NULL;
	if ((rc = editable(ctx, id, &v)) || (rc = file_blob(ctx, path, name, &att.blob_id, &att.size)) ||
	    (rc = store_activity_attachment_add(ctx->db, &att, &aid)))
		goto out;
	after = json_pack("{s:I, s:s, s:s, s:I}", "attachment", (json_int_t)aid, "filename", name,
	                  "content_type", att.content_type, "size", (json_int_t)att.size);
	rc = after ? audit_record(ctx, "activity.attachment.add", "activity", id_str(ctx, id), NULL, after)
	           : TT_ERR_NOMEM;
out:
	json_decref(after);
	rc = core_end(ctx, rc);
	if (!rc)
		*att_id = aid;
	return rc;
}

tt_rc activity_attachment_get(tt_ctx *ctx, int64_t id, int64_t att_id, st_activity_attachment *out)
{
	activity_view v;
	tt_rc rc = activity_get(ctx, id, &v);
	if (rc)
		return rc;
	rc = store_activity_attachment_get(ctx->db, ctx->arena, id, att_id, out);
	if (rc == TT_ERR_NOT_FOUND)
		rc = ctx_fail(ctx, rc, "Không có tệp đính kèm này.");
	return rc;
}

tt_rc activity_attachment_delete(tt_ctx *ctx, int64_t id, int64_t att_id)
{
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	activity_view v;
	st_activity_attachment att;
	json_t *before = NULL;
	if ((rc = editable(ctx, id, &v)))
		goto out;
	if ((rc = store_activity_attachment_get(ctx->db, ctx->arena, id, att_id, &att))) {
		if (rc == TT_ERR_NOT_FOUND)
			rc = ctx_fail(ctx, rc, "Không có tệp đính kèm này.");
		goto out;
	}
	if ((rc = store_activity_attachment_delete(ctx->db, id, att_id)))
		goto out;
	before = json_pack("{s:I, s:s, s:s, s:I}", "attachment", (json_int_t)att_id, "filename", att.filename,
	                   "content_type", att.content_type, "size", (json_int_t)att.size);
	rc = before
	         ? audit_record(ctx, "activity.attachment.delete", "activity", id_str(ctx, id), before, NULL)
	         : TT_ERR_NOMEM;
out:
	json_decref(before);
	return core_end(ctx, rc);
}
