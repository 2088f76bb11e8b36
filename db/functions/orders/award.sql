-- orders/award.sql - an award on the line's day, at most once in the
-- organisation's number of years (hr.order_setting.award_repeat_years).

CREATE OR REPLACE FUNCTION hr.order_problems_award(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_day date;
BEGIN
	IF l.award IS NULL THEN
		RETURN NEXT 'the award is needed';
	ELSIF s.award_repeat_years > 0 THEN
		SELECT max(w.awarded_on) INTO v_day FROM hr.award w
		 WHERE w.org_id = l.org_id AND w.person_id = l.person_id
		   AND lower(w.award) = lower(l.award)
		   AND w.awarded_on > l.effective - make_interval(years => s.award_repeat_years);
		IF v_day IS NOT NULL THEN
			RETURN NEXT format('received "%s" on %s; the same award is given at most once in %s years',
				l.award, hr.day_text(v_day), s.award_repeat_years);
		END IF;
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_award(o hr.hr_order, l hr.order_line, e hr.employment,
	p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_after jsonb;
BEGIN
	INSERT INTO hr.award (org_id, person_id, award, awarded_on, document, order_line_id)
	VALUES (l.org_id, l.person_id, l.award, l.effective,
		'', l.id)
	RETURNING to_jsonb(award.*), id INTO v_after, v_id;
	PERFORM hr.order_note(o, l.id, 'insert', 'award', v_id, NULL, v_after,
		format('%s: award "%s" on %s', p_name, l.award, hr.day_text(l.effective)));
END
$$;

ALTER FUNCTION hr.order_problems_award(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_award(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems_award(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_award(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems_award(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_award(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
