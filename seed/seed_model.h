/*
 * seed_model.h - the civil service of the benchmark seed, generated in
 * memory before it is written: organisations (the agency, ministries and
 * their organisations, some nested), departments, staffing tables and
 * people with their dates and positions.  Indexes here are ids less one.
 */
#ifndef HRMIS_SEED_MODEL_H
#define HRMIS_SEED_MODEL_H

#include <stdint.h>

/* The purposes of the random streams (seed_random_stream): each entity
 * draws from its own stream per purpose, so no draw shifts another. */
enum seed_tag {
	SEED_TAG_MINISTRY = 1,
	SEED_TAG_ORG,
	SEED_TAG_DEPT,
	SEED_TAG_PERSON,
	SEED_TAG_ORDER,
	SEED_TAG_SECTION,
	SEED_TAG_SLOT
};

struct seed_org {
	int32_t parent; /* index, -1 for the agency */
	int32_t ministry;
	char kind; /* 'A', 'M', 'O' */
	int depth;
	int32_t first_person, people;
	int32_t first_dept, depts;
	int32_t first_pos, positions;
	char code[32];
	char name[120];
};

struct seed_dept {
	int32_t org, parent; /* parent: dept index or -1 */
	uint16_t name;       /* in seed_words_departments */
	uint16_t number;
};

struct seed_position {
	int32_t org, dept;
	uint8_t title;  /* enum seed_title */
	uint8_t rates2; /* rates * 2 */
};

struct seed_person {
	int32_t org;
	int32_t birth, hire, end, transfer; /* days; end/transfer SEED_DATE_NONE when none */
	int32_t pos1, pos2;                 /* positions before and after the transfer (or -1) */
	uint16_t serial;                    /* of the IIN */
	uint8_t script, rate2;              /* enum seed_script; rate * 2 */
	char gender;
	uint8_t last, first, middle; /* name numbers in seed_words */
	int32_t number;              /* personnel number within the org */
};

struct seed_service {
	uint64_t seed;
	int32_t n_orgs, n_ministries, n_depts, n_positions;
	long n_people;
	struct seed_org *orgs;
	struct seed_dept *depts;
	struct seed_position *positions;
	struct seed_person *people;
	uint32_t *order; /* person index for each id - 1 */
};

/*
 * Generates the whole service from s->seed, s->n_orgs (>= 3),
 * s->n_ministries (>= 1, < n_orgs) and s->n_people (>= n_orgs), filling in
 * the rest of *s.  Allocation failure aborts; seed_model_free releases it.
 */
void seed_model_build(struct seed_service *s);

/* Frees what seed_model_build allocated (the counts stay). */
void seed_model_free(struct seed_service *s);

/* Writes the IIN of p (12 digits and a NUL) into out. */
void seed_model_person_iin(const struct seed_person *p, char out[13]);

#endif
