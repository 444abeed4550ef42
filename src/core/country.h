/* country.h - the countries an activity names: ISO 3166-1 alpha-2 codes
 * with Vietnamese names, from Debian's iso-codes (the JSON list and the
 * Vietnamese gettext catalogue of the iso_3166-1 domain), except where
 * data/country_names.csv gives the short name official documents use. The table is read
 * once, on first use (pthread_once), and never changes after: every thread
 * reads it without locks. */
#ifndef TT_COUNTRY_H
#define TT_COUNTRY_H

#include <stddef.h>

#include "base/err.h"

typedef struct {
	char code[3];        /* "JP" */
	const char *name;    /* Vietnamese ("Nhật Bản"), else the English name */
	const char *name_en; /* "Japan" */
	const char *key;     /* vn_search_key of the Vietnamese name */
	const char *key_alt; /* the same of the catalogue's name when data/country_names.csv
	                      * gives another ("Nhật"), else NULL */
} country;

/* Reads the table (the paths come from $TTDN_ISO_CODES_JSON and
 * $TTDN_ISO_CODES_MO, else Debian's). Idempotent; the server calls it
 * before it starts its threads. TT_ERR_IO when the list is missing. */
tt_rc country_load(void);
/* Every country, in the order of their Vietnamese names; *n how many
 * (0 when the table could not be read). */
const country *country_all(size_t *n);
/* The country of an alpha-2 code (either case), NULL when none. */
const country *country_get(const char *code);
/* The country a user typed: its code, or its Vietnamese or English name
 * (compared without case and accents). NULL when none. */
const country *country_find(const char *text);

#endif
