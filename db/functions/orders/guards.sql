-- orders/guards.sql - the triggers that keep orders as the rules say
-- (db/013_integrity.sql explains the rules and the races they close): a
-- line is written only while its order is a draft, decided on the locked
-- order row; a signed order stays as signed; every writer of a draft is
-- one of its authors; a draft's version moves with whatever its text
-- shows; what orders gave, only orders take; a new organisation gets its
-- registers.

-- Every organisation starts with three registers and default settings.
CREATE OR REPLACE FUNCTION hr.org_order_defaults() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO hr.order_setting (org_id) VALUES (NEW.id);
	INSERT INTO hr.order_register (org_id, code, name) VALUES
		(NEW.id, 'P', 'Personnel'), (NEW.id, 'L', 'Leave'), (NEW.id, 'T', 'Business trips');
	RETURN NULL;
END
$$;

-- Lines of a draft only.  The lock queues a line's write behind a
-- signature in progress.
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

-- A signed order stays as signed: only its cancellation is recorded later.
CREATE OR REPLACE FUNCTION hr.hr_order_guard() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF OLD.status = 'cancelled' OR (OLD.status = 'signed' AND (NEW.status <> 'cancelled'
	   OR NEW.number IS DISTINCT FROM OLD.number OR NEW.signed_text IS DISTINCT FROM OLD.signed_text
	   OR NEW.basis IS DISTINCT FROM OLD.basis OR NEW.register_id IS DISTINCT FROM OLD.register_id))
	THEN
		RAISE EXCEPTION 'A signed order is never changed; cancel it with a cancelling order'
			USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = 'hr_order', SCHEMA = 'hr';
	END IF;
	RETURN NEW;
END
$$;

-- Any change to a line is a change of its order: a head signs the version
-- that was checked, not one edited since.
CREATE OR REPLACE FUNCTION hr.order_line_touch() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.order_line := coalesce(NEW, OLD);
BEGIN
	UPDATE hr.hr_order SET version = version + 1
	 WHERE org_id = r.org_id AND id = r.order_id AND status = 'draft';
	RETURN NULL;
END
$$;

-- Keeps authors: whatever a statement sets is ignored; a login that changes
-- a draft's fields, or whose line write bumps its version (hr.order_line_touch),
-- is added.  Runs before hr_order_version (BEFORE triggers fire by name), so
-- NEW.version is still the one the statement set.
CREATE OR REPLACE FUNCTION hr.hr_order_authors() RETURNS trigger LANGUAGE plpgsql
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

-- A draft's text comes from the file too: a change of the person's data,
-- of a position version it names or its person holds, or of a department
-- version of those positions, is a change of the draft (a new version to
-- check, and its writer one of the draft's authors).
CREATE OR REPLACE FUNCTION hr.order_drafts_touch() RETURNS trigger LANGUAGE plpgsql
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

-- Awards and penalties written by a signed order change only through
-- orders (a lifting, a cancellation); clerks still key the ones from
-- before the system.
CREATE OR REPLACE FUNCTION hr.order_record_keep() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- Signing and cancelling run as hr_orders (and receiving a file as
	-- hr_transfer, one of its members).
	IF pg_has_role(current_user, 'hr_orders', 'USAGE') THEN
		RETURN coalesce(NEW, OLD);
	END IF;
	-- A penalty keyed by hand and lifted by a signed order: the lifting is
	-- the order's; its text stays the clerk's to correct.  OLD is the row as
	-- locked, so an update that waited for the signature sees it.  (Nested:
	-- only a penalty has the column.)
	IF TG_TABLE_NAME = 'penalty' THEN
		IF OLD.lifted_by IS NOT NULL AND (TG_OP = 'DELETE' OR
			NEW.lifted_on IS DISTINCT FROM OLD.lifted_on) THEN
			RAISE EXCEPTION 'This penalty was lifted by a signed order; it changes only through another order (a cancellation of the lifting)'
				USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = TG_TABLE_NAME,
					SCHEMA = 'hr';
		END IF;
	END IF;
	IF OLD.order_line_id IS NOT NULL THEN
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

ALTER FUNCTION hr.org_order_defaults() OWNER TO hr_owner;
ALTER FUNCTION hr.order_line_guard() OWNER TO hr_owner;
ALTER FUNCTION hr.hr_order_guard() OWNER TO hr_owner;
ALTER FUNCTION hr.order_line_touch() OWNER TO hr_owner;
ALTER FUNCTION hr.hr_order_authors() OWNER TO hr_owner;
ALTER FUNCTION hr.order_drafts_touch() OWNER TO hr_owner;
ALTER FUNCTION hr.order_record_keep() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.org_order_defaults(), hr.order_line_guard(), hr.hr_order_guard(),
	hr.order_line_touch(), hr.hr_order_authors(), hr.order_drafts_touch(),
	hr.order_record_keep() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_line_guard(), hr.hr_order_guard(), hr.order_line_touch(),
	hr.hr_order_authors(), hr.order_drafts_touch(), hr.order_record_keep()
	TO hr_clerk, hr_head;
