-- orders/personal.sql - a change of name on evidence (a marriage
-- certificate, a court decision): the file takes the new surname, given
-- name or patronymic; the order names the document.

CREATE OR REPLACE FUNCTION hr.order_problems_personal(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_text text;
BEGIN
	IF l.last_name IS NULL AND l.first_name IS NULL AND l.middle_name IS NULL THEN
		RETURN NEXT 'the new name is missing';
	END IF;
	IF coalesce(l.document, '') = '' THEN
		RETURN NEXT 'the supporting document is needed';
	END IF;
	v_text := hr.name_problem(coalesce(l.last_name, 'A'));
	IF v_text IS NULL THEN
		v_text := hr.name_problem(coalesce(l.first_name, 'A'));
	END IF;
	IF v_text IS NOT NULL THEN
		RETURN NEXT v_text;
	END IF;
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

-- p_name is the name before the change; the note gives both.
CREATE OR REPLACE FUNCTION hr.order_apply_personal(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_before jsonb;
	v_after jsonb;
BEGIN
	SELECT to_jsonb(p) INTO v_before FROM hr.person p
	 WHERE org_id = l.org_id AND id = l.person_id FOR UPDATE;
	UPDATE hr.person SET last_name = coalesce(l.last_name, last_name),
		first_name = coalesce(l.first_name, first_name),
		middle_name = coalesce(l.middle_name, middle_name)
	 WHERE org_id = l.org_id AND id = l.person_id
	RETURNING to_jsonb(person.*) INTO v_after;
	PERFORM hr.order_note(o, l.id, 'update', 'person', l.person_id, v_before, v_after,
		format('%s: name becomes %s (%s)', p_name,
			hr.person_name(l.org_id, l.person_id), l.document));
END
$$;

ALTER FUNCTION hr.order_problems_personal(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_personal(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION
	hr.order_problems_personal(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_personal(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	hr.order_problems_personal(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_personal(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
