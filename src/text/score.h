/* score.h - the parser measured on a labelled corpus.
 *
 * A corpus is a folder of NAME.txt documents, each with NAME.expected.json
 * holding the fixture fields read by hand (kind, symbol, number,
 * issuer_code, place, date, title; see shared/fixtures/README.md). A field
 * left out of a label file is not scored; a field labelled null must not be
 * read. Per field: precision = correct / extracted, recall = correct /
 * labelled. Plans labelled with "tasks_min" (and optionally
 * "task_labels_include") count as read when at least that many tasks with
 * those labels came out. Used by `ttdn parse --score DIR`, `make bench` and
 * the corpus unit test. */
#ifndef TT_SCORE_H
#define TT_SCORE_H

#include <stddef.h>

#include "base/err.h"

enum { SC_KIND, SC_SYMBOL, SC_NUMBER, SC_ISSUER, SC_PLACE, SC_DATE, SC_TITLE, SC_NFIELDS };

typedef struct {
	size_t extracted, labelled, correct;
} score_count;

typedef struct {
	size_t docs;
	score_count field[SC_NFIELDS];
	size_t plans_labelled; /* plans with a tasks label */
	size_t plans_read;     /* of those, plans whose tasks were read */
} score_result;

/* Told of every field read wrong, missed or read where none was labelled:
 * the document's name, the field, the label and what was read (the string
 * "null" for none). */
typedef void (*score_miss_fn)(void *ud, const char *name, const char *field, const char *expected,
                              const char *got);

/* The field's name in the label files ("issuer_code"). */
const char *score_field_name(int f);

/* Parses and scores every NAME.txt with a NAME.expected.json in dir, in
 * name order. Fails with TT_ERR_NOT_FOUND when dir cannot be read,
 * TT_ERR_JSON when a label file is not JSON, TT_ERR_NOMEM. miss may be
 * NULL. */
tt_rc score_corpus(const char *dir, score_result *out, score_miss_fn miss, void *ud);

/* Shares in [0, 1]; 1 when nothing was extracted (precision) or labelled
 * (recall). */
double score_precision(const score_count *c);
double score_recall(const score_count *c);

#endif
