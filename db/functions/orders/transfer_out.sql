-- orders/transfer_out.sql - a transfer to another organisation of the
-- service.  The sending organisation signs it: the employment ends as a
-- dismissal does and the file is released to the other organisation
-- (hr.person_release).  That organisation takes the person on
-- (hr.receive_person): the file is copied into it (personal data, every
-- section, the service here as prior employment) under the same person
-- across the service (human_id), and then hired by an order of its own.
-- The sender keeps its former employee's file, read only: only the
-- current employer writes (hr.person_file_open).

-- The organisations of the service, for the list of where to transfer to
-- (codes and names only).
CREATE OR REPLACE FUNCTION hr.service_orgs() RETURNS TABLE (id int, code text, name text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT o.id, o.code, o.name FROM hr.org o WHERE o.kind <> 'agency' ORDER BY o.code
$$;

-- Why a line cannot transfer out: no other organisation of the service is
-- named, or something on file reaches past the last day.
CREATE OR REPLACE FUNCTION hr.order_problems_transfer_out(l hr.order_line, e hr.employment,
	s hr.order_setting) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF l.to_org_id IS NULL OR l.to_org_id = l.org_id
	   OR l.to_org_id NOT IN (SELECT x.id FROM hr.service_orgs() x) THEN
		RETURN NEXT 'the organisation to transfer to is needed (another one of the service)';
	END IF;
	RETURN QUERY SELECT hr.order_problems_leaving(l, e);
	RETURN QUERY SELECT hr.order_problems_repeated(l);
END
$$;

-- The employment ends; the file goes to the other organisation when it
-- takes the person on.
CREATE OR REPLACE FUNCTION hr.order_apply_transfer_out(o hr.hr_order, l hr.order_line,
	e hr.employment, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_after jsonb;
BEGIN
	PERFORM hr.order_apply_leaving(o, l, e, p_name, 'transfer');
	INSERT INTO hr.person_release (org_id, person_id, to_org_id, last_day,
		order_line_id)
	VALUES (l.org_id, l.person_id, l.to_org_id, l.effective, l.id)
	RETURNING to_jsonb(person_release.*), id INTO v_after, v_id;
	PERFORM hr.order_note(o, l.id, 'insert', 'person_release', v_id, NULL, v_after,
		format('%s: the file is released to %s from %s', p_name,
			(SELECT x.name FROM hr.service_orgs() x WHERE x.id = l.to_org_id),
			hr.day_text(l.effective + 1)));
END
$$;

-- A line whose person's file moved to another organisation: the sentence
-- that says where (NULL when it did not move).  Every kind of order
-- refuses such a line (orders/dispatch.sql).
CREATE OR REPLACE FUNCTION hr.order_problem_moved(l hr.order_line) RETURNS text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_text text;
BEGIN
	IF (SELECT p.moved_to FROM hr.person p WHERE p.org_id = l.org_id AND p.id = l.person_id)
	   IS NOT NULL THEN
		SELECT x.name INTO v_text FROM hr.person p JOIN hr.service_orgs() x ON x.id = p.moved_to
		 WHERE p.org_id = l.org_id AND p.id = l.person_id;
	END IF;
	IF v_text IS NULL THEN
		RETURN NULL;
	END IF;
	RETURN format('the file moved to %s with a transfer; it takes no more orders here', v_text);
END
$$;

-- A file that moved on is kept read only by the organisation it left: its
-- sections, and the records its orders write (no hire of it again there).
-- A trigger on hr.person and on every section.
CREATE OR REPLACE FUNCTION hr.person_file_open() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record := coalesce(NEW, OLD);
	v_to text;
	v_moved int;
BEGIN
	IF TG_TABLE_NAME = 'person' THEN
		IF OLD.moved_to IS NULL THEN
			RETURN NEW;
		END IF;
		SELECT x.name INTO v_to FROM hr.service_orgs() x WHERE x.id = OLD.moved_to;
	ELSE
		-- The organisations are looked up only for a file that moved.
		-- Locked: a file being taken on by another organisation (which
		-- updates the row) is not written behind its back.  A row the lock
		-- cannot reach is read plainly.
		SELECT p.moved_to INTO v_moved FROM hr.person p
		 WHERE p.org_id = r.org_id AND p.id = r.person_id FOR SHARE;
		IF NOT FOUND THEN
			SELECT p.moved_to INTO v_moved FROM hr.person p
			 WHERE p.org_id = r.org_id AND p.id = r.person_id;
		END IF;
		IF v_moved IS NULL THEN
			RETURN coalesce(NEW, OLD);
		END IF;
		SELECT x.name INTO v_to FROM hr.service_orgs() x WHERE x.id = v_moved;
	END IF;
	RAISE EXCEPTION 'This file moved to % with a transfer; it is kept here read only', v_to
		USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = TG_TABLE_NAME, SCHEMA = 'hr';
END
$$;

-- A release taken on stays: the cancelling order's check refuses it, and a
-- taking on that commits while the cancelling waits for the row is caught
-- here (the check ran before it), not undone behind the new file's back.
CREATE OR REPLACE FUNCTION hr.person_release_keep() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF OLD.received_person_id IS NOT NULL THEN
		RAISE EXCEPTION 'Cannot cancel: % has taken the file on meanwhile',
			(SELECT x.name FROM hr.service_orgs() x WHERE x.id = OLD.to_org_id)
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	RETURN OLD;
END
$$;

-- The files released to the login's organisation and not yet taken on,
-- matching p_text (name, ID number; '' for all).
CREATE OR REPLACE FUNCTION hr.released_to_us(p_text text)
	RETURNS TABLE (release_id bigint, name text, personal_id text, from_code text,
		from_name text, last_day date)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT r.id, btrim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name),
	       coalesce(p.personal_id, ''), o.code, o.name, r.last_day
	  FROM hr.person_release r
	  JOIN hr.person p ON p.org_id = r.org_id AND p.id = r.person_id
	  JOIN hr.org o ON o.id = r.org_id
	 WHERE r.received_person_id IS NULL
	   AND r.to_org_id = (SELECT a.org_id FROM hr.account a WHERE a.role_name = session_user
		AND a.kind IN ('clerk', 'head'))
	   AND (p_text = '' OR p.search_text LIKE '%' || lower(p_text) || '%')
	 ORDER BY p.last_name, p.first_name, r.id
	 LIMIT 20
$$;

-- Takes on a released file: copies it into the login's organisation and
-- returns the new person's id there (a second call returns the same id).
-- Runs as hr_transfer, which reads the one released file it copies.
CREATE OR REPLACE FUNCTION hr.receive_person(p_release bigint) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.person_release;
	p hr.person;
	v_org int;
	v_new bigint;
BEGIN
	-- The sections are copied after the person's row lock: only READ
	-- COMMITTED copies what was written into the file a moment before.
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'A file is taken on in a READ COMMITTED transaction (this one is %)',
			upper(current_setting('transaction_isolation')) USING ERRCODE = 'feature_not_supported';
	END IF;
	SELECT a.org_id INTO v_org FROM hr.account a
	 WHERE a.role_name = session_user AND a.kind IN ('clerk', 'head');
	SELECT * INTO r FROM hr.person_release x WHERE x.id = p_release FOR UPDATE;
	IF v_org IS NULL OR NOT FOUND OR r.to_org_id <> v_org THEN
		RAISE EXCEPTION 'No file was released to this organisation under that number'
			USING ERRCODE = 'no_data_found';
	END IF;
	IF r.received_person_id IS NOT NULL THEN
		RETURN r.received_person_id;
	END IF;
	SELECT * INTO p FROM hr.person x WHERE x.org_id = r.org_id AND x.id = r.person_id FOR UPDATE;
	-- The sender's file steps aside first (one current file per ID number).
	UPDATE hr.person x SET moved_to = v_org WHERE x.org_id = p.org_id AND x.id = p.id;
	INSERT INTO hr.person (org_id, last_name, first_name, middle_name, birth_date, personal_id,
		gender, citizenship, phone, email, address, human_id)
	VALUES (v_org, p.last_name, p.first_name, p.middle_name, p.birth_date, p.personal_id,
		p.gender, p.citizenship, p.phone, p.email, p.address, coalesce(p.human_id, p.id))
	RETURNING id INTO v_new;
	INSERT INTO hr.education (org_id, person_id, institution, level, major, year_completed)
	SELECT v_org, v_new, institution, level, major, year_completed FROM hr.education
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.family_member (org_id, person_id, relation, full_name, birth_date)
	SELECT v_org, v_new, relation, full_name, birth_date FROM hr.family_member
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.prior_employment (org_id, person_id, employer, position, start_date, end_date,
		counts_for_service)
	SELECT v_org, v_new, employer, position, start_date, end_date, counts_for_service
	  FROM hr.prior_employment WHERE org_id = p.org_id AND person_id = p.id;
	-- The service in the sending organisation, as the employment record book has it.
	INSERT INTO hr.prior_employment (org_id, person_id, employer, position, start_date, end_date,
		counts_for_service)
	SELECT v_org, v_new, left(o.name, 200), left(coalesce((SELECT v.title FROM hr.assignment a
		  JOIN hr.position_version v ON v.org_id = a.org_id AND v.position_id = a.position_id
		   AND v.valid @> lower(a.during)
		 WHERE a.org_id = e.org_id AND a.employment_id = e.id
		 ORDER BY lower(a.during) DESC LIMIT 1), ''), 200),
	       e.hire_date, coalesce(e.end_date, r.last_day), true
	  FROM hr.employment e JOIN hr.org o ON o.id = e.org_id
	 WHERE e.org_id = p.org_id AND e.person_id = p.id;
	INSERT INTO hr.grade_history (org_id, person_id, grade, class_rank, during)
	SELECT v_org, v_new, grade, class_rank, during FROM hr.grade_history
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.training (org_id, person_id, course, provider, hours, start_date, end_date)
	SELECT v_org, v_new, course, provider, hours, start_date, end_date FROM hr.training
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.award (org_id, person_id, award, awarded_on, document)
	SELECT v_org, v_new, award, awarded_on, document FROM hr.award
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.penalty (org_id, person_id, penalty, imposed_on, lifted_on, reason)
	SELECT v_org, v_new, penalty, imposed_on, lifted_on, reason FROM hr.penalty
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.assessment (org_id, person_id, assessed_on, result, note)
	SELECT v_org, v_new, assessed_on, result, note FROM hr.assessment
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.consent (org_id, person_id, given_on, document, withdrawn_on)
	SELECT v_org, v_new, given_on, document, withdrawn_on FROM hr.consent
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.document (org_id, person_id, title, file_name, media_type, content)
	SELECT v_org, v_new, title, file_name, media_type, content FROM hr.document
	 WHERE org_id = p.org_id AND person_id = p.id;
	INSERT INTO hr.service_obligation (org_id, person_id, during, reason)
	SELECT v_org, v_new, during, reason FROM hr.service_obligation
	 WHERE org_id = p.org_id AND person_id = p.id
	   AND (upper_inf(during) OR upper(during) > r.last_day);
	UPDATE hr.person_release x SET received_person_id = v_new, received_at = now()
	 WHERE x.id = r.id;
	RETURN v_new;
END
$$;

-- ---- ownership and privileges --------------------------------------------------------------
ALTER FUNCTION hr.service_orgs() OWNER TO hr_definer;
ALTER FUNCTION hr.order_problems_transfer_out(hr.order_line, hr.employment, hr.order_setting)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply_transfer_out(hr.hr_order, hr.order_line, hr.employment, text)
	OWNER TO hr_owner;
ALTER FUNCTION hr.order_problem_moved(hr.order_line) OWNER TO hr_owner;
ALTER FUNCTION hr.person_file_open() OWNER TO hr_owner;
ALTER FUNCTION hr.person_release_keep() OWNER TO hr_owner;
ALTER FUNCTION hr.released_to_us(text) OWNER TO hr_transfer;
ALTER FUNCTION hr.receive_person(bigint) OWNER TO hr_transfer;
REVOKE ALL ON FUNCTION hr.service_orgs(),
	hr.order_problems_transfer_out(hr.order_line, hr.employment, hr.order_setting),
	hr.order_apply_transfer_out(hr.hr_order, hr.order_line, hr.employment, text),
	hr.order_problem_moved(hr.order_line), hr.person_file_open(), hr.person_release_keep(),
	hr.released_to_us(text), hr.receive_person(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.service_orgs() TO hr_clerk, hr_head, hr_ministry, hr_orders;
GRANT EXECUTE ON FUNCTION
	hr.order_problems_transfer_out(hr.order_line, hr.employment, hr.order_setting),
	hr.order_problem_moved(hr.order_line)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION
	hr.order_apply_transfer_out(hr.hr_order, hr.order_line, hr.employment, text) TO hr_orders;
GRANT EXECUTE ON FUNCTION hr.released_to_us(text), hr.receive_person(bigint)
	TO hr_clerk, hr_head;
