-- person/personal_id.sql - a personal ID number across the whole service:
-- whether it is on file, answered without revealing anything of a file the
-- login may not see.

-- 'none', 'own' (with the person's id) or 'elsewhere', for the current
-- file of the number (a file that moved on with a transfer does not count).
CREATE OR REPLACE FUNCTION hr.personal_id_status(p_personal_id text, OUT status text,
	OUT person_id bigint)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_org int;
	v_id bigint;
BEGIN
	SELECT p.org_id, p.id INTO v_org, v_id FROM hr.person p
	 WHERE p.personal_id = p_personal_id AND p.moved_to IS NULL;
	IF NOT FOUND THEN
		status := 'none';
	ELSIF v_org = ANY (hr.visible_orgs()) THEN
		status := 'own';
		person_id := v_id;
	ELSE
		status := 'elsewhere';
	END IF;
END
$$;

ALTER FUNCTION hr.personal_id_status(text) OWNER TO hr_definer;
REVOKE ALL ON FUNCTION hr.personal_id_status(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.personal_id_status(text) TO hr_clerk, hr_head;
