-- orders/shared.sql - what the rules and effects of several kinds of order
-- use: names, the employment and the position on a day, and the notes of
-- what signing wrote (hr.order_effect).
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

-- ---- ownership and privileges --------------------------------------------------------------
ALTER FUNCTION hr.person_name(int, bigint) OWNER TO hr_owner;
ALTER FUNCTION hr.employment_on(int, bigint, date) OWNER TO hr_owner;
ALTER FUNCTION hr.position_free(int, bigint, daterange, bigint) OWNER TO hr_owner;
ALTER FUNCTION hr.position_fill_text(int, bigint, date) OWNER TO hr_owner;
ALTER FUNCTION hr.end_reason_text(text) OWNER TO hr_owner;
ALTER FUNCTION hr.login_kind() OWNER TO hr_owner;
ALTER FUNCTION hr.order_note(hr.hr_order, bigint, text, text, bigint, jsonb, jsonb, text)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_close_span(hr.hr_order, bigint, text, text, bigint, date, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.person_name(int, bigint), hr.employment_on(int, bigint, date),
	hr.position_free(int, bigint, daterange, bigint), hr.position_fill_text(int, bigint, date),
	hr.end_reason_text(text), hr.login_kind(),
	hr.order_note(hr.hr_order, bigint, text, text, bigint, jsonb, jsonb, text),
	hr.order_close_span(hr.hr_order, bigint, text, text, bigint, date, text)
	FROM PUBLIC;
-- The rules run as the login (and as hr_orders through hr_clerk), the
-- writes as hr_orders.
GRANT EXECUTE ON FUNCTION hr.person_name(int, bigint), hr.employment_on(int, bigint, date),
	hr.position_free(int, bigint, daterange, bigint), hr.position_fill_text(int, bigint, date),
	hr.end_reason_text(text), hr.login_kind()
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.person_name(int, bigint) TO hr_ministry;
GRANT EXECUTE ON FUNCTION
	hr.order_note(hr.hr_order, bigint, text, text, bigint, jsonb, jsonb, text),
	hr.order_close_span(hr.hr_order, bigint, text, text, bigint, date, text)
	TO hr_orders;
