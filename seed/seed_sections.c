/*
 * seed_sections.c - the sections of each person's file for the benchmark
 * seed: education, family, prior employment, training, awards, penalties,
 * assessments and the consent to the processing of personal data.  Each
 * person draws from a stream of its own per section, so a change to one
 * section leaves the others as they were.
 */
#include "seed_sections.h"

#include <stdio.h>

#include "seed_date.h"
#include "seed_random.h"
#include "seed_words.h"

void seed_sections_emit(const struct seed_service *s, struct seed_copy *c, enum seed_section which)
{
	const int32_t last_day = seed_date_from_civil(2024, 12, 31);
	long id = 0;

	for (long i = 0; i < s->n_people; i++) {
		uint32_t q = s->order[i];
		const struct seed_person *p = &s->people[q];
		uint64_t r = seed_random_stream(s->seed, SEED_TAG_SECTION * 64 + 1 + which, q);
		int32_t until = p->end == SEED_DATE_NONE ? last_day : p->end;
		int by = seed_date_year(p->birth);
		char text[200], last[128];
		int n;

#define ROW_START() \
	(seed_copy_long(c, ++id), seed_copy_long(c, p->org + 1), seed_copy_long(c, i + 1))
		switch (which) {
		case SEED_SECTION_EDUCATION:
			n = 1 + seed_random_chance(&r, 35);
			for (int k = 0; k < n; k++) {
				unsigned lv = seed_random_pick(&r, 100);
				int level = k > 0     ? (seed_random_chance(&r, 85) ? 3 : 5)
				            : lv < 3  ? 0
				            : lv < 13 ? 1
				            : lv < 65 ? 2
				            : lv < 80 ? 4
				            : lv < 98 ? 3
				                      : 5;
				int year = by + 17 + (level >= 2) * 4 +
				           (level == 3 || level == 5) * 2 + k * 3;
				ROW_START();
				seed_copy_text(c, seed_words_pick(&seed_words_institutions, &r));
				seed_copy_text(c, seed_words_levels.word[level]);
				seed_copy_text(
				        c,
				        level == 0 ? "" : seed_words_pick(&seed_words_majors, &r));
				seed_copy_long(c, year < 1940 ? 1940 : year);
				seed_copy_row_end(c);
			}
			break;
		case SEED_SECTION_FAMILY:
			n = 0;
			if (seed_random_chance(&r, 60)) {
				char g = p->gender == 'F' ? 'M' : 'F';
				seed_words_surname(p->script, p->last, g, last, sizeof last);
				snprintf(text, sizeof text, "%s %s", last,
				         seed_words_given_name(p->script, seed_random_pick(&r, 40),
				                               g));
				ROW_START();
				seed_copy_text(c, "spouse");
				seed_copy_text(c, text);
				seed_copy_date(c, p->birth + (int32_t)seed_random_pick(&r, 3000) -
				                          1500);
				seed_copy_row_end(c);
				n = (int)seed_random_pick(&r, 4);
			}
			for (int k = 0; k < n; k++) {
				char g = seed_random_chance(&r, 50) ? 'F' : 'M';
				seed_words_surname(p->script, p->last, g, last, sizeof last);
				snprintf(text, sizeof text, "%s %s", last,
				         seed_words_given_name(p->script, seed_random_pick(&r, 40),
				                               g));
				ROW_START();
				seed_copy_text(c, "child");
				seed_copy_text(c, text);
				seed_copy_date(c, p->birth + 365 * 22 +
				                          (int32_t)seed_random_pick(&r, 365 * 15));
				seed_copy_row_end(c);
			}
			break;
		case SEED_SECTION_PRIOR:
			n = (int)seed_random_pick(&r, 3);
			for (int k = 0, to = p->hire - 1 - (int32_t)seed_random_pick(&r, 200);
			     k < n; k++) {
				int32_t from = to - 180 - (int32_t)seed_random_pick(&r, 365 * 6);
				if (from < p->birth + 18 * 365 + 5 ||
				    from < seed_date_from_civil(1941, 1, 1))
					break;
				ROW_START();
				seed_copy_text(c, seed_words_pick(&seed_words_employers, &r));
				seed_copy_text(c, seed_words_pick(&seed_words_prior_positions, &r));
				seed_copy_date(c, from);
				seed_copy_date(c, to);
				seed_copy_text(c, seed_random_chance(&r, 85) ? "t" : "f");
				seed_copy_row_end(c);
				to = from - 1 - (int32_t)seed_random_pick(&r, 100);
			}
			break;
		case SEED_SECTION_TRAINING:
			n = (int)seed_random_pick(&r, 3) + seed_random_chance(&r, 20);
			for (int k = 0; k < n && until - p->hire > 30; k++) {
				static const int hours[] = { 16, 24, 36, 72, 144 };
				int h = hours[seed_random_pick(&r, 5)];
				int32_t from =
				        p->hire + (int32_t)seed_random_pick(
				                          &r, (uint32_t)(until - p->hire - 20));
				ROW_START();
				seed_copy_text(c, seed_words_pick(&seed_words_courses, &r));
				seed_copy_text(c, seed_words_pick(&seed_words_providers, &r));
				seed_copy_long(c, h);
				seed_copy_date(c, from);
				seed_copy_date(c, from + h / 8);
				seed_copy_row_end(c);
			}
			break;
		case SEED_SECTION_AWARD:
			if (until - p->hire > 3 * 365 && seed_random_chance(&r, 30)) {
				ROW_START();
				seed_copy_text(c, seed_words_pick(&seed_words_awards, &r));
				seed_copy_date(c, p->hire + 2 * 365 +
				                          (int32_t)seed_random_pick(
				                                  &r, (uint32_t)(until - p->hire -
				                                                 2 * 365)));
				snprintf(text, sizeof text, "Order No. %u",
				         1 + seed_random_pick(&r, 900));
				seed_copy_text(c, text);
				seed_copy_row_end(c);
			}
			break;
		case SEED_SECTION_PENALTY:
			if (until - p->hire > 365 && seed_random_chance(&r, 2)) {
				int32_t on = p->hire + 100 +
				             (int32_t)seed_random_pick(
				                     &r, (uint32_t)(until - p->hire - 100));
				ROW_START();
				seed_copy_text(c, seed_words_pick(&seed_words_penalties, &r));
				seed_copy_date(c, on);
				seed_copy_date(c, on + 365 < last_day ? on + 365 : SEED_DATE_NONE);
				seed_copy_text(c, "Late submission of reports");
				seed_copy_row_end(c);
			}
			break;
		case SEED_SECTION_ASSESSMENT:
			n = (until - p->hire) / (3 * 365);
			for (int k = 0; k < n && k < 3; k++) {
				unsigned res = seed_random_pick(&r, 100);
				ROW_START();
				seed_copy_date(c, p->hire + (k + 1) * 3 * 365 -
				                          (int32_t)seed_random_pick(&r, 60));
				seed_copy_text(c, seed_words_results.word[res < 20   ? 0
				                                          : res < 80 ? 1
				                                          : res < 97 ? 2
				                                                     : 3]);
				seed_copy_text(c, "");
				seed_copy_row_end(c);
			}
			break;
		case SEED_SECTION_CONSENT: {
			int32_t law = seed_date_from_civil(2013, 11, 25);
			ROW_START();
			seed_copy_date(c, p->hire > law ? p->hire : law);
			snprintf(text, sizeof text, "Consent No. %ld", i + 1);
			seed_copy_text(c, text);
			seed_copy_null(c);
			seed_copy_row_end(c);
			break;
		}
		}
#undef ROW_START
	}
}
