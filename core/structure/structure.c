/* structure.c - the SQL of the structure and staffing screens; see structure.h. */
#include "structure.h"

#include <stdio.h>
#include <string.h>

const char *const structure_tree_sql =
        "SELECT department_id, parent_id, depth, code, name, positions, rates "
        "  FROM hr.structure_tree($1::int, $2::date)";

const char *const structure_staffing_sql =
        "WITH RECURSIVE sub AS ("
        "  SELECT d.department_id FROM hr.department_version d "
        "   WHERE d.department_id = nullif($3, '')::bigint AND d.valid @> $2::date "
        "  UNION SELECT c.department_id FROM hr.department_version c "
        "    JOIN sub ON c.parent_id = sub.department_id WHERE c.valid @> $2::date) "
        "SELECT t.level, t.department_id, t.department_code, t.department_name, t.depth, "
        "       t.position_id, t.title, t.grade, t.category, t.rates, t.filled, t.vacant "
        "  FROM hr.staffing_table($1::int, $2::date) WITH ORDINALITY AS t "
        " WHERE $3 = '' OR (t.level <> 'org' AND t.department_id IN (SELECT department_id "
        "       FROM sub)) "
        " ORDER BY t.ordinality";

const char *const structure_vacancies_sql =
        "SELECT position_id, title, grade, category, department_id, department_name, rates, "
        "       filled, vacant "
        "  FROM hr.vacancies($1::int, $2::date, nullif($3, ''), nullif($4, '')::bigint) "
        " ORDER BY department_name, title, position_id";

const char *const structure_by_org_sql =
        "SELECT org_id, code, name, parent_id, departments, positions, rates, filled, vacant "
        "  FROM hr.staffing_by_org($1::date)";

const char *const structure_totals_sql =
        "SELECT org_id, code, name, parent_id, departments, positions, rates, filled, vacant "
        "  FROM hr.staffing_totals($1::date)";

/* The org is the login's own (as person_create_sql finds it). */
const char *const structure_stage_sql =
        "INSERT INTO hr.staffing_change (org_id, batch, kind, position_id, department_id, title, "
        "       grade, category, rates) "
        "SELECT o.id, $1::uuid, $2, nullif($3, '')::bigint, nullif($4, '')::bigint, "
        "       nullif($5, ''), nullif($6, ''), nullif($7, ''), nullif($8, '')::numeric "
        "  FROM hr.whoami() w JOIN hr.org o ON o.code = w.org_code RETURNING id";

const char *const structure_unstage_sql = "DELETE FROM hr.staffing_change WHERE id = $1::bigint";

const char *const structure_preview_sql =
        "SELECT change_id, kind, position_id, title, department, old_value, new_value, "
        "       person_id, person, assignment_id, problem "
        "  FROM hr.staffing_preview($1::uuid, $2::date)";

const char *const structure_apply_sql = "SELECT hr.staffing_apply($1::uuid, $2::date)";

const char *const structure_move_sql =
        "SELECT hr.move_department($1::bigint, nullif($2, '')::bigint, $3::date)";

const char *const structure_rename_sql =
        "SELECT hr.rename_department($1::bigint, nullif($2, ''), nullif($3, ''), $4::date)";

const char *const structure_close_sql = "SELECT hr.close_department($1::bigint, $2::date)";

const char *const structure_merge_sql =
        "SELECT employment_id, old_assignment_id, new_assignment_id, old_position_id, "
        "       new_position_id FROM hr.merge_department($1::bigint, $2::bigint, $3::date)";

static const char *const kind_names[STRUCTURE_CHANGE_KINDS] = {
	[STRUCTURE_ADD] = "add",   [STRUCTURE_REMOVE] = "remove", [STRUCTURE_RATES] = "rates",
	[STRUCTURE_MOVE] = "move", [STRUCTURE_RENAME] = "rename",
};

const char *structure_change_kind_name(enum structure_change_kind kind)
{
	return kind >= 0 && kind < STRUCTURE_CHANGE_KINDS ? kind_names[kind] : "";
}

bool structure_change_kind_from_name(const char *name, enum structure_change_kind *kind)
{
	for (int k = 0; name != NULL && k < STRUCTURE_CHANGE_KINDS; k++)
		if (strcmp(name, kind_names[k]) == 0) {
			*kind = (enum structure_change_kind)k;
			return true;
		}
	return false;
}

bool structure_rates_parse(const char *text, long *hundredths, const char **reason)
{
	const char *p = text;
	long whole = 0, fraction = 0;
	int digits = 0, decimals = 0;
	bool too_precise = false;

	if (p == NULL)
		p = "";
	while (*p == ' ')
		p++;
	/* Leading zeros do not count; five significant digits are too many. */
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > 0 || *p != '0' || digits == 0) {
			whole = whole * 10 + (*p - '0');
			if (++digits > 5)
				whole = 100000;
		}
	}
	if (*p == '.' || *p == ',') {
		for (p++; *p >= '0' && *p <= '9'; p++, decimals++) {
			if (decimals < 2)
				fraction = fraction * 10 + (*p - '0');
			else if (*p != '0')
				too_precise = true;
		}
	}
	while (*p == ' ')
		p++;
	if (*p != '\0' || digits + decimals == 0) {
		*reason = "Type the number of rates, for example 1 or 2.5";
		return false;
	}
	if (too_precise) {
		*reason = "Rates have at most two decimals";
		return false;
	}
	if (decimals == 1)
		fraction *= 10;
	if (whole > 9999) {
		*reason = "At most 9999.99 rates";
		return false;
	}
	if (whole * 100 + fraction == 0) {
		*reason = "A position has more than 0 rates";
		return false;
	}
	*hundredths = whole * 100 + fraction;
	return true;
}

char *structure_rates_format(long hundredths, char *buf, unsigned long size)
{
	snprintf(buf, size, "%ld.%02ld", hundredths / 100, hundredths % 100);
	return buf;
}
