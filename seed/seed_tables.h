/*
 * seed_tables.h - the tables the benchmark seed loads, in loading order,
 * each with its COPY statement and the writer of its rows.
 */
#ifndef HRMIS_SEED_TABLES_H
#define HRMIS_SEED_TABLES_H

#include <stddef.h>

#include "seed_copy.h"
#include "seed_model.h"

struct seed_table {
	const char *name;     /* in schema hr */
	const char *copy_sql; /* COPY ... FROM STDIN */
	void (*emit)(const struct seed_service *s, struct seed_copy *c);
	int section; /* enum seed_section, when emit is NULL */
};

extern const struct seed_table seed_tables[];
extern const size_t seed_tables_count;

/* Writes every row of table t for service s into c. */
void seed_tables_emit(const struct seed_table *t, const struct seed_service *s,
                      struct seed_copy *c);

#endif
