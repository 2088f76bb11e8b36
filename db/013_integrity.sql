-- 013_integrity.sql - the rules of orders and staffing hold whatever the
-- caller does: concurrent transactions, any isolation level, deferred
-- constraints.
--
-- 1. A line is written only while its order is a draft, and the order row is
--    locked to decide it: a line write waits for a signature in progress
--    and is refused once the order is signed (READ COMMITTED re-reads the
--    row, REPEATABLE READ and SERIALIZABLE fail with 40001).
-- 2. Four eyes over content: an order is signed by a head who wrote none of
--    it.  hr.hr_order.authors lists every login that created the order,
--    changed its fields, or added, changed or removed any of its lines
--    while it was a draft; the signer must not be one of them.  A head may
--    correct a clerk's draft; another head then signs it.
-- 3. A position's rates: every writer of its assignments and versions
--    updates the position's row in hr.position_fill before checking.  Two
--    writers queue on it; one whose snapshot is older than a rival's
--    committed write fails with 40001 instead of checking stale rows, so no
--    isolation level lets a position fill beyond its rates.
-- 4. Numbers: a register numbers a year's orders with the pattern its
--    counter took at the year's first number, so two orders of a register
--    never print the same number; the pattern changes only while the
--    register has no number that year; no two orders of an organisation
--    print the same number in one year, whatever the registers' patterns.
-- 5. Signing serialises on the people it changes: every line's person (for
--    a cancelling order, every person of the cancelled order) is locked
--    before the rules are read, so two orders for one person signed at once
--    (two hires, leave and a dismissal, two recalls, a cancellation and a
--    later order) are checked one after the other.  The rules read the file
--    as it is then, which only READ COMMITTED guarantees: signing in a
--    REPEATABLE READ or SERIALIZABLE transaction is refused.
-- 6. Awards and penalties written by a signed order change only through
--    orders (a lifting, a cancellation); clerks still key the ones from
--    before the system.

-- ---- 1. lines of a draft only, decided on the locked order ------------------------
CREATE OR REPLACE FUNCTION hr.order_line_guard() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.order_line := coalesce(NEW, OLD);
	v_status text;
	v_kind text;
BEGIN
	-- The lock queues this write behind a signature in progress (which holds
	-- the row FOR UPDATE).  The update policy hides orders that are no longer
	-- drafts from a login's lock, so a row not found is read again plainly.
	SELECT status, kind INTO v_status, v_kind FROM hr.hr_order
	 WHERE org_id = r.org_id AND id = r.order_id FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		SELECT status, kind INTO v_status, v_kind FROM hr.hr_order
		 WHERE org_id = r.org_id AND id = r.order_id;
	END IF;
	-- A line whose order is being deleted goes with it.
	IF TG_OP = 'DELETE' AND v_status IS NULL THEN
		RETURN OLD;
	END IF;
	-- An order the login cannot see is no order to it, not a signed one.
	IF v_status IS NULL THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	IF v_status IS DISTINCT FROM 'draft' THEN
		RAISE EXCEPTION 'A signed order is never changed; cancel it with a cancelling order'
			USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = 'order_line', SCHEMA = 'hr';
	END IF;
	IF TG_OP <> 'DELETE' AND v_kind = 'cancel' THEN
		RAISE EXCEPTION 'A cancelling order has no lines of its own'
			USING ERRCODE = 'check_violation', TABLE = 'order_line', SCHEMA = 'hr';
	END IF;
	RETURN coalesce(NEW, OLD);
END
$$;

-- ---- 2. who wrote the draft ---------------------------------------------------------
ALTER TABLE hr.hr_order ADD COLUMN authors text[];
-- Orders keyed before this migration: their creator, and every login the
-- audit trail shows writing the order or one of its lines while a draft
-- (neither the guard of signed orders nor a new version for a column added).
ALTER TABLE hr.hr_order DISABLE TRIGGER hr_order_guard;
ALTER TABLE hr.hr_order DISABLE TRIGGER hr_order_version;
UPDATE hr.hr_order h SET authors = ARRAY(
	SELECT DISTINCT x FROM unnest(ARRAY[h.created_by] || ARRAY(
		SELECT a.login FROM audit.log a
		 WHERE a.org_id = h.org_id
		   AND ((a.table_name = 'order_line'
		         AND (coalesce(a.new_row, a.old_row) ->> 'order_id')::bigint = h.id)
		     OR (a.table_name = 'hr_order' AND a.op = 'UPDATE'
		         AND (a.new_row ->> 'id')::bigint = h.id
		         AND a.new_row ->> 'status' = 'draft'
		         AND (a.new_row -> 'basis', a.new_row -> 'register_id')
		             IS DISTINCT FROM (a.old_row -> 'basis', a.old_row -> 'register_id'))))) x
	 ORDER BY x);
ALTER TABLE hr.hr_order ENABLE TRIGGER hr_order_guard;
ALTER TABLE hr.hr_order ENABLE TRIGGER hr_order_version;
ALTER TABLE hr.hr_order ALTER COLUMN authors SET DEFAULT ARRAY[session_user::text],
	ALTER COLUMN authors SET NOT NULL;

-- Keeps authors: whatever a statement sets is ignored; a login that changes
-- a draft's fields, or whose line write bumps its version (hr.order_line_touch),
-- is added.  Runs before hr_order_version (BEFORE triggers fire by name), so
-- NEW.version is still the one the statement set.
CREATE FUNCTION hr.hr_order_authors() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	NEW.authors := OLD.authors;
	IF OLD.status = 'draft' AND NEW.status = 'draft'
	   AND (NEW.version IS DISTINCT FROM OLD.version OR NEW.basis IS DISTINCT FROM OLD.basis
	        OR NEW.register_id IS DISTINCT FROM OLD.register_id)
	   AND NOT session_user::text = ANY (OLD.authors)
	   -- Signing, cancelling and taking a file on keep their books as these
	   -- roles (no login can become one); a foreign key's action runs as
	   -- the owner: none of that is writing the draft.
	   AND current_user::text NOT IN ('hr_orders', 'hr_transfer', 'hr_owner') THEN
		NEW.authors := OLD.authors || session_user::text;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER hr_order_authors BEFORE UPDATE ON hr.hr_order
	FOR EACH ROW EXECUTE FUNCTION hr.hr_order_authors();
ALTER FUNCTION hr.hr_order_authors() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.hr_order_authors() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.hr_order_authors() TO hr_clerk, hr_head;

-- ---- 3. the position's fill row -----------------------------------------------------
-- One row per position whose assignments or versions were ever written; its
-- counter is bumped by every such writer before the rates are checked.
CREATE TABLE hr.position_fill (
	org_id      int NOT NULL,
	position_id bigint NOT NULL,
	writes      bigint NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, position_id),
	FOREIGN KEY (org_id, position_id) REFERENCES hr.position (org_id, id) ON DELETE CASCADE
);
ALTER TABLE hr.position_fill OWNER TO hr_owner;
ALTER TABLE hr.position_fill ENABLE ROW LEVEL SECURITY;
ALTER TABLE hr.position_fill FORCE ROW LEVEL SECURITY;
CREATE POLICY position_fill_writers ON hr.position_fill FOR ALL TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT SELECT, INSERT (org_id, position_id), UPDATE (writes) ON hr.position_fill
	TO hr_clerk, hr_head;
INSERT INTO hr.position_fill (org_id, position_id) SELECT org_id, id FROM hr.position;
-- The counter's increments are no change of anyone's data; the row's
-- creation is audited like every other row.
CREATE TRIGGER zz_audit AFTER INSERT OR DELETE ON hr.position_fill
	FOR EACH ROW EXECUTE FUNCTION audit.trg();

-- Queues the caller behind every other writer of the position: a real write
-- of its fill row, so that under REPEATABLE READ or SERIALIZABLE a rival's
-- write committed after the snapshot ends this transaction (40001) instead
-- of letting it check rows it cannot see.  Returns false when the login
-- cannot see the position.
CREATE OR REPLACE FUNCTION hr.position_lock(p_org int, p_position bigint) RETURNS bool
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM 1 FROM hr.position WHERE org_id = p_org AND id = p_position;
	IF NOT FOUND THEN
		RETURN false;
	END IF;
	INSERT INTO hr.position_fill AS f (org_id, position_id) VALUES (p_org, p_position)
	ON CONFLICT (org_id, position_id) DO UPDATE SET writes = f.writes + 1;
	RETURN true;
END
$$;

-- ---- the service's day -------------------------------------------------------------
-- The day and year an order is signed on are the service's, not whatever
-- time zone the session set (a head could otherwise pick the year of a
-- number around New Year).  hrmis-admin sets the zone with the service.
ALTER TABLE hr.service_setting ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'
	CHECK (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$');
CREATE FUNCTION hr.service_today() RETURNS date LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp AS $$
	-- The statement's time, not the transaction's: a signature in a
	-- transaction opened before midnight takes the new day.
	SELECT (statement_timestamp() AT TIME ZONE
		coalesce((SELECT time_zone FROM hr.service_setting), 'UTC'))::date
$$;
ALTER FUNCTION hr.service_today() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.service_today() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.service_today() TO hr_login, hr_orders;

-- ---- 4. one pattern a register and year ---------------------------------------------
ALTER TABLE hr.order_counter ADD COLUMN pattern text;
UPDATE hr.order_counter c SET pattern = r.pattern FROM hr.order_register r
 WHERE r.org_id = c.org_id AND r.id = c.register_id;
ALTER TABLE hr.order_counter ALTER COLUMN pattern SET NOT NULL;
GRANT INSERT (org_id, register_id, year, last_no, pattern) ON hr.order_counter TO hr_orders;
-- Signing reads its register locked (FOR SHARE needs the right to update).
GRANT UPDATE (version) ON hr.order_register TO hr_orders;
CREATE POLICY order_register_orders_lock ON hr.order_register FOR UPDATE TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (false);
-- Whatever the patterns, an organisation never prints one number twice a year.
ALTER TABLE hr.hr_order ADD CONSTRAINT hr_order_number_text_unique
	UNIQUE (org_id, year, number_text);

CREATE FUNCTION hr.order_register_pattern() RETURNS trigger LANGUAGE plpgsql
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
CREATE TRIGGER order_register_pattern BEFORE UPDATE OF pattern ON hr.order_register
	FOR EACH ROW EXECUTE FUNCTION hr.order_register_pattern();
ALTER FUNCTION hr.order_register_pattern() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_register_pattern() FROM PUBLIC;
-- The trigger reads the counter as the head.
GRANT EXECUTE ON FUNCTION hr.order_register_pattern() TO hr_head, hr_clerk;

-- ---- signing -----------------------------------------------------------------------------
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

-- ---- 6. what orders gave, orders take ----------------------------------------------------
CREATE FUNCTION hr.order_record_keep() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- Signing and cancelling run as hr_orders (and receiving a file as
	-- hr_transfer, one of its members).
	IF OLD.order_line_id IS NOT NULL AND NOT pg_has_role(current_user, 'hr_orders', 'USAGE') THEN
		RAISE EXCEPTION '%', format('This %s was given by a signed order; it changes only through another order (%s)',
			replace(TG_TABLE_NAME, '_', ' '),
			CASE WHEN TG_TABLE_NAME = 'penalty' THEN 'a lifting or a cancellation'
			     ELSE 'a cancellation' END)
			USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = TG_TABLE_NAME,
				SCHEMA = 'hr';
	END IF;
	RETURN coalesce(NEW, OLD);
END
$$;
ALTER FUNCTION hr.order_record_keep() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_record_keep() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_record_keep() TO hr_clerk, hr_head;
CREATE TRIGGER order_record_keep BEFORE UPDATE OR DELETE ON hr.award
	FOR EACH ROW EXECUTE FUNCTION hr.order_record_keep();
CREATE TRIGGER order_record_keep BEFORE UPDATE OR DELETE ON hr.penalty
	FOR EACH ROW EXECUTE FUNCTION hr.order_record_keep();

-- ---- 7. the organisation's tree ------------------------------------------------------------
-- One row per organisation whose structure was ever written; every writer of
-- a department version or a position version updates it first, so moves,
-- closings and positions placed in departments are decided one after the
-- other (a cycle of two crossing moves, a department closed under a new
-- position, a child placed under a parent being closed), and a REPEATABLE
-- READ or SERIALIZABLE writer whose snapshot is older than a rival's
-- committed change fails with 40001.  Taken before any position's fill row.
CREATE TABLE hr.structure_guard (
	org_id int PRIMARY KEY REFERENCES hr.org (id),
	writes bigint NOT NULL DEFAULT 1
);
ALTER TABLE hr.structure_guard OWNER TO hr_owner;
ALTER TABLE hr.structure_guard ENABLE ROW LEVEL SECURITY;
ALTER TABLE hr.structure_guard FORCE ROW LEVEL SECURITY;
CREATE POLICY structure_guard_writers ON hr.structure_guard FOR ALL TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT SELECT, INSERT (org_id), UPDATE (writes) ON hr.structure_guard TO hr_clerk, hr_head;
INSERT INTO hr.structure_guard (org_id) SELECT id FROM hr.org;
CREATE TRIGGER zz_audit AFTER INSERT OR DELETE ON hr.structure_guard
	FOR EACH ROW EXECUTE FUNCTION audit.trg();

CREATE FUNCTION hr.structure_lock(p_org int) RETURNS void
	LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO hr.structure_guard AS g (org_id) VALUES (p_org)
	ON CONFLICT (org_id) DO UPDATE SET writes = g.writes + 1
$$;
ALTER FUNCTION hr.structure_lock(int) OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.structure_lock(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.structure_lock(int) TO hr_clerk, hr_head;

CREATE OR REPLACE FUNCTION hr.position_version_check() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.position_version := coalesce(NEW, OLD);
	span datemultirange;
BEGIN
	-- A position the login cannot see has been refused by the foreign key.
	IF NOT EXISTS (SELECT 1 FROM hr.position WHERE org_id = r.org_id AND id = r.position_id) THEN
		RETURN NULL;
	END IF;
	PERFORM hr.structure_lock(r.org_id);
	PERFORM hr.position_lock(r.org_id, r.position_id);
	IF TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM hr.position_version
		WHERE id = NEW.id AND valid = NEW.valid AND department_id = NEW.department_id) THEN
		-- The department may not close under it meanwhile.
		PERFORM 1 FROM hr.department
		 WHERE org_id = NEW.org_id AND id = NEW.department_id FOR SHARE;
		SELECT range_agg(valid) INTO span FROM hr.department_version
		 WHERE org_id = NEW.org_id AND department_id = NEW.department_id;
		IF span IS NULL OR NOT span @> NEW.valid THEN
			RAISE EXCEPTION 'Position "%" would belong to department "%" on days it does not exist',
				NEW.title, (SELECT name FROM hr.department
					     WHERE org_id = NEW.org_id AND id = NEW.department_id)
				USING ERRCODE = 'check_violation', TABLE = 'position_version', SCHEMA = 'hr';
		END IF;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		PERFORM hr.position_check_rates(OLD.org_id, OLD.position_id, OLD.valid, true);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM hr.position_check_rates(NEW.org_id, NEW.position_id, NEW.valid, true);
	END IF;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION hr.department_version_check() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.department_version := coalesce(NEW, OLD);
	span datemultirange;
	who text;
BEGIN
	PERFORM 1 FROM hr.department WHERE org_id = r.org_id AND id = r.department_id;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	-- The whole tree is read below (parents, ancestors, children).
	PERFORM hr.structure_lock(r.org_id);
	IF TG_OP <> 'DELETE' AND NEW.parent_id IS NOT NULL AND EXISTS (
		SELECT 1 FROM hr.department_version
		 WHERE id = NEW.id AND valid = NEW.valid AND parent_id = NEW.parent_id) THEN
		SELECT range_agg(valid) INTO span FROM hr.department_version
		 WHERE org_id = NEW.org_id AND department_id = NEW.parent_id;
		IF span IS NULL OR NOT span @> NEW.valid THEN
			RAISE EXCEPTION 'Department "%" would be under a department that does not exist on all its days',
				NEW.name USING ERRCODE = 'check_violation',
				TABLE = 'department_version', SCHEMA = 'hr';
		END IF;
		-- Walk up from the parent over versions that overlap the days
		-- still in question; reaching the department itself is a cycle.
		-- The walk keeps its path: it ends at the top, at the department
		-- itself, or at a cycle above it (never at a depth limit).
		IF EXISTS (WITH RECURSIVE up (node, days, path) AS (
				SELECT NEW.parent_id, NEW.valid, ARRAY[NEW.parent_id]
				UNION ALL
				SELECT v.parent_id, up.days * v.valid, up.path || v.parent_id
				  FROM up JOIN hr.department_version v
				    ON v.org_id = NEW.org_id AND v.department_id = up.node
				   AND v.valid && up.days
				 WHERE v.parent_id IS NOT NULL AND up.node <> NEW.department_id
				   AND NOT v.parent_id = ANY (up.path[2:]))
			   SELECT 1 FROM up WHERE node = NEW.department_id) THEN
			RAISE EXCEPTION 'Department "%" cannot be placed under its own sub-department', NEW.name
				USING ERRCODE = 'check_violation', TABLE = 'department_version', SCHEMA = 'hr';
		END IF;
	END IF;
	-- What hangs on this department must still find it.
	SELECT range_agg(valid) INTO span FROM hr.department_version
	 WHERE org_id = r.org_id AND department_id = r.department_id;
	span := coalesce(span, '{}'::datemultirange);
	SELECT string_agg(DISTINCT v.name, ', ') INTO who FROM hr.department_version v
	 WHERE v.org_id = r.org_id AND v.parent_id = r.department_id AND NOT span @> v.valid;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'Department "%" still has sub-departments on those days: %', r.name, who
			USING ERRCODE = 'check_violation', TABLE = 'department_version', SCHEMA = 'hr';
	END IF;
	SELECT string_agg(DISTINCT v.title, ', ') INTO who FROM hr.position_version v
	 WHERE v.org_id = r.org_id AND v.department_id = r.department_id AND NOT span @> v.valid;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'Department "%" still has positions on those days: %', r.name, who
			USING ERRCODE = 'check_violation', TABLE = 'department_version', SCHEMA = 'hr';
	END IF;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION hr.staffing_apply(p_batch uuid, p_effective date) RETURNS int
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c hr.staffing_change;
	n int := 0;
	who text;
	steps bigint[];
BEGIN
	IF p_effective IS NULL THEN
		RAISE EXCEPTION 'an effective day is needed' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'A staffing change is applied in a READ COMMITTED transaction (this one is %)',
			upper(current_setting('transaction_isolation')) USING ERRCODE = 'feature_not_supported';
	END IF;
	-- The steps, locked, and then their positions in id order (no
	-- deadlock with another batch or an assignment).
	-- A step added to the batch meanwhile is neither applied nor marked.
	SELECT array_agg(x.id) INTO steps FROM (SELECT s.id FROM hr.staffing_change s
		WHERE s.batch = p_batch ORDER BY s.id FOR UPDATE) x;
	-- A step committed while the lock waited was not in the locked set.
	IF steps IS NOT NULL AND (SELECT count(*) FROM hr.staffing_change s
		WHERE s.batch = p_batch) <> cardinality(steps) THEN
		RAISE EXCEPTION 'A step was added to this staffing change meanwhile; check it and apply again'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF steps IS NULL THEN
		RAISE EXCEPTION 'no staffing change %', p_batch USING ERRCODE = 'no_data_found';
	END IF;
	IF EXISTS (SELECT 1 FROM hr.staffing_change s WHERE s.batch = p_batch
		   AND s.applied_on IS NOT NULL) THEN
		RAISE EXCEPTION 'this staffing change was applied already'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	PERFORM hr.structure_lock(o.org_id) FROM (SELECT DISTINCT s.org_id
		FROM hr.staffing_change s WHERE s.id = ANY (steps) ORDER BY 1) o;
	PERFORM hr.position_lock(p.org_id, p.id) FROM (SELECT DISTINCT x.org_id, x.id
		FROM hr.position x JOIN hr.staffing_change s ON s.org_id = x.org_id
		 AND s.position_id = x.id WHERE s.batch = p_batch ORDER BY x.id) p;
	SELECT string_agg(coalesce(pr.person || ' (' || pr.title || ': ' || pr.problem || ')',
			pr.title || ': ' || pr.problem), '; ')
	  INTO who FROM hr.staffing_preview(p_batch, p_effective) pr WHERE pr.problem IS NOT NULL;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'The staffing change cannot be applied from %: %',
			hr.day_text(p_effective), who USING ERRCODE = 'check_violation';
	END IF;
	-- The steps are checked together, on the state the batch leaves: a
	-- position whose rates go to 1 and then to 2 is fine with 1.5 filled.
	SET CONSTRAINTS hr.position_version_guard, hr.department_version_guard DEFERRED;
	FOR c IN SELECT * FROM hr.staffing_change s WHERE s.id = ANY (steps) ORDER BY s.id LOOP
		CASE c.kind
		WHEN 'add' THEN
			INSERT INTO hr.position (org_id, department_id, title, grade, category, rates,
				valid_from)
			VALUES (c.org_id, c.department_id, c.title, coalesce(c.grade, ''),
				coalesce(c.category, ''), c.rates, p_effective)
			RETURNING id INTO c.position_id;
			UPDATE hr.staffing_change SET position_id = c.position_id,
			       applied_on = p_effective, applied_at = now()
			 WHERE id = c.id;
		WHEN 'remove' THEN
			PERFORM hr.position_close(c.position_id, p_effective);
		WHEN 'rates' THEN
			PERFORM hr.position_set(c.position_id, p_effective, NULL, NULL, NULL, NULL,
				c.rates);
		WHEN 'move' THEN
			PERFORM hr.position_set(c.position_id, p_effective, c.department_id, NULL, NULL,
				NULL, NULL);
		WHEN 'rename' THEN
			PERFORM hr.position_set(c.position_id, p_effective, NULL, c.title, c.grade,
				c.category, NULL);
		END CASE;
		n := n + 1;
	END LOOP;
	SET CONSTRAINTS hr.position_version_guard, hr.department_version_guard IMMEDIATE;
	UPDATE hr.staffing_change SET applied_on = p_effective, applied_at = now()
	 WHERE id = ANY (steps) AND applied_on IS NULL;
	RETURN n;
END
$$;

-- A step is never added to a batch applied, or being applied (the lock).
CREATE FUNCTION hr.staffing_change_batch_open() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM 1 FROM hr.staffing_change s WHERE s.batch = NEW.batch ORDER BY s.id FOR SHARE;
	IF EXISTS (SELECT 1 FROM hr.staffing_change s WHERE s.batch = NEW.batch
		   AND s.applied_on IS NOT NULL) THEN
		RAISE EXCEPTION 'this staffing change was applied already; start a new one'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	RETURN NEW;
END
$$;
ALTER FUNCTION hr.staffing_change_batch_open() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.staffing_change_batch_open() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.staffing_change_batch_open() TO hr_clerk, hr_head;
CREATE TRIGGER staffing_change_batch_open BEFORE INSERT ON hr.staffing_change
	FOR EACH ROW EXECUTE FUNCTION hr.staffing_change_batch_open();


-- ---- 8. the file's read-only state and the birth date ---------------------------------

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

CREATE OR REPLACE FUNCTION hr.person_validate() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_scheme text;
	v_id record;
	v_age int;
BEGIN
	SELECT id_scheme INTO v_scheme FROM hr.service_setting;
	v_scheme := coalesce(v_scheme, 'none');
	NEW.personal_id := nullif(hr.personal_id_normalise(v_scheme, NEW.personal_id), '');
	IF NEW.personal_id IS NOT NULL AND (TG_OP = 'INSERT'
	    OR NEW.personal_id IS DISTINCT FROM OLD.personal_id
	    OR NEW.birth_date IS DISTINCT FROM OLD.birth_date
	    OR NEW.gender IS DISTINCT FROM OLD.gender) THEN
		v_id := hr.personal_id_parse(v_scheme, NEW.personal_id);
		IF v_id.problem IS NOT NULL THEN
			RAISE EXCEPTION '%', v_id.problem USING ERRCODE = 'check_violation',
				COLUMN = 'personal_id', TABLE = 'person', SCHEMA = 'hr';
		ELSIF v_id.birth IS NOT NULL AND NEW.birth_date IS NOT NULL
		      AND v_id.birth <> NEW.birth_date THEN
			RAISE EXCEPTION 'Birth date differs from the one in the ID number'
				USING ERRCODE = 'check_violation', COLUMN = 'birth_date',
				TABLE = 'person', SCHEMA = 'hr';
		ELSIF v_id.gender IS NOT NULL AND NEW.gender IS NOT NULL
		      AND v_id.gender <> NEW.gender THEN
			RAISE EXCEPTION 'Gender differs from the one in the ID number'
				USING ERRCODE = 'check_violation', COLUMN = 'gender',
				TABLE = 'person', SCHEMA = 'hr';
		END IF;
	END IF;
	IF NEW.birth_date IS NOT NULL AND (TG_OP = 'INSERT'
	    OR NEW.birth_date IS DISTINCT FROM OLD.birth_date) THEN
		IF NEW.birth_date > current_date THEN
			RAISE EXCEPTION 'The date must not be in the future'
				USING ERRCODE = 'check_violation', COLUMN = 'birth_date',
				TABLE = 'person', SCHEMA = 'hr';
		END IF;
		IF TG_OP = 'UPDATE' THEN
			-- The employments are read after the row lock; only READ
			-- COMMITTED sees a hire signed meanwhile.
			IF current_setting('transaction_isolation') <> 'read committed' THEN
				RAISE EXCEPTION 'A birth date is changed in a READ COMMITTED transaction (this one is %)',
					upper(current_setting('transaction_isolation'))
					USING ERRCODE = 'feature_not_supported';
			END IF;
			SELECT a INTO v_age FROM (
				SELECT extract(year FROM age(e.hire_date, NEW.birth_date))::int AS a
				  FROM hr.employment e
				 WHERE e.org_id = NEW.org_id AND e.person_id = NEW.id) x
			 WHERE a NOT BETWEEN 16 AND 80 LIMIT 1;
			IF FOUND THEN
				RAISE EXCEPTION 'Age at hire must be 16 to 80 (is %)', v_age
					USING ERRCODE = 'check_violation', COLUMN = 'birth_date',
					TABLE = 'person', SCHEMA = 'hr';
			END IF;
		END IF;
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION hr.person_keep_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	since timestamptz;
BEGIN
	-- The version ends when it is replaced: a transaction that started
	-- before the previous change committed still ends it after it.
	SELECT coalesce(max(upper(valid)), OLD.created_at) INTO since
	  FROM hr.person_history WHERE org_id = OLD.org_id AND person_id = OLD.id;
	INSERT INTO hr.person_history (org_id, person_id, valid, data)
	VALUES (OLD.org_id, OLD.id, tstzrange(since, greatest(since, clock_timestamp()), '[)'),
		to_jsonb(OLD) - 'search_text' - 'request_id');
	RETURN NULL;
END
$$;

-- ---- 9. taking a file on ------------------------------------------------------------------
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

-- ---- 10. what a draft shows ----------------------------------------------------------------
-- A draft's text comes from the file too: a change of the person's data,
-- of a position version it names or its person holds, or of a department
-- version of those positions, is a change of the draft (a new version to
-- check, and its writer one of the draft's authors).
CREATE FUNCTION hr.order_drafts_touch() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record := coalesce(NEW, OLD);
BEGIN
	IF TG_TABLE_NAME = 'person' THEN
		IF (to_jsonb(NEW) - 'version' - 'search_text') = (to_jsonb(OLD) - 'version' - 'search_text') THEN
			RETURN NULL;
		END IF;
		UPDATE hr.hr_order h SET version = h.version + 1
		 WHERE h.status = 'draft' AND h.id IN (SELECT l.order_id FROM hr.order_line l
			WHERE l.org_id = r.org_id AND l.person_id = r.id);
	ELSIF TG_TABLE_NAME = 'position_version' THEN
		-- The position a line names, or the one its person holds.
		UPDATE hr.hr_order h SET version = h.version + 1
		 WHERE h.status = 'draft' AND h.id IN (SELECT l.order_id FROM hr.order_line l
			WHERE l.org_id = r.org_id AND (l.position_id = r.position_id
			   OR l.person_id IN (SELECT e.person_id FROM hr.assignment a
				JOIN hr.employment e ON e.org_id = a.org_id AND e.id = a.employment_id
				WHERE a.org_id = r.org_id AND a.position_id = r.position_id)));
	ELSE
		-- A department shown through the positions of a draft's lines.
		UPDATE hr.hr_order h SET version = h.version + 1
		 WHERE h.status = 'draft' AND h.id IN (SELECT l.order_id FROM hr.order_line l
			WHERE l.org_id = r.org_id AND (l.position_id IN (SELECT v.position_id
				FROM hr.position_version v WHERE v.org_id = r.org_id
				 AND v.department_id = r.department_id)
			   OR l.person_id IN (SELECT e.person_id FROM hr.assignment a
				JOIN hr.employment e ON e.org_id = a.org_id AND e.id = a.employment_id
				JOIN hr.position_version v ON v.org_id = a.org_id
				 AND v.position_id = a.position_id
				WHERE a.org_id = r.org_id AND v.department_id = r.department_id)));
	END IF;
	RETURN NULL;
END
$$;
ALTER FUNCTION hr.order_drafts_touch() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_drafts_touch() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_drafts_touch() TO hr_clerk, hr_head;
CREATE INDEX order_line_org_position_idx ON hr.order_line (org_id, position_id)
	WHERE position_id IS NOT NULL;
CREATE TRIGGER order_drafts_touch AFTER UPDATE ON hr.person
	FOR EACH ROW EXECUTE FUNCTION hr.order_drafts_touch();
CREATE TRIGGER order_drafts_touch AFTER INSERT OR UPDATE OR DELETE ON hr.position_version
	FOR EACH ROW EXECUTE FUNCTION hr.order_drafts_touch();
CREATE TRIGGER order_drafts_touch AFTER INSERT OR UPDATE OR DELETE ON hr.department_version
	FOR EACH ROW EXECUTE FUNCTION hr.order_drafts_touch();
