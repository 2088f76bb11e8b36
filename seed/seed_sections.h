/*
 * seed_sections.h - the rows of the personnel file's sections for the
 * benchmark seed, one table per section.
 */
#ifndef HRMIS_SEED_SECTIONS_H
#define HRMIS_SEED_SECTIONS_H

#include "seed_copy.h"
#include "seed_model.h"

/* The order is part of the data: it keys each section's random stream. */
enum seed_section {
	SEED_SECTION_EDUCATION,
	SEED_SECTION_FAMILY,
	SEED_SECTION_PRIOR,
	SEED_SECTION_TRAINING,
	SEED_SECTION_AWARD,
	SEED_SECTION_PENALTY,
	SEED_SECTION_ASSESSMENT,
	SEED_SECTION_CONSENT
};

/*
 * Writes the rows of section `which` for every person of s into c, in
 * person id order, with ids from 1; the columns are those of the section's
 * COPY statement in seed_tables.c.
 */
void seed_sections_emit(const struct seed_service *s, struct seed_copy *c, enum seed_section which);

#endif
