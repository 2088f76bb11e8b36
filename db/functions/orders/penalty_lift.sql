-- orders/penalty_lift.sql - the lifting of a penalty in force: it ends on
-- the line's day.

CREATE OR REPLACE FUNCTION hr.order_problems_penalty_lift(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM hr.penalty x WHERE x.org_id = l.org_id
		AND x.id = l.penalty_id AND x.person_id = l.person_id AND x.lifted_on IS NULL
		AND x.imposed_on <= l.effective) THEN
		RETURN NEXT 'has no penalty in force to lift on that day';
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_penalty_lift(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_before jsonb;
	v_after jsonb;
BEGIN
	SELECT to_jsonb(x) INTO v_before FROM hr.penalty x
	 WHERE org_id = l.org_id AND id = l.penalty_id FOR UPDATE;
	UPDATE hr.penalty SET lifted_on = l.effective, lifted_by = l.id
	 WHERE org_id = l.org_id AND id = l.penalty_id
	RETURNING to_jsonb(penalty.*) INTO v_after;
	PERFORM hr.order_note(o, l.id, 'update', 'penalty', l.penalty_id, v_before, v_after,
		format('%s: penalty "%s" lifted on %s', p_name, v_before ->> 'penalty',
			hr.day_text(l.effective)));
END
$$;

ALTER FUNCTION hr.order_problems_penalty_lift(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_penalty_lift(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION
	hr.order_problems_penalty_lift(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_penalty_lift(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	hr.order_problems_penalty_lift(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION
	hr.order_apply_penalty_lift(hr.hr_order, hr.order_line, hr.employment, text) TO hr_orders;
