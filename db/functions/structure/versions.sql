-- structure/versions.sql - the checks of the dated versions of positions
-- and departments (deferrable constraint triggers, decided on the
-- structure's and the position's locks): a position belongs to a
-- department that exists on all its days and keeps within its rates; a
-- department sits under one that exists, never under itself, and keeps
-- what hangs on it.

CREATE OR REPLACE FUNCTION hr.position_version_check() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.position_version := coalesce(NEW, OLD);
	span datemultirange;
BEGIN
	-- A position the login cannot see has been refused by the foreign key.
	IF NOT EXISTS (SELECT 1 FROM hr.position WHERE org_id = r.org_id AND id = r.position_id) THEN
		RETURN NULL;
	END IF;
	PERFORM hr.structure_lock(r.org_id);
	PERFORM hr.position_lock(r.org_id, r.position_id);
	IF TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM hr.position_version
		WHERE id = NEW.id AND valid = NEW.valid AND department_id = NEW.department_id) THEN
		-- The department may not close under it meanwhile.
		PERFORM 1 FROM hr.department
		 WHERE org_id = NEW.org_id AND id = NEW.department_id FOR SHARE;
		SELECT range_agg(valid) INTO span FROM hr.department_version
		 WHERE org_id = NEW.org_id AND department_id = NEW.department_id;
		IF span IS NULL OR NOT span @> NEW.valid THEN
			RAISE EXCEPTION 'Position "%" would belong to department "%" on days it does not exist',
				NEW.title, (SELECT name FROM hr.department
					     WHERE org_id = NEW.org_id AND id = NEW.department_id)
				USING ERRCODE = 'check_violation', TABLE = 'position_version', SCHEMA = 'hr';
		END IF;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		PERFORM hr.position_check_rates(OLD.org_id, OLD.position_id, OLD.valid, true);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM hr.position_check_rates(NEW.org_id, NEW.position_id, NEW.valid, true);
	END IF;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION hr.department_version_check() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.department_version := coalesce(NEW, OLD);
	span datemultirange;
	who text;
BEGIN
	PERFORM 1 FROM hr.department WHERE org_id = r.org_id AND id = r.department_id;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	-- The whole tree is read below (parents, ancestors, children).
	PERFORM hr.structure_lock(r.org_id);
	IF TG_OP <> 'DELETE' AND NEW.parent_id IS NOT NULL AND EXISTS (
		SELECT 1 FROM hr.department_version
		 WHERE id = NEW.id AND valid = NEW.valid AND parent_id = NEW.parent_id) THEN
		SELECT range_agg(valid) INTO span FROM hr.department_version
		 WHERE org_id = NEW.org_id AND department_id = NEW.parent_id;
		IF span IS NULL OR NOT span @> NEW.valid THEN
			RAISE EXCEPTION 'Department "%" would be under a department that does not exist on all its days',
				NEW.name USING ERRCODE = 'check_violation',
				TABLE = 'department_version', SCHEMA = 'hr';
		END IF;
		-- Walk up from the parent over versions that overlap the days
		-- still in question; reaching the department itself is a cycle.
		-- The walk keeps its path: it ends at the top, at the department
		-- itself, or at a cycle above it (never at a depth limit).
		IF EXISTS (WITH RECURSIVE up (node, days, path) AS (
				SELECT NEW.parent_id, NEW.valid, ARRAY[NEW.parent_id]
				UNION ALL
				SELECT v.parent_id, up.days * v.valid, up.path || v.parent_id
				  FROM up JOIN hr.department_version v
				    ON v.org_id = NEW.org_id AND v.department_id = up.node
				   AND v.valid && up.days
				 WHERE v.parent_id IS NOT NULL AND up.node <> NEW.department_id
				   AND NOT v.parent_id = ANY (up.path[2:]))
			   SELECT 1 FROM up WHERE node = NEW.department_id) THEN
			RAISE EXCEPTION 'Department "%" cannot be placed under its own sub-department', NEW.name
				USING ERRCODE = 'check_violation', TABLE = 'department_version', SCHEMA = 'hr';
		END IF;
	END IF;
	-- What hangs on this department must still find it.
	SELECT range_agg(valid) INTO span FROM hr.department_version
	 WHERE org_id = r.org_id AND department_id = r.department_id;
	span := coalesce(span, '{}'::datemultirange);
	SELECT string_agg(DISTINCT v.name, ', ') INTO who FROM hr.department_version v
	 WHERE v.org_id = r.org_id AND v.parent_id = r.department_id AND NOT span @> v.valid;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'Department "%" still has sub-departments on those days: %', r.name, who
			USING ERRCODE = 'check_violation', TABLE = 'department_version', SCHEMA = 'hr';
	END IF;
	SELECT string_agg(DISTINCT v.title, ', ') INTO who FROM hr.position_version v
	 WHERE v.org_id = r.org_id AND v.department_id = r.department_id AND NOT span @> v.valid;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'Department "%" still has positions on those days: %', r.name, who
			USING ERRCODE = 'check_violation', TABLE = 'department_version', SCHEMA = 'hr';
	END IF;
	RETURN NULL;
END
$$;

ALTER FUNCTION hr.position_version_check() OWNER TO hr_owner;
ALTER FUNCTION hr.department_version_check() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.position_version_check(), hr.department_version_check() FROM PUBLIC;
