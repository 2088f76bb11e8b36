/* order.c - personnel orders: the kinds, their line fields and the SQL. */
#include "order.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* hr.leave_type in its order (tests/db/test_leave_types.c holds them equal). */
static const char *const leave_types[] = { "annual", "unpaid", "study", "maternity", "sick",
	                                   "other",  NULL };
static const char *const end_reasons[] = { "own_request", "agreement", "contract_end",
	                                   "retirement",  "discipline", "health",
	                                   "death",       "other",      NULL };

const char *const order_statuses[] = { "all", "draft", "signed", "cancelled", NULL };

/* Field shorthands: the employee, a plain field, a date. */
#define PERSON { { "person_id", "Employee", FIELD_TEXT, 100, true, NULL, 0 }, \
	         ORDER_FIELD_PERSON, "", false }
#define PLAIN(col, label, kind, max, req, choices, initial, copied) \
	{ { col, label, kind, max, req, choices, 0 }, ORDER_FIELD_PLAIN, initial, copied }
#define DAY(col, label, req) PLAIN(col, label, FIELD_DATE, 10, req, NULL, "", true)
#define SPECIAL(col, label, kind, max, req, initial, copied) \
	{ { col, label, FIELD_TEXT, max, req, NULL, 0 }, kind, initial, copied }

static const struct order_kind kinds[] = {
	{ "hire", "Hire", "P",
	  { PERSON, SPECIAL("position_id", "Position (F4)", ORDER_FIELD_POSITION, 200, true, "", true),
	    SPECIAL("rate", "Rate", ORDER_FIELD_RATE, 5, true, "1", true),
	    PLAIN("personnel_no", "Personnel no.", FIELD_TEXT, 20, true, NULL, "", false),
	    DAY("effective", "From", true) },
	  5 },
	{ "transfer", "Transfer", "P",
	  { PERSON, SPECIAL("position_id", "New position (F4)", ORDER_FIELD_POSITION, 200, true, "", true),
	    SPECIAL("rate", "Rate", ORDER_FIELD_RATE, 5, true, "1", true),
	    DAY("effective", "From", true) },
	  4 },
	{ "grade", "Grade or class rank", "P",
	  { PERSON, PLAIN("grade", "Grade", FIELD_TEXT, 20, true, NULL, "", true),
	    PLAIN("class_rank", "Class rank", FIELD_TEXT, 40, false, NULL, "", true),
	    DAY("effective", "From", true) },
	  4 },
	{ "pay", "Pay scale or allowance", "P",
	  { PERSON, PLAIN("pay_scale", "Pay scale step", FIELD_TEXT, 20, true, NULL, "", true),
	    SPECIAL("allowance", "Allowance, %", ORDER_FIELD_PERCENT, 6, false, "0", true),
	    DAY("effective", "From", true) },
	  4 },
	{ "personal", "Name change on evidence", "P",
	  { PERSON, PLAIN("last_name", "New surname", FIELD_NAME, 100, false, NULL, "", false),
	    PLAIN("first_name", "New given name", FIELD_NAME, 100, false, NULL, "", false),
	    PLAIN("middle_name", "New patronymic", FIELD_NAME, 100, false, NULL, "", false),
	    PLAIN("document", "Document", FIELD_TEXT, 200, true, NULL, "", false),
	    DAY("effective", "From", true) },
	  6 },
	{ "leave", "Leave", "L",
	  { PERSON, PLAIN("leave_type", "Leave type (F4)", FIELD_CHOICE, 10, true, leave_types,
	                  "annual", true),
	    DAY("effective", "From", true), DAY("until", "To (or days)", true) },
	  4 },
	{ "recall", "Recall from leave", "L",
	  { PERSON, DAY("effective", "Back at work on", true) },
	  2 },
	{ "trip", "Business trip", "T",
	  { PERSON, PLAIN("destination", "Destination", FIELD_TEXT, 200, true, NULL, "", true),
	    PLAIN("purpose", "Purpose", FIELD_TEXT, 300, false, NULL, "", true),
	    DAY("effective", "From", true), DAY("until", "To (or days)", true) },
	  5 },
	{ "award", "Award", "P",
	  { PERSON, PLAIN("award", "Award", FIELD_TEXT, 200, true, NULL, "", true),
	    DAY("effective", "Awarded on", true) },
	  3 },
	{ "penalty", "Disciplinary penalty", "P",
	  { PERSON, PLAIN("penalty", "Penalty", FIELD_TEXT, 200, true, NULL, "", true),
	    PLAIN("reason", "Reason", FIELD_TEXT, 500, false, NULL, "", true),
	    DAY("effective", "From", true) },
	  4 },
	{ "penalty_lift", "Lifting of a penalty", "P",
	  { PERSON, SPECIAL("penalty_id", "Penalty (F4)", ORDER_FIELD_PENALTY, 200, true, "", false),
	    DAY("effective", "Lifted on", true) },
	  3 },
	{ "transfer_out", "Transfer to another organisation", "P",
	  { PERSON, SPECIAL("to_org_id", "To organisation (F4)", ORDER_FIELD_ORG, 200, true, "", false),
	    DAY("effective", "Last day here", true) },
	  3 },
	{ "dismissal", "Dismissal", "P",
	  { PERSON, PLAIN("end_reason", "Reason (F4)", FIELD_CHOICE, 12, true, end_reasons,
	                  "own_request", true),
	    DAY("effective", "Last working day", true) },
	  3 },
};

enum { KIND_COUNT = sizeof kinds / sizeof kinds[0] };

const struct order_kind *order_kind_at(int i)
{
	return i >= 0 && i < KIND_COUNT ? &kinds[i] : NULL;
}

int order_kind_count(void)
{
	return KIND_COUNT;
}

const struct order_kind *order_kind_find(const char *code)
{
	for (int i = 0; i < KIND_COUNT; i++)
		if (strcmp(kinds[i].code, code) == 0)
			return &kinds[i];
	return NULL;
}

const char *order_kind_label(const char *code)
{
	const struct order_kind *kind = order_kind_find(code);

	if (kind != NULL)
		return kind->label;
	return strcmp(code, "cancel") == 0 ? "Cancellation" : code;
}

int order_field_index(const struct order_kind *kind, const char *column)
{
	for (int i = 0; i < kind->nfields; i++)
		if (strcmp(kind->fields[i].def.column, column) == 0)
			return i;
	return -1;
}

const char *const order_line_columns[ORDER_LINE_COLUMNS] = {
	"person_id",  "effective",  "until",      "position_id", "rate",        "personnel_no",
	"grade",      "class_rank", "pay_scale",  "allowance",   "leave_type",  "destination",
	"purpose",    "award",      "penalty",    "penalty_id",  "absence_id",  "reason",
	"end_reason", "last_name",  "first_name", "middle_name", "document",   "to_org_id",
};

void order_line_params(const struct order_kind *kind, const char *const *values,
                       const char **params)
{
	for (int c = 0; c < ORDER_LINE_COLUMNS; c++) {
		int i = order_field_index(kind, order_line_columns[c]);

		params[c] = i >= 0 && values[i] != NULL && values[i][0] != '\0' ? values[i] : NULL;
	}
}

bool order_check_number(enum order_field_kind kind, const char *text, char *reason, size_t size)
{
	char *end;
	double value;
	const char *p = text;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0') {
		if (kind == ORDER_FIELD_PERCENT)
			return true;
		snprintf(reason, size, "A rate is needed, from 0.25 to 2.");
		return false;
	}
	value = strtod(p, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (end == p || *end != '\0' || strspn(p, "0123456789. ") != strlen(p)) {
		snprintf(reason, size, "Type a number such as %s.", kind == ORDER_FIELD_RATE ? "0.5" : "15");
		return false;
	}
	if (kind == ORDER_FIELD_RATE && (value < 0.25 || value > 2 || value * 100 != (long)(value * 100))) {
		snprintf(reason, size, "A rate is from 0.25 to 2, in hundredths.");
		return false;
	}
	if (kind == ORDER_FIELD_PERCENT && (value < 0 || value > 500)) {
		snprintf(reason, size, "An allowance is from 0 to 500 per cent.");
		return false;
	}
	return true;
}

void order_file_stem(const char *number, long id, char *out, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return;
	if (number == NULL || number[0] == '\0') {
		snprintf(out, size, "order-draft-%ld", id);
		return;
	}
	n = (size_t)snprintf(out, size, "order-");
	for (const char *p = number; *p != '\0' && n + 1 < size; p++)
		out[n++] = isalnum((unsigned char)*p) || *p == '-' || *p == '_' ? *p : '-';
	out[n < size ? n : size - 1] = '\0';
}

/* The login's organisation (clerks and heads have one). */
#define OWN_ORG "(SELECT id FROM hr.org WHERE code = (SELECT org_code FROM hr.whoami()))"
/* The order a save is about: by id once it exists, else by the request. */
#define THE_ORDER \
	"coalesce(nullif($1, '')::bigint, (SELECT id FROM hr.hr_order WHERE request_id = $2::uuid))"
#define ORDER_DAY "coalesce(h.order_date, h.created_at::date)"

const char *const order_journal_sql =
        "SELECT h.id, h.kind, h.status, r.code, coalesce(h.number_text, ''), " ORDER_DAY "::text, "
        "       (SELECT count(*) FROM hr.order_line l WHERE l.org_id = h.org_id "
        "           AND l.order_id = h.id)::text, "
        "       coalesce((SELECT btrim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) "
        "           FROM hr.order_line l JOIN hr.person p ON p.org_id = l.org_id "
        "            AND p.id = l.person_id WHERE l.org_id = h.org_id AND l.order_id = h.id "
        "          ORDER BY l.line_no LIMIT 1), 'order ' || c.number_text, ''), "
        "       h.created_by, h.version::text "
        "  FROM hr.hr_order h "
        "  JOIN hr.order_register r ON r.org_id = h.org_id AND r.id = h.register_id "
        "  LEFT JOIN hr.hr_order c ON c.org_id = h.org_id AND c.id = h.cancels_id "
        " WHERE ($1 = 'all' OR h.status = $1) AND ($2 = '' OR h.kind = $2) "
        "   AND ($3 = '' OR r.code = $3) "
        "   AND ($4 = '' OR " ORDER_DAY " >= nullif($4, '')::date) "
        "   AND ($5 = '' OR " ORDER_DAY " <= nullif($5, '')::date) "
        "   AND ($6 = '' OR h.number_text ILIKE $6 || '%' OR EXISTS (SELECT 1 "
        "        FROM hr.order_line l JOIN hr.person p ON p.org_id = l.org_id AND p.id = l.person_id "
        "       WHERE l.org_id = h.org_id AND l.order_id = coalesce(h.cancels_id, h.id) "
        "         AND p.search_text LIKE '%' || lower($6) || '%')) "
        "   AND ($7 = '' OR EXISTS (SELECT 1 FROM hr.order_line l WHERE l.org_id = h.org_id "
        "        AND l.order_id = coalesce(h.cancels_id, h.id) AND l.person_id = nullif($7, '')::bigint)) "
        " ORDER BY " ORDER_DAY " DESC, h.id DESC LIMIT 500";

const char *const order_load_sql =
        "SELECT h.id, h.kind, h.status, r.code, coalesce(h.number_text, ''), "
        "       coalesce(h.order_date::text, ''), h.basis, h.version::text, "
        "       array_to_string(h.authors, ', '), "
        "       coalesce(h.signed_by, ''), coalesce(to_char(h.signed_at, 'DD.MM.YYYY HH24:MI'), ''), "
        "       coalesce(c.number_text, ''), coalesce(x.number_text, ''), "
        "       coalesce(h.signed_text, ''), coalesce(h.cancels_id::text, '') "
        "  FROM hr.hr_order h "
        "  JOIN hr.order_register r ON r.org_id = h.org_id AND r.id = h.register_id "
        "  LEFT JOIN hr.hr_order c ON c.org_id = h.org_id AND c.id = h.cancels_id "
        "  LEFT JOIN hr.hr_order x ON x.org_id = h.org_id AND x.id = h.cancelled_by_id "
        " WHERE h.id = $1::bigint";

#define TEXT(col) "coalesce(l." col "::text, '')"

const char *const order_lines_sql =
        "SELECT l.id, l.line_no, l.person_id, "
        "       btrim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name), "
        "       coalesce(e.personnel_no, l.personnel_no, ''), " TEXT("person_id") ", " TEXT(
                "effective") ", " TEXT("until") ", " TEXT("position_id") ", " TEXT("rate") ", " TEXT("personnel_no") ", " TEXT("grade") ", " TEXT("class_rank") ", " TEXT("pay_scale") ", " TEXT("allowance") ", " TEXT("leave_type") ", " TEXT("destination") ", " TEXT("purpose") ", " TEXT("award") ", " TEXT("penalty") ", " TEXT("penalty_id") ", " TEXT("absence_id") ", " TEXT("reason") ", " TEXT("end_reason") ", " TEXT("last_name") ", " TEXT("first_name") ", " TEXT("middle_name") ", " TEXT("document") ", " TEXT("to_org_id") ", "
        "       coalesce(pv.title, ''), coalesce(pn.penalty, ''), "
        "       coalesce((SELECT x.code || '  ' || x.name FROM hr.service_orgs() x "
        "                  WHERE x.id = l.to_org_id), '') "
        "  FROM hr.order_line l "
        "  JOIN hr.person p ON p.org_id = l.org_id AND p.id = l.person_id "
        "  LEFT JOIN LATERAL (SELECT x.personnel_no FROM hr.employment x "
        "        WHERE x.org_id = l.org_id AND x.person_id = l.person_id "
        "          AND x.hire_date <= l.effective ORDER BY x.hire_date DESC LIMIT 1) e ON true "
        "  LEFT JOIN hr.position_version pv ON pv.org_id = l.org_id "
        "        AND pv.position_id = l.position_id AND pv.valid @> l.effective "
        "  LEFT JOIN hr.penalty pn ON pn.org_id = l.org_id AND pn.id = l.penalty_id "
        " WHERE l.order_id = $1::bigint ORDER BY l.line_no";

const char *const order_save_order_sql =
        "INSERT INTO hr.hr_order AS h (org_id, kind, register_id, basis, request_id) "
        "SELECT r.org_id, $3, r.id, $5, $2::uuid FROM hr.order_register r "
        " WHERE r.org_id = " OWN_ORG " AND r.code = $4 AND $1 = '' "
        "ON CONFLICT (org_id, request_id) DO UPDATE SET basis = EXCLUDED.basis "
        "RETURNING h.id";

const char *const order_save_line_sql =
        "INSERT INTO hr.order_line AS l (org_id, order_id, line_no, person_id, effective, until, "
        "       position_id, rate, personnel_no, grade, class_rank, pay_scale, allowance, "
        "       leave_type, destination, purpose, award, penalty, penalty_id, absence_id, reason, "
        "       end_reason, last_name, first_name, middle_name, document, to_org_id) "
        "SELECT h.org_id, h.id, $3::int, $4::bigint, $5::date, $6::date, $7::bigint, $8::numeric, "
        "       $9, $10, $11, $12, $13::numeric, $14, $15, $16, $17, $18, $19::bigint, $20::bigint, "
        "       $21, $22, $23, $24, $25, $26, $27::int "
        "  FROM hr.hr_order h WHERE h.id = " THE_ORDER " "
        "ON CONFLICT (org_id, order_id, line_no) DO UPDATE SET person_id = EXCLUDED.person_id, "
        "       effective = EXCLUDED.effective, until = EXCLUDED.until, "
        "       position_id = EXCLUDED.position_id, rate = EXCLUDED.rate, "
        "       personnel_no = EXCLUDED.personnel_no, grade = EXCLUDED.grade, "
        "       class_rank = EXCLUDED.class_rank, pay_scale = EXCLUDED.pay_scale, "
        "       allowance = EXCLUDED.allowance, leave_type = EXCLUDED.leave_type, "
        "       destination = EXCLUDED.destination, purpose = EXCLUDED.purpose, "
        "       award = EXCLUDED.award, penalty = EXCLUDED.penalty, "
        "       penalty_id = EXCLUDED.penalty_id, absence_id = EXCLUDED.absence_id, "
        "       reason = EXCLUDED.reason, end_reason = EXCLUDED.end_reason, "
        "       last_name = EXCLUDED.last_name, first_name = EXCLUDED.first_name, "
        "       middle_name = EXCLUDED.middle_name, document = EXCLUDED.document, "
        "       to_org_id = EXCLUDED.to_org_id "
        "RETURNING l.id";

const char *const order_version_sql =
        "UPDATE hr.hr_order SET basis = $3 WHERE id = " THE_ORDER " RETURNING id, version::text";

const char *const order_delete_line_sql =
        "DELETE FROM hr.order_line WHERE order_id = $1::bigint AND line_no = $2::int";

const char *const order_delete_sql = "DELETE FROM hr.hr_order WHERE id = $1::bigint";

const char *const order_problems_sql =
        "SELECT coalesce(line_no::text, ''), coalesce(person, ''), severity, problem "
        "  FROM hr.order_problems($1::bigint)";

const char *const order_preview_sql =
        "SELECT seq, coalesce(line_no::text, ''), action, table_name, description "
        "  FROM hr.order_preview($1::bigint)";

const char *const order_effects_sql =
        "SELECT f.seq, coalesce(l.line_no::text, ''), f.action, f.table_name, f.description "
        "  FROM hr.order_effect f "
        "  LEFT JOIN hr.order_line l ON l.org_id = f.org_id AND l.id = f.line_id "
        " WHERE f.order_id = $1::bigint ORDER BY f.seq";

const char *const order_sign_sql =
        "SELECT number_text, to_char(signed_at, 'DD.MM.YYYY HH24:MI'), already "
        "  FROM hr.order_sign($1::bigint, $2::int)";

const char *const order_render_sql = "SELECT hr.order_render($1::bigint, NULL, NULL)";

const char *const order_cancel_sql =
        "INSERT INTO hr.hr_order AS h (org_id, kind, register_id, cancels_id, request_id) "
        "SELECT o.org_id, 'cancel', o.register_id, o.id, $2::uuid FROM hr.hr_order o "
        " WHERE o.id = $1::bigint "
        "ON CONFLICT (org_id, request_id) DO UPDATE SET basis = h.basis RETURNING h.id";

const char *const order_people_sql =
        "(SELECT p.id, btrim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name), "
        "       coalesce(e.personnel_no, ''), coalesce(pv.title, '') "
        "  FROM hr.person p "
        "  LEFT JOIN LATERAL (SELECT x.id, x.personnel_no FROM hr.employment x "
        "        WHERE x.org_id = p.org_id AND x.person_id = p.id AND x.hire_date <= $2::date "
        "          AND (x.end_date IS NULL OR x.end_date >= $2::date) LIMIT 1) e ON true "
        "  LEFT JOIN LATERAL (SELECT a.position_id FROM hr.assignment a "
        "        WHERE a.org_id = p.org_id AND a.employment_id = e.id AND a.during @> $2::date "
        "        LIMIT 1) a ON true "
        "  LEFT JOIN hr.position_version pv ON pv.org_id = p.org_id "
        "        AND pv.position_id = a.position_id AND pv.valid @> $2::date "
        " WHERE p.org_id = " OWN_ORG " "
        "   AND (p.search_text LIKE '%' || lower($1) || '%' OR EXISTS (SELECT 1 "
        "        FROM hr.employment x WHERE x.org_id = p.org_id AND x.person_id = p.id "
        "         AND x.personnel_no ILIKE $1 || '%')) "
        "   AND p.moved_to IS NULL "
        "   AND CASE WHEN $3 = 'hire' THEN e.id IS NULL ELSE e.id IS NOT NULL END "
        " ORDER BY lower(e.personnel_no) = lower($1) DESC NULLS LAST, "
        "          p.last_name, p.first_name, p.id LIMIT 20) "
        "UNION ALL (SELECT -release_id, name, '', 'from ' || from_code || ', last day there ' "
        "       || to_char(last_day, 'DD.MM.YYYY') "
        "  FROM hr.released_to_us($1) WHERE $3 = 'hire')";

const char *const order_vacancies_sql =
        "SELECT position_id, title, department_name, vacant::text "
        "  FROM hr.vacancies(" OWN_ORG ", $1::date, NULL, NULL) "
        " WHERE $2 = '' OR title ILIKE '%' || $2 || '%' OR department_name ILIKE '%' || $2 || '%' "
        " ORDER BY department_name, title, position_id LIMIT 200";

/* The highest trailing number among the organisation's personnel numbers
 * (signed or on draft hire lines), plus one, with the same prefix and width. */
const char *const order_next_personnel_no_sql =
        "WITH n AS (SELECT personnel_no AS no FROM hr.employment WHERE org_id = " OWN_ORG " "
        "           UNION ALL SELECT personnel_no FROM hr.order_line "
        "            WHERE org_id = " OWN_ORG " AND personnel_no IS NOT NULL), "
        "m AS (SELECT no, (regexp_match(no, '([0-9]+)$'))[1] AS digits FROM n) "
        "SELECT left(no, length(no) - length(digits)) "
        "       || lpad((digits::numeric + 1)::text, length(digits), '0') "
        "  FROM m WHERE digits IS NOT NULL AND length(digits) <= 18 "
        " ORDER BY digits::numeric DESC, no LIMIT 1";

const char *const order_penalties_sql =
        "SELECT id, penalty, to_char(imposed_on, 'DD.MM.YYYY') FROM hr.penalty "
        " WHERE person_id = $1::bigint AND lifted_on IS NULL AND imposed_on <= $2::date "
        " ORDER BY imposed_on, id";

const char *const order_settings_sql =
        "SELECT language, award_repeat_years::text, "
        "       CASE WHEN obligation_blocks_own_request THEN 'yes' ELSE 'no' END, version::text "
        "  FROM hr.order_setting WHERE org_id = " OWN_ORG;

const char *const order_registers_sql =
        "SELECT code, name, pattern, version::text FROM hr.order_register "
        " WHERE org_id = " OWN_ORG " ORDER BY code LIMIT 8";

const char *const order_settings_save_sql =
        "UPDATE hr.order_setting SET language = $1, award_repeat_years = $2::int, "
        "       obligation_blocks_own_request = $3 = 'yes' "
        " WHERE org_id = " OWN_ORG " AND version = $4::int RETURNING version";

const char *const order_register_save_sql =
        "UPDATE hr.order_register SET pattern = $2 "
        " WHERE org_id = " OWN_ORG " AND code = $1 AND version = $3::int RETURNING version";

const char *const order_orgs_sql =
        "SELECT id, code || '  ' || name FROM hr.service_orgs() "
        " WHERE id <> " OWN_ORG " AND ($1 = '' OR code ILIKE $1 || '%' OR name ILIKE '%' || $1 || '%') "
        " ORDER BY code LIMIT 200";

const char *const order_receive_sql = "SELECT hr.receive_person($1::bigint)";
