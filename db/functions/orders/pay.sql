-- orders/pay.sql - a pay scale step and allowance from the line's day, for
-- the employment in force: the pay until then ends the day before.

CREATE OR REPLACE FUNCTION hr.order_problems_pay(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF l.pay_scale IS NULL THEN
		RETURN NEXT 'a pay scale step is needed';
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_pay(o hr.hr_order, l hr.order_line, e hr.employment,
	p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_after jsonb;
BEGIN
	PERFORM hr.order_close_span(o, l.id, 'pay_history', 'employment_id', e.id,
		l.effective, p_name || ': pay');
	INSERT INTO hr.pay_history (org_id, person_id, employment_id, pay_scale, allowance,
		during, order_line_id)
	VALUES (l.org_id, l.person_id, e.id, l.pay_scale, coalesce(l.allowance, 0),
		daterange(l.effective, NULL), l.id)
	RETURNING to_jsonb(pay_history.*), id INTO v_after, v_id;
	PERFORM hr.order_note(o, l.id, 'insert', 'pay_history', v_id, NULL, v_after,
		format('%s: pay scale %s, allowance %s%% from %s', p_name, l.pay_scale,
			coalesce(l.allowance, 0), hr.day_text(l.effective)));
END
$$;

ALTER FUNCTION hr.order_problems_pay(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_pay(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems_pay(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_pay(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems_pay(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_pay(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
