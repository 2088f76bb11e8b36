/*
 * seed_tables.c - the rows of every table the benchmark seed loads, written
 * from the service in memory (seed_model.h) in COPY's text format, and the
 * list of those tables in loading order.  The people are written in id
 * order, which is the shuffled order of s->order, not org by org.
 */
#include "seed_tables.h"

#include <stdio.h>

#include "seed_date.h"
#include "seed_random.h"
#include "seed_sections.h"
#include "seed_words.h"

static void emit_org(const struct seed_service *s, struct seed_copy *c)
{
	static const char *const kinds[] = {
		['A'] = "agency", ['M'] = "ministry", ['O'] = "organisation"
	};

	for (int i = 0; i < s->n_orgs; i++) {
		const struct seed_org *o = &s->orgs[i];

		seed_copy_long(c, i + 1);
		if (o->parent < 0)
			seed_copy_null(c);
		else
			seed_copy_long(c, o->parent + 1);
		seed_copy_text(c, o->code);
		seed_copy_text(c, o->name);
		seed_copy_text(c, kinds[(unsigned char)o->kind]);
		seed_copy_row_end(c);
	}
}

static void emit_org_closure(const struct seed_service *s, struct seed_copy *c)
{
	for (int i = 0; i < s->n_orgs; i++)
		for (int a = i, depth = 0; a >= 0; a = s->orgs[a].parent, depth++) {
			seed_copy_long(c, a + 1);
			seed_copy_long(c, i + 1);
			seed_copy_long(c, depth);
			seed_copy_row_end(c);
		}
}

/* The code and name of department i. */
static void department_label(const struct seed_service *s, int i, char code[16], char name[160])
{
	const struct seed_dept *d = &s->depts[i];

	snprintf(code, 16, "D%02d", d->number);
	if (d->parent < 0)
		snprintf(name, 160, "%s", seed_words_departments.word[d->name]);
	else
		snprintf(name, 160, "%s Sector, %s", seed_words_departments.word[d->name],
		         seed_words_departments.word[s->depts[d->parent].name]);
}

static void emit_department(const struct seed_service *s, struct seed_copy *c)
{
	for (int i = 0; i < s->n_depts; i++) {
		const struct seed_dept *d = &s->depts[i];
		char code[16], name[160];

		department_label(s, i, code, name);
		seed_copy_long(c, i + 1);
		seed_copy_long(c, d->org + 1);
		if (d->parent < 0)
			seed_copy_null(c);
		else
			seed_copy_long(c, d->parent + 1);
		seed_copy_text(c, code);
		seed_copy_text(c, name);
		seed_copy_date(c, seed_date_from_civil(1990, 1, 1));
		seed_copy_row_end(c);
	}
}

static void emit_position(const struct seed_service *s, struct seed_copy *c)
{
	for (int i = 0; i < s->n_positions; i++) {
		const struct seed_position *p = &s->positions[i];

		seed_copy_long(c, i + 1);
		seed_copy_long(c, p->org + 1);
		seed_copy_long(c, p->dept + 1);
		seed_copy_text(c, seed_words_titles[p->title].title);
		seed_copy_text(c, seed_words_titles[p->title].grade);
		seed_copy_half(c, p->rates2);
		seed_copy_date(c, seed_date_from_civil(1990, 1, 1));
		seed_copy_row_end(c);
	}
}

/* The first and only version of each department and position (010): the
 * same attributes, in force from 1990 on. */
static void emit_department_version(const struct seed_service *s, struct seed_copy *c)
{
	for (int i = 0; i < s->n_depts; i++) {
		const struct seed_dept *d = &s->depts[i];
		char code[16], name[160];

		department_label(s, i, code, name);
		seed_copy_long(c, i + 1);
		seed_copy_long(c, d->org + 1);
		seed_copy_long(c, i + 1);
		seed_copy_range(c, seed_date_from_civil(1990, 1, 1), SEED_DATE_NONE);
		if (d->parent < 0)
			seed_copy_null(c);
		else
			seed_copy_long(c, d->parent + 1);
		seed_copy_text(c, code);
		seed_copy_text(c, name);
		seed_copy_row_end(c);
	}
}

static void emit_position_version(const struct seed_service *s, struct seed_copy *c)
{
	for (int i = 0; i < s->n_positions; i++) {
		const struct seed_position *p = &s->positions[i];

		seed_copy_long(c, i + 1);
		seed_copy_long(c, p->org + 1);
		seed_copy_long(c, i + 1);
		seed_copy_range(c, seed_date_from_civil(1990, 1, 1), SEED_DATE_NONE);
		seed_copy_long(c, p->dept + 1);
		seed_copy_text(c, seed_words_titles[p->title].title);
		seed_copy_text(c, seed_words_titles[p->title].grade);
		seed_copy_half(c, p->rates2);
		seed_copy_row_end(c);
	}
}

static void person_names(const struct seed_person *p, char *last, char *middle, size_t size)
{
	seed_words_surname(p->script, p->last, p->gender, last, size);
	seed_words_patronymic(p->script, p->middle, p->gender, middle, size);
}

static void emit_person(const struct seed_service *s, struct seed_copy *c)
{
	static const char *const streets_lat[] = { "Abai avenue", "Dostyq street",
		                                   "Respublika avenue", "Tole bi street" };
	static const char *const streets_cyr[] = { "ул. Абая", "пр. Достык", "ул. Сейфуллина",
		                                   "ул. Толе би" };

	for (long i = 0; i < s->n_people; i++) {
		const struct seed_person *p = &s->people[s->order[i]];
		uint64_t r = seed_random_stream(s->seed, SEED_TAG_SECTION * 64, s->order[i]);
		char last[128], middle[128], iin[13], text[160], date[11];

		person_names(p, last, middle, sizeof last);
		seed_model_person_iin(p, iin);
		seed_copy_long(c, i + 1);
		seed_copy_long(c, p->org + 1);
		seed_copy_text(c, last);
		seed_copy_text(c, seed_words_given_name(p->script, p->first, p->gender));
		seed_copy_text(c, middle);
		seed_copy_date(c, p->birth);
		seed_copy_text(c, iin);
		seed_copy_text(c, p->gender == 'F' ? "F" : "M");
		seed_copy_text(c, p->script == SEED_UZBEK_LATIN && seed_random_chance(&r, 30)
		                          ? "Uzbekistan"
		                  : p->script == SEED_HANGUL && seed_random_chance(&r, 20)
		                          ? "Republic of Korea"
		                          : "Kazakhstan");
		snprintf(text, sizeof text, "+7 7%02u %03u %02u %02u", seed_random_pick(&r, 100),
		         seed_random_pick(&r, 1000), seed_random_pick(&r, 100),
		         seed_random_pick(&r, 100));
		seed_copy_text(c, text);
		if (seed_random_chance(&r, 30))
			seed_copy_text(c, "");
		else {
			snprintf(text, sizeof text, "user%ld@mail.kz", i + 1);
			seed_copy_text(c, text);
		}
		if (p->script == SEED_CYRILLIC)
			snprintf(text, sizeof text, "г. %s, %s, %u",
			         seed_random_chance(&r, 50) ? "Алматы" : "Астана",
			         streets_cyr[seed_random_pick(&r, 4)],
			         1 + seed_random_pick(&r, 200));
		else
			snprintf(text, sizeof text, "%s, %s %u",
			         seed_words_pick(&seed_words_regions, &r),
			         streets_lat[seed_random_pick(&r, 4)],
			         1 + seed_random_pick(&r, 200));
		seed_copy_text(c, text);
		seed_date_format(p->hire, date);
		snprintf(text, sizeof text, "%s 09:00:00+00", date);
		seed_copy_text(c, text);
		seed_copy_row_end(c);
	}
}

static void emit_employment(const struct seed_service *s, struct seed_copy *c)
{
	for (long i = 0; i < s->n_people; i++) {
		const struct seed_person *p = &s->people[s->order[i]];
		char number[16];

		snprintf(number, sizeof number, "%06d", p->number);
		seed_copy_long(c, i + 1);
		seed_copy_long(c, p->org + 1);
		seed_copy_long(c, i + 1);
		seed_copy_text(c, number);
		seed_copy_date(c, p->hire);
		seed_copy_date(c, p->end);
		seed_copy_row_end(c);
	}
}

/* One assignment, or two adjacent ones around a transfer. */
static void emit_assignment(const struct seed_service *s, struct seed_copy *c)
{
	long id = 0;

	for (long i = 0; i < s->n_people; i++) {
		const struct seed_person *p = &s->people[s->order[i]];
		int32_t end = p->end == SEED_DATE_NONE ? SEED_DATE_NONE : p->end + 1;
		int32_t from[2] = { p->hire, p->transfer }, to[2] = { p->transfer, end };
		int32_t pos[2] = { p->pos1, p->pos2 };

		if (p->transfer == SEED_DATE_NONE)
			to[0] = end;
		for (int k = 0; k < (p->transfer == SEED_DATE_NONE ? 1 : 2); k++) {
			seed_copy_long(c, ++id);
			seed_copy_long(c, p->org + 1);
			seed_copy_long(c, i + 1);
			seed_copy_long(c, pos[k] + 1);
			seed_copy_half(c, p->rate2);
			seed_copy_range(c, from[k], to[k]);
			seed_copy_row_end(c);
		}
	}
}

/* Grades rise one step every few years up to the grade of the last position. */
static void emit_grade_history(const struct seed_service *s, struct seed_copy *c)
{
	long id = 0;

	for (long i = 0; i < s->n_people; i++) {
		const struct seed_person *p = &s->people[s->order[i]];
		const char *final =
		        seed_words_titles[s->positions[p->pos2 >= 0 ? p->pos2 : p->pos1].title]
		                .grade;
		int32_t until =
		        p->end == SEED_DATE_NONE ? seed_date_from_civil(2024, 12, 31) : p->end;
		int32_t end = p->end == SEED_DATE_NONE ? SEED_DATE_NONE : p->end + 1;
		int steps = until - p->hire > 6 * 365 ? 3 : until - p->hire > 3 * 365 ? 2 : 1;

		for (int k = 0; k < steps; k++) {
			int32_t from = p->hire + (until - p->hire) * k / steps;
			int32_t to =
			        k + 1 < steps ? p->hire + (until - p->hire) * (k + 1) / steps : end;
			char grade[8];

			snprintf(grade, sizeof grade, "%c-%d", final[0],
			         final[2] - '0' + steps - 1 - k);
			seed_copy_long(c, ++id);
			seed_copy_long(c, p->org + 1);
			seed_copy_long(c, i + 1);
			seed_copy_text(c, grade);
			seed_copy_text(c, seed_words_class_ranks.word[k + 1]);
			seed_copy_range(c, from, to);
			seed_copy_row_end(c);
		}
	}
}

const struct seed_table seed_tables[] = {
	{ "org", "COPY hr.org (id, parent_id, code, name, kind) FROM STDIN", emit_org, 0 },
	{ "org_closure", "COPY hr.org_closure (ancestor, descendant, depth) FROM STDIN",
	  emit_org_closure, 0 },
	{ "department",
	  "COPY hr.department (id, org_id, parent_id, code, name, valid_from) FROM STDIN",
	  emit_department, 0 },
	{ "position",
	  "COPY hr.position (id, org_id, department_id, title, grade, rates, valid_from) FROM "
	  "STDIN",
	  emit_position, 0 },
	{ "department_version",
	  "COPY hr.department_version (id, org_id, department_id, valid, parent_id, code, name) "
	  "FROM STDIN",
	  emit_department_version, 0 },
	{ "position_version",
	  "COPY hr.position_version (id, org_id, position_id, valid, department_id, title, grade, "
	  "rates) FROM STDIN",
	  emit_position_version, 0 },
	{ "person",
	  "COPY hr.person (id, org_id, last_name, first_name, middle_name, birth_date, "
	  "personal_id, "
	  "gender, citizenship, phone, email, address, created_at) FROM STDIN",
	  emit_person, 0 },
	{ "employment",
	  "COPY hr.employment (id, org_id, person_id, personnel_no, hire_date, end_date) FROM "
	  "STDIN",
	  emit_employment, 0 },
	{ "assignment",
	  "COPY hr.assignment (id, org_id, employment_id, position_id, rate, during) FROM STDIN",
	  emit_assignment, 0 },
	{ "grade_history",
	  "COPY hr.grade_history (id, org_id, person_id, grade, class_rank, during) FROM STDIN",
	  emit_grade_history, 0 },
	{ "education",
	  "COPY hr.education (id, org_id, person_id, institution, level, major, year_completed) "
	  "FROM STDIN",
	  NULL, SEED_SECTION_EDUCATION },
	{ "family_member",
	  "COPY hr.family_member (id, org_id, person_id, relation, full_name, birth_date) FROM "
	  "STDIN",
	  NULL, SEED_SECTION_FAMILY },
	{ "prior_employment",
	  "COPY hr.prior_employment (id, org_id, person_id, employer, position, start_date, "
	  "end_date, counts_for_service) FROM STDIN",
	  NULL, SEED_SECTION_PRIOR },
	{ "training",
	  "COPY hr.training (id, org_id, person_id, course, provider, hours, start_date, end_date) "
	  "FROM STDIN",
	  NULL, SEED_SECTION_TRAINING },
	{ "award", "COPY hr.award (id, org_id, person_id, award, awarded_on, document) FROM STDIN",
	  NULL, SEED_SECTION_AWARD },
	{ "penalty",
	  "COPY hr.penalty (id, org_id, person_id, penalty, imposed_on, lifted_on, reason) FROM "
	  "STDIN",
	  NULL, SEED_SECTION_PENALTY },
	{ "assessment",
	  "COPY hr.assessment (id, org_id, person_id, assessed_on, result, note) FROM STDIN", NULL,
	  SEED_SECTION_ASSESSMENT },
	{ "consent",
	  "COPY hr.consent (id, org_id, person_id, given_on, document, withdrawn_on) FROM STDIN",
	  NULL, SEED_SECTION_CONSENT },
};

const size_t seed_tables_count = SEED_COUNT(seed_tables);

void seed_tables_emit(const struct seed_table *t, const struct seed_service *s, struct seed_copy *c)
{
	if (t->emit != NULL)
		t->emit(s, c);
	else
		seed_sections_emit(s, c, (enum seed_section)t->section);
}
