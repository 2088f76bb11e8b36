/* section.c - the sections of the personnel file: fields and SQL. */
#include "section.h"

#include <string.h>

static const char *const genders[] = { "F", "M", NULL };
static const char *const education_levels[] = { "secondary",  "vocational", "bachelor", "master",
	                                        "specialist", "doctorate",  "other",    NULL };
static const char *const relations[] = { "spouse", "child", "parent", "sibling", "other", NULL };
static const char *const assessment_results[] = { "excellent", "good", "satisfactory",
	                                          "unsatisfactory", NULL };

/* ---- personal data: one record, read as of a date from its history ---- */

static const struct field_def personal_fields[] = {
	{ "last_name", "Surname", FIELD_NAME, 100, true, NULL, 0 },
	{ "first_name", "Given name", FIELD_NAME, 100, true, NULL, 0 },
	{ "middle_name", "Patronymic", FIELD_NAME, 100, false, NULL, 0 },
	{ "birth_date", "Birth date", FIELD_BIRTH_DATE, 10, true, NULL, 0 },
	{ "gender", "Gender", FIELD_CHOICE, 1, true, genders, 0 },
	{ "personal_id", "Personal ID", FIELD_PERSONAL_ID, 30, false, NULL, 0 },
	{ "citizenship", "Citizenship", FIELD_TEXT, 60, false, NULL, 0 },
	{ "phone", "Phone", FIELD_PHONE, 24, false, NULL, 0 },
	{ "email", "E-mail", FIELD_EMAIL, 120, false, NULL, 0 },
	{ "address", "Address", FIELD_TEXT, 300, false, NULL, 0 },
};

/* The value as of the end of day $2: from the first kept version that was
 * still in force then (the earliest one for a date before the person was
 * registered), else from the person row as it is now. */
#define AS_OF(col)                                                     \
	"CASE WHEN h.data IS NULL THEN coalesce(p." col "::text, '') " \
	"ELSE coalesce(h.data ->> '" col "', '') END"

static const char personal_select[] =
        "SELECT p.id, p.version::text, " AS_OF("last_name") ", " AS_OF("first_name") ", " AS_OF("mi"
                                                                                                "dd"
                                                                                                "le"
                                                                                                "_n"
                                                                                                "am"
                                                                                                "e") ", " AS_OF("birth_date") ", " AS_OF("gender") ", " AS_OF("personal_id") ", " AS_OF(
                "citizenship") ", " AS_OF("phone") ", " AS_OF("email") ", " AS_OF("address") "  "
                                                                                             "FROM "
                                                                                             "hr."
                                                                                             "perso"
                                                                                             "n p "
                                                                                             "  "
                                                                                             "LEFT "
                                                                                             "JOIN "
                                                                                             "LATER"
                                                                                             "AL "
                                                                                             "(SELE"
                                                                                             "CT "
                                                                                             "h."
                                                                                             "data "
                                                                                             "FROM "
                                                                                             "hr."
                                                                                             "perso"
                                                                                             "n_"
                                                                                             "histo"
                                                                                             "ry h "
                                                                                             "     "
                                                                                             "   "
                                                                                             "WHERE"
                                                                                             " h."
                                                                                             "org_"
                                                                                             "id = "
                                                                                             "p."
                                                                                             "org_"
                                                                                             "id "
                                                                                             "AND "
                                                                                             "h."
                                                                                             "perso"
                                                                                             "n_id "
                                                                                             "= "
                                                                                             "p.id "
                                                                                             "     "
                                                                                             "     "
                                                                                             "AND "
                                                                                             "upper"
                                                                                             "(h."
                                                                                             "valid"
                                                                                             ") > "
                                                                                             "($2::"
                                                                                             "date "
                                                                                             "+ "
                                                                                             "1)::"
                                                                                             "times"
                                                                                             "tampt"
                                                                                             "z "
                                                                                             "     "
                                                                                             "   "
                                                                                             "ORDER"
                                                                                             " BY "
                                                                                             "upper"
                                                                                             "(h."
                                                                                             "valid"
                                                                                             ") "
                                                                                             "LIMIT"
                                                                                             " 1) "
                                                                                             "h ON "
                                                                                             "true "
                                                                                             " WHER"
                                                                                             "E "
                                                                                             "p.id "
                                                                                             "= "
                                                                                             "$1::"
                                                                                             "bigin"
                                                                                             "t";

static const char personal_update[] =
        "UPDATE hr.person SET last_name = $3, first_name = $4, middle_name = $5, "
        "       birth_date = $6::date, gender = nullif($7, ''), personal_id = nullif($8, ''), "
        "       citizenship = $9, phone = $10, email = $11, address = $12, version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- employment and assignments: read-only, changed by orders ---- */

/* Listed at 80 columns with what matters first: the number, the dates,
 * the post and its department; the rate when there is room. */
static const struct field_def employment_fields[] = {
	{ "personnel_no", "Pers. no", FIELD_TEXT, 20, false, NULL, 8 },
	{ "start", "From", FIELD_DATE, 10, false, NULL, 10 },
	{ "end", "To", FIELD_DATE, 10, false, NULL, 10 },
	{ "position", "Position", FIELD_TEXT, 200, false, NULL, 13 },
	{ "department", "Department", FIELD_TEXT, 200, false, NULL, 9 },
	{ "rate", "Rate", FIELD_TEXT, 6, false, NULL, 6 },
};

static const char employment_select[] =
        "SELECT coalesce(a.id, -e.id), coalesce(a.version, e.version)::text, e.personnel_no, "
        "       coalesce(lower(a.during), e.hire_date)::text, "
        "       coalesce((upper(a.during) - 1)::text, e.end_date::text, ''), "
        "       coalesce(pos.title, ''), coalesce(d.name, ''), coalesce(a.rate::text, '') "
        "  FROM hr.employment e "
        "  LEFT JOIN hr.assignment a ON a.org_id = e.org_id AND a.employment_id = e.id "
        "        AND lower(a.during) <= $2::date "
        /* Names as they were on the day, or on the assignment's last day. */
        "  LEFT JOIN hr.position_version pos ON pos.org_id = a.org_id "
        "        AND pos.position_id = a.position_id "
        "        AND pos.valid @> least($2::date, upper(a.during) - 1) "
        "  LEFT JOIN hr.department_version d ON d.org_id = pos.org_id "
        "        AND d.department_id = pos.department_id "
        "        AND d.valid @> least($2::date, upper(a.during) - 1) "
        " WHERE e.person_id = $1::bigint AND e.hire_date <= $2::date "
        " ORDER BY 4, 1";

/* ---- education ---- */

static const struct field_def education_fields[] = {
	{ "institution", "Institution", FIELD_TEXT, 200, true, NULL, 32 },
	{ "level", "Level", FIELD_CHOICE, 12, true, education_levels, 11 },
	{ "major", "Major", FIELD_TEXT, 200, false, NULL, 20 },
	{ "year_completed", "Year", FIELD_YEAR, 4, false, NULL, 4 },
};

static const char education_select[] =
        "SELECT id, version::text, institution, level, major, coalesce(year_completed::text, '') "
        "  FROM hr.education WHERE person_id = $1::bigint "
        "   AND (year_completed IS NULL OR year_completed <= extract(year FROM $2::date) "
        "        OR $2::date >= current_date) "
        " ORDER BY year_completed NULLS LAST, id";
static const char education_insert[] =
        "INSERT INTO hr.education (org_id, person_id, institution, level, major, year_completed) "
        "SELECT org_id, id, $2, $3, $4, nullif($5, '')::int FROM hr.person WHERE id = $1::bigint "
        "RETURNING id";
static const char education_update[] =
        "UPDATE hr.education SET institution = $3, level = $4, major = $5, "
        "       year_completed = nullif($6, '')::int, version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- family ---- */

static const struct field_def family_fields[] = {
	{ "relation", "Relation", FIELD_CHOICE, 10, true, relations, 9 },
	{ "full_name", "Full name", FIELD_NAME, 200, true, NULL, 40 },
	{ "birth_date", "Born", FIELD_DATE, 10, false, NULL, 10 },
};

static const char family_select[] =
        "SELECT id, version::text, relation, full_name, coalesce(birth_date::text, '') "
        "  FROM hr.family_member WHERE person_id = $1::bigint "
        "   AND (birth_date IS NULL OR birth_date <= $2::date) ORDER BY birth_date NULLS LAST, id";
static const char family_insert[] =
        "INSERT INTO hr.family_member (org_id, person_id, relation, full_name, birth_date) "
        "SELECT org_id, id, $2, $3, nullif($4, '')::date FROM hr.person WHERE id = $1::bigint "
        "RETURNING id";
static const char family_update[] =
        "UPDATE hr.family_member SET relation = $3, full_name = $4, "
        "       birth_date = nullif($5, '')::date, version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- prior employment (the employment record book) ---- */

static const struct field_def prior_fields[] = {
	{ "employer", "Employer", FIELD_TEXT, 200, true, NULL, 26 },
	{ "position", "Position", FIELD_TEXT, 200, false, NULL, 18 },
	{ "start_date", "From", FIELD_DATE, 10, true, NULL, 10 },
	{ "end_date", "To", FIELD_DATE, 10, true, NULL, 10 },
	{ "counts_for_service", "Counts", FIELD_BOOL, 3, true, NULL, 6 },
};

static const char prior_select[] =
        "SELECT id, version::text, employer, position, start_date::text, end_date::text, "
        "       CASE WHEN counts_for_service THEN 'yes' ELSE 'no' END "
        "  FROM hr.prior_employment WHERE person_id = $1::bigint AND start_date <= $2::date "
        " ORDER BY start_date, id";
static const char prior_insert[] =
        "INSERT INTO hr.prior_employment (org_id, person_id, employer, position, start_date, "
        "       end_date, counts_for_service) "
        "SELECT org_id, id, $2, $3, $4::date, $5::date, $6 = 'yes' FROM hr.person "
        " WHERE id = $1::bigint RETURNING id";
static const char prior_update[] =
        "UPDATE hr.prior_employment SET employer = $3, position = $4, start_date = $5::date, "
        "       end_date = $6::date, counts_for_service = $7 = 'yes', version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- grade and class rank: read-only, changed by orders ---- */

static const struct field_def grade_fields[] = {
	{ "grade", "Grade", FIELD_TEXT, 20, false, NULL, 10 },
	{ "class_rank", "Class rank", FIELD_TEXT, 40, false, NULL, 24 },
	{ "start", "From", FIELD_DATE, 10, false, NULL, 10 },
	{ "end", "To", FIELD_DATE, 10, false, NULL, 10 },
};

static const char grade_select[] =
        "SELECT id, '1', grade, class_rank, lower(during)::text, "
        "       coalesce((upper(during) - 1)::text, '') "
        "  FROM hr.grade_history WHERE person_id = $1::bigint AND lower(during) <= $2::date "
        " ORDER BY lower(during), id";

/* ---- training ---- */

static const struct field_def training_fields[] = {
	{ "course", "Course", FIELD_TEXT, 200, true, NULL, 26 },
	{ "provider", "Provider", FIELD_TEXT, 200, false, NULL, 14 },
	{ "hours", "Hours", FIELD_HOURS, 7, true, NULL, 6 },
	{ "start_date", "From", FIELD_DATE, 10, true, NULL, 10 },
	{ "end_date", "To", FIELD_DATE, 10, true, NULL, 10 },
};

static const char training_select[] =
        "SELECT id, version::text, course, provider, hours::text, start_date::text, "
        "       end_date::text "
        "  FROM hr.training WHERE person_id = $1::bigint AND start_date <= $2::date "
        " ORDER BY start_date, id";
static const char training_insert[] =
        "INSERT INTO hr.training (org_id, person_id, course, provider, hours, start_date, "
        "       end_date) "
        "SELECT org_id, id, $2, $3, $4::numeric, $5::date, $6::date FROM hr.person "
        " WHERE id = $1::bigint RETURNING id";
static const char training_update[] =
        "UPDATE hr.training SET course = $3, provider = $4, hours = $5::numeric, "
        "       start_date = $6::date, end_date = $7::date, version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- awards ---- */

static const struct field_def award_fields[] = {
	{ "award", "Award", FIELD_TEXT, 200, true, NULL, 34 },
	{ "awarded_on", "Date", FIELD_DATE, 10, true, NULL, 10 },
	{ "document", "Document", FIELD_TEXT, 200, false, NULL, 22 },
};

/* An award an order gave names the order as its document. */
static const char award_select[] =
        "SELECT a.id, a.version::text, a.award, a.awarded_on::text, "
        "       coalesce(nullif(a.document, ''), 'order ' || h.number_text, '') "
        "  FROM hr.award a "
        "  LEFT JOIN hr.order_line l ON l.org_id = a.org_id AND l.id = a.order_line_id "
        "  LEFT JOIN hr.hr_order h ON h.org_id = l.org_id AND h.id = l.order_id "
        " WHERE a.person_id = $1::bigint AND a.awarded_on <= $2::date "
        " ORDER BY a.awarded_on, a.id";
static const char award_insert[] =
        "INSERT INTO hr.award (org_id, person_id, award, awarded_on, document) "
        "SELECT org_id, id, $2, $3::date, $4 FROM hr.person WHERE id = $1::bigint RETURNING id";
static const char award_update[] =
        "UPDATE hr.award SET award = $3, awarded_on = $4::date, document = $5, "
        "       version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- penalties ---- */

static const struct field_def penalty_fields[] = {
	{ "penalty", "Penalty", FIELD_TEXT, 200, true, NULL, 24 },
	{ "imposed_on", "Imposed", FIELD_DATE, 10, true, NULL, 10 },
	{ "lifted_on", "Lifted", FIELD_DATE, 10, false, NULL, 10 },
	{ "reason", "Reason", FIELD_TEXT, 500, false, NULL, 22 },
};

static const char penalty_select[] =
        "SELECT id, version::text, penalty, imposed_on::text, coalesce(lifted_on::text, ''), "
        "       reason "
        "  FROM hr.penalty WHERE person_id = $1::bigint AND imposed_on <= $2::date "
        " ORDER BY imposed_on, id";
static const char penalty_insert[] =
        "INSERT INTO hr.penalty (org_id, person_id, penalty, imposed_on, lifted_on, reason) "
        "SELECT org_id, id, $2, $3::date, nullif($4, '')::date, $5 FROM hr.person "
        " WHERE id = $1::bigint RETURNING id";
static const char penalty_update[] =
        "UPDATE hr.penalty SET penalty = $3, imposed_on = $4::date, "
        "       lifted_on = nullif($5, '')::date, reason = $6, version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- performance assessments ---- */

static const struct field_def assessment_fields[] = {
	{ "assessed_on", "Date", FIELD_DATE, 10, true, NULL, 10 },
	{ "result", "Result", FIELD_CHOICE, 14, true, assessment_results, 14 },
	{ "note", "Note", FIELD_TEXT, 500, false, NULL, 40 },
};

static const char assessment_select[] =
        "SELECT id, version::text, assessed_on::text, result, note "
        "  FROM hr.assessment WHERE person_id = $1::bigint AND assessed_on <= $2::date "
        " ORDER BY assessed_on, id";
static const char assessment_insert[] =
        "INSERT INTO hr.assessment (org_id, person_id, assessed_on, result, note) "
        "SELECT org_id, id, $2::date, $3, $4 FROM hr.person WHERE id = $1::bigint RETURNING id";
static const char assessment_update[] =
        "UPDATE hr.assessment SET assessed_on = $3::date, result = $4, note = $5, "
        "       version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- consent to processing personal data ---- */

static const struct field_def consent_fields[] = {
	{ "given_on", "Given", FIELD_DATE, 10, true, NULL, 10 },
	{ "document", "Document", FIELD_TEXT, 200, true, NULL, 36 },
	{ "withdrawn_on", "Withdrawn", FIELD_DATE, 10, false, NULL, 10 },
};

static const char consent_select[] =
        "SELECT id, version::text, given_on::text, document, coalesce(withdrawn_on::text, '') "
        "  FROM hr.consent WHERE person_id = $1::bigint AND given_on <= $2::date "
        " ORDER BY given_on, id";
static const char consent_insert[] =
        "INSERT INTO hr.consent (org_id, person_id, given_on, document, withdrawn_on) "
        "SELECT org_id, id, $2::date, $3, nullif($4, '')::date FROM hr.person "
        " WHERE id = $1::bigint RETURNING id";
static const char consent_update[] =
        "UPDATE hr.consent SET given_on = $3::date, document = $4, "
        "       withdrawn_on = nullif($5, '')::date, version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- documents: attachments with their checksum ---- */

static const struct field_def document_fields[] = {
	{ "title", "Title", FIELD_TEXT, 200, true, NULL, 26 },
	{ "file_name", "File", FIELD_TEXT, 200, false, NULL, 18 },
	{ "size", "Bytes", FIELD_TEXT, 10, false, NULL, 8 },
	{ "sha256", "SHA-256", FIELD_TEXT, 64, false, NULL, 12 },
	{ "uploaded_at", "Added", FIELD_DATE, 10, false, NULL, 10 },
};

static const char document_select[] =
        "SELECT id, version::text, title, file_name, size::text, sha256, "
        "       uploaded_at::date::text "
        "  FROM hr.document WHERE person_id = $1::bigint AND uploaded_at::date <= $2::date "
        " ORDER BY uploaded_at, id";
static const char document_update[] =
        "UPDATE hr.document SET title = $3, version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

/* ---- leave and business trips: written by signed orders ---- */

static const struct field_def absence_fields[] = {
	{ "kind", "Kind", FIELD_TEXT, 10, false, NULL, 6 },
	{ "what", "Type or destination", FIELD_TEXT, 200, false, NULL, 22 },
	{ "from", "From", FIELD_DATE, 10, false, NULL, 10 },
	{ "to", "To", FIELD_DATE, 10, false, NULL, 10 },
	{ "order", "Order", FIELD_TEXT, 30, false, NULL, 10 },
};

static const char absence_select[] =
        "SELECT a.id, a.version::text, a.kind, "
        "       CASE a.kind WHEN 'leave' THEN a.leave_type ELSE a.destination END, "
        "       lower(a.during)::text, (upper(a.during) - 1)::text, coalesce(h.number_text, '') "
        "  FROM hr.absence a "
        "  LEFT JOIN hr.order_line l ON l.org_id = a.org_id AND l.id = a.order_line_id "
        "  LEFT JOIN hr.hr_order h ON h.org_id = l.org_id AND h.id = l.order_id "
        " WHERE a.person_id = $1::bigint AND lower(a.during) <= $2::date + 366 "
        " ORDER BY lower(a.during) DESC, a.id";

/* ---- pay scale and allowances: written by signed orders ---- */

static const struct field_def pay_fields[] = {
	{ "pay_scale", "Pay scale step", FIELD_TEXT, 20, false, NULL, 10 },
	{ "allowance", "Allowance, %", FIELD_TEXT, 8, false, NULL, 8 },
	{ "from", "From", FIELD_DATE, 10, false, NULL, 10 },
	{ "to", "To", FIELD_DATE, 10, false, NULL, 10 },
	{ "order", "Order", FIELD_TEXT, 30, false, NULL, 10 },
};

static const char pay_select[] =
        "SELECT p.id, '1', p.pay_scale, p.allowance::text, lower(p.during)::text, "
        "       coalesce((upper(p.during) - 1)::text, ''), coalesce(h.number_text, '') "
        "  FROM hr.pay_history p "
        "  LEFT JOIN hr.order_line l ON l.org_id = p.org_id AND l.id = p.order_line_id "
        "  LEFT JOIN hr.hr_order h ON h.org_id = l.org_id AND h.id = l.order_id "
        " WHERE p.person_id = $1::bigint AND lower(p.during) <= $2::date "
        " ORDER BY lower(p.during), p.id";

/* ---- service obligations (no leaving by own request within one) ---- */

static const struct field_def obligation_fields[] = {
	{ "reason", "Reason", FIELD_TEXT, 300, true, NULL, 34 },
	{ "from", "From", FIELD_DATE, 10, true, NULL, 10 },
	{ "to", "To", FIELD_DATE, 10, true, NULL, 10 },
};

static const char obligation_select[] =
        "SELECT id, version::text, reason, lower(during)::text, "
        "       coalesce((upper(during) - 1)::text, '') "
        "  FROM hr.service_obligation WHERE person_id = $1::bigint AND lower(during) <= $2::date "
        " ORDER BY lower(during), id";
static const char obligation_insert[] =
        "INSERT INTO hr.service_obligation (org_id, person_id, reason, during) "
        "SELECT org_id, id, $2, daterange($3::date, $4::date, '[]') FROM hr.person "
        " WHERE id = $1::bigint RETURNING id";
static const char obligation_update[] =
        "UPDATE hr.service_obligation SET reason = $3, during = daterange($4::date, $5::date, '[]'), "
        "       version = version + 1 "
        " WHERE id = $1::bigint AND version = $2::int RETURNING version";

#define DELETE_SQL(table) "DELETE FROM hr." table " WHERE id = $1::bigint AND version = $2::int"
#define FIELDS(array)     array, (int)(sizeof array / sizeof array[0])

static const struct section_def sections[SECTION_COUNT] = {
	{ SECTION_PERSONAL, "person", "Personal data", FIELDS(personal_fields), true, false,
	  personal_select, NULL, personal_update, NULL },
	{ SECTION_EMPLOYMENT, "assignment", "Employment", FIELDS(employment_fields), false, true,
	  employment_select, NULL, NULL, NULL },
	{ SECTION_EDUCATION, "education", "Education", FIELDS(education_fields), false, false,
	  education_select, education_insert, education_update, DELETE_SQL("education") },
	{ SECTION_FAMILY, "family_member", "Family", FIELDS(family_fields), false, false,
	  family_select, family_insert, family_update, DELETE_SQL("family_member") },
	{ SECTION_PRIOR, "prior_employment", "Prior employment", FIELDS(prior_fields), false, false,
	  prior_select, prior_insert, prior_update, DELETE_SQL("prior_employment") },
	{ SECTION_GRADE, "grade_history", "Grade and rank", FIELDS(grade_fields), false, true,
	  grade_select, NULL, NULL, NULL },
	{ SECTION_TRAINING, "training", "Training", FIELDS(training_fields), false, false,
	  training_select, training_insert, training_update, DELETE_SQL("training") },
	{ SECTION_AWARD, "award", "Awards", FIELDS(award_fields), false, false, award_select,
	  award_insert, award_update, DELETE_SQL("award") },
	{ SECTION_PENALTY, "penalty", "Penalties", FIELDS(penalty_fields), false, false,
	  penalty_select, penalty_insert, penalty_update, DELETE_SQL("penalty") },
	{ SECTION_ASSESSMENT, "assessment", "Assessments", FIELDS(assessment_fields), false, false,
	  assessment_select, assessment_insert, assessment_update, DELETE_SQL("assessment") },
	{ SECTION_CONSENT, "consent", "Consent", FIELDS(consent_fields), false, false,
	  consent_select, consent_insert, consent_update, DELETE_SQL("consent") },
	{ SECTION_DOCUMENT, "document", "Documents", FIELDS(document_fields), false, false,
	  document_select, NULL, document_update, DELETE_SQL("document") },
	{ SECTION_ABSENCE, "absence", "Leave and trips", FIELDS(absence_fields), false, true,
	  absence_select, NULL, NULL, NULL },
	{ SECTION_PAY, "pay_history", "Pay", FIELDS(pay_fields), false, true, pay_select, NULL,
	  NULL, NULL },
	{ SECTION_OBLIGATION, "service_obligation", "Obligations",
	  FIELDS(obligation_fields), false, false, obligation_select, obligation_insert,
	  obligation_update, DELETE_SQL("service_obligation") },
};

const char *const section_service_periods_sql =
        "SELECT hire_date::text, coalesce(least(end_date, $2::date)::text, '') "
        "  FROM hr.employment WHERE person_id = $1::bigint AND hire_date <= $2::date "
        "UNION ALL "
        "SELECT start_date::text, least(end_date, $2::date)::text FROM hr.prior_employment "
        " WHERE person_id = $1::bigint AND counts_for_service AND start_date <= $2::date "
        " ORDER BY 1";

const char *const section_history_sql =
        "SELECT to_char(at, 'YYYY-MM-DD HH24:MI'), login, op, coalesce(field, ''), "
        "       coalesce(old_value, ''), coalesce(new_value, '') "
        "  FROM hr.record_history($1, $2::bigint)";

const struct section_def *section_get(enum section_id id)
{
	return (unsigned)id < SECTION_COUNT ? &sections[id] : NULL;
}

const struct section_def *section_named(const char *name)
{
	for (int i = 0; i < SECTION_COUNT; i++)
		if (strcmp(sections[i].name, name) == 0)
			return &sections[i];
	return NULL;
}

int section_field_index(const struct section_def *section, const char *column)
{
	for (int i = 0; i < section->nfields; i++)
		if (strcmp(section->fields[i].column, column) == 0)
			return i;
	return -1;
}

int section_columns(const struct section_def *section)
{
	return SECTION_COL_FIELD + section->nfields;
}

void section_profile_batch(const char *const params[2], struct db_statement *out)
{
	for (int i = 0; i < SECTION_COUNT; i++)
		out[i] = (struct db_statement){ .sql = sections[i].select_sql,
			                        .nparams = 2,
			                        .params = params,
			                        .columns = section_columns(&sections[i]) };
	out[SECTION_COUNT] = (struct db_statement){ .sql = section_service_periods_sql,
		                                    .nparams = 2,
		                                    .params = params,
		                                    .columns = PERIOD_COLUMNS };
}
