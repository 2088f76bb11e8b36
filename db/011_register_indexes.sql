-- 011_register_indexes.sql - the register's search by position and
-- department: from the matching positions to the people assigned to them.
-- Under row-level security the planner does not use (org_id, position_id)
-- for a position's assignments (the policy's org_id = ANY(...) takes the
-- leading column); an index led by position_id serves the lookup, with
-- what the policy and the date test need included.
CREATE INDEX assignment_position_idx ON hr.assignment (position_id)
	INCLUDE (org_id, employment_id, during);
