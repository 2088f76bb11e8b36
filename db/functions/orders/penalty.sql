-- orders/penalty.sql - a disciplinary penalty from the line's day, in force
-- until a lifting (orders/penalty_lift.sql) or a cancellation.

CREATE OR REPLACE FUNCTION hr.order_problems_penalty(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF l.penalty IS NULL THEN
		RETURN NEXT 'the penalty is needed';
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_penalty(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_after jsonb;
BEGIN
	INSERT INTO hr.penalty (org_id, person_id, penalty, imposed_on, reason, order_line_id)
	VALUES (l.org_id, l.person_id, l.penalty, l.effective, coalesce(l.reason, ''), l.id)
	RETURNING to_jsonb(penalty.*), id INTO v_after, v_id;
	PERFORM hr.order_note(o, l.id, 'insert', 'penalty', v_id, NULL, v_after,
		format('%s: penalty "%s" from %s', p_name, l.penalty, hr.day_text(l.effective)));
END
$$;

ALTER FUNCTION hr.order_problems_penalty(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_penalty(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION
	hr.order_problems_penalty(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_penalty(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	hr.order_problems_penalty(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_penalty(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
