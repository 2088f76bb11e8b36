-- orders/text.sql - the text of an order: hr.order_template holds, per
-- language, the frame and per kind the title and one line per employee;
-- the renderer fills in every value a line of any kind may show (the
-- names of leave types from hr.leave_type, in the order's language).

-- Replaces every {key} of a template by the values of p_values.
CREATE OR REPLACE FUNCTION hr.order_fill(p_template text, p_values jsonb) RETURNS text
	LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	k text;
	v_out text := p_template;
BEGIN
	FOR k IN SELECT jsonb_object_keys(p_values) LOOP
		v_out := replace(v_out, '{' || k || '}', coalesce(p_values ->> k, ''));
	END LOOP;
	RETURN v_out;
END
$$;

-- The text of an order in its organisation's language, numbered p_number
-- and signed by p_signer (a draft shows placeholders for both).
CREATE OR REPLACE FUNCTION hr.order_render(p_order bigint, p_number text, p_signer text) RETURNS text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	t hr.hr_order;
	v_lang text;
	v_frame text;
	v_title text;
	v_line text;
	v_lines text := '';
	l record;
	v_ru bool;
BEGIN
	SELECT * INTO o FROM hr.hr_order WHERE id = p_order;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	SELECT language INTO v_lang FROM hr.order_setting WHERE org_id = o.org_id;
	v_lang := coalesce(v_lang, 'en');
	v_ru := v_lang = 'ru';
	SELECT line INTO v_frame FROM hr.order_template WHERE language = v_lang AND kind = '*';
	SELECT title, line INTO v_title, v_line FROM hr.order_template
	 WHERE language = v_lang AND kind = o.kind;
	IF o.kind = 'cancel' THEN
		SELECT * INTO t FROM hr.hr_order WHERE org_id = o.org_id AND id = o.cancels_id;
		v_lines := hr.order_fill(v_line, jsonb_build_object(
			'cancelled_number', coalesce(t.number_text, '—'),
			'cancelled_date', coalesce(hr.day_text(t.order_date), '—'),
			'cancelled_title', (SELECT title FROM hr.order_template
				WHERE language = v_lang AND kind = t.kind)));
	END IF;
	FOR l IN
		SELECT x.*, row_number() OVER (ORDER BY x.line_no) AS n,
		       hr.person_name(x.org_id, x.person_id) AS person_text,
		       coalesce((hr.employment_on(x.org_id, x.person_id, x.effective)).personnel_no,
			       x.personnel_no, '—') AS personnel_text,
		       coalesce(pv.title, cur.title, '—') AS position_text,
		       coalesce(dv.name, '—') AS department_text,
		       coalesce(pn.penalty, x.penalty) AS penalty_text
		  FROM hr.order_line x
		  LEFT JOIN LATERAL (
			SELECT a.position_id FROM hr.assignment a
			  JOIN hr.employment e ON e.org_id = a.org_id AND e.id = a.employment_id
			 WHERE a.org_id = x.org_id AND e.person_id = x.person_id
			   AND a.during @> x.effective ORDER BY lower(a.during) LIMIT 1) held ON true
		  LEFT JOIN hr.position_version pv ON pv.org_id = x.org_id
			AND pv.position_id = coalesce(x.position_id, held.position_id)
			AND pv.valid @> x.effective
		  LEFT JOIN hr.position_version cur ON cur.org_id = x.org_id
			AND cur.position_id = held.position_id AND cur.valid @> (x.effective - 1)
		  LEFT JOIN hr.department_version dv ON dv.org_id = x.org_id
			AND dv.department_id = pv.department_id AND dv.valid @> x.effective
		  LEFT JOIN hr.penalty pn ON pn.org_id = x.org_id AND pn.id = x.penalty_id
		 WHERE x.org_id = o.org_id AND x.order_id = o.id
		 ORDER BY x.line_no
	LOOP
		v_lines := v_lines || CASE WHEN v_lines = '' THEN '' ELSE E'\n' END
			|| hr.order_fill(v_line, jsonb_build_object(
			'n', l.n, 'person', l.person_text, 'personnel_no', l.personnel_text,
			'effective', hr.day_text(l.effective), 'until', coalesce(hr.day_text(l.until), '—'),
			'days', coalesce((l.until - l.effective + 1)::text, '—'),
			'position', l.position_text, 'department', l.department_text,
			'rate', coalesce(l.rate, 1), 'grade', coalesce(l.grade, '—'),
			'class_rank_text', coalesce(CASE WHEN v_ru THEN ', классный чин ' ELSE ', class rank ' END
				|| nullif(l.class_rank, ''), ''),
			'pay_scale', coalesce(l.pay_scale, '—'), 'allowance', coalesce(l.allowance, 0),
			'leave_type', hr.leave_type_name(l.leave_type, v_lang),
			'destination', coalesce(l.destination, '—'), 'purpose', coalesce(l.purpose, '—'),
			'award', coalesce(l.award, '—'), 'penalty', coalesce(l.penalty_text, '—'),
			'reason', coalesce(nullif(l.reason, ''), '—'),
			'end_reason', CASE WHEN v_ru THEN CASE l.end_reason
				WHEN 'own_request' THEN 'по собственному желанию'
				WHEN 'agreement' THEN 'по соглашению сторон'
				WHEN 'contract_end' THEN 'в связи с истечением срока договора'
				WHEN 'retirement' THEN 'в связи с выходом на пенсию'
				WHEN 'discipline' THEN 'за дисциплинарный проступок'
				WHEN 'health' THEN 'по состоянию здоровья' WHEN 'death' THEN 'в связи со смертью'
				ELSE 'по иному основанию' END
				ELSE hr.end_reason_text(l.end_reason) END,
			'new_name', btrim(coalesce(l.last_name, '') || ' ' || coalesce(l.first_name, '') || ' '
				|| coalesce(l.middle_name, '')),
			'document', coalesce(nullif(l.document, ''), '—'),
			'to_org', coalesce((SELECT x.name FROM hr.service_orgs() x WHERE x.id = l.to_org_id),
				'—')));
	END LOOP;
	RETURN hr.order_fill(v_frame, jsonb_build_object(
		'org', (SELECT name FROM hr.org WHERE id = o.org_id),
		'number', coalesce(p_number, '____'),
		'date', hr.day_text(coalesce(o.order_date, current_date)),
		'title', upper(v_title), 'lines', v_lines,
		'basis', coalesce(nullif(o.basis, ''), '—'),
		'signer', coalesce(p_signer, '____'),
		'signed', CASE WHEN p_signer IS NULL THEN '—'
			ELSE to_char(now(), 'DD.MM.YYYY HH24:MI') END));
END
$$;

ALTER FUNCTION hr.order_fill(text, jsonb) OWNER TO hr_owner;
ALTER FUNCTION hr.order_render(bigint, text, text) OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_fill(text, jsonb), hr.order_render(bigint, text, text)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_fill(text, jsonb), hr.order_render(bigint, text, text)
	TO hr_clerk, hr_head;
