-- orders/recall.sql - a recall from leave: the leave the person is on
-- ends the day before the line's day (from the leave's second day on).

CREATE OR REPLACE FUNCTION hr.order_problems_recall(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF l.absence_id IS NULL THEN
		SELECT x.id INTO l.absence_id FROM hr.absence x WHERE x.org_id = l.org_id
		   AND x.person_id = l.person_id AND x.kind = 'leave' AND x.during @> l.effective;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM hr.absence x WHERE x.org_id = l.org_id
		AND x.id = l.absence_id AND x.person_id = l.person_id AND x.kind = 'leave'
		AND x.during @> l.effective AND lower(x.during) < l.effective) THEN
		RETURN NEXT format('is not on leave on %s (a recall is from the second day on)',
			hr.day_text(l.effective));
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_recall(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_before jsonb;
	v_after jsonb;
BEGIN
	SELECT * INTO v_id FROM (SELECT x.id FROM hr.absence x WHERE x.org_id = l.org_id
	   AND x.person_id = l.person_id AND x.kind = 'leave' AND x.during @> l.effective
	   AND (l.absence_id IS NULL OR x.id = l.absence_id)) s;
	SELECT to_jsonb(x) INTO v_before FROM hr.absence x WHERE id = v_id FOR UPDATE;
	UPDATE hr.absence SET during = daterange(lower(during), l.effective)
	 WHERE org_id = l.org_id AND id = v_id RETURNING to_jsonb(absence.*) INTO v_after;
	PERFORM hr.order_note(o, l.id, 'update', 'absence', v_id, v_before, v_after,
		format('%s: recalled from leave; back at work on %s (%s days unused)', p_name,
			hr.day_text(l.effective),
			upper((v_before ->> 'during')::daterange) - l.effective));
END
$$;

ALTER FUNCTION hr.order_problems_recall(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_recall(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems_recall(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_recall(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems_recall(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_recall(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
