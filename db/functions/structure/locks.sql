-- structure/locks.sql - the rows writers of the structure queue on
-- (db/013_integrity.sql): one per organisation's tree (hr.structure_guard),
-- taken before any position's (hr.position_fill).

-- Queues the caller behind every other writer of the organisation's tree.
CREATE OR REPLACE FUNCTION hr.structure_lock(p_org int) RETURNS void
	LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO hr.structure_guard AS g (org_id) VALUES (p_org)
	ON CONFLICT (org_id) DO UPDATE SET writes = g.writes + 1
$$;

-- Queues the caller behind every other writer of the position: a real write
-- of its fill row, so that under REPEATABLE READ or SERIALIZABLE a rival's
-- write committed after the snapshot ends this transaction (40001) instead
-- of letting it check rows it cannot see.  Returns false when the login
-- cannot see the position.
CREATE OR REPLACE FUNCTION hr.position_lock(p_org int, p_position bigint) RETURNS bool
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM 1 FROM hr.position WHERE org_id = p_org AND id = p_position;
	IF NOT FOUND THEN
		RETURN false;
	END IF;
	INSERT INTO hr.position_fill AS f (org_id, position_id) VALUES (p_org, p_position)
	ON CONFLICT (org_id, position_id) DO UPDATE SET writes = f.writes + 1;
	RETURN true;
END
$$;

ALTER FUNCTION hr.structure_lock(int) OWNER TO hr_owner;
ALTER FUNCTION hr.position_lock(int, bigint) OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.structure_lock(int), hr.position_lock(int, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.structure_lock(int), hr.position_lock(int, bigint)
	TO hr_clerk, hr_head;
