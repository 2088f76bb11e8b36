-- orders/transfer.sql - a transfer within the organisation: the person
-- holds the line's position (at its rate, or the present one) from the
-- line's day.  A transfer to another organisation is orders/transfer_out.sql.

-- Why a line cannot transfer: the new position has no vacant rate, the
-- person holds no position that day or holds this one at this rate
-- already, or a later transfer is on file.
CREATE OR REPLACE FUNCTION hr.order_problems_transfer(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a hr.assignment;
BEGIN
	SELECT * INTO a FROM hr.assignment x WHERE x.org_id = l.org_id
	   AND x.employment_id = e.id AND x.during @> l.effective;
	RETURN QUERY SELECT hr.order_problems_position(l, a);
	IF a.id IS NULL THEN
		RETURN NEXT format('holds no position on %s', hr.day_text(l.effective));
	ELSIF a.position_id = l.position_id AND a.rate = coalesce(l.rate, a.rate) THEN
		RETURN NEXT 'already holds this position at this rate';
	END IF;
	IF EXISTS (SELECT 1 FROM hr.assignment x
		WHERE x.org_id = l.org_id AND x.employment_id = e.id
		  AND lower(x.during) > l.effective) THEN
		RETURN NEXT 'a later transfer is already on file; cancel it first';
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

-- An assignment that begins that day changes; an earlier one ends the day
-- before and a new one takes over until the old one's end.
CREATE OR REPLACE FUNCTION hr.order_apply_transfer(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a hr.assignment;
	v_id bigint;
	v_before jsonb;
	v_after jsonb;
	v_pos text := hr.position_title(l.org_id, l.position_id, l.effective);
BEGIN
	SELECT * INTO a FROM hr.assignment WHERE org_id = l.org_id AND employment_id = e.id
	   AND during @> l.effective FOR UPDATE;
	v_before := to_jsonb(a);
	IF lower(a.during) = l.effective THEN
		UPDATE hr.assignment SET position_id = l.position_id,
			rate = coalesce(l.rate, a.rate)
		 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
		PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
			format('%s: assignment from %s changed to "%s"', p_name,
				hr.day_text(l.effective), v_pos));
	ELSE
		UPDATE hr.assignment SET during = daterange(lower(during), l.effective)
		 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
		PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
			format('%s: leaves "%s" after %s', p_name,
				hr.position_title(l.org_id, a.position_id, l.effective - 1),
				hr.day_text(l.effective - 1))
			|| coalesce('; ' || hr.position_fill_text(l.org_id, a.position_id,
				l.effective), ''));
		INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during,
			order_line_id)
		VALUES (l.org_id, e.id, l.position_id, coalesce(l.rate, a.rate),
			daterange(l.effective, upper(a.during)), l.id)
		RETURNING to_jsonb(assignment.*), id INTO v_after, v_id;
		PERFORM hr.order_note(o, l.id, 'insert', 'assignment', v_id, NULL, v_after,
			format('%s: assigned to "%s" (%s rate) from %s', p_name, v_pos,
				coalesce(l.rate, a.rate), hr.day_text(l.effective))
			|| coalesce('; ' || hr.position_fill_text(l.org_id, l.position_id,
				l.effective), ''));
	END IF;
END
$$;

ALTER FUNCTION hr.order_problems_transfer(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_transfer(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION
	hr.order_problems_transfer(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_transfer(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	hr.order_problems_transfer(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_transfer(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
