-- orders/grade.sql - a grade (and class rank) from the line's day: the
-- grade held until then ends the day before.

CREATE OR REPLACE FUNCTION hr.order_problems_grade(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF l.grade IS NULL THEN
		RETURN NEXT 'a grade is needed';
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_grade(o hr.hr_order, l hr.order_line, e hr.employment,
	p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_after jsonb;
BEGIN
	PERFORM hr.order_close_span(o, l.id, 'grade_history', 'person_id', l.person_id,
		l.effective, p_name || ': grade');
	INSERT INTO hr.grade_history (org_id, person_id, grade, class_rank, during,
		order_line_id)
	VALUES (l.org_id, l.person_id, l.grade, coalesce(l.class_rank, ''),
		daterange(l.effective, NULL), l.id)
	RETURNING to_jsonb(grade_history.*), id INTO v_after, v_id;
	PERFORM hr.order_note(o, l.id, 'insert', 'grade_history', v_id, NULL, v_after,
		format('%s: grade %s%s from %s', p_name, l.grade,
			coalesce(', class rank ' || nullif(l.class_rank, ''), ''),
			hr.day_text(l.effective)));
END
$$;

ALTER FUNCTION hr.order_problems_grade(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_grade(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems_grade(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_grade(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems_grade(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_grade(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
