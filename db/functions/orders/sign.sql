-- orders/sign.sql - previewing and signing: what signing would write, and
-- the signature itself (the register's next number, every effect, the text
-- as signed, in one transaction); the service's day that dates it; the
-- rule that a register's number pattern changes only before the year's
-- first number.  The locks and refusals are those of db/013_integrity.sql.

-- The day and year an order is signed on are the service's, not whatever
-- time zone the session set (a head could otherwise pick the year of a
-- number around New Year).  hrmis-admin sets the zone with the service.
CREATE OR REPLACE FUNCTION hr.service_today() RETURNS date LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp AS $$
	-- The statement's time, not the transaction's: a signature in a
	-- transaction opened before midnight takes the new day.
	SELECT (statement_timestamp() AT TIME ZONE
		coalesce((SELECT time_zone FROM hr.service_setting), 'UTC'))::date
$$;

-- A register's pattern changes only before its first number of the year.
CREATE OR REPLACE FUNCTION hr.order_register_pattern() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_pattern text;
	v_last int;
BEGIN
	IF NEW.pattern IS NOT DISTINCT FROM OLD.pattern THEN
		RETURN NEW;
	END IF;
	-- The year's counter may have come a moment ago: only READ COMMITTED
	-- reads it after the signers the row lock waited for.
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'A number pattern is changed in a READ COMMITTED transaction (this one is %)',
			upper(current_setting('transaction_isolation')) USING ERRCODE = 'feature_not_supported';
	END IF;
	SELECT c.pattern, c.last_no INTO v_pattern, v_last FROM hr.order_counter c
	 WHERE c.org_id = OLD.org_id AND c.register_id = OLD.id
	   AND c.year = extract(year FROM hr.service_today())::int;
	IF FOUND THEN
		RAISE EXCEPTION '%', format('Register %s has numbered %s order%s this year as %s; its pattern changes only before the first number of a year',
			OLD.code, v_last, CASE WHEN v_last = 1 THEN '' ELSE 's' END, v_pattern)
			USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = 'order_register',
				SCHEMA = 'hr';
	END IF;
	RETURN NEW;
END
$$;

-- What signing the order would write, one row per record, in order (an
-- 'error' row when writing fails), without writing anything; for a signed
-- or cancelled order, what it wrote.
CREATE OR REPLACE FUNCTION hr.order_preview(p_order bigint)
	RETURNS TABLE (seq int, line_no int, action text, table_name text, description text)
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	v_rows jsonb;
BEGIN
	IF hr.login_kind() IS DISTINCT FROM 'clerk' AND hr.login_kind() IS DISTINCT FROM 'head' THEN
		RAISE EXCEPTION 'Only clerks and heads of the organisation work with its orders'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO o FROM hr.hr_order h WHERE h.id = p_order;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	IF o.status = 'draft' THEN
		BEGIN
			PERFORM hr.order_apply(o);
			SELECT jsonb_agg(to_jsonb(f) ORDER BY f.seq) INTO v_rows FROM hr.order_effect f
			 WHERE f.org_id = o.org_id AND f.order_id = o.id;
			RAISE EXCEPTION 'preview' USING ERRCODE = 'HR000';
		EXCEPTION
			WHEN SQLSTATE 'HR000' THEN
				NULL;
			WHEN OTHERS THEN
				v_rows := jsonb_build_array(jsonb_build_object('seq', 1, 'action', 'error',
					'table_name', '', 'description', SQLERRM));
		END;
	ELSE
		SELECT jsonb_agg(to_jsonb(f) ORDER BY f.seq) INTO v_rows FROM hr.order_effect f
		 WHERE f.org_id = o.org_id AND f.order_id = o.id;
	END IF;
	RETURN QUERY
	SELECT (r ->> 'seq')::int, x.line_no, r ->> 'action', r ->> 'table_name', r ->> 'description'
	  FROM jsonb_array_elements(coalesce(v_rows, '[]')) r
	  LEFT JOIN hr.order_line x ON x.org_id = o.org_id AND x.id = (r ->> 'line_id')::bigint
	 ORDER BY (r ->> 'seq')::int;
END
$$;

-- Signs a draft order as the session's head: the next number of its
-- register for this year, every effect, the text as signed, in the caller's
-- transaction.  p_version is the version the head checked; a draft changed
-- since is refused, and so is a head who wrote any of it.  Signing an order
-- already signed returns its number with already = true (a retry after a
-- lost connection), never a second number.
CREATE OR REPLACE FUNCTION hr.order_sign(p_order bigint, p_version int)
	RETURNS TABLE (number_text text, signed_at timestamptz, already bool)
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	v_no int;
	v_pattern text;
	v_code text;
	v_day date := hr.service_today();
	v_year int := extract(year FROM v_day)::int;
	v_errors text;
	v_count int;
	v_text text;
BEGIN
	IF hr.login_kind() IS DISTINCT FROM 'head' THEN
		RAISE EXCEPTION 'Only the head of HR signs orders'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	-- The rules below read the file after the locks; a transaction snapshot
	-- taken before them would not show what a rival signed meanwhile.
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'Orders are signed in READ COMMITTED transactions (this one is %)',
			upper(current_setting('transaction_isolation'))
			USING ERRCODE = 'feature_not_supported';
	END IF;
	-- Signers of orders for the same people queue on the people, in id
	-- order, before the order row: a line written meanwhile then takes the
	-- order's lock first and the version below refuses (never a deadlock
	-- between a clerk writing the file and a head signing).  The lines read
	-- here are those of the version checked below, or that check refuses.
	-- NO KEY UPDATE leaves the foreign keys of other sections free.
	PERFORM 1 FROM hr.person p
	 WHERE p.id IN (SELECT l.person_id FROM hr.order_line l
		WHERE l.order_id = coalesce((SELECT h.cancels_id FROM hr.hr_order h
			WHERE h.id = p_order), p_order))
	 ORDER BY p.id FOR NO KEY UPDATE OF p;
	-- Every writer of the order and its lines queues on this row.
	SELECT * INTO o FROM hr.hr_order h WHERE h.id = p_order FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	IF o.status <> 'draft' THEN
		RETURN QUERY SELECT o.number_text, o.signed_at, true;
		RETURN;
	END IF;
	-- IS DISTINCT FROM: a NULL version is not a version the head checked.
	IF o.version IS DISTINCT FROM p_version THEN
		RAISE EXCEPTION 'The order was changed after it was checked; check it again before signing'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	-- A line changed while this waited for the order row (and the head
	-- checked that version) may name another person: lock the people of
	-- the lines as they are now too (those locked above again cost nothing).
	PERFORM 1 FROM hr.person p
	 WHERE p.org_id = o.org_id AND p.id IN (SELECT l.person_id FROM hr.order_line l
		WHERE l.org_id = o.org_id AND l.order_id = coalesce(o.cancels_id, o.id))
	 ORDER BY p.id FOR NO KEY UPDATE OF p;
	IF session_user::text = ANY (o.authors) THEN
		RAISE EXCEPTION '%', format('An order is signed by someone who keyed none of it; %s wrote this one, so another head signs it',
			array_to_string(o.authors, ', '))
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT count(*), string_agg(coalesce('line ' || p.line_no || ', ' || p.person || ': ', '')
		|| p.problem, '; ' ORDER BY p.line_no) INTO v_count, v_errors
	  FROM hr.order_problems(o.id) p WHERE p.severity = 'error';
	IF v_count > 0 THEN
		RAISE EXCEPTION '%', format('The order cannot be signed (%s problem%s): %s', v_count,
			CASE WHEN v_count = 1 THEN '' ELSE 's' END, left(v_errors, 600))
			USING ERRCODE = 'check_violation';
	END IF;
	o.order_date := v_day;
	UPDATE hr.hr_order h SET order_date = v_day WHERE h.id = o.id;
	-- The text as it stands before the changes (a change of name shows the
	-- old one), its number filled in below.  session_user is a name
	-- (collation "C"); passed as it is, every text in the renderer would take
	-- that collation and upper() miss non-Latin titles.
	v_text := hr.order_render(o.id, E'\u27E6No\u27E7', session_user::text COLLATE "default");
	BEGIN
		PERFORM hr.order_apply(o);
	EXCEPTION WHEN exclusion_violation THEN
		-- Checked above; another order signed since took the same days.
		RAISE EXCEPTION 'The order cannot be signed: another order signed meanwhile overlaps it (%); check it again',
			SQLERRM USING ERRCODE = 'check_violation';
	END;
	-- The number comes last: the counter row is the queue of the register's
	-- signers, held from here to COMMIT only; a rollback returns the number.
	-- The year's first number fixes the pattern of the year's numbers; the
	-- register is read locked, so a change of its pattern waits for the
	-- signature (and then finds the year's counter) or goes first.
	PERFORM 1 FROM hr.order_register r WHERE r.org_id = o.org_id AND r.id = o.register_id
		FOR SHARE;
	INSERT INTO hr.order_counter AS c (org_id, register_id, year, last_no, pattern)
	SELECT o.org_id, o.register_id, v_year, 1, r.pattern FROM hr.order_register r
	 WHERE r.org_id = o.org_id AND r.id = o.register_id
	ON CONFLICT (org_id, register_id, year) DO UPDATE SET last_no = c.last_no + 1
	RETURNING c.last_no, c.pattern INTO v_no, v_pattern;
	SELECT r.code INTO v_code FROM hr.order_register r
	 WHERE r.org_id = o.org_id AND r.id = o.register_id;
	o.number_text := replace(replace(replace(replace(v_pattern, '{n}', v_no::text),
		'{register}', v_code), '{yyyy}', v_year::text), '{yy}', lpad((v_year % 100)::text, 2, '0'));
	v_text := replace(v_text, E'\u27E6No\u27E7', o.number_text);
	-- Another register's pattern may print the same text (the constraint
	-- below it is the guarantee; this is the sentence).
	IF EXISTS (SELECT 1 FROM hr.hr_order h WHERE h.org_id = o.org_id AND h.year = v_year
		   AND h.number_text = o.number_text) THEN
		RAISE EXCEPTION '%', format('Number %s is already taken this year by another register''s order; give register %s a pattern that tells its numbers apart (with {register})',
			o.number_text, v_code) USING ERRCODE = 'unique_violation';
	END IF;
	UPDATE hr.hr_order h SET status = 'signed', year = v_year, number = v_no,
		number_text = o.number_text, signed_by = session_user, signed_at = now(),
		signed_text = v_text
	 WHERE h.id = o.id;
	RETURN QUERY SELECT o.number_text, now(), false;
END
$$;

ALTER FUNCTION hr.service_today() OWNER TO hr_owner;
ALTER FUNCTION hr.order_register_pattern() OWNER TO hr_owner;
ALTER FUNCTION hr.order_preview(bigint) OWNER TO hr_orders;
ALTER FUNCTION hr.order_sign(bigint, int) OWNER TO hr_orders;
REVOKE ALL ON FUNCTION hr.service_today(), hr.order_register_pattern(),
	hr.order_preview(bigint), hr.order_sign(bigint, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.service_today() TO hr_login, hr_orders;
-- The trigger reads the counter as the head.
GRANT EXECUTE ON FUNCTION hr.order_register_pattern() TO hr_head, hr_clerk;
GRANT EXECUTE ON FUNCTION hr.order_preview(bigint) TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_sign(bigint, int) TO hr_head;
