/* org.c - registry of bodies: search keys, tree lookups, loading the
 * national administrative units with their 2025 history, CSV import. */
#include "core/org.h"

#include <csv.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/audit.h"
#include "core/data.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "text/vn.h"

#define REFORM_FIRST_DAY "2025-07-01"
#define REFORM_LAST_OLD_DAY "2025-06-30"

int org_kind_valid(const char *kind)
{
	static const char *const kinds[] = {"ministry", "province", "commune", "department",
	                                    "press",    "other",    "district"};
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kind, kinds[i]))
			return 1;
	return 0;
}

const char *org_kind_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {
	    {"ministry", "Bộ, ngành trung ương"},
	    {"province", "Tỉnh, thành phố"},
	    {"commune", "Xã, phường, đặc khu"},
	    {"department", "Sở, ban, ngành"},
	    {"press", "Cơ quan báo chí"},
	    {"other", "Cơ quan, đơn vị khác"},
	    {"district", "Quận, huyện (trước 01/7/2025)"},
	};
	for (size_t i = 0; kind && i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(kind, labels[i].kind))
			return labels[i].label;
	return "Đơn vị";
}

tt_rc org_search(tt_ctx *ctx, const char *q, const char *at, const char *kind, const char *parent_code,
                 int limit, int offset, st_org **out, size_t *n)
{
	tt_rc rc;
	st_org_query query = {.at = at, .kind = kind, .limit = limit, .offset = offset};
	tt_buf key;
	buf_init(&key, 4096);
	if (q && *q) {
		tt_buf raw;
		buf_init(&raw, 4096);
		rc = vn_search_key(q, strlen(q), &raw);
		/* LIKE wildcards typed by a user are literal text, not patterns. */
		for (size_t i = 0; !rc && i < raw.len; i++) {
			char c = raw.data[i];
			if (c == '%' || c == '_' || c == '\\')
				rc = buf_addc(&key, '\\');
			if (!rc)
				rc = buf_addc(&key, c);
		}
		buf_free(&raw);
		if (rc)
			goto out;
		query.q_key = key.data;
	}
	if (parent_code && *parent_code) {
		st_org parent;
		if ((rc = store_org_get(ctx->db, ctx->arena, parent_code, &parent)))
			goto out;
		query.parent_id = parent.id;
	}
	rc = store_org_find(ctx->db, ctx->arena, &query, out, n);
out:
	buf_free(&key);
	return rc;
}

tt_rc org_put(tt_ctx *ctx, const st_org *o, const char *const *aliases, size_t naliases, int64_t *id)
{
	tt_rc rc;
	tt_buf key;
	int64_t oid = 0;
	if ((rc = perm_check(ctx, PERM_MANAGE_ORGS, 0)))
		return rc;
	buf_init(&key, 1 << 16);
	if (!o->code || !*o->code || !o->name || !*o->name)
		return ctx_fail(ctx, TT_ERR_INVALID, "Đơn vị phải có mã và tên.");
	if (!org_kind_valid(o->kind))
		return ctx_fail(ctx, TT_ERR_INVALID, "Loại đơn vị '%s' không hợp lệ.",
		                o->kind ? o->kind : "");
	if ((rc = vn_search_key(o->name, strlen(o->name), &key)))
		goto out;
	for (size_t i = 0; i < naliases; i++) {
		if ((rc = buf_adds(&key, " | ")) ||
		    (rc = vn_search_key(aliases[i], strlen(aliases[i]), &key)))
			goto out;
	}
	if ((rc = store_org_put(ctx->db, o, key.data, &oid)) || (rc = store_org_alias_clear(ctx->db, oid)))
		goto out;
	for (size_t i = 0; i < naliases && !rc; i++)
		rc = store_org_alias_add(ctx->db, oid, aliases[i]);
out:
	buf_free(&key);
	if (!rc && id)
		*id = oid;
	return rc;
}

/* ---- administrative units (address.json) ---- */

static json_t *table_data(json_t *root, const char *name)
{
	size_t i;
	json_t *item;
	json_array_foreach(root, i, item)
	{
		const char *t = json_string_value(json_object_get(item, "type"));
		const char *nm = json_string_value(json_object_get(item, "name"));
		if (t && nm && !strcmp(t, "table") && !strcmp(nm, name))
			return json_object_get(item, "data");
	}
	return NULL;
}

static const char *jstr(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v && *v ? v : NULL;
}

/* An uppercase ASCII slug of a name for generated codes: "Tỉnh Kon Tum" ->
 * "KON-TUM" (the administrative prefix is dropped). */
static tt_rc slug(tt_buf *out, const char *name)
{
	static const char *const prefixes[] = {"tinh ",   "thanh pho ", "quan ",     "huyen ",  "thi xa ",
	                                       "phuong ", "xa ",        "thi tran ", "dac khu "};
	tt_buf k;
	buf_init(&k, 4096);
	tt_rc rc = vn_search_key(name, strlen(name), &k);
	if (rc)
		goto out;
	const char *p = k.data ? k.data : "";
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);
		if (!strncmp(p, prefixes[i], n) && p[n]) {
			p += n;
			break;
		}
	}
	int dash = 0;
	for (; *p && !rc; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len && out->data[out->len - 1] != '-')
				rc = buf_addc(out, '-');
			dash = 0;
			if (!rc)
				rc = buf_addc(out, (char)(c >= 'a' && c <= 'z' ? c - 32 : c));
		} else
			dash = 1;
	}
out:
	buf_free(&k);
	return rc;
}

/* Name of a current province as people write it: "Tỉnh Quảng Ngãi";
 * cities already carry "Thành phố". */
static const char *province_full_name(tt_arena *a, const char *name, const char *place_type)
{
	if (place_type && !strcmp(place_type, "Tỉnh") && strncmp(name, "Tỉnh ", strlen("Tỉnh ")))
		return arena_printf(a, "Tỉnh %s", name);
	return name;
}

/* The common name of a province without its prefix, for aliases. */
static const char *bare_name(const char *name)
{
	if (!strncmp(name, "Tỉnh ", strlen("Tỉnh ")))
		return name + strlen("Tỉnh ");
	if (!strncmp(name, "Thành phố ", strlen("Thành phố ")))
		return name + strlen("Thành phố ");
	return name;
}

/* Room for the aliases of one province-level unit. */
enum { PROV_ALIASES = 24 };

/* The other names of data/admin_aliases.csv (name,alias), read once per
 * load. */
typedef struct {
	data_row *rows;
	size_t n;
} alias_table;

static tt_rc put_province_aliases(tt_ctx *ctx, const alias_table *extra, const char *full, const char **al,
                                  size_t *nal)
{
	const char *bare = bare_name(full);
	int city = !strncmp(full, "Thành phố ", strlen("Thành phố "));
	al[(*nal)++] = bare;
	al[(*nal)++] = arena_printf(ctx->arena, "UBND %s %s", city ? "thành phố" : "tỉnh", bare);
	al[(*nal)++] = arena_printf(ctx->arena, "Ủy ban nhân dân %s %s", city ? "thành phố" : "tỉnh", bare);
	for (size_t i = 0; extra && i < extra->n && *nal < PROV_ALIASES; i++)
		if (!strcmp(data_field(&extra->rows[i], 0), full) && *data_field(&extra->rows[i], 1))
			al[(*nal)++] = data_field(&extra->rows[i], 1);
	for (size_t i = 0; i < *nal; i++)
		if (!al[i])
			return TT_ERR_NOMEM;
	return TT_OK;
}

/* Finds or creates a historical unit keyed by code; returns its id. */
static tt_rc put_old(tt_ctx *ctx, const char *code, const char *name, const char *kind, int64_t parent,
                     const char *const *aliases, size_t nal, int64_t *id, size_t *created)
{
	st_org existing;
	if (store_org_get(ctx->db, ctx->arena, code, &existing) == TT_OK && existing.valid_to) {
		*id = existing.id;
		return TT_OK;
	}
	st_org o = {
	    .code = code, .name = name, .kind = kind, .parent_id = parent, .valid_to = REFORM_LAST_OLD_DAY};
	(*created)++;
	return org_put(ctx, &o, aliases, nal, id);
}

/* Small open-addressing map from a string to an id, for the loader. */
typedef struct {
	const char **keys;
	int64_t *vals;
	size_t cap;
} str_map;

static tt_rc map_init(tt_arena *a, str_map *m, size_t cap)
{
	m->cap = cap;
	m->keys = arena_alloc(a, cap * sizeof *m->keys);
	m->vals = arena_alloc(a, cap * sizeof *m->vals);
	if (!m->keys || !m->vals)
		return TT_ERR_NOMEM;
	memset(m->keys, 0, cap * sizeof *m->keys);
	return TT_OK;
}

static size_t map_slot(const str_map *m, const char *k)
{
	size_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)k; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	size_t i = h % m->cap;
	while (m->keys[i] && strcmp(m->keys[i], k))
		i = (i + 1) % m->cap;
	return i;
}

static int64_t map_get(const str_map *m, const char *k)
{
	size_t i = map_slot(m, k);
	return m->keys[i] ? m->vals[i] : 0;
}

static void map_put(str_map *m, const char *k, int64_t v)
{
	size_t i = map_slot(m, k);
	m->keys[i] = k;
	m->vals[i] = v;
}

/* One row of data/admin_renames.csv (province,kind,old_name,old_to,
 * new_name,new_from,source): the later unit, as address.json names it,
 * gets its first day; the former one is added (or found again) ending the
 * day before, with the later one as its successor. A row whose unit the
 * data does not have is skipped: the data may have changed. */
static tt_rc apply_rename(tt_ctx *ctx, const alias_table *extra, const data_row *row, const str_map *old_prov,
                          const str_map *old_dist, tt_buf *code, org_load_stats *st)
{
	const char *prov = data_field(row, 0), *kind = data_field(row, 1), *old_name = data_field(row, 2),
	           *old_to = data_field(row, 3), *new_name = data_field(row, 4),
	           *new_from = data_field(row, 5);
	int province = !strcmp(kind, "province");
	int64_t later = 0, parent = 0;
	if (province)
		later = map_get(old_prov, new_name);
	else {
		parent = map_get(old_prov, prov);
		const char *dkey = arena_printf(ctx->arena, "%s|%s", prov, new_name);
		if (!dkey)
			return TT_ERR_NOMEM;
		later = parent ? map_get(old_dist, dkey) : 0;
	}
	if (!later)
		return TT_OK;
	st_org o;
	const char **al = NULL;
	size_t nal = 0;
	tt_rc rc = store_org_get_id(ctx->db, ctx->arena, later, &o);
	if (!rc)
		rc = store_org_aliases(ctx->db, ctx->arena, later, &al, &nal);
	if (rc)
		return rc;
	o.valid_from = new_from;
	if ((rc = org_put(ctx, &o, al, nal, NULL)))
		return rc;
	/* The former unit: a province by its own name; a district by the
	 * later one's code and ".CU" (the two names differ only in rank,
	 * "Thị xã Thuận An" and "Thành phố Thuận An", and codes drop it). */
	buf_reset(code);
	if (province)
		rc = buf_adds(code, "OP-") ? TT_ERR_NOMEM : slug(code, old_name);
	else
		rc = buf_printf(code, "%s.CU", o.code);
	if (rc)
		return rc;
	const char *pal[PROV_ALIASES];
	size_t npal = 0;
	if (province && (rc = put_province_aliases(ctx, extra, old_name, pal, &npal)))
		return rc;
	const char *c = arena_strdup(ctx->arena, code->data);
	if (!c)
		return TT_ERR_NOMEM;
	st_org before = {.code = c,
	                 .name = old_name,
	                 .kind = province ? "province" : "district",
	                 .parent_id = parent,
	                 .valid_to = old_to};
	int64_t id;
	if ((rc = org_put(ctx, &before, pal, npal, &id)))
		return rc;
	province ? st->old_provinces++ : st->old_districts++;
	return store_org_successor_add(ctx->db, id, later);
}

tt_rc org_load_admin_units(tt_ctx *ctx, const char *path, org_load_stats *stats)
{
	tt_rc rc = TT_OK;
	json_error_t jerr;
	org_load_stats st = {0};
	tt_buf code;
	if ((rc = perm_check(ctx, PERM_MANAGE_ORGS, 0)))
		return rc;
	buf_init(&code, 4096);
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root)
		return ctx_fail(ctx, TT_ERR_PARSE, "Không đọc được %s: %s (dòng %d).", path, jerr.text,
		                jerr.line);
	json_t *provinces = table_data(root, "provinces"), *wards = table_data(root, "wards"),
	       *mappings = table_data(root, "ward_mappings");
	if (!json_is_array(provinces) || !json_is_array(wards) || !json_is_array(mappings)) {
		rc = ctx_fail(ctx, TT_ERR_PARSE, "%s không có các bảng provinces, wards, ward_mappings.",
		              path);
		goto out;
	}
	alias_table extra = {0};
	data_row *renames = NULL;
	size_t nrenames = 0;
	if ((rc = data_table(ctx->arena, "admin_aliases", &extra.rows, &extra.n)) ||
	    (rc = data_table(ctx->arena, "admin_renames", &renames, &nrenames)))
		goto out;
	str_map prov_by_name, prov_by_code, ward_by_code, ward_by_name, old_prov, old_dist;
	if ((rc = map_init(ctx->arena, &prov_by_name, 256)) ||
	    (rc = map_init(ctx->arena, &prov_by_code, 256)) ||
	    (rc = map_init(ctx->arena, &ward_by_code, 16384)) ||
	    (rc = map_init(ctx->arena, &ward_by_name, 16384)) ||
	    (rc = map_init(ctx->arena, &old_prov, 256)) || (rc = map_init(ctx->arena, &old_dist, 4096)))
		goto out;
	if ((rc = core_begin(ctx)))
		goto out;
	size_t i;
	json_t *it;
	json_array_foreach(provinces, i, it)
	{
		const char *pc = jstr(it, "province_code"), *name = jstr(it, "name");
		if (!pc || !name) {
			rc = ctx_fail(ctx, TT_ERR_PARSE, "Tỉnh thứ %zu thiếu mã hoặc tên.", i + 1);
			goto fail;
		}
		const char *full = province_full_name(ctx->arena, name, jstr(it, "place_type"));
		const char *c = arena_printf(ctx->arena, "P%s", pc);
		const char *al[PROV_ALIASES];
		size_t nal = 0;
		if (!full || !c || (rc = put_province_aliases(ctx, &extra, full, al, &nal)))
			goto fail_nomem;
		st_org o = {.code = c, .name = full, .kind = "province", .valid_from = REFORM_FIRST_DAY};
		int64_t id;
		if ((rc = org_put(ctx, &o, al, nal, &id)))
			goto fail;
		map_put(&prov_by_name, name, id);
		map_put(&prov_by_code, pc, id);
		st.provinces++;
	}
	json_array_foreach(wards, i, it)
	{
		const char *wc = jstr(it, "ward_code"), *name = jstr(it, "name"),
		           *pc = jstr(it, "province_code");
		int64_t parent = pc ? map_get(&prov_by_code, pc) : 0;
		if (!wc || !name || !parent) {
			rc = ctx_fail(ctx, TT_ERR_PARSE, "Xã/phường thứ %zu thiếu mã, tên hoặc tỉnh.", i + 1);
			goto fail;
		}
		const char *c = arena_printf(ctx->arena, "X%s", wc);
		if (!c)
			goto fail_nomem;
		st_org o = {.code = c,
		            .name = name,
		            .kind = "commune",
		            .parent_id = parent,
		            .valid_from = REFORM_FIRST_DAY};
		int64_t id;
		if ((rc = org_put(ctx, &o, NULL, 0, &id)))
			goto fail;
		map_put(&ward_by_code, arena_strdup(ctx->arena, wc), id);
		/* Some mapping rules carry a stale code; their province and ward
		 * name still identify the new ward. */
		const char *nkey = arena_printf(ctx->arena, "%lld|%s", (long long)parent, name);
		if (!nkey)
			goto fail_nomem;
		map_put(&ward_by_name, nkey, id);
		st.communes++;
	}
	json_array_foreach(mappings, i, it)
	{
		const char *op = jstr(it, "old_province_name"), *od = jstr(it, "old_district_name"),
		           *ow = jstr(it, "old_ward_name"), *owc = jstr(it, "old_ward_code"),
		           *np = jstr(it, "new_province_name"), *nwc = jstr(it, "new_ward_code");
		if (!op || !ow || !nwc)
			continue; /* units created from nothing (islands made special zones) */
		int64_t new_ward = map_get(&ward_by_code, nwc),
		        new_prov = np ? map_get(&prov_by_name, np) : 0;
		const char *nwn = jstr(it, "new_ward_name");
		/* Some rules carry a stale ward code; the new province and the
		 * ward's name still identify the ward. */
		if (!new_ward && new_prov && nwn) {
			const char *nkey = arena_printf(ctx->arena, "%lld|%s", (long long)new_prov, nwn);
			new_ward = nkey ? map_get(&ward_by_name, nkey) : 0;
		}
		if (!new_ward || !new_prov) {
			rc = ctx_fail(ctx, TT_ERR_PARSE, "Quy tắc %zu trỏ tới đơn vị mới không có: %s.",
			              i + 1, nwc);
			goto fail;
		}
		/* Old province. */
		int64_t pid = map_get(&old_prov, op);
		if (!pid) {
			buf_reset(&code);
			if ((rc = buf_adds(&code, "OP-")) || (rc = slug(&code, op)))
				goto fail;
			const char *al[PROV_ALIASES];
			size_t nal = 0;
			if ((rc = put_province_aliases(ctx, &extra, op, al, &nal)) ||
			    (rc = put_old(ctx, arena_strdup(ctx->arena, code.data), op, "province", 0, al,
			                  nal, &pid, &st.old_provinces)))
				goto fail;
			map_put(&old_prov, op, pid);
		}
		if ((rc = store_org_successor_add(ctx->db, pid, new_prov)))
			goto fail;
		/* Old district, keyed by province and name. */
		int64_t did = 0;
		if (od) {
			const char *dkey = arena_printf(ctx->arena, "%s|%s", op, od);
			if (!dkey)
				goto fail_nomem;
			did = map_get(&old_dist, dkey);
			if (!did) {
				buf_reset(&code);
				if ((rc = buf_adds(&code, "OD-")) || (rc = slug(&code, op)) ||
				    (rc = buf_addc(&code, '.')) || (rc = slug(&code, od)) ||
				    (rc = put_old(ctx, arena_strdup(ctx->arena, code.data), od, "district",
				                  pid, NULL, 0, &did, &st.old_districts)))
					goto fail;
				map_put(&old_dist, dkey, did);
			}
		}
		/* Old commune: by its official code, else by its names. */
		buf_reset(&code);
		if (owc)
			rc = buf_printf(&code, "OX%s", owc);
		else if (!(rc = buf_adds(&code, "OX-")) && !(rc = slug(&code, op)) &&
		         !(rc = buf_addc(&code, '.')) && !(rc = slug(&code, od ? od : "")) &&
		         !(rc = buf_addc(&code, '.')))
			rc = slug(&code, ow);
		if (rc)
			goto fail;
		int64_t wid;
		if ((rc = put_old(ctx, arena_strdup(ctx->arena, code.data), ow, "commune", did ? did : pid,
		                  NULL, 0, &wid, &st.old_communes)) ||
		    (rc = store_org_successor_add(ctx->db, wid, new_ward)))
			goto fail;
		if (did && (rc = store_org_successor_add(ctx->db, did, new_ward)))
			goto fail;
		st.links++;
	}
	for (size_t k = 0; k < nrenames; k++)
		if ((rc = apply_rename(ctx, &extra, &renames[k], &old_prov, &old_dist, &code, &st)))
			goto fail;
	json_t *after = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "file", path, "provinces",
	                          (json_int_t)st.provinces, "communes", (json_int_t)st.communes,
	                          "old_provinces", (json_int_t)st.old_provinces, "old_districts",
	                          (json_int_t)st.old_districts, "old_communes", (json_int_t)st.old_communes);
	rc = after ? audit_record(ctx, "org.load_admin_units", "org", NULL, NULL, after) : TT_ERR_NOMEM;
	json_decref(after);
	if ((rc = core_end(ctx, rc)))
		goto out;
	*stats = st;
	goto out;
fail_nomem:
	if (!rc)
		rc = TT_ERR_NOMEM;
fail:
	core_end(ctx, rc);
out:
	buf_free(&code);
	json_decref(root);
	return rc;
}

/* ---- CSV import ---- */

enum { CSV_COLS = 7 };

typedef struct {
	tt_ctx *ctx;
	tt_arena *a;
	char *field[CSV_COLS];
	int col;
	size_t line;
	size_t imported;
	size_t bad_line;
	tt_rc rc;
} csv_state;

static const char *const csv_header[CSV_COLS] = {"code",    "name",       "kind",    "parent_code",
                                                 "aliases", "valid_from", "valid_to"};

static int valid_date(const char *d)
{
	return !d || !*d || ctx_date_valid(d);
}

static void csv_field(void *s, size_t len, void *data)
{
	csv_state *cs = data;
	if (cs->rc)
		return;
	const char *p = s ? s : "";
	/* Spreadsheet programs start "CSV UTF-8" files with a byte-order mark. */
	if (cs->line == 0 && cs->col == 0 && len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
		p += 3;
		len -= 3;
	}
	if (cs->col < CSV_COLS)
		cs->field[cs->col] = arena_strndup(cs->a, p, len);
	cs->col++;
}

/* What the audit keeps of a body: the fields that decide who manages it
 * and when it exists. */
static json_t *org_audit_json(const st_org *o, const char *parent_code)
{
	return json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "name", o->name, "kind", o->kind, "parent_code",
	                 parent_code, "valid_from", o->valid_from, "valid_to", o->valid_to);
}

static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Records a body the import created (old NULL) or changed, with its state
 * before and after; an unchanged body records nothing. */
static tt_rc audit_org_change(tt_ctx *ctx, const st_org *old, const st_org *o, const char *parent_code)
{
	if (old && same_text(old->name, o->name) && same_text(old->kind, o->kind) &&
	    same_text(old->parent_code, parent_code) && same_text(old->valid_from, o->valid_from) &&
	    same_text(old->valid_to, o->valid_to))
		return TT_OK;
	json_t *before = old ? org_audit_json(old, old->parent_code) : NULL;
	json_t *after = org_audit_json(o, parent_code);
	tt_rc rc = (old && !before) || !after
	               ? TT_ERR_NOMEM
	               : audit_record(ctx, old ? "org.update" : "org.create", "org", o->code, before, after);
	json_decref(before);
	json_decref(after);
	return rc;
}

static void csv_row(int c, void *data)
{
	csv_state *cs = data;
	tt_ctx *ctx = cs->ctx;
	cs->line++;
	int cols = cs->col;
	cs->col = 0;
	if (cs->rc)
		return;
	for (int i = cols; i < CSV_COLS; i++)
		cs->field[i] = NULL;
	if (cs->line == 1) {
		for (int i = 0; i < CSV_COLS; i++)
			if (!cs->field[i] || strcmp(cs->field[i], csv_header[i])) {
				cs->rc = ctx_fail(ctx, TT_ERR_INVALID,
				                  "Dòng tiêu đề phải là: "
				                  "code,name,kind,parent_code,aliases,valid_from,valid_to.");
				cs->bad_line = 1;
				return;
			}
		return;
	}
	for (int i = 0; i < CSV_COLS; i++) {
		if (!cs->field[i])
			continue;
		tt_buf nfc;
		buf_init(&nfc, 1 << 16);
		size_t off;
		if (vn_utf8_validate(cs->field[i], strlen(cs->field[i]), &off)) {
			cs->rc = ctx_fail(ctx, TT_ERR_UTF8, "Dòng %zu, cột %s: không phải UTF-8 hợp lệ.",
			                  cs->line, csv_header[i]);
			cs->bad_line = cs->line;
			return;
		}
		if (vn_nfc(cs->field[i], strlen(cs->field[i]), &nfc) == TT_OK)
			cs->field[i] = arena_strdup(cs->a, nfc.data ? nfc.data : "");
		buf_free(&nfc);
	}
	st_org o = {.code = cs->field[0], .name = cs->field[1], .kind = cs->field[2]};
	o.valid_from = cs->field[5] && *cs->field[5] ? cs->field[5] : NULL;
	o.valid_to = cs->field[6] && *cs->field[6] ? cs->field[6] : NULL;
	if (!valid_date(o.valid_from) || !valid_date(o.valid_to)) {
		cs->rc = ctx_fail(ctx, TT_ERR_INVALID, "Dòng %zu: ngày phải có dạng YYYY-MM-DD.", cs->line);
		cs->bad_line = cs->line;
		return;
	}
	if (cs->field[3] && *cs->field[3]) {
		st_org parent;
		if (store_org_get(ctx->db, ctx->arena, cs->field[3], &parent)) {
			cs->rc = ctx_fail(ctx, TT_ERR_INVALID, "Dòng %zu: không có đơn vị cấp trên mã %s.",
			                  cs->line, cs->field[3]);
			cs->bad_line = cs->line;
			return;
		}
		o.parent_id = parent.id;
	}
	const char *aliases[32];
	size_t nal = 0;
	if (cs->field[4]) {
		char *p = cs->field[4];
		while (p && *p && nal < 32) {
			char *semi = strchr(p, ';');
			if (semi)
				*semi = '\0';
			while (*p == ' ')
				p++;
			size_t len = strlen(p);
			while (len && p[len - 1] == ' ')
				p[--len] = '\0';
			if (*p)
				aliases[nal++] = p;
			p = semi ? semi + 1 : NULL;
		}
	}
	ctx->error_detail = NULL;
	st_org old;
	tt_rc rc = store_org_get(ctx->db, ctx->arena, o.code ? o.code : "", &old);
	int existed = rc == TT_OK;
	if (rc == TT_ERR_NOT_FOUND)
		rc = TT_OK;
	if (!rc)
		rc = org_put(ctx, &o, aliases, nal, NULL);
	if (!rc)
		rc = audit_org_change(ctx, existed ? &old : NULL, &o,
		                      cs->field[3] && *cs->field[3] ? cs->field[3] : NULL);
	if (rc) {
		cs->rc = rc;
		cs->bad_line = cs->line;
		ctx_fail(ctx, rc, "Dòng %zu: %s", cs->line,
		         ctx->error_detail ? ctx->error_detail : "không lưu được đơn vị.");
		return;
	}
	cs->imported++;
}

tt_rc org_import_csv(tt_ctx *ctx, const char *path, size_t *imported, size_t *bad_line)
{
	struct csv_parser p;
	csv_state cs = {.ctx = ctx, .a = ctx->arena};
	tt_rc rc;
	if ((rc = perm_check(ctx, PERM_MANAGE_ORGS, 0)))
		return rc;
	FILE *f = fopen(path, "rb");
	if (!f)
		return ctx_fail(ctx, TT_ERR_IO, "Không mở được tệp %s.", path);
	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		fclose(f);
		return TT_ERR_NOMEM;
	}
	if ((rc = core_begin(ctx)))
		goto out;
	char chunk[8192];
	size_t n;
	while (!cs.rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (csv_parse(&p, chunk, n, csv_field, csv_row, &cs) != n) {
			cs.rc = ctx_fail(ctx, TT_ERR_PARSE, "Tệp CSV lỗi cú pháp gần dòng %zu.", cs.line + 1);
			cs.bad_line = cs.line + 1;
		}
	if (!cs.rc)
		csv_fini(&p, csv_field, csv_row, &cs);
	rc = cs.rc;
	if (!rc) {
		json_t *after = json_pack("{s:s, s:I}", "file", path, "rows", (json_int_t)cs.imported);
		rc = after ? audit_record(ctx, "org.import_csv", "org", NULL, NULL, after) : TT_ERR_NOMEM;
		json_decref(after);
	}
	rc = core_end(ctx, rc);
out:
	csv_free(&p);
	fclose(f);
	if (!rc)
		*imported = cs.imported;
	else if (bad_line)
		*bad_line = cs.bad_line;
	return rc;
}

/* ---- read models ---- */

static tt_rc may_read(tt_ctx *ctx)
{
	return ctx->user || perm_is_system(ctx) ? TT_OK : TT_ERR_UNAUTH;
}

tt_rc org_get(tt_ctx *ctx, const char *code, st_org *out)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_org_get(ctx->db, ctx->arena, code, out);
}

tt_rc org_find(tt_ctx *ctx, const st_org_query *q, st_org **out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_org_find(ctx->db, ctx->arena, q, out, n);
}

tt_rc org_aliases(tt_ctx *ctx, int64_t org_id, const char ***out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_org_aliases(ctx->db, ctx->arena, org_id, out, n);
}

tt_rc org_successors(tt_ctx *ctx, int64_t id, int transitive, st_org **out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_org_successors(ctx->db, ctx->arena, id, transitive, out, n);
}

tt_rc org_predecessors(tt_ctx *ctx, int64_t id, st_org **out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_org_predecessors(ctx->db, ctx->arena, id, out, n);
}

tt_rc org_carried_codes(tt_ctx *ctx, const int64_t *ids, size_t n, const char *new_start, const char ***out,
                        size_t *nout)
{
	tt_rc rc = may_read(ctx);
	if (rc)
		return rc;
	size_t cap = n + 8, k = 0;
	const char **codes = arena_alloc(ctx->arena, cap * sizeof *codes);
	if (!codes)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		st_org o, *succ = NULL;
		size_t ns = 0;
		rc = store_org_get_id(ctx->db, ctx->arena, ids[i], &o);
		if (rc)
			return rc;
		if (o.valid_to && strcmp(o.valid_to, new_start) < 0 &&
		    (rc = store_org_successors(ctx->db, ctx->arena, o.id, 1, &succ, &ns)))
			return rc;
		if (ns == 0) {
			succ = &o;
			ns = 1;
		}
		for (size_t j = 0; j < ns; j++) {
			int dup = 0;
			for (size_t m = 0; m < k && !dup; m++)
				dup = !strcmp(codes[m], succ[j].code);
			if (dup)
				continue;
			if (k == cap) {
				const char **c2 = arena_alloc(ctx->arena, cap * 2 * sizeof *c2);
				if (!c2)
					return TT_ERR_NOMEM;
				memcpy(c2, codes, k * sizeof *codes);
				codes = c2;
				cap *= 2;
			}
			codes[k++] = succ[j].code;
		}
	}
	*out = codes;
	*nout = k;
	return TT_OK;
}

/* ---- aliases chosen by people ---- */

/* The province a body lies in (itself for a province); 0 when none. */
static tt_rc province_of(tt_ctx *ctx, int64_t id, int64_t *province)
{
	st_org o;
	tt_rc rc = TT_OK;
	*province = 0;
	for (int depth = 0; id && depth < 8 && !rc; depth++) {
		if ((rc = store_org_get_id(ctx->db, ctx->arena, id, &o)))
			break;
		if (!strcmp(o.kind, "province")) {
			*province = o.id;
			break;
		}
		id = o.parent_id;
	}
	return rc;
}

tt_rc org_alias_add(tt_ctx *ctx, int64_t org_id, const char *alias)
{
	st_org o;
	const char **aliases;
	size_t n;
	tt_rc rc;
	if (ctx_blank(alias))
		return ctx_fail(ctx, TT_ERR_INVALID, "Tên gọi khác không được để trống.");
	if (strlen(alias) > 500 || vn_utf8_validate(alias, strlen(alias), NULL))
		return ctx_fail(ctx, TT_ERR_INVALID, "Tên gọi khác phải là văn bản UTF-8, tối đa 500 byte.");
	if ((rc = store_org_get_id(ctx->db, ctx->arena, org_id, &o)))
		return rc == TT_ERR_NOT_FOUND ? ctx_fail(ctx, rc, "Không có đơn vị này.") : rc;
	if (!perm_may(ctx, PERM_MANAGE_ORGS, 0)) {
		/* A coordinator names bodies of its own province. */
		int64_t mine = 0, theirs = 0;
		if (perm_ctx_role(ctx) != ROLE_COORDINATOR)
			return perm_check(ctx, PERM_MANAGE_ORGS, 0);
		if ((rc = province_of(ctx, ctx->user->org_id, &mine)) ||
		    (rc = province_of(ctx, o.id, &theirs)))
			return rc;
		if (!mine || mine != theirs)
			return ctx_fail(ctx, TT_ERR_FORBIDDEN,
			                "Chỉ đặt tên gọi khác cho đơn vị trong tỉnh của mình.");
	}
	tt_buf nfc;
	buf_init(&nfc, 4096);
	if ((rc = vn_nfc(alias, strlen(alias), &nfc)))
		goto out;
	const char *text = nfc.data ? nfc.data : "";
	/* Trimmed, as the CSV import keeps aliases. */
	while (*text == ' ')
		text++;
	size_t len = strlen(text);
	while (len && text[len - 1] == ' ')
		len--;
	text = arena_strndup(ctx->arena, text, len);
	if (!text || (rc = store_org_aliases(ctx->db, ctx->arena, o.id, &aliases, &n)))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(aliases[i], text))
			goto out; /* already there */
	const char **all = arena_alloc(ctx->arena, (n + 1) * sizeof *all);
	if (!all) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	if (n)
		memcpy(all, aliases, n * sizeof *all);
	all[n] = text;
	tt_buf key;
	buf_init(&key, 1 << 16);
	rc = vn_search_key(o.name, strlen(o.name), &key);
	for (size_t i = 0; i <= n && !rc; i++)
		if (!(rc = buf_adds(&key, " | ")))
			rc = vn_search_key(all[i], strlen(all[i]), &key);
	if (!rc)
		rc = store_org_put(ctx->db, &o, key.data, NULL);
	buf_free(&key);
	if (!rc)
		rc = store_org_alias_add(ctx->db, o.id, text);
	if (!rc) {
		json_t *after = json_pack("{s:s}", "alias", text);
		rc = after ? audit_record(ctx, "org.alias_add", "org", o.code, NULL, after) : TT_ERR_NOMEM;
		json_decref(after);
	}
out:
	buf_free(&nfc);
	return rc;
}
