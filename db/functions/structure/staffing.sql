-- structure/staffing.sql - applying a staffing change (a batch of steps:
-- add, remove, rates, move, rename) from an effective day, in one
-- transaction, and keeping a batch closed once applied.

-- Applies the batch's steps from p_effective; returns how many.  The steps
-- are locked, then the organisations' trees and the positions in id order
-- (no deadlock with another batch or an assignment), and checked together
-- on the state the batch leaves.
CREATE OR REPLACE FUNCTION hr.staffing_apply(p_batch uuid, p_effective date) RETURNS int
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c hr.staffing_change;
	n int := 0;
	who text;
	steps bigint[];
BEGIN
	IF p_effective IS NULL THEN
		RAISE EXCEPTION 'an effective day is needed' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'A staffing change is applied in a READ COMMITTED transaction (this one is %)',
			upper(current_setting('transaction_isolation')) USING ERRCODE = 'feature_not_supported';
	END IF;
	-- The steps, locked, and then their positions in id order (no
	-- deadlock with another batch or an assignment).
	-- A step added to the batch meanwhile is neither applied nor marked.
	SELECT array_agg(x.id) INTO steps FROM (SELECT s.id FROM hr.staffing_change s
		WHERE s.batch = p_batch ORDER BY s.id FOR UPDATE) x;
	-- A step committed while the lock waited was not in the locked set.
	IF steps IS NOT NULL AND (SELECT count(*) FROM hr.staffing_change s
		WHERE s.batch = p_batch) <> cardinality(steps) THEN
		RAISE EXCEPTION 'A step was added to this staffing change meanwhile; check it and apply again'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF steps IS NULL THEN
		RAISE EXCEPTION 'no staffing change %', p_batch USING ERRCODE = 'no_data_found';
	END IF;
	IF EXISTS (SELECT 1 FROM hr.staffing_change s WHERE s.batch = p_batch
		   AND s.applied_on IS NOT NULL) THEN
		RAISE EXCEPTION 'this staffing change was applied already'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	PERFORM hr.structure_lock(o.org_id) FROM (SELECT DISTINCT s.org_id
		FROM hr.staffing_change s WHERE s.id = ANY (steps) ORDER BY 1) o;
	PERFORM hr.position_lock(p.org_id, p.id) FROM (SELECT DISTINCT x.org_id, x.id
		FROM hr.position x JOIN hr.staffing_change s ON s.org_id = x.org_id
		 AND s.position_id = x.id WHERE s.batch = p_batch ORDER BY x.id) p;
	SELECT string_agg(coalesce(pr.person || ' (' || pr.title || ': ' || pr.problem || ')',
			pr.title || ': ' || pr.problem), '; ')
	  INTO who FROM hr.staffing_preview(p_batch, p_effective) pr WHERE pr.problem IS NOT NULL;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'The staffing change cannot be applied from %: %',
			hr.day_text(p_effective), who USING ERRCODE = 'check_violation';
	END IF;
	-- The steps are checked together, on the state the batch leaves: a
	-- position whose rates go to 1 and then to 2 is fine with 1.5 filled.
	SET CONSTRAINTS hr.position_version_guard, hr.department_version_guard DEFERRED;
	FOR c IN SELECT * FROM hr.staffing_change s WHERE s.id = ANY (steps) ORDER BY s.id LOOP
		CASE c.kind
		WHEN 'add' THEN
			INSERT INTO hr.position (org_id, department_id, title, grade, category, rates,
				valid_from)
			VALUES (c.org_id, c.department_id, c.title, coalesce(c.grade, ''),
				coalesce(c.category, ''), c.rates, p_effective)
			RETURNING id INTO c.position_id;
			UPDATE hr.staffing_change SET position_id = c.position_id,
			       applied_on = p_effective, applied_at = now()
			 WHERE id = c.id;
		WHEN 'remove' THEN
			PERFORM hr.position_close(c.position_id, p_effective);
		WHEN 'rates' THEN
			PERFORM hr.position_set(c.position_id, p_effective, NULL, NULL, NULL, NULL,
				c.rates);
		WHEN 'move' THEN
			PERFORM hr.position_set(c.position_id, p_effective, c.department_id, NULL, NULL,
				NULL, NULL);
		WHEN 'rename' THEN
			PERFORM hr.position_set(c.position_id, p_effective, NULL, c.title, c.grade,
				c.category, NULL);
		END CASE;
		n := n + 1;
	END LOOP;
	SET CONSTRAINTS hr.position_version_guard, hr.department_version_guard IMMEDIATE;
	UPDATE hr.staffing_change SET applied_on = p_effective, applied_at = now()
	 WHERE id = ANY (steps) AND applied_on IS NULL;
	RETURN n;
END
$$;

-- A step is never added to a batch applied, or being applied (the lock).
CREATE OR REPLACE FUNCTION hr.staffing_change_batch_open() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM 1 FROM hr.staffing_change s WHERE s.batch = NEW.batch ORDER BY s.id FOR SHARE;
	IF EXISTS (SELECT 1 FROM hr.staffing_change s WHERE s.batch = NEW.batch
		   AND s.applied_on IS NOT NULL) THEN
		RAISE EXCEPTION 'this staffing change was applied already; start a new one'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	RETURN NEW;
END
$$;

ALTER FUNCTION hr.staffing_apply(uuid, date) OWNER TO hr_owner;
ALTER FUNCTION hr.staffing_change_batch_open() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.staffing_apply(uuid, date), hr.staffing_change_batch_open()
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.staffing_apply(uuid, date), hr.staffing_change_batch_open()
	TO hr_clerk, hr_head;
