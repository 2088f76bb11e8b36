-- orders/dismissal.sql - the end of an employment for a reason
-- (hr.employment.end_reason) on its last working day.  By own request it
-- waits for a service obligation to end, where the organisation says so
-- (hr.order_setting.obligation_blocks_own_request).

CREATE OR REPLACE FUNCTION hr.order_problems_dismissal(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_text text;
BEGIN
	IF l.end_reason IS NULL THEN
		RETURN NEXT 'the reason for dismissal is needed';
	ELSIF l.end_reason = 'own_request' AND s.obligation_blocks_own_request THEN
		SELECT x.reason || ' until ' || coalesce(hr.day_text(upper(x.during) - 1), 'further notice')
		  INTO v_text FROM hr.service_obligation x
		 WHERE x.org_id = l.org_id AND x.person_id = l.person_id
		   AND x.during @> l.effective LIMIT 1;
		IF v_text IS NOT NULL THEN
			RETURN NEXT 'cannot leave by own request during a service obligation: ' || v_text;
		END IF;
	END IF;
	RETURN QUERY SELECT hr.order_problems_leaving(l, e);
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_dismissal(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM hr.order_apply_leaving(o, l, e, p_name, l.end_reason);
END
$$;

ALTER FUNCTION hr.order_problems_dismissal(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_dismissal(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION
	hr.order_problems_dismissal(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_dismissal(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	hr.order_problems_dismissal(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION
	hr.order_apply_dismissal(hr.hr_order, hr.order_line, hr.employment, text) TO hr_orders;
