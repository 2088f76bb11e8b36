/*
 * seed_scale.h - a whole civil service at benchmark scale: the agency,
 * ministries, organisations (some nested), departments, staffing tables,
 * people in several scripts with employment, transfers, grades and the
 * sections of their files.  The same seed gives byte-identical data.
 * Loaded with COPY into an empty migrated database by a superuser.
 */
#ifndef HRMIS_SEED_SCALE_H
#define HRMIS_SEED_SCALE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "status.h"

struct seed_scale_options {
	int orgs;       /* organisations in all, the agency and ministries included (>= 3) */
	long employees; /* people, about one in ten of them former employees (>= orgs) */
	uint64_t seed;  /* the same seed, the same data */
};

/*
 * Loads the data through `db` (ordinary statements) and a second
 * connection made from `conninfo` (NULL: libpq's environment) for COPY,
 * which runs in one transaction with session_replication_role = replica:
 * no per-row trigger fires (audit, org closure, foreign-key checks), the
 * closure is written directly and every foreign key is checked afterwards
 * in one pass.  Then it sets the personal ID scheme (kz_iin), the identity
 * sequences, creates the logins bench_clerk, bench_head and bench_ministry
 * and runs VACUUM (ANALYZE).  One progress line per phase goes to `progress` (may be
 * NULL), one line per benchmark login (name, kind, organisation) to `out`.
 *
 * When the database already holds exactly this shape (same numbers of
 * organisations and people) it only finishes the steps after the load and
 * sets *already_loaded.  Any other existing organisation (the demo data,
 * another seed) is refused with STATUS_DB_DUPLICATE.  On failure *detail
 * gets an explanation the caller frees (may also be set on success: NULL).
 */
enum status seed_scale(struct db *db, const char *conninfo, const struct seed_scale_options *opt,
                       FILE *out, FILE *progress, bool *already_loaded, char **detail);

/*
 * Writes a valid Kazakh IIN (12 digits and a NUL) for a birth date, gender
 * ('M'/'F') and 4-digit serial into out.  Returns false when that serial
 * has no valid check digit (pick another).
 */
bool seed_kz_iin(int year, int month, int day, char gender, int serial, char out[13]);

#endif
