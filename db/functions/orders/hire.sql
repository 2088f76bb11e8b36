-- orders/hire.sql - a hire: a new employment from the line's day, assigned
-- to the line's position at its rate, under a personnel number.  (Taking
-- on a file released by another organisation comes first: see
-- orders/transfer_out.sql.)

-- Why a line cannot hire: the person is employed already (or later), the
-- personnel number is missing or taken, no consent is on file, the
-- position has no vacant rate.
CREATE OR REPLACE FUNCTION hr.order_problems_hire(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a hr.assignment;
BEGIN
	IF e.id IS NOT NULL THEN
		RETURN NEXT format('already employed on %s (personnel no. %s)',
			hr.day_text(l.effective), e.personnel_no);
	ELSIF EXISTS (SELECT 1 FROM hr.employment x WHERE x.org_id = l.org_id
		AND x.person_id = l.person_id AND x.hire_date > l.effective) THEN
		RETURN NEXT 'a later employment is already on file';
	END IF;
	IF l.personnel_no IS NULL THEN
		RETURN NEXT 'a personnel number is needed';
	ELSIF EXISTS (SELECT 1 FROM hr.employment x WHERE x.org_id = l.org_id
		AND x.personnel_no = l.personnel_no) OR EXISTS (SELECT 1 FROM hr.order_line y
		WHERE y.org_id = l.org_id AND y.order_id = l.order_id
		  AND y.personnel_no = l.personnel_no AND y.line_no < l.line_no) THEN
		RETURN NEXT format('personnel number %s is taken', l.personnel_no);
	END IF;
	IF NOT EXISTS (SELECT 1 FROM hr.consent c WHERE c.org_id = l.org_id
		AND c.person_id = l.person_id AND c.given_on <= l.effective
		AND (c.withdrawn_on IS NULL OR c.withdrawn_on > l.effective)) THEN
		RETURN NEXT 'no consent to the processing of personal data is on file';
	END IF;
	SELECT * INTO a FROM hr.assignment x WHERE x.org_id = l.org_id
	   AND x.employment_id = e.id AND x.during @> l.effective;
	RETURN QUERY SELECT hr.order_problems_position(l, a);
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

-- The employment and its first assignment.
CREATE OR REPLACE FUNCTION hr.order_apply_hire(o hr.hr_order, l hr.order_line, e hr.employment,
	p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a hr.assignment;
BEGIN
	INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date, order_line_id)
	VALUES (l.org_id, l.person_id, l.personnel_no, l.effective, l.id)
	RETURNING * INTO e;
	PERFORM hr.order_note(o, l.id, 'insert', 'employment', e.id, NULL, to_jsonb(e),
		format('%s: employment from %s, personnel no. %s', p_name,
			hr.day_text(l.effective), l.personnel_no));
	INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during,
		order_line_id)
	VALUES (l.org_id, e.id, l.position_id, coalesce(l.rate, 1),
		daterange(l.effective, NULL), l.id)
	RETURNING * INTO a;
	PERFORM hr.order_note(o, l.id, 'insert', 'assignment', a.id, NULL, to_jsonb(a),
		format('%s: assigned to "%s" (%s rate) from %s', p_name,
			hr.position_title(l.org_id, l.position_id, l.effective), a.rate,
			hr.day_text(l.effective))
		|| coalesce('; ' || hr.position_fill_text(l.org_id, l.position_id, l.effective), ''));
END
$$;

ALTER FUNCTION hr.order_problems_hire(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_hire(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems_hire(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_hire(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems_hire(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_hire(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
