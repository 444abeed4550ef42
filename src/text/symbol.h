/* symbol.h - the number-and-symbol grammar (số, ký hiệu) and citations.
 *
 * Forms (Decree 30 and Party rules):
 *   215/KH-UBND        number / TYPE - ISSUER
 *   838/STTTT-TTBCXB   official letter: no type part (kind CV)
 *   72/2015/NĐ-CP      legal normative documents carry the year
 *   22-NQ/TW, 16/KL/TW Party documents
 * Real text breaks the form: "167 /BC-BQLKKT" (stray space), "/BC-UBND"
 * (draft, blank number), "96/2023/NĐCP" (lost hyphen, restored here),
 * "Ð" (U+00D0) for "Đ". A citation is a symbol, the type word before it
 * ("Công văn số ...") and the date after it (", ngày 18/8/2017"). */
#ifndef TT_SYMBOL_H
#define TT_SYMBOL_H

#include <stddef.h>

enum {
	SYM_LOOSE = 1,  /* the "Số:" line: spaces around the first '/', blank number */
	SYM_SINGLE = 2, /* accept a lone issuer ("123/UBND"): a type word or "số" precedes */
};

typedef struct {
	long number;     /* -1 when blank */
	int year;        /* 0 when absent */
	char kind[8];    /* canonical type abbreviation, "" when the symbol has none */
	char issuer[40]; /* the issuer part: "UBND", "BQLKKT", "CP", "TW" */
	char text[96];   /* normalised: no spaces, Ð -> Đ, lost hyphen restored */
	size_t len;      /* bytes consumed from the input */
} sym_t;

/* Parses a symbol at the start of s. Returns bytes consumed or 0. */
size_t sym_parse(const char *s, size_t n, int flags, sym_t *out);

/* The canonical abbreviation for a type token ("qđ", "CTR" -> "QĐ",
 * "CTr"), or NULL if it is not a document type. */
const char *sym_type_abbr(const char *tok, size_t n);

/* The abbreviation for a search key naming a type ("cong van" -> "CV",
 * "ke hoach" -> "KH"), or NULL. */
const char *sym_type_of_name_key(const char *key);

/* The same for a key whose words lost their spaces in conversion
 * ("quyetdinh" -> "QĐ"); spaces in key are ignored. */
const char *sym_type_of_glued_key(const char *key);

typedef struct {
	size_t start, end; /* the span as written, type word to date */
	sym_t sym;
	const char *kind; /* static string: symbol's type, else the type word's, else "CV" */
	int y, m, d;      /* date, 0 if none */
} sym_cite;

/* Finds the next citation in s at or after from. Returns 1 and fills out, or
 * 0 when there is none. Continue scanning from out->end. */
int sym_find_citation(const char *s, size_t n, size_t from, sym_cite *out);

#endif
