/* person.c - the register query, creating a person, the duplicate check. */
#include "person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/*
 * The register: one row per person of the organisations the login sees,
 * with the employment and assignment in force on the as-of date ($2).
 * $1 search (matched against names and ID number, personnel number (its
 * start, or for digits alone its end: "0011" finds MOE-0011), and from
 * three letters on position and department: shorter text, or text with
 * digits, is a name or a number being typed), $3 status filter ('current'
 * also lists people never employed: being hired, a clerk looks for them
 * there),
 * $4 department or 0, $5..$7 the sort key the page starts after (NULLs:
 * the first page), $8 page size.  Row-level security limits the rows; the
 * sort key is unique, so pages never overlap or skip.
 *
 * The page is chosen from hr.person alone (each filter a set computed
 * once, not a probe per person; the one probe, "never employed", runs only
 * for the few not in the current set), then only its rows are joined to
 * their employment and position: a ministry's 17,000 people cost one pass.
 */
#define REGISTER_PAGE(cmp, dir)                                                                  \
	"WITH matched AS MATERIALIZED ("                                                           \
	"  SELECT e.org_id, e.person_id FROM hr.employment e JOIN ("                               \
	"    SELECT a.org_id, a.employment_id FROM hr.assignment a JOIN ("                         \
	"      SELECT pos.org_id, pos.position_id AS id FROM hr.position_version pos "            \
	"       WHERE pos.valid @> $2::date AND pos.title ILIKE '%' || $1 || '%' "                 \
	"      UNION SELECT pos.org_id, pos.position_id FROM hr.department_version d "             \
	"        JOIN hr.position_version pos ON pos.org_id = d.org_id "                           \
	"         AND pos.department_id = d.department_id AND pos.valid @> $2::date "              \
	"       WHERE d.valid @> $2::date AND d.name ILIKE '%' || $1 || '%') m "                   \
	"      ON a.org_id = m.org_id AND a.position_id = m.id "                                   \
	"     WHERE a.during @> $2::date) ma "                                                     \
	"  ON e.org_id = ma.org_id AND e.id = ma.employment_id), "                                 \
	"page AS (SELECT k.id FROM hr.person k "                                                   \
	" WHERE ($1 = '' OR k.search_text LIKE '%' || lower($1) || '%' "                          \
	"        OR (k.org_id, k.id) IN (SELECT e.org_id, e.person_id FROM hr.employment e "       \
	"              WHERE e.personnel_no ILIKE $1 || '%' "                                      \
	"                 OR ($1 ~ '^[0-9]+$' AND e.personnel_no LIKE '%' || $1)) "                \
	"        OR (length($1) >= 3 AND $1 !~ '[0-9]' "                                           \
	"            AND (k.org_id, k.id) IN (SELECT org_id, person_id FROM matched))) "           \
	"   AND CASE $3 "                                                                          \
	"        WHEN 'current' THEN (k.org_id, k.id) IN (SELECT e.org_id, e.person_id "          \
	"              FROM hr.employment e WHERE e.hire_date <= $2::date "                        \
	"               AND (e.end_date IS NULL OR e.end_date >= $2::date)) "                      \
	"          OR NOT EXISTS (SELECT 1 FROM hr.employment e "                                  \
	"              WHERE e.org_id = k.org_id AND e.person_id = k.id) "                         \
	"        WHEN 'former' THEN (k.org_id, k.id) NOT IN (SELECT e.org_id, e.person_id "       \
	"              FROM hr.employment e WHERE e.hire_date <= $2::date "                        \
	"               AND (e.end_date IS NULL OR e.end_date >= $2::date)) "                      \
	"          AND (k.org_id, k.id) IN (SELECT e.org_id, e.person_id FROM hr.employment e "   \
	"              WHERE e.hire_date <= $2::date) "                                            \
	"        ELSE true END "                                                                   \
	"   AND ($4::bigint = 0 OR (k.org_id, k.id) IN (SELECT e.org_id, e.person_id "            \
	"              FROM hr.assignment a "                                                      \
	"              JOIN hr.employment e ON e.org_id = a.org_id AND e.id = a.employment_id "    \
	"             WHERE a.position_id IN (SELECT pos.position_id FROM hr.position_version pos " \
	"                    WHERE pos.department_id = $4::bigint AND pos.valid @> $2::date) "     \
	"               AND a.during @> $2::date)) "                                               \
	"   AND ($5::text IS NULL OR (k.last_name, k.first_name, k.id) " cmp " ($5, $6, $7::bigint)) " \
	" ORDER BY k.last_name " dir ", k.first_name " dir ", k.id " dir " LIMIT $8::int) "

#define REGISTER_ROWS(dir)                                                                       \
	"SELECT p.id, p.last_name, p.first_name, p.middle_name, coalesce(p.personal_id, ''), "   \
	"       coalesce(p.birth_date::text, ''), o.code, coalesce(e.personnel_no, ''), "        \
	"       coalesce(pos.title, ''), coalesce(d.name, ''), "                                 \
	"       CASE WHEN e.id IS NULL THEN 'none' "                                             \
	"            WHEN e.end_date IS NULL OR e.end_date >= $2::date THEN 'current' "          \
	"            ELSE 'former' END "                                                         \
	"  FROM page JOIN hr.person p ON p.id = page.id "                                        \
	"  JOIN hr.org o ON o.id = p.org_id "                                                    \
	"  LEFT JOIN LATERAL (SELECT e.id, e.personnel_no, e.end_date FROM hr.employment e "     \
	"        WHERE e.org_id = p.org_id AND e.person_id = p.id AND e.hire_date <= $2::date "  \
	"        ORDER BY e.hire_date DESC LIMIT 1) e ON true "                                  \
	"  LEFT JOIN LATERAL (SELECT a.position_id FROM hr.assignment a "                        \
	"        WHERE a.org_id = p.org_id AND a.employment_id = e.id "                          \
	"          AND a.during @> $2::date LIMIT 1) a ON true "                                 \
	"  LEFT JOIN hr.position_version pos ON pos.org_id = p.org_id "                          \
	"        AND pos.position_id = a.position_id AND pos.valid @> $2::date "                 \
	"  LEFT JOIN hr.department_version d ON d.org_id = p.org_id "                            \
	"        AND d.department_id = pos.department_id AND d.valid @> $2::date "               \
	" ORDER BY p.last_name " dir ", p.first_name " dir ", p.id " dir

const char *const person_register_sql = REGISTER_PAGE(">", "") REGISTER_ROWS("");

const char *const person_register_backward_sql = REGISTER_PAGE("<", "DESC") REGISTER_ROWS("DESC");

const char *const person_id_status_sql =
        "SELECT status, coalesce(person_id::text, '') FROM hr.personal_id_status($1)";

const char *const person_namesakes_sql =
        "SELECT id, concat_ws(' ', last_name, first_name, nullif(middle_name, '')) FROM hr.person "
        " WHERE lower(last_name) = lower($1) AND lower(first_name) = lower($2) "
        "   AND birth_date = $3::date ORDER BY id LIMIT 10";

/* The org is the login's own; an earlier attempt with the same request id
 * returns the person it made instead of a second one. */
const char *const person_create_sql =
        "WITH me AS (SELECT o.id AS org_id FROM hr.whoami() w JOIN hr.org o ON o.code = "
        "w.org_code), "
        "made AS (INSERT INTO hr.person (org_id, request_id, last_name, first_name, middle_name, "
        "        birth_date, gender, personal_id, citizenship) "
        "  SELECT me.org_id, $1::uuid, $2, $3, $4, $5::date, nullif($6, ''), nullif($7, ''), $8 "
        "    FROM me ON CONFLICT (org_id, request_id) DO NOTHING RETURNING id) "
        "SELECT id FROM made UNION ALL "
        "SELECT p.id FROM hr.person p JOIN me ON p.org_id = me.org_id WHERE p.request_id = "
        "$1::uuid "
        "LIMIT 1";

char *person_like_escape(const char *text)
{
	char *out = xmalloc(strlen(text) * 2 + 1), *o = out;

	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

void person_register_params(const struct person_filter *filter, const struct person_key *key,
                            const char **params, char *storage, size_t storage_size)
{
	static const char *const statuses[] = { "current", "former", "all" };
	int used;

	params[0] = filter->search;
	params[1] = filter->as_of;
	params[2] = statuses[filter->status];
	used = snprintf(storage, storage_size, "%ld", filter->department_id);
	params[3] = storage;
	storage += used + 1;
	storage_size -= (size_t)used + 1;
	params[4] = key ? key->last_name : NULL;
	params[5] = key ? key->first_name : NULL;
	if (key != NULL) {
		used = snprintf(storage, storage_size, "%ld", key->id);
		params[6] = storage;
		storage += used + 1;
		storage_size -= (size_t)used + 1;
	} else {
		params[6] = NULL;
	}
	snprintf(storage, storage_size, "%d", PERSON_PAGE);
	params[7] = storage;
}

bool person_rows_read(const PGresult *result, bool reverse, struct person_row **rows, size_t *count)
{
	int n = PQntuples(result);

	*rows = NULL;
	*count = 0;
	if (PQnfields(result) != REGISTER_COLUMNS)
		return false;
	*rows = xcalloc((size_t)n, sizeof **rows);
	for (int i = 0; i < n; i++) {
		struct person_row *row = &(*rows)[reverse ? n - 1 - i : i];

		row->id = atol(PQgetvalue(result, i, REGISTER_ID));
		row->last_name = xstrdup(PQgetvalue(result, i, REGISTER_LAST_NAME));
		row->first_name = xstrdup(PQgetvalue(result, i, REGISTER_FIRST_NAME));
		row->middle_name = xstrdup(PQgetvalue(result, i, REGISTER_MIDDLE_NAME));
		row->personal_id = xstrdup(PQgetvalue(result, i, REGISTER_PERSONAL_ID));
		row->birth_date = xstrdup(PQgetvalue(result, i, REGISTER_BIRTH_DATE));
		row->org_code = xstrdup(PQgetvalue(result, i, REGISTER_ORG_CODE));
		row->personnel_no = xstrdup(PQgetvalue(result, i, REGISTER_PERSONNEL_NO));
		row->position = xstrdup(PQgetvalue(result, i, REGISTER_POSITION));
		row->department = xstrdup(PQgetvalue(result, i, REGISTER_DEPARTMENT));
		row->status = xstrdup(PQgetvalue(result, i, REGISTER_STATUS));
	}
	*count = (size_t)n;
	return true;
}

void person_rows_free(struct person_row **rows, size_t count)
{
	if (rows == NULL || *rows == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		struct person_row *row = &(*rows)[i];

		free(row->last_name);
		free(row->first_name);
		free(row->middle_name);
		free(row->personal_id);
		free(row->birth_date);
		free(row->org_code);
		free(row->personnel_no);
		free(row->position);
		free(row->department);
		free(row->status);
	}
	free(*rows);
	*rows = NULL;
}

void person_key_of(const struct person_row *row, struct person_key *key)
{
	key->last_name = xstrdup(row->last_name);
	key->first_name = xstrdup(row->first_name);
	key->id = row->id;
}

void person_key_clear(struct person_key *key)
{
	free(key->last_name);
	free(key->first_name);
	key->last_name = key->first_name = NULL;
	key->id = 0;
}

char *person_full_name(const char *last, const char *first, const char *middle)
{
	if (middle == NULL || middle[0] == '\0')
		return xasprintf("%s %s", last, first);
	return xasprintf("%s %s %s", last, first, middle);
}

const char *const person_departments_sql =
        "SELECT d.department_id, d.name || CASE WHEN count(*) OVER (PARTITION BY d.name) > 1 "
        "       THEN ' (' || o.code || ')' ELSE '' END "
        "  FROM hr.department_version d JOIN hr.org o ON o.id = d.org_id "
        " WHERE d.valid @> current_date ORDER BY 2 LIMIT 500";
