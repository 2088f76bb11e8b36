-- orders/leave.sql - leave of a type (hr.leave_type) from the line's day
-- to its last day, one absence row per line.  A recall cuts it short
-- (orders/recall.sql).

-- A type of leave as an order's text says it in `p_language` ('en',
-- 'ru'); a line without a type yet reads as the type 'other'.
CREATE OR REPLACE FUNCTION hr.leave_type_name(p_type text, p_language text) RETURNS text
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE p_language WHEN 'ru' THEN t.name_ru ELSE t.name_en END
	  FROM hr.leave_type t WHERE t.code = coalesce(p_type, 'other')
$$;

-- The English name of a type of leave ("annual paid leave").
CREATE OR REPLACE FUNCTION hr.leave_type_text(p_type text) RETURNS text LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT hr.leave_type_name(p_type, 'en')
$$;

-- Why a line cannot grant leave: no last day or no type, or the period
-- is not free (orders/shared.sql: hr.order_problems_absence).
CREATE OR REPLACE FUNCTION hr.order_problems_leave(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF l.until IS NULL THEN
		RETURN NEXT 'the last day is needed';
		RETURN;
	END IF;
	IF l.leave_type IS NULL THEN
		RETURN NEXT 'the type of leave is needed';
	END IF;
	RETURN QUERY SELECT hr.order_problems_absence(l, e);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_leave(o hr.hr_order, l hr.order_line, e hr.employment,
	p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM hr.order_apply_absence(o, l, e, p_name, l.leave_type,
		hr.leave_type_text(l.leave_type));
END
$$;

ALTER FUNCTION hr.leave_type_name(text, text) OWNER TO hr_owner;
ALTER FUNCTION hr.leave_type_text(text) OWNER TO hr_owner;
ALTER FUNCTION hr.order_problems_leave(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_leave(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.leave_type_name(text, text), hr.leave_type_text(text),
	hr.order_problems_leave(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_leave(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.leave_type_name(text, text), hr.leave_type_text(text),
	hr.order_problems_leave(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_leave(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
