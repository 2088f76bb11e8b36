-- 016_structure_totals.sql - the staffing totals of organisations for every
-- login that sees the structure, the central agency too: hr.staffing_totals
-- (db/functions/structure/totals.sql) counts departments, positions, rates,
-- filled and vacant rates per organisation of the login's scope, and
-- returns nothing about a person.  It runs as hr_definer, which reads the
-- assignments for that purpose only.

GRANT SELECT ON hr.department_version, hr.position_version, hr.assignment TO hr_definer;
CREATE POLICY definer_read ON hr.department_version FOR SELECT TO hr_definer USING (true);
CREATE POLICY definer_read ON hr.position_version FOR SELECT TO hr_definer USING (true);
CREATE POLICY definer_read ON hr.assignment FOR SELECT TO hr_definer USING (true);
