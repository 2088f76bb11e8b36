/*
 * seed_model.c - the benchmark seed's service in memory (see seed_model.h).
 *
 * Shape for --orgs N --employees M: the agency CSA, N/20 ministries (M001,
 * ...), the remaining organisations (M001-O0001, ...) spread over the
 * ministries very unevenly (the biggest has about 200), one in seven
 * nested under another organisation; 8-40 departments each, some nested;
 * a staffing table per department; M people spread log-normally over the
 * organisations, in random id order (as registered over time, not org by
 * org), each on a rate of a position, one in five transferred once, about
 * one in ten gone.  Every draw comes from a stream of its own.
 */
#include "seed_model.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "seed_date.h"
#include "seed_random.h"
#include "seed_scale.h"
#include "seed_words.h"
#include "xalloc.h"

/* Assigns `total` over `n` weights by cumulative rounding (exact sum). */
static void apportion(const double *weights, int n, long total, int32_t *out)
{
	double sum = 0, cum = 0;
	long given = 0;

	for (int i = 0; i < n; i++)
		sum += weights[i];
	for (int i = 0; i < n; i++) {
		cum += weights[i];
		long upto = (long)((double)total * cum / sum + 0.5);
		out[i] = (int32_t)(upto - given);
		given = upto;
	}
}

/* The agency, the ministries and their organisations, and how many people
 * each organisation gets. */
static void make_orgs(struct seed_service *s)
{
	int n = s->n_orgs, nm = s->n_ministries, n_sub = n - 1 - nm;
	double *w = xcalloc((size_t)(nm > n ? nm : n), sizeof *w);
	int32_t *per_ministry = xcalloc((size_t)nm, sizeof *per_ministry);
	int32_t *people = xcalloc((size_t)n, sizeof *people);
	uint32_t *rank = xcalloc((size_t)nm, sizeof *rank);
	uint64_t rng = seed_random_stream(s->seed, SEED_TAG_MINISTRY, 0);
	int at = 0;

	/* Ministry sizes fall off as rank^-0.6; ranks shuffled among them. */
	for (int i = 0; i < nm; i++)
		rank[i] = (uint32_t)i;
	for (int i = nm - 1; i > 0; i--) {
		uint32_t j = seed_random_pick(&rng, (uint32_t)i + 1), t = rank[i];
		rank[i] = rank[j];
		rank[j] = t;
	}
	for (int i = 0; i < nm; i++)
		w[i] = seed_random_exp(-0.6 * seed_random_log(rank[i] + 1.0));
	apportion(w, nm, n_sub, per_ministry);

	s->orgs = xcalloc((size_t)n, sizeof *s->orgs);
	s->orgs[0] = (struct seed_org){ .parent = -1, .ministry = -1, .kind = 'A', .depth = 0 };
	snprintf(s->orgs[0].code, sizeof s->orgs[0].code, "CSA");
	snprintf(s->orgs[0].name, sizeof s->orgs[0].name, "Civil Service Agency");
	at = 1;
	for (int m = 0; m < nm; m++) {
		struct seed_org *o = &s->orgs[at++];
		*o = (struct seed_org){ .parent = 0, .ministry = m, .kind = 'M', .depth = 1 };
		snprintf(o->code, sizeof o->code, "M%03d", m + 1);
		if ((uint32_t)m < seed_words_fields.count)
			snprintf(o->name, sizeof o->name, "Ministry of %s",
			         seed_words_fields.word[m]);
		else
			snprintf(o->name, sizeof o->name, "Ministry of %s (%s)",
			         seed_words_fields.word[m % seed_words_fields.count],
			         seed_words_regions.word[(m / seed_words_fields.count) %
			                                 seed_words_regions.count]);
	}
	for (int m = 0; m < nm; m++) {
		int first = at;
		for (int j = 0; j < per_ministry[m]; j++) {
			uint64_t r = seed_random_stream(s->seed, SEED_TAG_ORG, (uint64_t)at);
			struct seed_org *o = &s->orgs[at];
			int parent = 1 + m;

			/* One in seven hangs under an earlier organisation of its ministry. */
			if (j >= 3 && seed_random_chance(&r, 14)) {
				int p = first + (int)seed_random_pick(&r, (uint32_t)(at - first));
				if (s->orgs[p].depth == 2)
					parent = p;
			}
			*o = (struct seed_org){ .parent = parent,
				                .ministry = m,
				                .kind = 'O',
				                .depth = s->orgs[parent].depth + 1 };
			snprintf(o->code, sizeof o->code, "M%03d-O%04d", m + 1, j + 1);
			snprintf(o->name, sizeof o->name, "%s %s, %s",
			         seed_words_pick(&seed_words_org_kinds, &r),
			         seed_words_fields.word[m % seed_words_fields.count],
			         seed_words_pick(&seed_words_regions, &r));
			at++;
		}
	}
	/* People: log-normal over the organisations, ministries and the agency larger;
	 * every organisation has at least one person. */
	for (int i = 0; i < n; i++) {
		uint64_t r = seed_random_stream(s->seed, SEED_TAG_ORG, (uint64_t)i + 1000000007ULL);
		w[i] = seed_random_exp(0.9 * seed_random_normal(&r)) *
		       (s->orgs[i].kind == 'O' ? 1.0 : 2.5);
	}
	apportion(w, n, s->n_people - n, people);
	at = 0;
	for (int i = 0; i < n; i++) {
		s->orgs[i].first_person = at;
		s->orgs[i].people = people[i] + 1;
		at += s->orgs[i].people;
	}
	free(w);
	free(per_ministry);
	free(people);
	free(rank);
}

/* Departments and the staffing table: capacity about 1.2 rates per person. */
static void make_structure(struct seed_service *s)
{
	size_t dept_cap = 0, pos_cap = 0;

	for (int i = 0; i < s->n_orgs; i++) {
		struct seed_org *o = &s->orgs[i];
		uint64_t r = seed_random_stream(s->seed, SEED_TAG_DEPT, (uint64_t)i);
		int d = 8 + o->people / 15 + (int)seed_random_pick(&r, 8);
		int cap_per_dept;

		o->depts = d > 40 ? 40 : d;
		o->first_dept = s->n_depts;
		cap_per_dept = (12 * o->people + 10 * o->depts - 1) / (10 * o->depts) + 1;
		if ((size_t)(s->n_depts + o->depts) > dept_cap) {
			dept_cap = dept_cap * 2 + 64;
			s->depts = xrealloc(s->depts, dept_cap * sizeof *s->depts);
		}
		o->first_pos = s->n_positions;
		for (int k = 0; k < o->depts; k++) {
			struct seed_dept *dp = &s->depts[s->n_depts];
			int parent = -1;

			if (k >= 4 && seed_random_chance(&r, 25)) {
				int p = o->first_dept + (int)seed_random_pick(&r, (uint32_t)k);
				if (s->depts[p].parent < 0)
					parent = p;
			}
			*dp = (struct seed_dept){ .org = i,
				                  .parent = parent,
				                  .name = (uint16_t)((i * 7 + k) %
				                                     seed_words_departments.count),
				                  .number = (uint16_t)(k + 1) };
			/* Positions: head, maybe a deputy, specialists to capacity, maybe an
			 * assistant. */
			struct seed_position list[6];
			int n = 0, left = cap_per_dept - 1;
			list[n++] = (struct seed_position){
				.title = parent < 0 ? SEED_TITLE_HEAD : SEED_TITLE_SECTOR_HEAD,
				.rates2 = 2
			};
			if (left > 4) {
				list[n++] = (struct seed_position){ .title = SEED_TITLE_DEPUTY,
					                            .rates2 = 2 };
				left--;
			}
			if (left > 0) {
				int c = left / 4 > 0 ? left / 4 : 1;
				list[n++] = (struct seed_position){
					.title = SEED_TITLE_CHIEF,
					.rates2 = (uint8_t)(2 * c +
					                    (seed_random_chance(&r, 20) ? 1 : 0))
				};
				left -= c;
			}
			if (left > 0) {
				int c = left / 3 > 0 ? left / 3 : 1;
				list[n++] = (struct seed_position){ .title = SEED_TITLE_LEADING,
					                            .rates2 = (uint8_t)(2 * c) };
				left -= c;
			}
			list[n++] = (struct seed_position){
				.title = SEED_TITLE_SPECIALIST,
				.rates2 = (uint8_t)(2 * (left > 0 ? left : 1))
			};
			if (seed_random_chance(&r, 40))
				list[n++] = (struct seed_position){ .title = SEED_TITLE_ASSISTANT,
					                            .rates2 = 1 };
			if ((size_t)(s->n_positions + n) > pos_cap) {
				pos_cap = pos_cap * 2 + 256;
				s->positions =
				        xrealloc(s->positions, pos_cap * sizeof *s->positions);
			}
			for (int j = 0; j < n; j++) {
				list[j].org = i;
				list[j].dept = s->n_depts;
				s->positions[s->n_positions++] = list[j];
			}
			s->n_depts++;
		}
		o->positions = s->n_positions - o->first_pos;
	}
}

void seed_model_person_iin(const struct seed_person *p, char out[13])
{
	int y, m, d;

	seed_date_to_civil(p->birth, &y, &m, &d);
	seed_kz_iin(y, m, d, p->gender, p->serial, out);
}

bool seed_kz_iin(int year, int month, int day, char gender, int serial, char out[13])
{
	static const int w1[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
	static const int w2[] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 };
	int century = year < 1900 ? 1 : year < 2000 ? 3 : 5;
	int sum = 0, check;

	int digits[11] = { year % 100 / 10,
		           year % 10,
		           month / 10,
		           month % 10,
		           day / 10,
		           day % 10,
		           century + (gender == 'F'),
		           serial / 1000 % 10,
		           serial / 100 % 10,
		           serial / 10 % 10,
		           serial % 10 };

	for (int i = 0; i < 11; i++)
		out[i] = (char)('0' + digits[i]);
	for (int i = 0; i < 11; i++)
		sum += (out[i] - '0') * w1[i];
	if ((check = sum % 11) == 10) {
		sum = 0;
		for (int i = 0; i < 11; i++)
			sum += (out[i] - '0') * w2[i];
		if ((check = sum % 11) == 10)
			return false;
	}
	out[11] = (char)('0' + check);
	out[12] = '\0';
	return true;
}

/* People of every organisation, their dates, positions and ID serials. */
static void make_people(struct seed_service *s)
{
	const int32_t first_hire = seed_date_from_civil(1995, 1, 1),
	              last_day = seed_date_from_civil(2024, 12, 31);
	const int32_t epoch1900 = seed_date_from_civil(1900, 1, 1);
	uint16_t *serials = xcalloc(2 * 50000, sizeof *serials);

	s->people = xcalloc((size_t)s->n_people, sizeof *s->people);
	for (int oi = 0; oi < s->n_orgs; oi++) {
		struct seed_org *o = &s->orgs[oi];
		int slots = 0;
		int32_t *slot = NULL;

		/* Every rate of every position is a slot; people fill shuffled slots. */
		for (int j = 0; j < o->positions; j++)
			slots += (s->positions[o->first_pos + j].rates2 + 1) / 2;
		slot = xcalloc((size_t)slots, sizeof *slot);
		slots = 0;
		for (int j = 0; j < o->positions; j++)
			for (int k = 0; k < (s->positions[o->first_pos + j].rates2 + 1) / 2; k++)
				slot[slots++] = o->first_pos + j;
		uint64_t sr = seed_random_stream(s->seed, SEED_TAG_SLOT, (uint64_t)oi);
		for (int k = slots - 1; k > 0; k--) {
			uint32_t j = seed_random_pick(&sr, (uint32_t)k + 1);
			int32_t t = slot[k];
			slot[k] = slot[j];
			slot[j] = t;
		}
		for (int k = 0; k < o->people; k++) {
			long idx = o->first_person + k;
			struct seed_person *p = &s->people[idx];
			uint64_t r = seed_random_stream(s->seed, SEED_TAG_PERSON, (uint64_t)idx);
			unsigned sc = seed_random_pick(&r, 100);
			int age;

			p->org = oi;
			p->number = k + 1;
			p->script = sc < 35   ? SEED_KAZAKH_LATIN
			            : sc < 75 ? SEED_CYRILLIC
			            : sc < 85 ? SEED_HANGUL
			                      : SEED_UZBEK_LATIN;
			p->gender = seed_random_chance(&r, 55) ? 'F' : 'M';
			p->last = (uint8_t)seed_random_pick(&r, 250);
			p->first = (uint8_t)seed_random_pick(&r, 250);
			p->middle = (uint8_t)seed_random_pick(&r, 250);
			/* Hires lean towards recent years (the square of a uniform). */
			double u = (double)seed_random_pick(&r, 1000000) / 1e6;
			p->hire = last_day - 30 - (int32_t)((last_day - 30 - first_hire) * u * u);
			unsigned a = seed_random_pick(&r, 100);
			age = a < 1    ? 16 + (int)seed_random_pick(&r, 2)
			      : a < 31 ? 18 + (int)seed_random_pick(&r, 8)
			      : a < 81 ? 26 + (int)seed_random_pick(&r, 20)
			      : a < 98 ? 46 + (int)seed_random_pick(&r, 15)
			               : 61 + (int)seed_random_pick(&r, 19);
			/* Nobody over 65 still working at the end of 2024. */
			int served = (last_day - p->hire) / 365;
			if (age + served > 65)
				age = 65 - served > 16 ? 65 - served - (int)seed_random_pick(&r, 3)
				                       : 16;
			if (age < 16)
				age = 16;
			p->birth = p->hire - age * 365 - age / 4 - 2 -
			           (int32_t)seed_random_pick(&r, 360);
			p->end = SEED_DATE_NONE;
			p->transfer = SEED_DATE_NONE;
			if (seed_random_chance(&r, 10) && last_day - p->hire > 120)
				p->end = p->hire + 90 +
				         (int32_t)seed_random_pick(
				                 &r, (uint32_t)(last_day - p->hire - 90));
			int32_t until = p->end != SEED_DATE_NONE ? p->end : last_day;
			p->pos1 = slot[k % slots];
			p->pos2 = -1;
			if (until - p->hire > 400 && o->positions > 1 &&
			    seed_random_chance(&r, 22)) {
				p->transfer = p->hire + 180 +
				              (int32_t)seed_random_pick(
				                      &r, (uint32_t)(until - p->hire - 360));
				p->pos2 = slot[(k + o->people / 2 + 1) % slots];
				if (p->pos2 == p->pos1)
					p->pos2 = o->first_pos +
					          (p->pos1 - o->first_pos + 1) % o->positions;
			}
			unsigned rate = seed_random_pick(&r, 100);
			p->rate2 = rate < 7 ? 1 : rate < 9 ? 3 : 2;
			/* A serial per birth date and gender keeps IINs unique. */
			int day = p->birth - epoch1900;
			uint16_t *counter =
			        &serials[(p->gender == 'F') * 50000 + (day < 0 ? 0 : day % 50000)];
			char iin[13];
			int y, m, d;
			seed_date_to_civil(p->birth, &y, &m, &d);
			do {
				p->serial = (uint16_t)((day * 37 + (*counter)++ * 11) % 10000);
			} while (!seed_kz_iin(y, m, d, p->gender, p->serial, iin));
		}
		free(slot);
	}
	free(serials);
	/* The database refuses more people on a position than its rates (010):
	 * every position gets at least the rates of everyone ever placed on it. */
	uint16_t *need = xcalloc((size_t)s->n_positions, sizeof *need);
	for (long i = 0; i < s->n_people; i++) {
		need[s->people[i].pos1] += s->people[i].rate2;
		if (s->people[i].pos2 >= 0)
			need[s->people[i].pos2] += s->people[i].rate2;
	}
	for (int i = 0; i < s->n_positions; i++)
		if (need[i] > s->positions[i].rates2)
			s->positions[i].rates2 = (uint8_t)(need[i] < 255 ? need[i] : 255);
	free(need);

	/* Ids in random order: people are registered over time, not org by org. */
	s->order = xcalloc((size_t)s->n_people, sizeof *s->order);
	for (long i = 0; i < s->n_people; i++)
		s->order[i] = (uint32_t)i;
	uint64_t r = seed_random_stream(s->seed, SEED_TAG_ORDER, 0);
	for (long i = s->n_people - 1; i > 0; i--) {
		uint32_t j = (uint32_t)((seed_random_next(&r) >> 11) % (uint64_t)(i + 1)),
		         t = s->order[i];
		s->order[i] = s->order[j];
		s->order[j] = t;
	}
}

void seed_model_build(struct seed_service *s)
{
	make_orgs(s);
	make_structure(s);
	make_people(s);
}

void seed_model_free(struct seed_service *s)
{
	free(s->orgs);
	free(s->depts);
	free(s->positions);
	free(s->people);
	free(s->order);
	s->orgs = NULL;
	s->depts = NULL;
	s->positions = NULL;
	s->people = NULL;
	s->order = NULL;
}
