-- orders/dispatch.sql - checking and applying an order: the rules every
-- line answers to, then the rules and effects of its kind, which live in
-- the kind's file (orders/KIND.sql: hr.order_problems_KIND and
-- hr.order_apply_KIND).  A new kind of order is one new file and one line
-- in each CASE below (docs/DATABASE.md).

-- Everything that stops an order from being signed ('error') and what the
-- signer should know ('warning'), one row each, by line.  Runs as the
-- login: it sees what the login sees.
CREATE OR REPLACE FUNCTION hr.order_problems(p_order bigint)
	RETURNS TABLE (line_no int, person text, severity text, problem text)
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	l hr.order_line;
	s hr.order_setting;
	e hr.employment;
	v_found text[];
	v_text text;
	v_lines int := 0;
BEGIN
	SELECT * INTO o FROM hr.hr_order WHERE id = p_order;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO s FROM hr.order_setting WHERE org_id = o.org_id;
	IF o.kind = 'cancel' THEN
		FOR line_no, person, severity, problem IN
			SELECT NULL::int, NULL::text, 'error', p FROM hr.order_cancel_problems(o) p LOOP
			RETURN NEXT;
		END LOOP;
		RETURN;
	END IF;
	FOR l IN SELECT * FROM hr.order_line WHERE org_id = o.org_id AND order_id = o.id
		ORDER BY order_line.line_no LOOP
		v_lines := v_lines + 1;
		line_no := l.line_no;
		person := hr.person_name(l.org_id, l.person_id);
		severity := 'error';
		e := hr.employment_on(l.org_id, l.person_id, l.effective);
		-- A file that moved on with a transfer takes no more orders here.
		problem := hr.order_problem_moved(l);
		IF problem IS NOT NULL THEN
			RETURN NEXT;
			CONTINUE;
		END IF;
		-- Every kind but a hire acts on the employment in force that day.
		IF o.kind <> 'hire' AND e.id IS NULL THEN
			problem := format('not employed on %s', hr.day_text(l.effective));
			RETURN NEXT;
			CONTINUE;
		END IF;
		CASE o.kind
		WHEN 'hire' THEN v_found := ARRAY(SELECT hr.order_problems_hire(l, e, s));
		WHEN 'transfer' THEN v_found := ARRAY(SELECT hr.order_problems_transfer(l, e, s));
		WHEN 'grade' THEN v_found := ARRAY(SELECT hr.order_problems_grade(l, e, s));
		WHEN 'pay' THEN v_found := ARRAY(SELECT hr.order_problems_pay(l, e, s));
		WHEN 'personal' THEN v_found := ARRAY(SELECT hr.order_problems_personal(l, e, s));
		WHEN 'leave' THEN v_found := ARRAY(SELECT hr.order_problems_leave(l, e, s));
		WHEN 'recall' THEN v_found := ARRAY(SELECT hr.order_problems_recall(l, e, s));
		WHEN 'trip' THEN v_found := ARRAY(SELECT hr.order_problems_trip(l, e, s));
		WHEN 'award' THEN v_found := ARRAY(SELECT hr.order_problems_award(l, e, s));
		WHEN 'penalty' THEN v_found := ARRAY(SELECT hr.order_problems_penalty(l, e, s));
		WHEN 'penalty_lift' THEN v_found := ARRAY(SELECT hr.order_problems_penalty_lift(l, e, s));
		WHEN 'dismissal' THEN v_found := ARRAY(SELECT hr.order_problems_dismissal(l, e, s));
		WHEN 'transfer_out' THEN v_found := ARRAY(SELECT hr.order_problems_transfer_out(l, e, s));
		END CASE;
		FOREACH problem IN ARRAY v_found LOOP
			RETURN NEXT;
		END LOOP;
		-- What a retro-dated order reaches back over.
		IF l.effective < current_date THEN
			severity := 'warning';
			SELECT string_agg(DISTINCT h.number_text, ', ') INTO v_text
			  FROM hr.order_line y JOIN hr.hr_order h ON h.org_id = y.org_id AND h.id = y.order_id
			 WHERE y.org_id = l.org_id AND y.person_id = l.person_id AND h.status = 'signed'
			   AND coalesce(y.until, y.effective) >= l.effective;
			problem := format('retro-dated: takes effect %s days ago', current_date - l.effective)
				|| coalesce('; overlaps signed order(s) ' || v_text, '');
			RETURN NEXT;
		END IF;
	END LOOP;
	IF v_lines = 0 THEN
		line_no := NULL;
		person := NULL;
		severity := 'error';
		problem := 'the order has no employees';
		RETURN NEXT;
	END IF;
END
$$;

-- Writes the effects of every line of a draft order, noting each
-- (hr.order_note), line after line: a line sees what the lines before it
-- wrote.  A cancelling order undoes the order it cancels instead.
CREATE OR REPLACE FUNCTION hr.order_apply(o hr.hr_order) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	l hr.order_line;
	e hr.employment;
	v_name text;
BEGIN
	IF o.kind = 'cancel' THEN
		PERFORM hr.order_reverse(o);
		RETURN;
	END IF;
	FOR l IN SELECT * FROM hr.order_line WHERE org_id = o.org_id AND order_id = o.id
		ORDER BY line_no LOOP
		v_name := hr.person_name(l.org_id, l.person_id);
		e := hr.employment_on(l.org_id, l.person_id, l.effective);
		CASE o.kind
		WHEN 'hire' THEN PERFORM hr.order_apply_hire(o, l, e, v_name);
		WHEN 'transfer' THEN PERFORM hr.order_apply_transfer(o, l, e, v_name);
		WHEN 'grade' THEN PERFORM hr.order_apply_grade(o, l, e, v_name);
		WHEN 'pay' THEN PERFORM hr.order_apply_pay(o, l, e, v_name);
		WHEN 'personal' THEN PERFORM hr.order_apply_personal(o, l, e, v_name);
		WHEN 'leave' THEN PERFORM hr.order_apply_leave(o, l, e, v_name);
		WHEN 'recall' THEN PERFORM hr.order_apply_recall(o, l, e, v_name);
		WHEN 'trip' THEN PERFORM hr.order_apply_trip(o, l, e, v_name);
		WHEN 'award' THEN PERFORM hr.order_apply_award(o, l, e, v_name);
		WHEN 'penalty' THEN PERFORM hr.order_apply_penalty(o, l, e, v_name);
		WHEN 'penalty_lift' THEN PERFORM hr.order_apply_penalty_lift(o, l, e, v_name);
		WHEN 'dismissal' THEN PERFORM hr.order_apply_dismissal(o, l, e, v_name);
		WHEN 'transfer_out' THEN PERFORM hr.order_apply_transfer_out(o, l, e, v_name);
		END CASE;
	END LOOP;
END
$$;

ALTER FUNCTION hr.order_problems(bigint) OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply(hr.hr_order) OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems(bigint), hr.order_apply(hr.hr_order) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems(bigint) TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply(hr.hr_order) TO hr_orders;
