-- orders/trip.sql - a business trip to a destination from the line's day
-- to its last day, one absence row per line.

-- Why a line cannot send on a trip: no last day or no destination, or the
-- period is not free (orders/shared.sql: hr.order_problems_absence).
CREATE OR REPLACE FUNCTION hr.order_problems_trip(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF l.until IS NULL THEN
		RETURN NEXT 'the last day is needed';
		RETURN;
	END IF;
	IF coalesce(l.destination, '') = '' THEN
		RETURN NEXT 'the destination is needed';
	END IF;
	RETURN QUERY SELECT hr.order_problems_absence(l, e);
END
$$;

CREATE OR REPLACE FUNCTION hr.order_apply_trip(o hr.hr_order, l hr.order_line, e hr.employment,
	p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM hr.order_apply_absence(o, l, e, p_name, NULL, 'business trip');
END
$$;

ALTER FUNCTION hr.order_problems_trip(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_trip(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems_trip(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_trip(hr.hr_order, hr.order_line, hr.employment, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems_trip(hr.order_line, hr.employment, hr.order_setting)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply_trip(hr.hr_order, hr.order_line, hr.employment, text)
	TO hr_orders;
