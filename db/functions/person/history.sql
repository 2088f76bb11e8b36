-- person/history.sql - the change history of a personnel file: the
-- versions of the person's row (hr.person_history), and who changed which
-- field of any record of the file when (from the audit trail).

-- Keeps the version a change replaces.  The version ends when it is
-- replaced: a transaction that started before the previous change
-- committed still ends it after it.
CREATE OR REPLACE FUNCTION hr.person_keep_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	since timestamptz;
BEGIN
	-- The version ends when it is replaced: a transaction that started
	-- before the previous change committed still ends it after it.
	SELECT coalesce(max(upper(valid)), OLD.created_at) INTO since
	  FROM hr.person_history WHERE org_id = OLD.org_id AND person_id = OLD.id;
	INSERT INTO hr.person_history (org_id, person_id, valid, data)
	VALUES (OLD.org_id, OLD.id, tstzrange(since, greatest(since, clock_timestamp()), '[)'),
		to_jsonb(OLD) - 'search_text' - 'request_id');
	RETURN NULL;
END
$$;

-- Who changed which field of one record, when; only for the tables of a
-- file (the records orders write and the service obligations too), and
-- only in the organisations the login sees.
CREATE OR REPLACE FUNCTION hr.record_history(p_table text, p_id bigint)
	RETURNS TABLE (at timestamptz, login text, op text, field text, old_value text, new_value text)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_table NOT IN ('person', 'employment', 'assignment', 'education', 'family_member',
		'prior_employment', 'grade_history', 'training', 'award', 'penalty', 'assessment',
		'consent', 'document', 'absence', 'pay_history', 'service_obligation', 'hr_order',
		'order_line', 'person_release') THEN
		RAISE EXCEPTION 'no history is kept for "%"', p_table USING ERRCODE = '22023';
	END IF;
	RETURN QUERY
	SELECT l.at, l.login, l.op, f.key,
	       l.old_row ->> f.key, l.new_row ->> f.key
	  FROM audit.log l
	  CROSS JOIN LATERAL (
		SELECT k AS key FROM jsonb_object_keys(l.new_row) k
		 WHERE l.op = 'UPDATE' AND (l.old_row -> k) IS DISTINCT FROM (l.new_row -> k)
		   AND k NOT IN ('id', 'org_id', 'version', 'search_text', 'request_id', 'content',
			'created_at', 'signed_text')
		UNION ALL SELECT NULL WHERE l.op <> 'UPDATE') f
	 WHERE l.table_name = p_table
	   AND (coalesce(l.new_row, l.old_row) ->> 'id')::bigint = p_id
	   AND l.org_id = ANY (hr.visible_orgs())
	 ORDER BY l.at, l.id, f.key;
END
$$;

ALTER FUNCTION hr.person_keep_history() OWNER TO hr_owner;
ALTER FUNCTION hr.record_history(text, bigint) OWNER TO hr_definer;
REVOKE ALL ON FUNCTION hr.person_keep_history(), hr.record_history(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.record_history(text, bigint) TO hr_clerk, hr_head, hr_ministry;
