/* match.c - bodies named in plan tasks, matched to the registry on a date
 * within the owner's province (see match.h).
 *
 * A phrase and every candidate name are brought to the same key: folded
 * (case, diacritics, đ, tone placement), punctuation dropped, qualifiers
 * stripped ("các", "tỉnh", "của tỉnh", "liên quan", the province's own
 * name: data/body_words.csv), spaces dropped, and an abbreviation replaced
 * by the name it stands for (the aliases of data/departments.csv). Group
 * phrases come from data/body_groups.csv. Nothing here knows a body's name. */
#include "core/match.h"

#include <string.h>

#include "base/buf.h"
#include "core/data.h"
#include "core/mutate.h"
#include "core/org.h"
#include "text/vn.h"

enum { MAX_CANDIDATES = 20000, MAX_PHRASE = 2000 };

typedef struct {
	const char **items;
	size_t n;
} word_list;

typedef struct {
	const char *from, *to;
} pair;

typedef struct {
	tt_ctx *ctx;
	const char *ten;                        /* the province's own name, spaced ("kon tum"); may be NULL */
	word_list lead, trail, unit, committee; /* spaced keys */
	pair *abbr;                             /* loose abbreviation -> loose name */
	size_t nabbr;
	pair *groups; /* loose phrase -> target */
	size_t ngroups;
} vocab;

/* ---- keys ---- */

/* The folded text with every run of non-alphanumerics made one space:
 * "Sở VH,TT&DL" -> "so vh tt dl". NULL on invalid UTF-8 or no memory. */
static char *spaced(tt_arena *a, const char *s)
{
	tt_buf k;
	buf_init(&k, 1 << 16);
	char *r = NULL;
	if (vn_search_key(s, strlen(s), &k) == TT_OK) {
		r = arena_alloc(a, k.len + 1);
		size_t n = 0;
		int space = 0;
		for (size_t i = 0; r && i < k.len; i++) {
			char c = k.data[i];
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (space && n)
					r[n++] = ' ';
				space = 0;
				r[n++] = c;
			} else
				space = 1;
		}
		if (r)
			r[n] = '\0';
	}
	buf_free(&k);
	return r;
}

/* A spaced key without its spaces. */
static char *loose(tt_arena *a, const char *sp)
{
	char *r = arena_alloc(a, strlen(sp) + 1);
	size_t n = 0;
	for (const char *p = sp; r && *p; p++)
		if (*p != ' ')
			r[n++] = *p;
	if (r)
		r[n] = '\0';
	return r;
}

static int starts_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	return n && !strncmp(s, w, n) && s[n] == ' ';
}

static int ends_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	return n && len > n && !strncmp(s + len - n, w, n) && s[len - n - 1] == ' ';
}

/* Drops the leading words of lead and the trailing words of trail (the
 * longest first), again and again; never down to nothing. */
static char *strip(tt_arena *a, const char *sp, const word_list *lead, const word_list *trail)
{
	const char *s = sp;
	size_t len = strlen(s);
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; lead && i < lead->n; i++)
			if (starts_word(s, lead->items[i])) {
				size_t n = strlen(lead->items[i]) + 1;
				s += n;
				len -= n;
				changed = 1;
			}
		size_t best = 0;
		for (size_t i = 0; trail && i < trail->n; i++) {
			size_t n = strlen(trail->items[i]);
			if (n > best && ends_word(s, len, trail->items[i]))
				best = n;
		}
		if (best) {
			len -= best + 1;
			changed = 1;
		}
	}
	return arena_strndup(a, s, len);
}

static const char *lookup(const pair *p, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(p[i].from, key))
			return p[i].to;
	return NULL;
}

/* The key a name is compared by: stripped, loose, abbreviation expanded. */
static const char *name_key(const vocab *v, const char *text)
{
	tt_arena *a = v->ctx->arena;
	char *sp = spaced(a, text);
	char *st = sp ? strip(a, sp, &v->lead, &v->trail) : NULL;
	const char *k = st ? loose(a, st) : NULL;
	const char *ex = lookup(v->abbr, v->nabbr, k);
	return ex ? ex : k;
}

/* The key of a district or commune name: "UBND huyện Sa Thầy" -> "sathay". */
static const char *unit_key(const vocab *v, const char *text)
{
	tt_arena *a = v->ctx->arena;
	char *sp = spaced(a, text);
	char *c = sp ? strip(a, sp, &v->committee, NULL) : NULL;
	char *st = c ? strip(a, c, &v->unit, NULL) : NULL;
	return st ? loose(a, st) : NULL;
}

/* Whether the phrase says it names a district or commune ("thành phố Kon
 * Tum", "UBND huyện Sa Thầy"). */
static int says_unit(const vocab *v, const char *text)
{
	tt_arena *a = v->ctx->arena;
	char *sp = spaced(a, text);
	char *c = sp ? strip(a, sp, &v->committee, NULL) : NULL;
	char *st = c ? strip(a, c, &v->unit, NULL) : NULL;
	return st && strcmp(c, st);
}

/* ---- vocabulary ---- */

/* "{ten}" replaced by the province's name (NULL when a word needs it and
 * there is none); "{tinh}" dropped. */
static const char *fill(tt_arena *a, const char *tmpl, const char *ten)
{
	tt_buf b;
	buf_init(&b, 4096);
	tt_rc rc = TT_OK;
	int missing = 0;
	for (const char *p = tmpl; *p && !rc;) {
		if (!strncmp(p, "{tinh}", 6))
			p += 6;
		else if (!strncmp(p, "{ten}", 5)) {
			if (ten)
				rc = buf_adds(&b, ten);
			else
				missing = 1;
			p += 5;
		} else
			rc = buf_addc(&b, *p++);
	}
	const char *r = rc || missing ? NULL : arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

static tt_rc vocab_load(tt_ctx *ctx, const st_org *province, vocab *v)
{
	tt_arena *a = ctx->arena;
	data_row *rows;
	size_t n;
	tt_rc rc;
	memset(v, 0, sizeof *v);
	v->ctx = ctx;
	const char *bare = NULL; /* "Kon Tum" of "Tỉnh Kon Tum" */
	if (province) {
		bare = province->name;
		if (!strncmp(bare, "Tỉnh ", strlen("Tỉnh ")))
			bare += strlen("Tỉnh ");
		else if (!strncmp(bare, "Thành phố ", strlen("Thành phố ")))
			bare += strlen("Thành phố ");
		if (!(v->ten = spaced(a, bare)))
			return TT_ERR_NOMEM;
	}
	if ((rc = data_table(a, "body_words", &rows, &n)))
		return rc;
	v->lead.items = arena_alloc(a, (n + 1) * sizeof(char *));
	v->trail.items = arena_alloc(a, (n + 1) * sizeof(char *));
	v->unit.items = arena_alloc(a, (n + 1) * sizeof(char *));
	v->committee.items = arena_alloc(a, (n + 1) * sizeof(char *));
	if (!v->lead.items || !v->trail.items || !v->unit.items || !v->committee.items)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *w = fill(a, data_field(&rows[i], 0), bare);
		const char *where = data_field(&rows[i], 1);
		if (!w || !(w = spaced(a, w)))
			continue; /* a word with the province's name, and no province */
		if (!w || !*w)
			continue;
		word_list *l = !strcmp(where, "lead")        ? &v->lead
		               : !strcmp(where, "trail")     ? &v->trail
		               : !strcmp(where, "committee") ? &v->committee
		                                             : &v->unit;
		l->items[l->n++] = w;
	}
	if ((rc = data_table(a, "departments", &rows, &n)))
		return rc;
	size_t cap = n * 12 + 1;
	v->abbr = arena_alloc(a, cap * sizeof *v->abbr);
	if (!v->abbr)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *nm = fill(a, data_field(&rows[i], 1), bare ? bare : "");
		const char *canon = nm ? name_key(v, nm) : NULL;
		if (!canon || !*canon)
			continue;
		const char *aliases = data_field(&rows[i], 3);
		while (*aliases && v->nabbr < cap) {
			const char *semi = strchr(aliases, ';');
			size_t len = semi ? (size_t)(semi - aliases) : strlen(aliases);
			const char *raw = arena_strndup(a, aliases, len);
			const char *al = raw ? fill(a, raw, bare ? bare : "") : NULL;
			const char *k = al ? name_key(v, al) : NULL;
			if (k && *k && strcmp(k, canon) && !lookup(v->abbr, v->nabbr, k))
				v->abbr[v->nabbr++] = (pair){k, canon};
			aliases += len + (semi ? 1 : 0);
		}
	}
	if ((rc = data_table(a, "body_groups", &rows, &n)))
		return rc;
	v->groups = arena_alloc(a, (n + 1) * sizeof *v->groups);
	if (!v->groups)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *k = name_key(v, data_field(&rows[i], 0));
		if (k && *k)
			v->groups[v->ngroups++] = (pair){k, data_field(&rows[i], 1)};
	}
	return TT_OK;
}

/* ---- the registry side ---- */

/* The province of a body (itself for a province); *found = 0 when none. */
static tt_rc province_of(tt_ctx *ctx, int64_t id, st_org *out, int *found)
{
	st_org o;
	*found = 0;
	for (int depth = 0; id && depth < 8; depth++) {
		tt_rc rc = store_org_get_id(ctx->db, ctx->arena, id, &o);
		if (rc)
			return rc;
		if (!strcmp(o.kind, "province")) {
			*out = o;
			*found = 1;
			return TT_OK;
		}
		id = o.parent_id;
	}
	return TT_OK;
}

typedef struct {
	st_org *orgs;
	size_t n;
} org_set;

static tt_rc add_unique(tt_arena *a, org_set *s, size_t cap, const st_org *o)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->orgs[i].id == o->id)
			return TT_OK;
	if (!s->orgs && !(s->orgs = arena_alloc(a, (cap ? cap : 1) * sizeof *s->orgs)))
		return TT_ERR_NOMEM;
	if (s->n < cap)
		s->orgs[s->n++] = *o;
	return TT_OK;
}

static int is_unit(const st_org *o)
{
	return !strcmp(o->kind, "district") || !strcmp(o->kind, "commune");
}

/* Whether body o is called `key` by its name or one of its aliases. */
static tt_rc named(const vocab *v, const st_org *o, const char *key, const char *full, int *yes)
{
	tt_ctx *ctx = v->ctx;
	*yes = 0;
	const char *k = name_key(v, o->name);
	char *sp = spaced(ctx->arena, o->name);
	if ((k && *k && !strcmp(k, key)) || (sp && !strcmp(loose(ctx->arena, sp), full))) {
		*yes = 1;
		return TT_OK;
	}
	const char **al;
	size_t n;
	tt_rc rc = org_aliases(ctx, o->id, &al, &n);
	for (size_t i = 0; !rc && i < n && !*yes; i++) {
		k = name_key(v, al[i]);
		sp = spaced(ctx->arena, al[i]);
		*yes = (k && *k && !strcmp(k, key)) || (sp && !strcmp(loose(ctx->arena, sp), full));
	}
	return rc;
}

/* The group's members among the candidates. */
static tt_rc expand(const vocab *v, const char *target, const st_org *cand, size_t ncand,
                    const st_org *province, const char *list, match_body *out)
{
	tt_arena *a = v->ctx->arena;
	org_set s = {0};
	tt_rc rc = TT_OK;
	out->group = 1;
	if (!strcmp(target, "vague")) {
		out->vague = 1;
		return TT_OK;
	}
	if (!strcmp(target, "province")) {
		out->group = 0;
		if (province && (rc = add_unique(a, &s, 1, province)))
			return rc;
		out->orgs = s.orgs;
		out->n = s.n;
		return TT_OK;
	}
	if (!strcmp(target, "listed") && list) {
		/* "(Sa Thầy, Ngọc Hồi, Đăk Glei và Ia H'Drai)": split on ',', ';' and " và ". */
		const char *q = list;
		while (*q && !rc) {
			const char *end = q;
			while (*end && *end != ',' && *end != ';' && *end != ')' && strncmp(end, " và ", 5))
				end++;
			const char *name = arena_strndup(a, q, (size_t)(end - q));
			const char *k = name ? unit_key(v, name) : NULL;
			for (size_t i = 0; k && *k && i < ncand && !rc; i++)
				if (!strcmp(cand[i].kind, "district")) {
					const char *ck = unit_key(v, cand[i].name);
					if (ck && !strcmp(ck, k))
						rc = add_unique(a, &s, ncand, &cand[i]);
				}
			if (!*end || *end == ')')
				break;
			q = end + (strncmp(end, " và ", 5) ? 1 : 5);
		}
		out->orgs = s.orgs;
		out->n = s.n;
		return rc;
	}
	const char *kind = !strcmp(target, "listed") ? "district" : target;
	int have_district = 0;
	for (size_t i = 0; i < ncand; i++)
		have_district |= !strcmp(cand[i].kind, "district");
	/* After 2025-07-01 there are no districts: the communes carry their work. */
	if (!strcmp(kind, "district") && !have_district)
		kind = "commune";
	for (size_t i = 0; i < ncand && !rc; i++)
		if (!strcmp(cand[i].kind, kind))
			rc = add_unique(a, &s, ncand, &cand[i]);
	out->orgs = s.orgs;
	out->n = s.n;
	return rc;
}

/* The key of a district or commune name with its kind word kept:
 * "UBND huyện Sa Thầy" -> "huyensathay". */
static const char *unit_full_key(const vocab *v, const char *text)
{
	tt_arena *a = v->ctx->arena;
	char *sp = spaced(a, text);
	char *c = sp ? strip(a, sp, &v->committee, NULL) : NULL;
	return c ? loose(a, c) : NULL;
}

/* The districts and communes called `text`: by the whole name ("huyện Sa
 * Thầy"), else by the name without its kind ("Sa Thầy"), districts before
 * the communes that share their name. */
static tt_rc find_unit(const vocab *v, const char *text, const st_org *cand, size_t ncand, org_set *s)
{
	const char *fk = unit_full_key(v, text), *uk = unit_key(v, text);
	tt_rc rc = TT_OK;
	for (size_t i = 0; fk && *fk && i < ncand && !rc; i++)
		if (is_unit(&cand[i])) {
			const char *ck = unit_full_key(v, cand[i].name);
			if (ck && !strcmp(ck, fk))
				rc = add_unique(v->ctx->arena, s, ncand, &cand[i]);
		}
	for (int district = 1; district >= 0 && !s->n && !rc; district--)
		for (size_t i = 0; uk && *uk && i < ncand && !rc; i++)
			if (!strcmp(cand[i].kind, district ? "district" : "commune")) {
				const char *ck = unit_key(v, cand[i].name);
				if (ck && !strcmp(ck, uk))
					rc = add_unique(v->ctx->arena, s, ncand, &cand[i]);
			}
	return rc;
}

tt_rc match_body_text(tt_ctx *ctx, int64_t scope_id, const char *at, const char *text, match_body *out)
{
	tt_arena *a = ctx->arena;
	st_org province, *cand = NULL;
	size_t ncand = 0;
	int have_province = 0;
	vocab v;
	tt_rc rc;
	if (!text || !at || !ctx_date_valid(at))
		return ctx_fail(ctx, TT_ERR_INVALID, "Cần cụm từ và ngày dạng YYYY-MM-DD.");
	if (vn_utf8_validate(text, strlen(text), NULL))
		return ctx_fail(ctx, TT_ERR_UTF8, "Tên cơ quan không phải UTF-8 hợp lệ.");
	if (strlen(text) > MAX_PHRASE)
		return ctx_fail(ctx, TT_ERR_INVALID, "Tên cơ quan dài quá %d byte.", MAX_PHRASE);
	if ((rc = province_of(ctx, scope_id, &province, &have_province)))
		return rc;
	if ((rc = vocab_load(ctx, have_province ? &province : NULL, &v)))
		return rc;
	if (scope_id) {
		st_org_query q = {
		    .at = at, .within_id = have_province ? province.id : scope_id, .limit = MAX_CANDIDATES};
		if ((rc = org_find(ctx, &q, &cand, &ncand)))
			return rc;
	}
	match_body r = {.text = text};
	org_set s = {0};

	/* A district or commune the phrase says it names ("UBND thành phố Kon
	 * Tum"), before qualifiers that would make it the province. */
	if (says_unit(&v, text) && (rc = find_unit(&v, text, cand, ncand, &s)))
		return rc;
	if (s.n) {
		r.orgs = s.orgs;
		r.n = s.n;
		*out = r;
		return TT_OK;
	}

	/* A group phrase, maybe followed by the names it means in parentheses. */
	const char *paren = strchr(text, '(');
	const char *head = paren ? arena_strndup(a, text, (size_t)(paren - text)) : text;
	const char *hk = head ? name_key(&v, head) : NULL;
	const char *target = lookup(v.groups, v.ngroups, hk);
	if (target) {
		if ((rc = expand(&v, target, cand, ncand, have_province ? &province : NULL,
		                 paren ? paren + 1 : NULL, &r)))
			return rc;
		*out = r;
		return TT_OK;
	}

	/* One body by name, alias or abbreviation: the whole phrase, else the
	 * part before the parentheses ("UBND tỉnh (qua Sở ...)"). */
	for (int pass = 0; pass < 2 && !s.n; pass++) {
		const char *t = pass ? head : text;
		if (pass && !paren)
			break;
		const char *key = name_key(&v, t);
		char *sp = spaced(a, t);
		const char *full = sp ? loose(a, sp) : NULL;
		if (!key || !full)
			return TT_ERR_NOMEM;
		if (!*key)
			continue;
		const char *prov_target = lookup(v.groups, v.ngroups, key);
		if (prov_target && !strcmp(prov_target, "province") && have_province) {
			if ((rc = add_unique(a, &s, 1, &province)))
				return rc;
			break;
		}
		for (size_t i = 0; i < ncand && !rc; i++) {
			int yes;
			if (is_unit(&cand[i]))
				continue;
			if (!(rc = named(&v, &cand[i], key, full, &yes)) && yes)
				rc = add_unique(a, &s, ncand, &cand[i]);
		}
		/* A district or commune by its name alone ("Sa Thầy"). */
		if (!s.n && !rc)
			rc = find_unit(&v, t, cand, ncand, &s);
		/* A national body (ministry) named in a provincial plan. */
		if (!s.n && !rc) {
			st_org *min;
			size_t nmin;
			st_org_query q = {.at = at, .kind = "ministry", .limit = 1000};
			if (!(rc = org_find(ctx, &q, &min, &nmin)))
				for (size_t i = 0; i < nmin && !rc; i++) {
					int yes;
					if (!(rc = named(&v, &min[i], key, full, &yes)) && yes)
						rc = add_unique(a, &s, nmin, &min[i]);
				}
		}
		if (rc)
			return rc;
	}
	r.orgs = s.orgs;
	r.n = s.n;
	*out = r;
	return TT_OK;
}

/* ---- the issuer of a document ---- */

tt_rc match_issuer(tt_ctx *ctx, const char *issuer_code, const char *place, const char *issuer_name,
                   const char *at, st_org *out)
{
	tt_arena *a = ctx->arena;
	st_org *prov;
	size_t nprov;
	tt_rc rc;
	if (!at || !ctx_date_valid(at))
		return ctx_fail(ctx, TT_ERR_INVALID, "Ngày phải có dạng YYYY-MM-DD.");
	st_org_query q = {.at = at, .kind = "province", .limit = 1000};
	if ((rc = org_find(ctx, &q, &prov, &nprov)))
		return rc;
	/* The province: by the place line, else by the end of the body line
	 * ("ỦY BAN NHÂN DÂN TỈNH KON TUM"). */
	const char *pk = NULL, *nk = NULL;
	if (place && *place) {
		char *sp = spaced(a, place);
		pk = sp ? loose(a, sp) : NULL;
	}
	if (issuer_name && *issuer_name) {
		char *sp = spaced(a, issuer_name);
		nk = sp ? loose(a, sp) : NULL;
	}
	const st_org *found = NULL;
	for (size_t i = 0; i < nprov && !found; i++) {
		char *sp = spaced(a, prov[i].name);
		if (!sp)
			return TT_ERR_NOMEM;
		const char *bare = !strncmp(sp, "tinh ", 5)         ? sp + 5
		                   : !strncmp(sp, "thanh pho ", 10) ? sp + 10
		                                                    : sp;
		const char *bk = loose(a, bare);
		if (!bk || !*bk)
			continue;
		size_t bl = strlen(bk);
		if (pk && (!strcmp(pk, bk) || !strcmp(pk, loose(a, sp))))
			found = &prov[i];
		else if (!pk && nk && strlen(nk) >= bl && !strcmp(nk + strlen(nk) - bl, bk))
			found = &prov[i];
	}
	if (!found)
		return ctx_fail(ctx, TT_ERR_NOT_FOUND, "Không tìm thấy tỉnh, thành phố \"%s\" vào ngày %s.",
		                place         ? place
		                : issuer_name ? issuer_name
		                              : "",
		                at);
	/* The body: the People's Committee itself, else a department by its
	 * abbreviation or the body line. */
	const char *tries[] = {issuer_code, issuer_name};
	for (size_t t = 0; t < 2; t++) {
		match_body m;
		if (!tries[t] || !*tries[t])
			continue;
		if ((rc = match_body_text(ctx, found->id, at, tries[t], &m)))
			return rc;
		if (!m.group && m.n == 1) {
			*out = m.orgs[0];
			return TT_OK;
		}
	}
	if (!issuer_code || !*issuer_code) {
		*out = *found;
		return TT_OK;
	}
	return ctx_fail(ctx, TT_ERR_NOT_FOUND, "Không tìm thấy cơ quan \"%s\" của %s vào ngày %s.",
	                issuer_code, found->name, at);
}

tt_rc match_remember(tt_ctx *ctx, const char *text, int64_t org_id)
{
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	return core_end(ctx, org_alias_add(ctx, org_id, text));
}
