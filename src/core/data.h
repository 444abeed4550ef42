/* data.h - the tables of data/ (departments, group phrases, qualifier
 * words), compiled into the binary so it carries its vocabulary; the CSV
 * files in data/ stay the source of truth. */
#ifndef TT_DATA_H
#define TT_DATA_H

#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

typedef struct {
	char **f; /* fields, NFC, never NULL ("" when empty) */
	int nf;
} data_row;

/* The rows of table `name` ("departments", "body_groups", "body_words",
 * "activity_types", "activity_fields", "indicators", "country_names"),
 * without comment lines ('#') and the header. Arena results;
 * TT_ERR_NOT_FOUND for an unknown table. */
tt_rc data_table(tt_arena *a, const char *name, data_row **rows, size_t *n);

/* Field i of a row, "" past the end. */
const char *data_field(const data_row *r, int i);

#endif
