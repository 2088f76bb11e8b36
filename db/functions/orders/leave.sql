-- orders/leave.sql - the types of leave, as the orders' texts name them.

-- The English name of a type of leave ("annual paid leave").
CREATE OR REPLACE FUNCTION hr.leave_type_text(p_type text) RETURNS text LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE p_type WHEN 'annual' THEN 'annual paid leave' WHEN 'unpaid' THEN 'unpaid leave'
		WHEN 'study' THEN 'study leave' WHEN 'maternity' THEN 'maternity leave'
		WHEN 'sick' THEN 'sick leave' ELSE 'leave' END
$$;

ALTER FUNCTION hr.leave_type_text(text) OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.leave_type_text(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.leave_type_text(text) TO hr_clerk, hr_head;
