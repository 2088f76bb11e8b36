-- orders/shared.sql - what the rules and effects of several kinds of order
-- use: names, the employment and the position on a day, the checks and
-- the writes that two or more kinds share, and the notes of what signing
-- wrote (hr.order_effect).  A kind's own rules live in its file
-- (orders/KIND.sql); orders/dispatch.sql calls them.
--
-- Re-applied by `hrmis-admin migrate` whenever this file changes: every
-- statement here may run again on a schema that has it all already.

-- ---- names, employment, positions ---------------------------------------------------
-- "Surname Name Middle" of a person.
CREATE OR REPLACE FUNCTION hr.person_name(p_org int, p_person bigint) RETURNS text
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT btrim(last_name || ' ' || first_name || ' ' || middle_name) FROM hr.person
	 WHERE org_id = p_org AND id = p_person
$$;

-- The employment of a person in force on a day.
CREATE OR REPLACE FUNCTION hr.employment_on(p_org int, p_person bigint, p_day date) RETURNS hr.employment
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM hr.employment WHERE org_id = p_org AND person_id = p_person
	   AND hire_date <= p_day AND (end_date IS NULL OR end_date >= p_day)
	 ORDER BY hire_date DESC LIMIT 1
$$;

-- The least vacant rate of a position over a period (NULL: the position
-- does not exist on some day of it); `p_except` is an assignment not to count.
CREATE OR REPLACE FUNCTION hr.position_free(p_org int, p_position bigint, p_during daterange,
	p_except bigint) RETURNS numeric
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH a AS (
		SELECT during, rate FROM hr.assignment
		 WHERE org_id = p_org AND position_id = p_position AND during && p_during
		   AND id IS DISTINCT FROM p_except),
	v AS (
		SELECT valid, rates FROM hr.position_version
		 WHERE org_id = p_org AND position_id = p_position AND valid && p_during),
	points AS (
		SELECT lower(p_during) AS d
		UNION SELECT lower(during) FROM a UNION SELECT upper(during) FROM a
		UNION SELECT lower(valid) FROM v UNION SELECT upper(valid) FROM v)
	SELECT min(coalesce(v.rates, -1) - coalesce(f.filled, 0))
	  FROM points
	 CROSS JOIN LATERAL (SELECT sum(a.rate) AS filled FROM a WHERE a.during @> points.d) f
	  LEFT JOIN v ON v.valid @> points.d
	 WHERE points.d IS NOT NULL AND p_during @> points.d
$$;

-- What a position looks like on a day after an order's change, for its
-- preview: '"Specialist" then has 2.50 of 3.00 rates filled'.
CREATE OR REPLACE FUNCTION hr.position_fill_text(p_org int, p_position bigint, p_day date) RETURNS text
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT format('"%s" then has %s of %s rates filled', v.title,
		coalesce((SELECT sum(a.rate) FROM hr.assignment a WHERE a.org_id = p_org
			AND a.position_id = p_position AND a.during @> p_day), 0)::numeric(6,2),
		v.rates)
	  FROM hr.position_version v
	 WHERE v.org_id = p_org AND v.position_id = p_position AND v.valid @> p_day
$$;

-- Why service ends, as the order's English text says it.
CREATE OR REPLACE FUNCTION hr.end_reason_text(p_reason text) RETURNS text LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE p_reason WHEN 'own_request' THEN 'at own request'
		WHEN 'agreement' THEN 'by agreement of the parties'
		WHEN 'contract_end' THEN 'at the end of the contract' WHEN 'retirement' THEN 'on retirement'
		WHEN 'discipline' THEN 'for a disciplinary offence' WHEN 'health' THEN 'on health grounds'
		WHEN 'death' THEN 'on death'
		WHEN 'transfer' THEN 'on transfer to another organisation' ELSE 'for another reason' END
$$;

-- The kind of the session's login (definer functions ask it).
CREATE OR REPLACE FUNCTION hr.login_kind() RETURNS text LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT kind FROM hr.whoami()
$$;

-- ---- checks several kinds share ------------------------------------------------------
-- A line's position (hire, transfer): one is named, it exists from the
-- day on and has the line's rate vacant, counting the rates earlier lines
-- of the order take; `a` is the assignment the person holds that day (not
-- counted).
CREATE OR REPLACE FUNCTION hr.order_problems_position(l hr.order_line, a hr.assignment)
	RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_free numeric;
BEGIN
	IF l.position_id IS NULL THEN
		RETURN NEXT 'a position is needed';
		RETURN;
	END IF;
	v_free := hr.position_free(l.org_id, l.position_id, daterange(l.effective, NULL), a.id);
	-- Earlier lines of this order take rates of the same position.
	v_free := v_free - coalesce((SELECT sum(coalesce(y.rate, 1)) FROM hr.order_line y
		WHERE y.org_id = l.org_id AND y.order_id = l.order_id
		  AND y.position_id = l.position_id AND y.line_no < l.line_no), 0);
	IF v_free IS NULL OR v_free < 0 AND NOT EXISTS (SELECT 1 FROM hr.position_version pv
		WHERE pv.org_id = l.org_id AND pv.position_id = l.position_id
		  AND pv.valid @> l.effective) THEN
		RETURN NEXT format('position "%s" does not exist on %s',
			hr.position_title(l.org_id, l.position_id, l.effective),
			hr.day_text(l.effective));
	ELSIF v_free < coalesce(l.rate, 1) THEN
		RETURN NEXT format('position "%s" has no vacant %s rate from %s (vacant: %s)',
			hr.position_title(l.org_id, l.position_id, l.effective),
			coalesce(l.rate, 1), hr.day_text(l.effective), greatest(v_free, 0));
	END IF;
END
$$;

-- A period away (leave, trip) whose last day is known: within the
-- employment, over no other leave or trip on file, nor over another line
-- of the order for the same person.
CREATE OR REPLACE FUNCTION hr.order_problems_absence(l hr.order_line, e hr.employment)
	RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_text text;
BEGIN
	IF e.end_date IS NOT NULL AND l.until > e.end_date THEN
		RETURN NEXT format('employment ends on %s', hr.day_text(e.end_date));
	END IF;
	SELECT string_agg(CASE x.kind WHEN 'leave' THEN 'leave' ELSE 'business trip' END
		|| ' ' || hr.day_text(lower(x.during)) || '–'
		|| hr.day_text(upper(x.during) - 1), ', ') INTO v_text
	  FROM hr.absence x WHERE x.org_id = l.org_id AND x.person_id = l.person_id
	   AND x.during && daterange(l.effective, l.until, '[]');
	IF v_text IS NOT NULL THEN
		RETURN NEXT 'overlaps ' || v_text;
	END IF;
	IF EXISTS (SELECT 1 FROM hr.order_line y WHERE y.org_id = l.org_id
		AND y.order_id = l.order_id AND y.person_id = l.person_id
		AND y.line_no < l.line_no AND y.until IS NOT NULL
		AND daterange(y.effective, y.until, '[]')
		    && daterange(l.effective, l.until, '[]')) THEN
		RETURN NEXT 'overlaps another line of this order';
	END IF;
END
$$;

-- Service that ends on the line's day (dismissal, transfer out): nothing
-- on file may reach past it.
CREATE OR REPLACE FUNCTION hr.order_problems_leaving(l hr.order_line, e hr.employment)
	RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM hr.assignment x WHERE x.org_id = l.org_id
		AND x.employment_id = e.id AND lower(x.during) > l.effective) THEN
		RETURN NEXT 'a transfer after the last day is on file; cancel it first';
	END IF;
	IF EXISTS (SELECT 1 FROM hr.absence x WHERE x.org_id = l.org_id
		AND x.person_id = l.person_id AND upper(x.during) > l.effective + 1) THEN
		RETURN NEXT 'leave or a business trip runs past the last day';
	END IF;
END
$$;

-- One line per person: every kind but leave and trips (whose lines may
-- name a person twice for two periods) ends its checks with this one.
CREATE OR REPLACE FUNCTION hr.order_problems_repeated(l hr.order_line) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM hr.order_line y WHERE y.org_id = l.org_id
		AND y.order_id = l.order_id AND y.person_id = l.person_id AND y.line_no < l.line_no) THEN
		RETURN NEXT 'is on an earlier line of this order too';
	END IF;
END
$$;

-- ---- what signing writes -----------------------------------------------------------------
-- Records one effect of the order being applied.
CREATE OR REPLACE FUNCTION hr.order_note(o hr.hr_order, p_line bigint, p_action text, p_table text,
	p_row bigint, p_before jsonb, p_after jsonb, p_description text) RETURNS void
	LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO hr.order_effect (org_id, order_id, line_id, seq, action, table_name, row_id,
		description, before, after)
	SELECT o.org_id, o.id, p_line,
	       coalesce((SELECT max(seq) FROM hr.order_effect WHERE org_id = o.org_id
		       AND order_id = o.id), 0) + 1,
	       p_action, p_table, p_row, p_description, p_before, p_after
$$;

-- Ends a dated row (grade, pay) on the day before p_day: shortened when it
-- began earlier, removed when it began that day.  Returns nothing.
CREATE OR REPLACE FUNCTION hr.order_close_span(o hr.hr_order, p_line bigint, p_table text, p_key text,
	p_key_id bigint, p_day date, p_what text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_before jsonb;
	v_after jsonb;
BEGIN
	EXECUTE format('SELECT id, to_jsonb(x) FROM hr.%I x WHERE org_id = $1 AND %I = $2
		AND during @> $3 FOR UPDATE', p_table, p_key) INTO v_id, v_before
		USING o.org_id, p_key_id, p_day;
	IF v_id IS NULL THEN
		RETURN;
	END IF;
	IF (v_before ->> 'during')::daterange = daterange(p_day, upper((v_before ->> 'during')::daterange))
	   OR lower((v_before ->> 'during')::daterange) = p_day THEN
		EXECUTE format('DELETE FROM hr.%I WHERE org_id = $1 AND id = $2', p_table)
			USING o.org_id, v_id;
		PERFORM hr.order_note(o, p_line, 'delete', p_table, v_id, v_before, NULL,
			p_what || ' replaced');
	ELSE
		EXECUTE format('UPDATE hr.%I x SET during = daterange(lower(during), $3)
			WHERE org_id = $1 AND id = $2 RETURNING to_jsonb(x)', p_table)
			INTO v_after USING o.org_id, v_id, p_day;
		PERFORM hr.order_note(o, p_line, 'update', p_table, v_id, v_before, v_after,
			p_what || ' ends on ' || hr.day_text(p_day - 1));
	END IF;
END
$$;

-- A period away (leave of type p_leave_type, or a trip when NULL), called
-- p_what in the note: one absence row.
CREATE OR REPLACE FUNCTION hr.order_apply_absence(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text, p_leave_type text, p_what text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_after jsonb;
BEGIN
	INSERT INTO hr.absence (org_id, person_id, employment_id, kind, leave_type,
		destination, purpose, during, order_line_id)
	VALUES (l.org_id, l.person_id, e.id, o.kind, p_leave_type,
		coalesce(l.destination, ''), coalesce(l.purpose, ''),
		daterange(l.effective, l.until, '[]'), l.id)
	RETURNING to_jsonb(absence.*), id INTO v_after, v_id;
	PERFORM hr.order_note(o, l.id, 'insert', 'absence', v_id, NULL, v_after,
		format('%s: %s %s–%s (%s days)%s', p_name, p_what,
			hr.day_text(l.effective), hr.day_text(l.until), l.until - l.effective + 1,
			coalesce(' to ' || nullif(l.destination, ''), '')));
END
$$;

-- Ends the employment on the line's day for p_reason (an end_reason code):
-- its assignments end (their rates are vacant from the next day), its pay
-- ends, the employment gets its last day.
CREATE OR REPLACE FUNCTION hr.order_apply_leaving(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text, p_reason text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a hr.assignment;
	v_before jsonb;
	v_after jsonb;
BEGIN
	FOR a IN SELECT * FROM hr.assignment WHERE org_id = l.org_id AND employment_id = e.id
		AND during @> l.effective FOR UPDATE LOOP
		v_before := to_jsonb(a);
		UPDATE hr.assignment SET during = daterange(lower(during), l.effective + 1)
		 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
		PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
			format('%s: leaves "%s" after %s; the rate is vacant from %s', p_name,
				hr.position_title(l.org_id, a.position_id, l.effective),
				hr.day_text(l.effective), hr.day_text(l.effective + 1))
			|| coalesce('; ' || hr.position_fill_text(l.org_id, a.position_id,
				l.effective + 1), ''));
	END LOOP;
	PERFORM hr.order_close_span(o, l.id, 'pay_history', 'employment_id', e.id,
		l.effective + 1, p_name || ': pay');
	v_before := to_jsonb(e);
	UPDATE hr.employment SET end_date = l.effective, end_reason = p_reason
	 WHERE id = e.id RETURNING to_jsonb(employment.*) INTO v_after;
	PERFORM hr.order_note(o, l.id, 'update', 'employment', e.id, v_before, v_after,
		format('%s: employment ends on %s %s', p_name, hr.day_text(l.effective),
			hr.end_reason_text(p_reason)));
END
$$;

-- ---- ownership and privileges --------------------------------------------------------------
ALTER FUNCTION hr.person_name(int, bigint) OWNER TO hr_owner;
ALTER FUNCTION hr.employment_on(int, bigint, date) OWNER TO hr_owner;
ALTER FUNCTION hr.position_free(int, bigint, daterange, bigint) OWNER TO hr_owner;
ALTER FUNCTION hr.position_fill_text(int, bigint, date) OWNER TO hr_owner;
ALTER FUNCTION hr.end_reason_text(text) OWNER TO hr_owner;
ALTER FUNCTION hr.login_kind() OWNER TO hr_owner;
ALTER FUNCTION hr.order_problems_position(hr.order_line, hr.assignment) OWNER TO hr_owner;
ALTER FUNCTION hr.order_problems_absence(hr.order_line, hr.employment) OWNER TO hr_owner;
ALTER FUNCTION hr.order_problems_leaving(hr.order_line, hr.employment) OWNER TO hr_owner;
ALTER FUNCTION hr.order_problems_repeated(hr.order_line) OWNER TO hr_owner;
ALTER FUNCTION hr.order_note(hr.hr_order, bigint, text, text, bigint, jsonb, jsonb, text)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_close_span(hr.hr_order, bigint, text, text, bigint, date, text)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_absence(hr.hr_order, hr.order_line, hr.employment, text, text,
	text) OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_leaving(hr.hr_order, hr.order_line, hr.employment, text, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.person_name(int, bigint), hr.employment_on(int, bigint, date),
	hr.position_free(int, bigint, daterange, bigint), hr.position_fill_text(int, bigint, date),
	hr.end_reason_text(text), hr.login_kind(),
	hr.order_problems_position(hr.order_line, hr.assignment),
	hr.order_problems_absence(hr.order_line, hr.employment),
	hr.order_problems_leaving(hr.order_line, hr.employment),
	hr.order_problems_repeated(hr.order_line),
	hr.order_note(hr.hr_order, bigint, text, text, bigint, jsonb, jsonb, text),
	hr.order_close_span(hr.hr_order, bigint, text, text, bigint, date, text),
	hr.order_apply_absence(hr.hr_order, hr.order_line, hr.employment, text, text, text),
	hr.order_apply_leaving(hr.hr_order, hr.order_line, hr.employment, text, text)
	FROM PUBLIC;
-- The rules run as the login (and as hr_orders through hr_clerk), the
-- writes as hr_orders.
GRANT EXECUTE ON FUNCTION hr.person_name(int, bigint), hr.employment_on(int, bigint, date),
	hr.position_free(int, bigint, daterange, bigint), hr.position_fill_text(int, bigint, date),
	hr.end_reason_text(text), hr.login_kind(),
	hr.order_problems_position(hr.order_line, hr.assignment),
	hr.order_problems_absence(hr.order_line, hr.employment),
	hr.order_problems_leaving(hr.order_line, hr.employment),
	hr.order_problems_repeated(hr.order_line)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.person_name(int, bigint) TO hr_ministry;
GRANT EXECUTE ON FUNCTION
	hr.order_note(hr.hr_order, bigint, text, text, bigint, jsonb, jsonb, text),
	hr.order_close_span(hr.hr_order, bigint, text, text, bigint, date, text),
	hr.order_apply_absence(hr.hr_order, hr.order_line, hr.employment, text, text, text),
	hr.order_apply_leaving(hr.hr_order, hr.order_line, hr.employment, text, text)
	TO hr_orders;
