/*
 * seed_words.h - the words the benchmark seed builds its service from:
 * names in four scripts (Kazakh in the Latin alphabet, Russian and Kazakh
 * in Cyrillic, Korean in Hangul, Uzbek in the Latin alphabet) with the
 * rules that make surnames and patronymics, and the reference lists of
 * fields, organisation kinds, regions, departments, job titles and the
 * contents of personnel files.  Static data: nothing to free.
 */
#ifndef HRMIS_SEED_WORDS_H
#define HRMIS_SEED_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* The number of elements of array a. */
#define SEED_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

enum seed_script { SEED_KAZAKH_LATIN, SEED_CYRILLIC, SEED_HANGUL, SEED_UZBEK_LATIN, SEED_SCRIPTS };

/* A list of words and its length. */
struct seed_words {
	const char *const *word;
	uint32_t count;
};

extern const struct seed_words seed_words_fields;    /* of ministries: "Health", ... */
extern const struct seed_words seed_words_org_kinds; /* "Committee for", ... */
extern const struct seed_words seed_words_regions;   /* cities: "Astana", ... */
extern const struct seed_words seed_words_departments;
extern const struct seed_words seed_words_institutions; /* of education */
extern const struct seed_words seed_words_majors;
extern const struct seed_words seed_words_levels;    /* of education, "secondary" first */
extern const struct seed_words seed_words_employers; /* before the civil service */
extern const struct seed_words seed_words_prior_positions;
extern const struct seed_words seed_words_courses;   /* of training */
extern const struct seed_words seed_words_providers; /* of training */
extern const struct seed_words seed_words_awards;
extern const struct seed_words seed_words_penalties;
extern const struct seed_words seed_words_results;     /* of assessments, best first */
extern const struct seed_words seed_words_class_ranks; /* "" (none), then 3rd to 1st */

/* The job titles of a staffing table and the grade of each. */
enum seed_title {
	SEED_TITLE_HEAD,
	SEED_TITLE_DEPUTY,
	SEED_TITLE_CHIEF,
	SEED_TITLE_LEADING,
	SEED_TITLE_SPECIALIST,
	SEED_TITLE_ASSISTANT,
	SEED_TITLE_SECTOR_HEAD,
	SEED_TITLES
};

struct seed_words_title {
	const char *title, *grade;
};

extern const struct seed_words_title seed_words_titles[SEED_TITLES];

/* A word of `list` drawn from *rng. */
const char *seed_words_pick(const struct seed_words *list, uint64_t *rng);

/* Writes surname number i (modulo the list) of `script` into out, in the
 * form for gender 'F' or 'M'. */
void seed_words_surname(enum seed_script script, uint32_t i, char gender, char *out, size_t size);

/* Given name number i (modulo the list) of `script` for gender 'F' or 'M'. */
const char *seed_words_given_name(enum seed_script script, uint32_t i, char gender);

/* Writes patronymic number i of `script` for gender 'F' or 'M' into out
 * (Kazakh: the father's name and ūly/qyzy); "" for Korean names. */
void seed_words_patronymic(enum seed_script script, uint32_t i, char gender, char *out,
                           size_t size);

#endif
