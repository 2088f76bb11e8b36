/* seed.c - deterministic demo data for development, tests and demos. */
#include "seed.h"

#include <string.h>

static const char *const loaded_sql = "SELECT count(*) FROM hr.org WHERE code = 'CSA'";

/* Organisations (parents first, so the closure trigger finds them). */
static const char *const org_sql =
        "INSERT INTO hr.org (parent_id, code, name, kind) "
        "VALUES (NULL, 'CSA', 'Civil Service Agency', 'agency');\n"
        "INSERT INTO hr.org (parent_id, code, name, kind) "
        "SELECT p.id, v.code, v.name, 'ministry' FROM hr.org p, (VALUES "
        "('MOE', 'Ministry of Environment'), ('MWA', 'Ministry of Women''s Affairs'), "
        "('MCS', 'Ministry of Civil Service')) v (code, name) WHERE p.code = 'CSA' ORDER BY "
        "v.code;\n"
        "INSERT INTO hr.org (parent_id, code, name, kind) "
        "SELECT p.id, v.code, v.name, 'organisation' FROM hr.org p, (VALUES "
        "('MOE-FOR', 'Forestry Committee'), ('MOE-MET', 'Meteorological Service')) v (code, name) "
        "WHERE p.code = 'MOE' ORDER BY v.code;\n";

/* Four departments and twelve positions (48 rates) per organisation, in
 * force since before the first hire (an assignment needs its position). */
static const char *const structure_sql =
        "INSERT INTO hr.department (org_id, code, name, valid_from) "
        "SELECT o.id, d.code, d.name, date '2000-01-01' FROM hr.org o, (VALUES "
        "('ADM', 'Administration'), ('HR', 'Human Resources'), ('FIN', 'Finance'), "
        "('OPS', 'Operations')) d (code, name) ORDER BY o.code, d.code;\n"
        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, valid_from) "
        "SELECT d.org_id, d.id, p.title || ', ' || d.name, p.grade, p.rates, date '2000-01-01' "
        "FROM hr.department d, (VALUES (1, 'Head', 'A1', 1), (2, 'Senior specialist', 'B2', 3), "
        "(3, 'Specialist', 'C3', 8)) p (n, title, grade, rates) ORDER BY d.id, p.n;\n";

/*
 * People: names in Latin, Cyrillic and Hangul by turn (g % 3); within a
 * script first name, surname and patronymic share the same gender (parity),
 * which is also the gender column.  The demo service uses Kazakhstan's IIN:
 * each person's number encodes their birth date and gender, with a serial
 * unique to the person and the check digit the database accepts (a serial
 * whose eleven digits admit no check digit is skipped).
 */
static const char *const person_sql =
        "UPDATE hr.service_setting SET id_scheme = 'kz_iin';\n"
        "INSERT INTO hr.person (org_id, last_name, first_name, middle_name, birth_date, "
        "gender, personal_id) "
        "SELECT o.id, "
        " CASE s.g % 3 "
        "  WHEN 0 THEN (ARRAY['Akhmetov','Nurlanova','Karimov','Sultanova','Bekov','Omarova',"
        "   'Ismailov','Abdullayeva'])[1 + s.l] "
        "  WHEN 1 THEN (ARRAY['Петров','Иванова','Смирнов','Кузнецова','Попов','Соколова',"
        "   'Лебедев','Козлова'])[1 + s.l] "
        "  ELSE (ARRAY['김','이','박','최','정','강','조','윤'])[1 + s.l] END, "
        " CASE s.g % 3 "
        "  WHEN 0 THEN (ARRAY['Nurlan','Aigerim','Timur','Dilnoza','Askar','Madina','Rustam',"
        "   'Zarina'])[1 + s.f] "
        "  WHEN 1 THEN (ARRAY['Иван','Мария','Алексей','Ольга','Дмитрий','Елена','Сергей',"
        "   'Анна'])[1 + s.f] "
        "  ELSE (ARRAY['민준','서연','도윤','지우','하준','서윤','시우','하은'])[1 + s.f] END, "
        " CASE s.g % 3 "
        "  WHEN 0 THEN (CASE s.f % 2 WHEN 0 THEN ARRAY['Nurlanuly','Askarovich','Timurovich',"
        "   'Rustamovich'] ELSE ARRAY['Nurlanovna','Askarovna','Timurovna','Rustamovna'] END)"
        "   [1 + s.i % 4] "
        "  WHEN 1 THEN (CASE s.f % 2 WHEN 0 THEN ARRAY['Иванович','Петрович','Сергеевич',"
        "   'Николаевич'] ELSE ARRAY['Ивановна','Петровна','Сергеевна','Николаевна'] END)"
        "   [1 + s.i % 4] "
        "  ELSE '' END, "
        " b.birth, b.gender, iin.id "
        "FROM (VALUES ('CSA', 1, 12), ('MCS', 2, 24), ('MOE', 3, 36), ('MOE-FOR', 4, 30), "
        "  ('MOE-MET', 5, 24), ('MWA', 6, 30)) n (code, rank, people) "
        "JOIN hr.org o ON o.code = n.code "
        "CROSS JOIN LATERAL (SELECT g, g / 3 AS i, (g / 3) % 8 AS f, "
        "  ((g / 3) % 8 + 2 * (g / 24)) % 8 AS l FROM generate_series(0, n.people - 1) g) s "
        "CROSS JOIN LATERAL (SELECT date '1962-03-01' + (s.g * 397 + n.rank * 131) % 14000 "
        "  AS birth, CASE s.f % 2 WHEN 0 THEN 'M' ELSE 'F' END AS gender) b "
        "CROSS JOIN LATERAL (SELECT c.id FROM generate_series(0, 9) k, generate_series(0, 9) d, "
        "  LATERAL (SELECT to_char(b.birth, 'YYMMDD') || "
        "   ((extract(year FROM b.birth)::int / 100 - 18) * 2 + "
        "    CASE b.gender WHEN 'M' THEN 1 ELSE 2 END) || "
        "   lpad((k * 1000 + n.rank * 100 + s.g)::text, 4, '0') || d AS id) c "
        "  WHERE hr.personal_id_problem('kz_iin', c.id) IS NULL ORDER BY k, d LIMIT 1) iin "
        "ORDER BY n.rank, s.g;\n";

/* One employment per person (every tenth ended), one or two assignments each.
 * Each assignment takes a rate of its own (the n-th assignment of an
 * organisation the n-th rate of its positions in id order), so no position
 * is ever over-staffed, as the database requires. */
static const char *const employment_sql =
        "INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date, end_date) "
        "SELECT p.org_id, p.id, o.code || '-' || lpad(p.g::text, 4, '0'), "
        " date '2010-01-11' + (p.g * 211) % 4500, "
        " CASE WHEN p.g % 10 = 0 THEN date '2010-01-11' + (p.g * 211) % 4500 + 1095 END "
        "FROM (SELECT *, row_number() OVER (PARTITION BY org_id ORDER BY id)::int AS g "
        "      FROM hr.person) p JOIN hr.org o ON o.id = p.org_id ORDER BY p.org_id, p.g;\n"
        "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
        "SELECT s.org_id, s.id, pos.id, s.rate, s.during "
        "FROM (SELECT e.org_id, e.id, e.g, a.k, CASE WHEN e.g % 7 = 0 THEN 0.5 ELSE 1 END AS rate, "
        "   daterange(a.from_date, a.to_date) AS during, "
        "   row_number() OVER (PARTITION BY e.org_id ORDER BY e.g, a.k) - 1 AS slot "
        " FROM (SELECT *, row_number() OVER (PARTITION BY org_id ORDER BY personnel_no)::int AS g "
        "       FROM hr.employment) e "
        " CROSS JOIN LATERAL (VALUES (0, e.hire_date, CASE WHEN e.g % 4 = 0 AND e.end_date IS NULL "
        "    THEN e.hire_date + 730 ELSE e.end_date END), (1, e.hire_date + 730, NULL::date)) "
        "    a (k, from_date, to_date) "
        " WHERE a.k = 0 OR (e.g % 4 = 0 AND e.end_date IS NULL)) s "
        "CROSS JOIN LATERAL (SELECT c.id FROM (SELECT p.id, sum(p.rates) OVER (ORDER BY p.id) AS upto "
        "   FROM hr.position p WHERE p.org_id = s.org_id) c WHERE c.upto > s.slot "
        "   ORDER BY c.id LIMIT 1) pos "
        "ORDER BY s.org_id, s.g, s.k;\n";

static const char *const login_sql =
        "SELECT admin.create_login(l.name, l.org, l.kind) FROM (VALUES "
        "('clerk_moe', 'MOE', 'clerk'), ('head_moe', 'MOE', 'head'), "
        "('clerk_for', 'MOE-FOR', 'clerk'), ('clerk_mwa', 'MWA', 'clerk'), "
        "('ministry_moe', 'MOE', 'ministry'), ('agency_csa', 'CSA', 'agency'), "
        "('auditor_csa', 'CSA', 'auditor')) l (name, org, kind);\n";

enum status seed_demo(struct db *db, bool *already_loaded)
{
	PGresult *res;
	enum status status;

	*already_loaded = false;
	if ((status = db_command(db, "BEGIN", 0, NULL)) != STATUS_OK)
		return status;
	/* Two seeds at once: the second waits, then finds the data. */
	if (db_command(db, "SELECT pg_advisory_xact_lock(7262874602)", 0, NULL) != STATUS_OK)
		return db_status(db);
	res = db_exec(db, loaded_sql, 0, NULL);
	if (res == NULL)
		return db_status(db);
	*already_loaded = strcmp(db_value(res, 0, 0), "0") != 0;
	db_result_free(&res);
	if (*already_loaded)
		return db_command(db, "COMMIT", 0, NULL);
	if (db_script(db, org_sql) != STATUS_OK || db_script(db, structure_sql) != STATUS_OK ||
	    db_script(db, person_sql) != STATUS_OK || db_script(db, employment_sql) != STATUS_OK ||
	    db_script(db, login_sql) != STATUS_OK)
		return db_status(db);
	return db_command(db, "COMMIT", 0, NULL);
}
