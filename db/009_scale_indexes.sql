-- 009_scale_indexes.sql - indexes the register needs at 400,000 people
-- (measured with bench/bench_register.c; docs/PERFORMANCE.md has the figures).
--
-- Under row-level security every probe of the register's lateral joins also
-- carries the policy's "org_id = ANY ((SELECT hr.visible_orgs())::int[])".
-- The planner cannot see that array and costs every index that starts with
-- org_id as ten descents, so for "the latest employment of this person" it
-- chose the (org_id, personnel_no) key and filtered all the organisation's
-- rows, and for "the assignment in force" the GiST exclusion index.  Probe
-- indexes that start with the joined id are costed as one descent and are
-- the right ones; the policy's org_id test stays a cheap filter on one row.
CREATE INDEX employment_person_hire_idx ON hr.employment (person_id, hire_date DESC);
CREATE INDEX assignment_employment_idx ON hr.assignment (employment_id)
	INCLUDE (org_id, position_id, during);

-- The register's page in name order, read from the index alone (with the
-- search text): the first step of the page-first form of the register query
-- (docs/PERFORMANCE.md) scans a ministry's 17,000 people without the heap.
CREATE INDEX person_org_name_search_idx ON hr.person (org_id, last_name, first_name, id)
	INCLUDE (search_text);
