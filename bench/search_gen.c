/* search_gen.c - a deterministic generator of synthetic administrative
 * documents of the genre (plans, reports, programmes, notices of a
 * provincial foreign-information office), for the search benchmark
 * (bench/search.sh). Not part of ttdn: it links nothing of it.
 *
 *   search_gen --n 1000000 --seed S --out FILE --text DIR... \
 *              [--bodies data/departments.csv] [--places FILE]
 *
 * At start it reads real texts of the genre (the seed documents and the
 * test corpus, every *.txt under the --text folders) and builds a
 * second-order Markov chain of their tokens (syllables and punctuation):
 * sentences are sampled from it, mostly by the trigram, sometimes by the
 * bigram, so the syllable and phrase frequencies are those of real
 * documents while the sentences are new. Into them it mixes body names
 * (data/departments.csv with a province), place names (--places: one
 * "province<TAB>name" or "ward<TAB>name" a line), people's names, and
 * citations of symbols ("Kế hoạch số 215/KH-UBND ngày ...", "Nghị định số
 * 72/2015/NĐ-CP"). Section headings come from the headings of the real texts.
 *
 * Output: one document a line, tab-separated:
 *   id  year  org  symbol  title  text
 * where text has its line breaks written as the two characters "\n" (the
 * generated text never holds a tab or a backslash). About 1.5-3 KB of text
 * per document. The same --seed and inputs give the same bytes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- PRNG: xoshiro256**, seeded by splitmix64 ---- */
static uint64_t rng_s[4];
static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}
static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}
static inline uint64_t rnd(void)
{
	uint64_t r = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 17;
	rng_s[2] ^= rng_s[0];
	rng_s[3] ^= rng_s[1];
	rng_s[1] ^= rng_s[2];
	rng_s[0] ^= rng_s[3];
	rng_s[2] ^= t;
	rng_s[3] = rotl(rng_s[3], 45);
	return r;
}
static inline uint32_t rnd_below(uint32_t n)
{
	return n ? (uint32_t)(((rnd() >> 32) * (uint64_t)n) >> 32) : 0;
}
static inline double rnd_unit(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}
/* A small number, mostly: 1..max with a 1/x-like tail. */
static uint32_t rnd_zipf(uint32_t max)
{
	double u = rnd_unit();
	uint32_t v = (uint32_t)(1 + (max - 1) * u * u * u);
	return v < 1 ? 1 : v > max ? max : v;
}

static void die(const char *m)
{
	fprintf(stderr, "search_gen: %s\n", m);
	exit(1);
}
static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die("out of memory");
	return q;
}

/* ---- a growable byte buffer ---- */
typedef struct {
	char *p;
	size_t n, cap;
} buf;
static void b_add(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}
static void b_str(buf *b, const char *s)
{
	b_add(b, s, strlen(s));
}
static void b_fmt(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void b_fmt(buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		b_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- vocabulary: token text <-> id ---- */
typedef struct {
	uint32_t off, len;
} tok;
static buf pool;
static tok *toks;
static uint32_t ntoks = 1; /* id 0: the sentence boundary */
static uint32_t *vmap;     /* open addressing: id or 0 */
static size_t vcap = 1 << 18;

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}
static uint32_t tok_id(const char *s, size_t n)
{
	size_t i = hash_bytes(s, n) & (vcap - 1);
	while (vmap[i]) {
		tok *t = &toks[vmap[i]];
		if (t->len == n && !memcmp(pool.p + t->off, s, n))
			return vmap[i];
		i = (i + 1) & (vcap - 1);
	}
	if (ntoks * 2 >= vcap)
		die("vocabulary too large");
	toks = xrealloc(toks, (ntoks + 1) * sizeof *toks);
	toks[ntoks] = (tok){(uint32_t)pool.n, (uint32_t)n};
	b_add(&pool, s, n);
	vmap[i] = ntoks;
	return ntoks++;
}

/* ---- the chain: (a,b) -> c for trigrams, (MARK,b) -> c for bigrams ---- */
#define BIGRAM_MARK 0xFFFFFFFFu
typedef struct {
	uint64_t key;
	uint32_t next;
} edge;
static edge *edges;
static size_t nedges, edgecap;
typedef struct {
	uint64_t key;
	uint32_t start, count;
} slot;
static slot *emap;
static size_t emapcap;

static void edge_add(uint64_t key, uint32_t next)
{
	if (nedges == edgecap) {
		edgecap = edgecap ? edgecap * 2 : 1 << 16;
		edges = xrealloc(edges, edgecap * sizeof *edges);
	}
	edges[nedges++] = (edge){key, next};
}
static int edge_cmp(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key ? 1 : (x->next > y->next) - (x->next < y->next);
}
static inline uint64_t mix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return k;
}
static void chain_index(void)
{
	qsort(edges, nedges, sizeof *edges, edge_cmp);
	emapcap = 1;
	while (emapcap < nedges * 2 + 2)
		emapcap <<= 1;
	emap = calloc(emapcap, sizeof *emap);
	if (!emap)
		die("out of memory");
	for (size_t i = 0; i < nedges;) {
		size_t j = i;
		while (j < nedges && edges[j].key == edges[i].key)
			j++;
		size_t h = mix64(edges[i].key) & (emapcap - 1);
		while (emap[h].count)
			h = (h + 1) & (emapcap - 1);
		emap[h] = (slot){edges[i].key, (uint32_t)i, (uint32_t)(j - i)};
		i = j;
	}
}
static const slot *chain_get(uint64_t key)
{
	size_t h = mix64(key) & (emapcap - 1);
	while (emap[h].count) {
		if (emap[h].key == key)
			return &emap[h];
		h = (h + 1) & (emapcap - 1);
	}
	return NULL;
}

/* ---- reading the real texts ---- */
static char **headings;
static size_t nheadings;

static int is_punct_tail(char c)
{
	return c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == '"' || c == '?' || c == '!';
}

/* A heading line of the genre: "I. ĐẶC ĐIỂM TÌNH HÌNH", "2. Khó khăn",
 * "III. NHIỆM VỤ VÀ GIẢI PHÁP": its text after the numbering. */
static void maybe_heading(const char *l, size_t n)
{
	size_t i = 0;
	while (i < n && (l[i] == 'I' || l[i] == 'V' || l[i] == 'X' || (l[i] >= '0' && l[i] <= '9')))
		i++;
	if (!i || i > 5 || i + 2 >= n || l[i] != '.' || l[i + 1] != ' ')
		return;
	const char *h = l + i + 2;
	size_t hn = n - i - 2;
	while (hn && (h[hn - 1] == ' ' || h[hn - 1] == '\r' || h[hn - 1] == ':'))
		hn--;
	if (hn < 6 || hn > 90 || memchr(h, '\t', hn) || memchr(h, '\\', hn))
		return;
	headings = xrealloc(headings, (nheadings + 1) * sizeof *headings);
	headings[nheadings] = strndup(h, hn);
	nheadings++;
}

/* Whether a line is running text: long enough, more lower than upper case
 * letters (not a heading or a letterhead), no table or page furniture. */
static int prose_line(const char *l, size_t n)
{
	if (n < 40 || memchr(l, '|', n) || memmem(l, n, "Đang tải", strlen("Đang tải")) ||
	    memmem(l, n, " PM", 3) || memmem(l, n, " AM", 3))
		return 0;
	size_t lower = 0, upper = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)l[i];
		lower += c >= 'a' && c <= 'z';
		upper += c >= 'A' && c <= 'Z';
	}
	return lower > 3 * upper;
}

static void learn_line(const char *l, size_t n, uint32_t *a, uint32_t *b)
{
	maybe_heading(l, n);
	if (!prose_line(l, n))
		return;
	size_t i = 0;
	while (i < n) {
		while (i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r' || l[i] == '-' || l[i] == '+' ||
		                 l[i] == '*' || l[i] == '(' || l[i] == '"'))
			i++;
		size_t s = i;
		while (i < n && l[i] != ' ' && l[i] != '\t' && l[i] != '\r')
			i++;
		size_t e = i;
		if (e == s)
			continue;
		/* trailing punctuation becomes its own token; '.' ends a sentence */
		size_t w = e;
		while (w > s && is_punct_tail(l[w - 1]))
			w--;
		if (w > s && w - s <= 40 && !memchr(l + s, '\\', w - s)) {
			uint32_t c = tok_id(l + s, w - s);
			edge_add(((uint64_t)*a << 32) | *b, c);
			edge_add(((uint64_t)BIGRAM_MARK << 32) | *b, c);
			*a = *b;
			*b = c;
		}
		for (size_t k = w; k < e; k++) {
			char p = l[k];
			uint32_t c;
			if (p == '.' || p == '?' || p == '!')
				c = 0;
			else if (p == ',' || p == ';' || p == ':')
				c = tok_id(l + k, 1);
			else
				continue;
			edge_add(((uint64_t)*a << 32) | *b, c);
			edge_add(((uint64_t)BIGRAM_MARK << 32) | *b, c);
			*a = c ? *b : 0;
			*b = c;
			if (!c)
				*a = 0;
		}
	}
	/* a line ends a sentence */
	if (*b) {
		edge_add(((uint64_t)*a << 32) | *b, 0);
		*a = 0;
		*b = 0;
	}
}

static size_t learn_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char *line = NULL;
	size_t cap = 0, total = 0;
	ssize_t n;
	uint32_t a = 0, b = 0;
	while ((n = getline(&line, &cap, f)) > 0) {
		total += (size_t)n;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		learn_line(line, (size_t)n, &a, &b);
	}
	free(line);
	fclose(f);
	return total;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.txt of dir, in name order (so the chain is the same each run). */
static size_t learn_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "search_gen: cannot open %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	char **names = NULL;
	size_t nn = 0, total = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		/* *.txt, but not the copies kept in decomposed form (NFD) */
		if (l > 4 && !strcmp(e->d_name + l - 4, ".txt") && !strstr(e->d_name, "nfd")) {
			names = xrealloc(names, (nn + 1) * sizeof *names);
			names[nn++] = strdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, nn, sizeof *names, name_cmp);
	for (size_t i = 0; i < nn; i++) {
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		total += learn_file(p);
		free(names[i]);
	}
	free(names);
	return total;
}

/* ---- names to mix in ---- */
static char **bodies, **provinces, **wards;
static size_t nbodies, nprovinces, nwards;

static void push(char ***arr, size_t *n, const char *s, size_t len)
{
	*arr = xrealloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = strndup(s, len);
}

/* data/departments.csv: suffix,name,... with "{tinh}" in the name. */
static void read_bodies(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot read the bodies file");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int header = 1;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[0] == '#')
			continue;
		if (header) {
			header = 0;
			continue;
		}
		char *c1 = strchr(line, ',');
		char *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
		if (!c1 || !c2 || c1[1] == '"')
			continue;
		char *name = c1 + 1;
		*c2 = 0;
		char *t = strstr(name, " {");
		if (t)
			*t = 0; /* " {tinh}", " {ten}": the province, said by the caller */
		if (*name && !strchr(name, '\t') && !strchr(name, '\\'))
			push(&bodies, &nbodies, name, strlen(name));
	}
	free(line);
	fclose(f);
}

static void read_places(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot read the places file");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		char *tab = strchr(line, '\t');
		if (!tab || strchr(tab + 1, '\\') || strchr(tab + 1, '\t') || !tab[1])
			continue;
		*tab = 0;
		if (!strcmp(line, "province"))
			push(&provinces, &nprovinces, tab + 1, strlen(tab + 1));
		else
			push(&wards, &nwards, tab + 1, strlen(tab + 1));
	}
	free(line);
	fclose(f);
}

static const char *pick(char **a, size_t n, const char *dflt)
{
	return n ? a[rnd_below((uint32_t)n)] : dflt;
}
#define PICK(arr) (arr)[rnd_below(sizeof(arr) / sizeof(arr)[0])]

static const char *const family[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                                     "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý",
                                     "Đinh",   "Trương", "Lương", "Y"};
static const char *const middle[] = {"Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc",
                                     "Xuân", "Thu", "Hoài", "Kim", "Trọng", "Công", "Bảo", "Hồng"};
static const char *const given[] = {"Anh",  "Bình", "Cường", "Dũng", "Giang", "Hà",   "Hải",  "Hạnh",
                                    "Hiếu", "Hoa",  "Hùng",  "Hương", "Khánh", "Lan", "Linh", "Long",
                                    "Mai",  "Minh", "Nam",   "Nga",  "Ngọc",  "Phong", "Phúc", "Quang",
                                    "Sơn",  "Tâm",  "Thắng", "Thảo", "Thủy", "Tiến", "Trang", "Trung",
                                    "Tuấn", "Tùng", "Vân",   "Việt", "Vinh", "Xuân", "Yến",  "Khoa"};
static const char *const roles[] = {"Phó Chủ tịch Ủy ban nhân dân tỉnh", "Giám đốc", "Phó Giám đốc",
                                    "Trưởng phòng Thông tin đối ngoại", "Chánh Văn phòng", "Trưởng ban"};
static const char *const issuers[] = {"UBND", "UBND", "UBND", "STTTT", "SNgV", "SVHTTDL", "SNV", "BCĐ",
                                      "VP",   "SKHĐT", "BTTTT", "BNG",   "STP",  "SCT"};
static const char *const country[] = {"Lào", "Campuchia", "Nhật Bản", "Hàn Quốc", "Trung Quốc", "Hoa Kỳ",
                                      "Liên bang Nga", "Pháp", "Cộng hòa Liên bang Đức", "Ô-xtrây-li-a",
                                      "Thái Lan", "Xin-ga-po", "Ấn Độ", "Cu-ba"};

typedef struct {
	const char *code, *word;
} dtype;
static const dtype dtypes[] = {{"KH", "Kế hoạch"},   {"BC", "Báo cáo"},    {"CTr", "Chương trình"},
                               {"TB", "Thông báo"},  {"QĐ", "Quyết định"}, {"HD", "Hướng dẫn"},
                               {"KH", "Kế hoạch"},   {"BC", "Báo cáo"}};

/* "tỉnh Quảng Ngãi" or "thành phố Hà Nội" as said inside a sentence (static
 * storage of the caller's size). */
static void province_ref(const char *full, char *out, size_t cap)
{
	if (!strncmp(full, "Thành phố ", strlen("Thành phố ")))
		snprintf(out, cap, "thành phố %s", full + strlen("Thành phố "));
	else if (!strncmp(full, "Tỉnh ", strlen("Tỉnh ")))
		snprintf(out, cap, "tỉnh %s", full + strlen("Tỉnh "));
	else
		snprintf(out, cap, "tỉnh %s", full);
}

static const char *province_short(const char *p)
{
	if (!strncmp(p, "Tỉnh ", strlen("Tỉnh ")))
		return p + strlen("Tỉnh ");
	if (!strncmp(p, "Thành phố ", strlen("Thành phố ")))
		return p + strlen("Thành phố ");
	return p;
}

static void add_person(buf *b)
{
	b_str(b, PICK(family));
	b_str(b, " ");
	b_str(b, PICK(middle));
	b_str(b, " ");
	b_str(b, PICK(given));
}

static void add_symbol(buf *b, int year, const char *type, const char *issuer)
{
	b_fmt(b, "%u/%s-%s", rnd_zipf(3000), type, issuer);
	(void)year;
}

static void add_citation(buf *b, int year, const char *prov)
{
	switch (rnd_below(6)) {
	case 0:
		b_fmt(b, "Nghị định số %u/%d/NĐ-CP", rnd_zipf(180), 2010 + (int)rnd_below(15));
		break;
	case 1:
		b_fmt(b, "Quyết định số %u/QĐ-TTg", rnd_zipf(2500));
		break;
	case 2:
		b_fmt(b, "Chỉ thị số %u/CT-TTg", rnd_zipf(40));
		break;
	default: {
		const dtype *t = &dtypes[rnd_below(sizeof dtypes / sizeof dtypes[0])];
		b_fmt(b, "%s số ", t->word);
		add_symbol(b, year, t->code, PICK(issuers));
		b_fmt(b, " ngày %02u/%02u/%d của Ủy ban nhân dân %s", 1 + rnd_below(28), 1 + rnd_below(12),
		      year - (int)rnd_below(2), prov);
	}
	}
}

/* One sentence from the chain, with now and then a name or a citation. */
static void add_sentence(buf *b, int year, const char *prov)
{
	uint32_t a = 0, c = 0, n = 0;
	int first = 1;
	for (;;) {
		const slot *s = NULL;
		if (rnd_unit() < 0.93)
			s = chain_get(((uint64_t)a << 32) | c);
		if (!s)
			s = chain_get(((uint64_t)BIGRAM_MARK << 32) | c);
		if (!s)
			break;
		uint32_t next = edges[s->start + rnd_below(s->count)].next;
		if (!next) {
			if (n >= 4)
				break;
			a = 0;
			c = 0;
			continue;
		}
		const tok *t = &toks[next];
		const char *tx = pool.p + t->off;
		int punct = t->len == 1 && (tx[0] == ',' || tx[0] == ';' || tx[0] == ':');
		if (first && punct) {
			a = c;
			c = next;
			continue;
		}
		if (!first && !punct)
			b_add(b, " ", 1);
		b_add(b, tx, t->len);
		first = 0;
		a = c;
		c = next;
		if (++n >= 45)
			break;
	}
	if (first) /* nothing came out: a sentence of the genre */
		b_str(b, "Tăng cường công tác thông tin đối ngoại");
	double u = rnd_unit();
	if (u < 0.08) {
		b_str(b, ", phối hợp với ");
		b_str(b, pick(bodies, nbodies, "Sở Ngoại vụ"));
		b_str(b, " ");
		b_str(b, prov);
	} else if (u < 0.14) {
		b_str(b, " tại ");
		b_str(b, pick(wards, nwards, "phường Nghĩa Chánh"));
		b_str(b, ", ");
		b_str(b, prov);
	} else if (u < 0.20) {
		b_str(b, " theo ");
		add_citation(b, year, prov);
	} else if (u < 0.24) {
		b_str(b, "; đồng chí ");
		add_person(b);
		b_str(b, ", ");
		b_str(b, PICK(roles));
		b_str(b, " chủ trì");
	} else if (u < 0.27) {
		b_str(b, " với đoàn công tác của ");
		b_str(b, PICK(country));
	}
	b_add(b, ".", 1);
}

static const char *const subjects[] = {
    "công tác thông tin đối ngoại năm %d",
    "công tác thông tin đối ngoại 6 tháng đầu năm %d",
    "hoạt động đối ngoại của tỉnh %s năm %d",
    "tuyên truyền về chủ quyền biển, đảo năm %d",
    "quảng bá hình ảnh tỉnh %s ra nước ngoài năm %d",
    "tổ chức đón tiếp đoàn khách quốc tế đến thăm và làm việc tại tỉnh %s năm %d",
    "triển khai Nghị định số 72/2015/NĐ-CP về quản lý nhà nước về thông tin đối ngoại năm %d",
    "kết quả thực hiện công tác thông tin đối ngoại quý %d",
    "tổng kết công tác thông tin đối ngoại năm %d và phương hướng nhiệm vụ năm tiếp theo",
    "thông tin đối ngoại về đường biên giới trên đất liền năm %d",
};

/* One document into out (the TSV line without its newline). */
static void gen_doc(buf *out, buf *text, uint64_t id)
{
	int year = 2015 + (int)rnd_below(11);
	const char *prov_full = pick(provinces, nprovinces, "Tỉnh Quảng Ngãi");
	const char *place = province_short(prov_full);
	char prov[160];
	province_ref(prov_full, prov, sizeof prov);
	const dtype *t = &dtypes[rnd_below(sizeof dtypes / sizeof dtypes[0])];
	const char *issuer = PICK(issuers);
	int by_ubnd = !strcmp(issuer, "UBND");
	const char *body = by_ubnd ? "Ủy ban nhân dân" : pick(bodies, nbodies, "Sở Ngoại vụ");

	static buf sym, title;
	sym.n = title.n = 0;
	add_symbol(&sym, year, t->code, issuer);
	b_str(&title, t->word);
	b_str(&title, " ");
	const char *sj = PICK(subjects);
	int nfmt = 0;
	for (const char *p = sj; (p = strchr(p, '%')); p++)
		nfmt++;
	if (strstr(sj, "%s"))
		b_fmt(&title, sj, prov, year);
	else if (strstr(sj, "quý"))
		b_fmt(&title, sj, 1 + (int)rnd_below(4));
	else
		b_fmt(&title, sj, year);
	(void)nfmt;

	text->n = 0;
	b_fmt(text, "%s %s\\nSố: %s\\n%s, ngày %02u tháng %02u năm %d\\n%s\\n", body, prov, sym.p, place,
	      1 + rnd_below(28), 1 + rnd_below(12), year, title.p);
	size_t target = 1500 + rnd_below(1500);
	static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
	for (int sec = 0; text->n < target && sec < 10; sec++) {
		b_fmt(text, "%s. ", roman[sec]);
		b_str(text, nheadings ? headings[rnd_below((uint32_t)nheadings)] : "NHIỆM VỤ VÀ GIẢI PHÁP");
		b_str(text, "\\n");
		int paras = 1 + (int)rnd_below(3);
		for (int p = 0; p < paras && text->n < target + 300; p++) {
			if (rnd_unit() < 0.4)
				b_str(text, "- ");
			int sents = 1 + (int)rnd_below(3);
			for (int s = 0; s < sents; s++) {
				if (s)
					b_add(text, " ", 1);
				add_sentence(text, year, prov);
			}
			b_str(text, "\\n");
		}
	}
	b_fmt(text, "Nơi nhận:\\n- Như trên;\\n- Lưu: VT.\\n%s\\n", "TM. ỦY BAN NHÂN DÂN");
	add_person(text);

	out->n = 0;
	b_fmt(out, "%llu\t%d\t%s %s\t%s\t%s\t", (unsigned long long)id, year, body, prov, sym.p, title.p);
	b_add(out, text->p, text->n);
}

int main(int argc, char **argv)
{
	uint64_t n = 1000, seed = 1;
	const char *out_path = NULL, *bodies_path = NULL, *places_path = NULL;
	const char *dirs[8];
	size_t ndirs = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			die("usage: search_gen --n N --seed S --out FILE --text DIR... [--bodies CSV] [--places FILE]");
		if (!strcmp(a, "--n"))
			n = strtoull(v, NULL, 10);
		else if (!strcmp(a, "--seed"))
			seed = strtoull(v, NULL, 10);
		else if (!strcmp(a, "--out"))
			out_path = v;
		else if (!strcmp(a, "--bodies"))
			bodies_path = v;
		else if (!strcmp(a, "--places"))
			places_path = v;
		else if (!strcmp(a, "--text") && ndirs < 8)
			dirs[ndirs++] = v;
		else
			die("unknown option");
		i++;
	}
	if (!out_path || !ndirs)
		die("--out and at least one --text are needed");
	uint64_t sx = seed;
	for (int i = 0; i < 4; i++)
		rng_s[i] = splitmix(&sx);
	vmap = calloc(vcap, sizeof *vmap);
	toks = xrealloc(NULL, sizeof *toks);
	if (!vmap)
		die("out of memory");
	size_t learned = 0;
	for (size_t i = 0; i < ndirs; i++)
		learned += learn_dir(dirs[i]);
	if (!nedges)
		die("no text to learn from");
	chain_index();
	if (bodies_path)
		read_bodies(bodies_path);
	if (places_path)
		read_places(places_path);
	fprintf(stderr,
	        "search_gen: learned %.1f KB of text: %u tokens, %zu transitions, %zu headings; %zu bodies, "
	        "%zu provinces, %zu wards\n",
	        learned / 1024.0, ntoks, nedges, nheadings, nbodies, nprovinces, nwards);

	FILE *f = fopen(out_path, "wb");
	if (!f)
		die("cannot write the output");
	static char obuf[1 << 20];
	setvbuf(f, obuf, _IOFBF, sizeof obuf);
	buf line = {0}, text = {0};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	uint64_t bytes = 0, textbytes = 0;
	for (uint64_t i = 1; i <= n; i++) {
		gen_doc(&line, &text, i);
		textbytes += text.n;
		b_add(&line, "\n", 1);
		if (fwrite(line.p, 1, line.n, f) != line.n)
			die("write failed");
		bytes += line.n;
	}
	if (fclose(f))
		die("write failed");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "search_gen: %llu documents, %.1f MB (text %.0f bytes a document) in %.1f s: %.0f docs/s\n",
	        (unsigned long long)n, bytes / 1e6, n ? (double)textbytes / n : 0.0, secs, secs > 0 ? n / secs : 0.0);
	free(line.p);
	free(text.p);
	return 0;
}
