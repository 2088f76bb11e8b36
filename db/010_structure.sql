-- 010_structure.sql - dated structure and the staffing table.
--
-- Departments and positions keep their stable ids (hr.department,
-- hr.position: what assignments, orders and reports point to) and get dated
-- versions of their attributes (hr.department_version, hr.position_version),
-- so a rename, move, merge or close never re-keys anything and the
-- structure can be read as of any day.  The attribute columns left on the
-- stable rows are a cache of the *latest* version (valid_from/valid_to: the
-- whole life of the unit), kept by trigger; reads "as of a day" go through
-- the versions.  Inserting a stable row still works and makes its first
-- version, so existing callers need not change.
--
-- The database refuses over-staffing: on every day of an assignment the
-- rates of the assignments of a position add up to at most the rates of
-- the position's version of that day, under concurrent writers too (the
-- check locks the position row).  Refusals are SQLSTATE 23514 with the
-- clerk's sentence as the message (naming the position, the day and, for
-- structure changes, the people); bad arguments 22023; a unit the login
-- cannot see P0002; a batch already applied 55000.
--
-- Dates: a version's range is [first day, first day of the next state); an
-- "effective day" is the first day of the new state, so the old version
-- ends the day before.

-- ---- versions ------------------------------------------------------------
CREATE TABLE hr.department_version (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id        int NOT NULL REFERENCES hr.org (id),
	department_id bigint NOT NULL,
	valid         daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
	parent_id     bigint CHECK (parent_id <> department_id),
	code          text NOT NULL CHECK (code <> '' AND length(code) <= 32
		AND code !~ '[[:cntrl:]]'),
	name          text NOT NULL CHECK (name <> '' AND length(name) <= 200
		AND name !~ '[[:cntrl:]]' AND name IS NFC NORMALIZED),
	version       int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, department_id) REFERENCES hr.department (org_id, id),
	FOREIGN KEY (org_id, parent_id) REFERENCES hr.department (org_id, id),
	-- One version of a department a day; one department per code a day.
	-- org_id comes first: another organisation's id must meet the foreign
	-- key (23503), not reveal itself through a conflict.
	EXCLUDE USING gist (org_id WITH =, department_id WITH =, valid WITH &&),
	EXCLUDE USING gist (org_id WITH =, code WITH =, valid WITH &&)
);
CREATE INDEX department_version_org_idx ON hr.department_version (org_id, department_id);
CREATE INDEX department_version_org_parent_idx ON hr.department_version (org_id, parent_id);

CREATE TABLE hr.position_version (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id        int NOT NULL REFERENCES hr.org (id),
	position_id   bigint NOT NULL,
	valid         daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
	department_id bigint NOT NULL,
	title         text NOT NULL CHECK (title <> '' AND length(title) <= 200
		AND title !~ '[[:cntrl:]]' AND title IS NFC NORMALIZED),
	grade         text NOT NULL DEFAULT '' CHECK (length(grade) <= 20 AND grade !~ '[[:cntrl:]]'),
	category      text NOT NULL DEFAULT '' CHECK (length(category) <= 40
		AND category !~ '[[:cntrl:]]'),
	rates         numeric(6,2) NOT NULL CHECK (rates > 0),
	version       int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, position_id) REFERENCES hr.position (org_id, id),
	FOREIGN KEY (org_id, department_id) REFERENCES hr.department (org_id, id),
	EXCLUDE USING gist (org_id WITH =, position_id WITH =, valid WITH &&)
);
CREATE INDEX position_version_org_idx ON hr.position_version (org_id, position_id);
-- Rates filled per position, from the index alone (staffing table, ministry
-- totals, the over-staffing check); it replaces 002's (org_id, position_id).
CREATE INDEX assignment_org_position_rate_idx ON hr.assignment (org_id, position_id)
	INCLUDE (rate, during);
DROP INDEX hr.assignment_org_position_idx;
CREATE INDEX position_version_org_department_idx
	ON hr.position_version (org_id, department_id);

-- The stable rows: a code is unique per day (versions), not for ever, and
-- positions get the category of their latest version too.
ALTER TABLE hr.department DROP CONSTRAINT department_org_id_code_key;
ALTER TABLE hr.position ADD COLUMN category text NOT NULL DEFAULT '';

-- Existing rows become first versions (before the checks below exist, so
-- old data that would not pass them still migrates).
INSERT INTO hr.department_version (org_id, department_id, valid, parent_id, code, name)
SELECT org_id, id, daterange(valid_from, valid_to + 1), parent_id, code, name
  FROM hr.department ORDER BY id;
INSERT INTO hr.position_version (org_id, position_id, valid, department_id, title, grade,
	category, rates)
SELECT org_id, id, daterange(valid_from, valid_to + 1), department_id, title, grade, category,
	rates
  FROM hr.position ORDER BY id;

SELECT admin.protect_tenant_table('department_version',
	'hr_clerk, hr_head, hr_ministry, hr_agency', true);
SELECT admin.protect_tenant_table('position_version',
	'hr_clerk, hr_head, hr_ministry, hr_agency', true);
GRANT INSERT (org_id, department_id, valid, parent_id, code, name),
      UPDATE (valid, parent_id, code, name, version)
	ON hr.department_version TO hr_clerk, hr_head;
GRANT INSERT (org_id, position_id, valid, department_id, title, grade, category, rates),
      UPDATE (valid, department_id, title, grade, category, rates, version)
	ON hr.position_version TO hr_clerk, hr_head;

-- The cached columns follow the versions only: clients write versions.
REVOKE UPDATE ON hr.department, hr.position FROM hr_clerk, hr_head;
GRANT UPDATE (version) ON hr.department, hr.position TO hr_clerk, hr_head;
GRANT INSERT (category) ON hr.position TO hr_clerk, hr_head;

-- ---- the cache on the stable rows -------------------------------------------
-- A stable row inserted by a client brings its first version.
CREATE FUNCTION hr.department_first_version() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO hr.department_version (org_id, department_id, valid, parent_id, code, name)
	VALUES (NEW.org_id, NEW.id, daterange(NEW.valid_from, NEW.valid_to + 1), NEW.parent_id,
		NEW.code, NEW.name);
	RETURN NULL;
END
$$;

CREATE FUNCTION hr.position_first_version() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO hr.position_version (org_id, position_id, valid, department_id, title, grade,
		category, rates)
	VALUES (NEW.org_id, NEW.id, daterange(NEW.valid_from, NEW.valid_to + 1), NEW.department_id,
		NEW.title, NEW.grade, NEW.category, NEW.rates);
	RETURN NULL;
END
$$;

-- Any update of a stable row takes the cached columns from the versions:
-- the latest version's attributes and the whole life of the unit.  An
-- update that would change nothing is skipped (no version bump, no audit).
CREATE FUNCTION hr.department_cache() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v record;
BEGIN
	SELECT l.parent_id, l.code, l.name, s.valid_from, s.valid_to INTO v
	  FROM (SELECT min(lower(valid)) AS valid_from,
		       CASE WHEN bool_or(upper_inf(valid)) THEN NULL ELSE max(upper(valid)) - 1 END
		       AS valid_to
		  FROM hr.department_version WHERE org_id = NEW.org_id AND department_id = NEW.id) s,
	       LATERAL (SELECT parent_id, code, name FROM hr.department_version
		 WHERE org_id = NEW.org_id AND department_id = NEW.id
		 ORDER BY lower(valid) DESC LIMIT 1) l;
	IF NOT FOUND THEN
		RETURN NEW;
	END IF;
	IF (v.parent_id, v.code, v.name, v.valid_from, v.valid_to) IS NOT DISTINCT FROM
	   (OLD.parent_id, OLD.code, OLD.name, OLD.valid_from, OLD.valid_to) THEN
		RETURN NULL;
	END IF;
	NEW.parent_id := v.parent_id;
	NEW.code := v.code;
	NEW.name := v.name;
	NEW.valid_from := v.valid_from;
	NEW.valid_to := v.valid_to;
	RETURN NEW;
END
$$;

CREATE FUNCTION hr.position_cache() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v record;
BEGIN
	SELECT l.department_id, l.title, l.grade, l.category, l.rates, s.valid_from, s.valid_to
	  INTO v
	  FROM (SELECT min(lower(valid)) AS valid_from,
		       CASE WHEN bool_or(upper_inf(valid)) THEN NULL ELSE max(upper(valid)) - 1 END
		       AS valid_to
		  FROM hr.position_version WHERE org_id = NEW.org_id AND position_id = NEW.id) s,
	       LATERAL (SELECT department_id, title, grade, category, rates FROM hr.position_version
		 WHERE org_id = NEW.org_id AND position_id = NEW.id
		 ORDER BY lower(valid) DESC LIMIT 1) l;
	IF NOT FOUND THEN
		RETURN NEW;
	END IF;
	IF (v.department_id, v.title, v.grade, v.category, v.rates, v.valid_from, v.valid_to)
	   IS NOT DISTINCT FROM (OLD.department_id, OLD.title, OLD.grade, OLD.category, OLD.rates,
	   OLD.valid_from, OLD.valid_to) THEN
		RETURN NULL;
	END IF;
	NEW.department_id := v.department_id;
	NEW.title := v.title;
	NEW.grade := v.grade;
	NEW.category := v.category;
	NEW.rates := v.rates;
	NEW.valid_from := v.valid_from;
	NEW.valid_to := v.valid_to;
	RETURN NEW;
END
$$;

-- A version written: the stable row refreshes its cache (as the writer,
-- who may update `version` and nothing else; the trigger above does the rest).
CREATE FUNCTION hr.department_version_sync() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.department_version := coalesce(NEW, OLD);
BEGIN
	UPDATE hr.department d SET version = d.version
	 WHERE d.org_id = r.org_id AND d.id = r.department_id;
	RETURN NULL;
END
$$;

CREATE FUNCTION hr.position_version_sync() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.position_version := coalesce(NEW, OLD);
BEGIN
	UPDATE hr.position p SET version = p.version
	 WHERE p.org_id = r.org_id AND p.id = r.position_id;
	RETURN NULL;
END
$$;

CREATE TRIGGER department_first_version AFTER INSERT ON hr.department
	FOR EACH ROW EXECUTE FUNCTION hr.department_first_version();
CREATE TRIGGER position_first_version AFTER INSERT ON hr.position
	FOR EACH ROW EXECUTE FUNCTION hr.position_first_version();
-- Named to fire before the version bump ("*_version"), so a skipped
-- update does not bump.
CREATE TRIGGER department_cache BEFORE UPDATE ON hr.department
	FOR EACH ROW EXECUTE FUNCTION hr.department_cache();
CREATE TRIGGER position_cache BEFORE UPDATE ON hr.position
	FOR EACH ROW EXECUTE FUNCTION hr.position_cache();
CREATE TRIGGER department_version_sync AFTER INSERT OR UPDATE OR DELETE ON hr.department_version
	FOR EACH ROW EXECUTE FUNCTION hr.department_version_sync();
CREATE TRIGGER position_version_sync AFTER INSERT OR UPDATE OR DELETE ON hr.position_version
	FOR EACH ROW EXECUTE FUNCTION hr.position_version_sync();

-- ---- checks ------------------------------------------------------------------
-- A date as the clerk reads it.
CREATE FUNCTION hr.day_text(p_day date) RETURNS text LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT to_char(p_day, 'DD.MM.YYYY')
$$;

-- The days within `p_during` on which the assignments of a position fill
-- more than its rates (or any rate where the position has no version), one
-- row per change point, earliest first: the day, the rates filled and the
-- position's rates that day (NULL: no version).  Assignments and versions
-- change only at their bounds, so those are the only days to look at.
CREATE FUNCTION hr.position_overfill(p_org int, p_position bigint, p_during daterange)
	RETURNS TABLE (day date, filled numeric, rates numeric)
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH a AS (
		SELECT during, rate FROM hr.assignment
		 WHERE org_id = p_org AND position_id = p_position AND during && p_during),
	v AS (
		SELECT valid, rates FROM hr.position_version
		 WHERE org_id = p_org AND position_id = p_position AND valid && p_during),
	points AS (
		SELECT lower(p_during) AS d
		UNION SELECT lower(during) FROM a UNION SELECT upper(during) FROM a
		UNION SELECT lower(valid) FROM v UNION SELECT upper(valid) FROM v)
	SELECT points.d, f.filled, v.rates
	  FROM points
	 CROSS JOIN LATERAL (SELECT sum(a.rate) AS filled FROM a WHERE a.during @> points.d) f
	  LEFT JOIN v ON v.valid @> points.d
	 WHERE points.d IS NOT NULL AND p_during @> points.d AND f.filled > coalesce(v.rates, 0)
	 ORDER BY points.d
$$;

-- The people assigned to a position on a day, "Surname Name (rate)", for messages.
CREATE FUNCTION hr.position_people(p_org int, p_position bigint, p_during daterange)
	RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT string_agg(p.last_name || ' ' || p.first_name || ' (' || a.rate || ')', ', '
			  ORDER BY p.last_name, p.first_name, a.id)
	  FROM hr.assignment a
	  JOIN hr.employment e ON e.org_id = a.org_id AND e.id = a.employment_id
	  JOIN hr.person p ON p.org_id = e.org_id AND p.id = e.person_id
	 WHERE a.org_id = p_org AND a.position_id = p_position AND a.during && p_during
$$;

-- The title of a position on a day (or its latest one).
CREATE FUNCTION hr.position_title(p_org int, p_position bigint, p_day date) RETURNS text
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(
		(SELECT title FROM hr.position_version
		  WHERE org_id = p_org AND position_id = p_position AND valid @> p_day),
		(SELECT title FROM hr.position WHERE org_id = p_org AND id = p_position))
$$;

-- Refuses when the assignments of a position exceed its rates on a day of
-- `p_during`; `p_people` adds who is assigned then to the message.  The
-- caller holds the position's row lock.
CREATE FUNCTION hr.position_check_rates(p_org int, p_position bigint, p_during daterange,
	p_people bool) RETURNS void LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	bad record;
	who text := '';
BEGIN
	SELECT * INTO bad FROM hr.position_overfill(p_org, p_position, p_during) LIMIT 1;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF p_people THEN
		who := ': ' || hr.position_people(p_org, p_position, daterange(bad.day, bad.day, '[]'));
	END IF;
	IF bad.rates IS NULL THEN
		RAISE EXCEPTION '%', format('Position "%s" does not exist on %s, but people are assigned to it%s',
			hr.position_title(p_org, p_position, bad.day), hr.day_text(bad.day), who)
			USING ERRCODE = 'check_violation', TABLE = 'assignment', SCHEMA = 'hr';
	END IF;
	RAISE EXCEPTION '%', format('Position "%s" has %s rates on %s; assignments would fill %s%s',
		hr.position_title(p_org, p_position, bad.day), bad.rates, hr.day_text(bad.day),
		bad.filled, who)
		USING ERRCODE = 'check_violation', TABLE = 'assignment', SCHEMA = 'hr';
END
$$;

-- Row lock on a stable position: writers of its assignments and versions
-- queue here.  NO KEY UPDATE, not UPDATE: the foreign key checks of the
-- same statements hold KEY SHARE on the row, and upgrading that to UPDATE
-- would deadlock two writers.  Returns false when the login cannot see it.
CREATE FUNCTION hr.position_lock(p_org int, p_position bigint) RETURNS bool
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- Under REPEATABLE READ the check would not see a rival committed
	-- after the snapshot; READ COMMITTED re-reads after the lock, and
	-- SERIALIZABLE detects the conflict.
	IF current_setting('transaction_isolation') = 'repeatable read' THEN
		RAISE EXCEPTION 'staffing changes need READ COMMITTED or SERIALIZABLE transactions'
			USING ERRCODE = 'feature_not_supported';
	END IF;
	PERFORM 1 FROM hr.position WHERE org_id = p_org AND id = p_position FOR NO KEY UPDATE;
	RETURN FOUND;
END
$$;

-- An assignment written: no day of it over the position's rates.
CREATE FUNCTION hr.assignment_rates() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- Shortening or lowering an assignment in place never over-fills.
	IF TG_OP = 'UPDATE' AND NEW.position_id = OLD.position_id AND NEW.rate <= OLD.rate
	   AND OLD.during @> NEW.during THEN
		RETURN NULL;
	END IF;
	-- A position the login cannot see has been refused by the foreign key.
	IF hr.position_lock(NEW.org_id, NEW.position_id) THEN
		PERFORM hr.position_check_rates(NEW.org_id, NEW.position_id, NEW.during, false);
	END IF;
	RETURN NULL;
END
$$;

-- A position version written: its department exists on all its days, and
-- the position's assignments still fit (the people are named).
CREATE FUNCTION hr.position_version_check() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.position_version := coalesce(NEW, OLD);
	span datemultirange;
BEGIN
	IF NOT hr.position_lock(r.org_id, r.position_id) THEN
		RETURN NULL;
	END IF;
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

-- A department version written: its parent exists on all its days, no
-- department is its own ancestor on any day, and the sub-departments and
-- positions that belong to it still find it on all their days.
CREATE FUNCTION hr.department_version_check() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.department_version := coalesce(NEW, OLD);
	span datemultirange;
	who text;
BEGIN
	PERFORM 1 FROM hr.department WHERE org_id = r.org_id AND id = r.department_id
		FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
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
		IF EXISTS (WITH RECURSIVE up (node, days, depth) AS (
				SELECT NEW.parent_id, NEW.valid, 0
				UNION ALL
				SELECT v.parent_id, up.days * v.valid, up.depth + 1
				  FROM up JOIN hr.department_version v
				    ON v.org_id = NEW.org_id AND v.department_id = up.node
				   AND v.valid && up.days
				 WHERE v.parent_id IS NOT NULL AND up.node <> NEW.department_id
				   AND up.depth < 100)
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

-- Deferrable, immediate by default: the functions below defer them while a
-- version is split in two (close, then open) and check at the end.
CREATE CONSTRAINT TRIGGER assignment_rates AFTER INSERT OR UPDATE ON hr.assignment
	DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION hr.assignment_rates();
CREATE CONSTRAINT TRIGGER position_version_guard
	AFTER INSERT OR UPDATE OR DELETE ON hr.position_version
	DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION hr.position_version_check();
CREATE CONSTRAINT TRIGGER department_version_guard
	AFTER INSERT OR UPDATE OR DELETE ON hr.department_version
	DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION hr.department_version_check();

-- ---- reading the structure ------------------------------------------------------
-- The departments of an organisation on a day as a tree, parents first and
-- siblings by name: depth (0 for the top), the ids from the top down (path),
-- and each department's own positions and rates that day.
CREATE FUNCTION hr.structure_tree(p_org int, p_day date)
	RETURNS TABLE (department_id bigint, parent_id bigint, depth int, path bigint[],
		code text, name text, positions int, rates numeric)
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH RECURSIVE d AS (
		SELECT department_id, parent_id, code, name FROM hr.department_version
		 WHERE org_id = p_org AND valid @> p_day),
	tree AS (
		SELECT d.department_id, d.parent_id, 0 AS depth, ARRAY[d.department_id] AS path,
		       ARRAY[d.name || chr(1) || d.department_id] AS sort, d.code, d.name
		  FROM d WHERE d.parent_id IS NULL
		UNION ALL
		SELECT c.department_id, c.parent_id, t.depth + 1, t.path || c.department_id,
		       t.sort || (c.name || chr(1) || c.department_id), c.code, c.name
		  FROM tree t JOIN d c ON c.parent_id = t.department_id
		 WHERE t.depth < 100),
	p AS (
		SELECT department_id, count(*)::int AS positions, sum(rates) AS rates
		  FROM hr.position_version WHERE org_id = p_org AND valid @> p_day
		 GROUP BY department_id)
	SELECT t.department_id, t.parent_id, t.depth, t.path, t.code, t.name,
	       coalesce(p.positions, 0), coalesce(p.rates, 0)
	  FROM tree t LEFT JOIN p ON p.department_id = t.department_id
	 ORDER BY t.sort
$$;

-- The staffing table of an organisation on a day: one row per position
-- (level 'position'), a total per department ('department', position
-- columns NULL, after its positions) and one for the organisation ('org',
-- last), in tree order.  filled: the rates of the assignments that day;
-- vacant = rates - filled; all three with two decimals.
CREATE FUNCTION hr.staffing_table(p_org int, p_day date)
	RETURNS TABLE (level text, department_id bigint, department_code text,
		department_name text, depth int, path bigint[], position_id bigint, title text,
		grade text, category text, rates numeric, filled numeric, vacant numeric)
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
	-- Under RLS the planner cannot see the policy's org array and expects a
	-- row or two from each side; its nested loops then ran for seconds on an
	-- organisation of 5,000 positions.  Every step here reads a whole
	-- organisation, which hashing and sorting serve.
	SET enable_nestloop = off AS $$
	WITH t AS (
		SELECT * FROM hr.structure_tree(p_org, p_day) WITH ORDINALITY AS t
			(department_id, parent_id, depth, path, code, name, positions, rates, ord)),
	-- Positions and assignments in one pass: no join between them.
	u AS (
		SELECT position_id, department_id, title, grade, category, rates, 0::numeric AS filled
		  FROM hr.position_version WHERE org_id = p_org AND valid @> p_day
		UNION ALL
		SELECT position_id, NULL, NULL, NULL, NULL, 0, rate FROM hr.assignment
		 WHERE org_id = p_org AND during @> p_day),
	per AS (
		SELECT position_id, max(department_id) AS department_id, max(title) AS title,
		       max(grade) AS grade, max(category) AS category, sum(rates) AS rates,
		       sum(filled) AS filled
		  FROM u GROUP BY position_id),
	g AS (
		SELECT t.ord, per.position_id, grouping(per.position_id) AS total,
		       min(per.title) AS title, min(per.grade) AS grade,
		       min(per.category) AS category, sum(per.rates) AS rates,
		       sum(per.filled) AS filled
		  FROM per JOIN t ON t.department_id = per.department_id
		 GROUP BY GROUPING SETS ((t.ord, per.position_id), (t.ord), ())
		HAVING count(*) > 0)  -- no total row for an organisation without positions
	SELECT CASE WHEN g.total = 0 THEN 'position'
		    WHEN g.ord IS NOT NULL THEN 'department' ELSE 'org' END,
	       t.department_id, t.code, t.name, t.depth, t.path, g.position_id,
	       CASE WHEN g.total = 0 THEN g.title END, CASE WHEN g.total = 0 THEN g.grade END,
	       CASE WHEN g.total = 0 THEN g.category END, g.rates::numeric(10,2),
	       g.filled::numeric(10,2), (g.rates - g.filled)::numeric(10,2)
	  FROM g LEFT JOIN t ON t.ord = g.ord
	 ORDER BY g.ord NULLS LAST, g.total, g.title, g.position_id
$$;

-- Vacant rates of an organisation on a day; NULL filters are off.  The
-- department filter takes its sub-departments too.
CREATE FUNCTION hr.vacancies(p_org int, p_day date, p_grade text, p_department bigint)
	RETURNS TABLE (position_id bigint, title text, grade text, category text,
		department_id bigint, department_name text, rates numeric, filled numeric,
		vacant numeric)
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.position_id, s.title, s.grade, s.category, s.department_id, s.department_name,
	       s.rates, s.filled, s.vacant
	  FROM hr.staffing_table(p_org, p_day) s
	 WHERE s.level = 'position' AND s.vacant > 0
	   AND (p_grade IS NULL OR s.grade = p_grade)
	   AND (p_department IS NULL OR p_department = ANY (s.path))
$$;

-- The organisations the login sees, with their staffing totals on a day
-- (the ministry's view): departments, positions, rates, filled, vacant.
CREATE FUNCTION hr.staffing_by_org(p_day date)
	RETURNS TABLE (org_id int, code text, name text, parent_id int, departments int,
		positions int, rates numeric, filled numeric, vacant numeric)
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
	SET enable_nestloop = off AS $$  -- as hr.staffing_table
	WITH d AS (
		SELECT v.org_id, count(*)::int AS n FROM hr.department_version v
		 WHERE v.valid @> p_day GROUP BY v.org_id),
	p AS (
		SELECT v.org_id, count(*)::int AS n, sum(v.rates) AS rates FROM hr.position_version v
		 WHERE v.valid @> p_day GROUP BY v.org_id),
	f AS (
		SELECT a.org_id, sum(a.rate) AS filled FROM hr.assignment a
		 WHERE a.during @> p_day GROUP BY a.org_id)
	SELECT o.id, o.code, o.name, o.parent_id, coalesce(d.n, 0), coalesce(p.n, 0),
	       coalesce(p.rates, 0)::numeric(12,2), coalesce(f.filled, 0)::numeric(12,2),
	       (coalesce(p.rates, 0) - coalesce(f.filled, 0))::numeric(12,2)
	  FROM hr.org o
	  LEFT JOIN d ON d.org_id = o.id LEFT JOIN p ON p.org_id = o.id
	  LEFT JOIN f ON f.org_id = o.id
	 ORDER BY o.code
$$;

-- ---- changing one unit from a day ------------------------------------------------
-- The version of a position in force on `p_effective` gets new attributes
-- from that day (NULL: unchanged): when it began that day it is changed in
-- place, else it ends the day before and a new one begins.  Refuses (23514)
-- when the position does not exist that day or already changes later (apply
-- changes in date order), and, through the checks, when assignments would
-- exceed the new rates or the department does not exist.  P0002: not visible.
CREATE FUNCTION hr.position_set(p_position bigint, p_effective date, p_department bigint,
	p_title text, p_grade text, p_category text, p_rates numeric) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v hr.position_version;
	later date;
BEGIN
	IF p_effective IS NULL THEN
		RAISE EXCEPTION 'an effective day is needed' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO v FROM hr.position_version WHERE position_id = p_position
	   AND valid @> p_effective FOR UPDATE;
	IF NOT FOUND THEN
		IF NOT EXISTS (SELECT 1 FROM hr.position WHERE id = p_position) THEN
			RAISE EXCEPTION 'no position %', p_position USING ERRCODE = 'no_data_found';
		END IF;
		RAISE EXCEPTION 'Position "%" does not exist on %',
			(SELECT title FROM hr.position WHERE id = p_position), hr.day_text(p_effective)
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT min(lower(valid)) INTO later FROM hr.position_version
	 WHERE org_id = v.org_id AND position_id = p_position AND lower(valid) > p_effective;
	IF later IS NOT NULL THEN
		RAISE EXCEPTION 'Position "%" already changes on %; apply changes in date order',
			v.title, hr.day_text(later) USING ERRCODE = 'check_violation';
	END IF;
	IF lower(v.valid) = p_effective THEN
		UPDATE hr.position_version SET department_id = coalesce(p_department, department_id),
		       title = coalesce(p_title, title), grade = coalesce(p_grade, grade),
		       category = coalesce(p_category, category), rates = coalesce(p_rates, rates)
		 WHERE id = v.id;
	ELSE
		UPDATE hr.position_version SET valid = daterange(lower(valid), p_effective)
		 WHERE id = v.id;
		INSERT INTO hr.position_version (org_id, position_id, valid, department_id, title,
			grade, category, rates)
		VALUES (v.org_id, v.position_id, daterange(p_effective, upper(v.valid)),
			coalesce(p_department, v.department_id), coalesce(p_title, v.title),
			coalesce(p_grade, v.grade), coalesce(p_category, v.category),
			coalesce(p_rates, v.rates));
	END IF;
END
$$;

-- hr.position_set checked as one change: the old version closes before the
-- new one opens, so the checks wait for both.
CREATE FUNCTION hr.position_change(p_position bigint, p_effective date, p_department bigint,
	p_title text, p_grade text, p_category text, p_rates numeric) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	SET CONSTRAINTS hr.position_version_guard DEFERRED;
	PERFORM hr.position_set(p_position, p_effective, p_department, p_title, p_grade,
		p_category, p_rates);
	SET CONSTRAINTS hr.position_version_guard IMMEDIATE;
END
$$;

-- Abolishes a position from `p_effective` (its last day is the day before).
-- Refuses (23514) while people are assigned to it on or after that day,
-- naming them; a position that begins that day cannot be abolished then.
CREATE FUNCTION hr.position_close(p_position bigint, p_effective date) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v hr.position_version;
	who text;
BEGIN
	SELECT * INTO v FROM hr.position_version WHERE position_id = p_position
	   AND valid @> p_effective FOR UPDATE;
	IF NOT FOUND THEN
		IF NOT EXISTS (SELECT 1 FROM hr.position WHERE id = p_position) THEN
			RAISE EXCEPTION 'no position %', p_position USING ERRCODE = 'no_data_found';
		END IF;
		RAISE EXCEPTION 'Position "%" does not exist on %',
			(SELECT title FROM hr.position WHERE id = p_position), hr.day_text(p_effective)
			USING ERRCODE = 'check_violation';
	END IF;
	PERFORM hr.position_lock(v.org_id, p_position);
	who := hr.position_people(v.org_id, p_position, daterange(p_effective, NULL));
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'Position "%" still has people from %: %', v.title,
			hr.day_text(p_effective), who USING ERRCODE = 'check_violation';
	END IF;
	IF lower(v.valid) >= p_effective OR EXISTS (SELECT 1 FROM hr.position_version
		WHERE org_id = v.org_id AND position_id = p_position AND lower(valid) > p_effective) THEN
		RAISE EXCEPTION 'Position "%" begins or changes on or after %; it cannot end the day before',
			v.title, hr.day_text(p_effective) USING ERRCODE = 'check_violation';
	END IF;
	UPDATE hr.position_version SET valid = daterange(lower(valid), p_effective) WHERE id = v.id;
END
$$;

-- As position_set for a department: new parent (when p_set_parent; NULL
-- puts it at the top), code and name (NULL: unchanged) from `p_effective`.
CREATE FUNCTION hr.department_set(p_department bigint, p_effective date, p_set_parent bool,
	p_parent bigint, p_code text, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v hr.department_version;
	later date;
BEGIN
	IF p_effective IS NULL THEN
		RAISE EXCEPTION 'an effective day is needed' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO v FROM hr.department_version WHERE department_id = p_department
	   AND valid @> p_effective FOR UPDATE;
	IF NOT FOUND THEN
		IF NOT EXISTS (SELECT 1 FROM hr.department WHERE id = p_department) THEN
			RAISE EXCEPTION 'no department %', p_department USING ERRCODE = 'no_data_found';
		END IF;
		RAISE EXCEPTION 'Department "%" does not exist on %',
			(SELECT name FROM hr.department WHERE id = p_department), hr.day_text(p_effective)
			USING ERRCODE = 'check_violation';
	END IF;
	IF p_set_parent AND p_parent IS NOT NULL
	   AND NOT EXISTS (SELECT 1 FROM hr.department WHERE org_id = v.org_id AND id = p_parent) THEN
		RAISE EXCEPTION 'no department %', p_parent USING ERRCODE = 'no_data_found';
	END IF;
	SELECT min(lower(valid)) INTO later FROM hr.department_version
	 WHERE org_id = v.org_id AND department_id = p_department AND lower(valid) > p_effective;
	IF later IS NOT NULL THEN
		RAISE EXCEPTION 'Department "%" already changes on %; apply changes in date order',
			v.name, hr.day_text(later) USING ERRCODE = 'check_violation';
	END IF;
	IF lower(v.valid) = p_effective THEN
		UPDATE hr.department_version
		   SET parent_id = CASE WHEN p_set_parent THEN p_parent ELSE parent_id END,
		       code = coalesce(p_code, code), name = coalesce(p_name, name)
		 WHERE id = v.id;
	ELSE
		UPDATE hr.department_version SET valid = daterange(lower(valid), p_effective)
		 WHERE id = v.id;
		INSERT INTO hr.department_version (org_id, department_id, valid, parent_id, code, name)
		VALUES (v.org_id, p_department, daterange(p_effective, upper(v.valid)),
			CASE WHEN p_set_parent THEN p_parent ELSE v.parent_id END,
			coalesce(p_code, v.code), coalesce(p_name, v.name));
	END IF;
END
$$;

CREATE FUNCTION hr.department_change(p_department bigint, p_effective date, p_set_parent bool,
	p_parent bigint, p_code text, p_name text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	SET CONSTRAINTS hr.department_version_guard DEFERRED;
	PERFORM hr.department_set(p_department, p_effective, p_set_parent, p_parent, p_code, p_name);
	SET CONSTRAINTS hr.department_version_guard IMMEDIATE;
END
$$;

-- A department moves under another (NULL: to the top) from `p_effective`;
-- its positions and people stay where they are (same ids, no new assignment).
CREATE FUNCTION hr.move_department(p_department bigint, p_new_parent bigint, p_effective date)
	RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT hr.department_change(p_department, p_effective, true, p_new_parent, NULL, NULL)
$$;

CREATE FUNCTION hr.rename_department(p_department bigint, p_code text, p_name text,
	p_effective date) RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT hr.department_change(p_department, p_effective, false, NULL, p_code, p_name)
$$;

-- Closes a department from `p_effective` (its last day is the day before),
-- abolishing its vacant positions with it.  Refuses (23514) while people
-- hold its positions on or after that day or sub-departments remain,
-- naming them.
CREATE FUNCTION hr.close_department(p_department bigint, p_effective date) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v hr.department_version;
	who text;
	pos bigint;
BEGIN
	SELECT * INTO v FROM hr.department_version WHERE department_id = p_department
	   AND valid @> p_effective FOR UPDATE;
	IF NOT FOUND THEN
		IF NOT EXISTS (SELECT 1 FROM hr.department WHERE id = p_department) THEN
			RAISE EXCEPTION 'no department %', p_department USING ERRCODE = 'no_data_found';
		END IF;
		RAISE EXCEPTION 'Department "%" does not exist on %',
			(SELECT name FROM hr.department WHERE id = p_department), hr.day_text(p_effective)
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT string_agg(x.who, '; ') INTO who FROM (
		SELECT pv.title || ': ' || hr.position_people(v.org_id, pv.position_id,
			daterange(p_effective, NULL)) AS who
		  FROM (SELECT DISTINCT position_id, title FROM hr.position_version
			 WHERE org_id = v.org_id AND department_id = p_department
			   AND valid && daterange(p_effective, NULL)) pv
		 ORDER BY pv.title) x;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'Department "%" still has people from %: %', v.name,
			hr.day_text(p_effective), who USING ERRCODE = 'check_violation';
	END IF;
	SELECT string_agg(DISTINCT name, ', ') INTO who FROM hr.department_version
	 WHERE org_id = v.org_id AND parent_id = p_department AND valid && daterange(p_effective, NULL);
	IF who IS NOT NULL THEN
		RAISE EXCEPTION 'Department "%" still has sub-departments from %: %', v.name,
			hr.day_text(p_effective), who USING ERRCODE = 'check_violation';
	END IF;
	FOR pos IN SELECT position_id FROM hr.position_version
		WHERE org_id = v.org_id AND department_id = p_department AND valid @> p_effective
		ORDER BY position_id LOOP
		PERFORM hr.position_close(pos, p_effective);
	END LOOP;
	IF lower(v.valid) >= p_effective OR EXISTS (SELECT 1 FROM hr.department_version
		WHERE org_id = v.org_id AND department_id = p_department AND lower(valid) > p_effective) THEN
		RAISE EXCEPTION 'Department "%" begins or changes on or after %; it cannot end the day before',
			v.name, hr.day_text(p_effective) USING ERRCODE = 'check_violation';
	END IF;
	UPDATE hr.department_version SET valid = daterange(lower(valid), p_effective) WHERE id = v.id;
END
$$;

-- Merges department `p_from` into `p_into` from `p_effective`: each of its
-- positions goes to a position of the target with the same title, grade and
-- category (whose rates grow by the merged ones), or to a new one made in the
-- target; every assignment in force that day ends the day before and a new
-- one (same employment, same rate) begins that day on the target position;
-- assignments that begin later move whole.  Sub-departments move under the
-- target; then the positions and the department close.  One row per moved
-- assignment: employment, old and new assignment, old and new position.
CREATE FUNCTION hr.merge_department(p_from bigint, p_into bigint, p_effective date)
	RETURNS TABLE (employment_id bigint, old_assignment_id bigint, new_assignment_id bigint,
		old_position_id bigint, new_position_id bigint)
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	src hr.department_version;
	dst hr.department_version;
	pv hr.position_version;
	target bigint;
	a hr.assignment;
	sub bigint;
BEGIN
	IF p_from = p_into THEN
		RAISE EXCEPTION 'a department cannot be merged into itself'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO src FROM hr.department_version WHERE department_id = p_from
	   AND valid @> p_effective;
	SELECT * INTO dst FROM hr.department_version WHERE department_id = p_into
	   AND valid @> p_effective;
	IF src.id IS NULL OR dst.id IS NULL OR src.org_id <> dst.org_id THEN
		RAISE EXCEPTION 'both departments must exist in the same organisation on %',
			hr.day_text(p_effective) USING ERRCODE = 'no_data_found';
	END IF;
	-- Checked once, on the state the whole merge leaves.
	SET CONSTRAINTS hr.position_version_guard, hr.department_version_guard DEFERRED;
	FOR sub IN SELECT department_id FROM hr.department_version
		WHERE org_id = src.org_id AND parent_id = p_from AND valid @> p_effective
		ORDER BY department_id LOOP
		PERFORM hr.department_set(sub, p_effective, true, p_into, NULL, NULL);
	END LOOP;
	FOR pv IN SELECT * FROM hr.position_version
		WHERE org_id = src.org_id AND department_id = p_from AND valid @> p_effective
		ORDER BY position_id LOOP
		PERFORM hr.position_lock(src.org_id, pv.position_id);
		SELECT t.position_id INTO target FROM hr.position_version t
		 WHERE t.org_id = src.org_id AND t.department_id = p_into AND t.valid @> p_effective
		   AND t.title = pv.title AND t.grade = pv.grade AND t.category = pv.category
		 ORDER BY t.position_id LIMIT 1;
		IF FOUND THEN
			PERFORM hr.position_lock(src.org_id, target);
			PERFORM hr.position_set(target, p_effective, NULL, NULL, NULL, NULL,
				(SELECT t.rates + pv.rates FROM hr.position_version t
				  WHERE t.position_id = target AND t.valid @> p_effective));
		ELSE
			INSERT INTO hr.position (org_id, department_id, title, grade, category, rates,
				valid_from, valid_to)
			VALUES (src.org_id, p_into, pv.title, pv.grade, pv.category, pv.rates,
				p_effective, upper(pv.valid) - 1)
			RETURNING id INTO target;
		END IF;
		FOR a IN SELECT * FROM hr.assignment x
			WHERE x.org_id = src.org_id AND x.position_id = pv.position_id
			  AND x.during && daterange(p_effective, NULL)
			ORDER BY x.id FOR UPDATE LOOP
			IF lower(a.during) >= p_effective THEN
				UPDATE hr.assignment SET position_id = target WHERE id = a.id;
				employment_id := a.employment_id;
				old_assignment_id := a.id;
				new_assignment_id := a.id;
			ELSE
				UPDATE hr.assignment SET during = daterange(lower(during), p_effective)
				 WHERE id = a.id;
				INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during)
				VALUES (a.org_id, a.employment_id, target, a.rate,
					daterange(p_effective, upper(a.during)))
				RETURNING id INTO new_assignment_id;
				employment_id := a.employment_id;
				old_assignment_id := a.id;
			END IF;
			old_position_id := pv.position_id;
			new_position_id := target;
			RETURN NEXT;
		END LOOP;
	END LOOP;
	PERFORM hr.close_department(p_from, p_effective);
	SET CONSTRAINTS hr.position_version_guard, hr.department_version_guard IMMEDIATE;
END
$$;

-- ---- staffing changes in a batch ---------------------------------------------------
-- Steps of a change to the staffing table, staged by a clerk and applied
-- together from one day: add a position (department_id, title, grade,
-- category, rates), remove one, change its rates, move it to another
-- department, rename it (title, grade and/or category).
CREATE TABLE hr.staffing_change (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id        int NOT NULL REFERENCES hr.org (id),
	batch         uuid NOT NULL,
	kind          text NOT NULL CHECK (kind IN ('add', 'remove', 'rates', 'move', 'rename')),
	position_id   bigint,
	department_id bigint,
	title         text CHECK (title <> '' AND length(title) <= 200 AND title !~ '[[:cntrl:]]'),
	grade         text CHECK (length(grade) <= 20 AND grade !~ '[[:cntrl:]]'),
	category      text CHECK (length(category) <= 40 AND category !~ '[[:cntrl:]]'),
	rates         numeric(6,2) CHECK (rates > 0),
	created_by    text NOT NULL DEFAULT session_user,
	created_at    timestamptz NOT NULL DEFAULT now(),
	applied_on    date,
	applied_at    timestamptz,
	version       int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, position_id) REFERENCES hr.position (org_id, id),
	FOREIGN KEY (org_id, department_id) REFERENCES hr.department (org_id, id),
	CHECK (CASE kind
		-- position_id: the position the step made, once applied.
		WHEN 'add' THEN (position_id IS NULL) = (applied_on IS NULL)
			AND department_id IS NOT NULL AND title IS NOT NULL AND rates IS NOT NULL
		WHEN 'remove' THEN position_id IS NOT NULL
		WHEN 'rates' THEN position_id IS NOT NULL AND rates IS NOT NULL
		WHEN 'move' THEN position_id IS NOT NULL AND department_id IS NOT NULL
		WHEN 'rename' THEN position_id IS NOT NULL
			AND coalesce(title, grade, category) IS NOT NULL END)
);
CREATE INDEX staffing_change_org_batch_idx ON hr.staffing_change (org_id, batch, id);
SELECT admin.protect_tenant_table('staffing_change', 'hr_clerk, hr_head', true);
-- A staged step may be withdrawn until the batch is applied.
CREATE POLICY staffing_change_delete ON hr.staffing_change FOR DELETE TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]) AND applied_on IS NULL);
-- applied_on/applied_at are written by hr.staffing_apply (invoker rights, so
-- the clerk holds the privilege; marking a batch applied by hand only
-- freezes it, it changes no structure).
GRANT INSERT (org_id, batch, kind, position_id, department_id, title, grade, category, rates),
      UPDATE (position_id, department_id, title, grade, category, rates, applied_on, applied_at,
	      version),
      DELETE ON hr.staffing_change TO hr_clerk, hr_head;
-- Applied steps are history.
CREATE FUNCTION hr.staffing_change_frozen() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF OLD.applied_on IS NOT NULL THEN
		RAISE EXCEPTION 'this staffing change was applied on %; it cannot change',
			hr.day_text(OLD.applied_on) USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER staffing_change_frozen BEFORE UPDATE ON hr.staffing_change
	FOR EACH ROW EXECUTE FUNCTION hr.staffing_change_frozen();

-- What a batch would change from `p_effective`, without changing anything:
-- one row per step (kind, position, its title and department, old and new
-- value), then one row per person affected (kind 'person': the step, the
-- position, the person and assignment, and the problem: the position
-- disappears, or its new rates are fewer than the rates filled).
CREATE FUNCTION hr.staffing_preview(p_batch uuid, p_effective date)
	RETURNS TABLE (change_id bigint, kind text, position_id bigint, title text,
		department text, old_value text, new_value text, person_id bigint, person text,
		assignment_id bigint, problem text)
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c hr.staffing_change;
	v hr.position_version;
	after_rates numeric;
	peak record;
BEGIN
	IF p_effective IS NULL THEN
		RAISE EXCEPTION 'an effective day is needed' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	FOR c IN SELECT * FROM hr.staffing_change s WHERE s.batch = p_batch ORDER BY s.id LOOP
		SELECT * INTO v FROM hr.position_version x
		 WHERE x.position_id = c.position_id AND x.valid @> p_effective;
		change_id := c.id;
		kind := c.kind;
		position_id := c.position_id;
		person_id := NULL;
		person := NULL;
		assignment_id := NULL;
		problem := NULL;
		title := coalesce(v.title, c.title);
		department := (SELECT d.name FROM hr.department_version d
			WHERE d.department_id = coalesce(v.department_id, c.department_id)
			  AND d.valid @> p_effective);
		old_value := CASE c.kind
			WHEN 'add' THEN ''
			WHEN 'remove' THEN v.rates::text || ' rates'
			WHEN 'rates' THEN v.rates::text
			WHEN 'move' THEN department
			WHEN 'rename' THEN concat_ws(' / ', v.title, v.grade, v.category) END;
		new_value := CASE c.kind
			WHEN 'add' THEN c.rates::text || ' rates, ' || concat_ws(' / ', c.title,
				coalesce(c.grade, ''), coalesce(c.category, ''))
			WHEN 'remove' THEN ''
			WHEN 'rates' THEN c.rates::text
			WHEN 'move' THEN (SELECT d.name FROM hr.department_version d
				WHERE d.department_id = c.department_id AND d.valid @> p_effective)
			WHEN 'rename' THEN concat_ws(' / ', coalesce(c.title, v.title),
				coalesce(c.grade, v.grade), coalesce(c.category, v.category)) END;
		IF c.kind <> 'add' AND v.id IS NULL THEN
			problem := 'the position does not exist on ' || hr.day_text(p_effective);
		END IF;
		RETURN NEXT;
	END LOOP;
	-- The people: positions the batch removes, and positions whose rates
	-- after the batch (its last rates step) fall below the peak filled.
	FOR c IN SELECT DISTINCT ON (s.position_id) s.* FROM hr.staffing_change s
		WHERE s.batch = p_batch AND s.kind IN ('remove', 'rates')
		ORDER BY s.position_id, (s.kind = 'remove') DESC, s.id DESC LOOP
		after_rates := CASE c.kind WHEN 'remove' THEN 0 ELSE c.rates END;
		SELECT x.day, x.filled INTO peak FROM (
			SELECT pt.d AS day, (SELECT sum(a.rate) FROM hr.assignment a
				WHERE a.position_id = c.position_id AND a.during @> pt.d) AS filled
			  FROM (SELECT p_effective AS d UNION
				SELECT lower(a.during) FROM hr.assignment a
				 WHERE a.position_id = c.position_id AND lower(a.during) > p_effective) pt) x
		 WHERE x.filled > after_rates ORDER BY x.day LIMIT 1;
		IF NOT FOUND THEN
			CONTINUE;
		END IF;
		FOR kind, person_id, person, assignment_id, title IN
			SELECT 'person', p.id, p.last_name || ' ' || p.first_name, a.id,
			       hr.position_title(a.org_id, a.position_id, p_effective)
			  FROM hr.assignment a
			  JOIN hr.employment e ON e.org_id = a.org_id AND e.id = a.employment_id
			  JOIN hr.person p ON p.org_id = e.org_id AND p.id = e.person_id
			 WHERE a.position_id = c.position_id AND a.during && daterange(p_effective, NULL)
			 ORDER BY p.last_name, p.first_name, a.id LOOP
			change_id := c.id;
			position_id := c.position_id;
			department := NULL;
			old_value := NULL;
			new_value := NULL;
			problem := CASE c.kind WHEN 'remove' THEN 'the position is removed from '
				|| hr.day_text(p_effective)
				ELSE 'the new rates (' || c.rates || ') are fewer than the ' || peak.filled
				|| ' filled on ' || hr.day_text(peak.day) END;
			RETURN NEXT;
		END LOOP;
	END LOOP;
END
$$;

-- Applies a batch from `p_effective` in one transaction: everything or,
-- on any refusal, nothing.  Refuses (23514) while the preview lists people
-- (move them first) or a step has a problem; 55000 when the batch was
-- applied already; P0002 when it has no step the login can see.
-- Returns the number of steps applied.
CREATE FUNCTION hr.staffing_apply(p_batch uuid, p_effective date) RETURNS int
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c hr.staffing_change;
	n int := 0;
	who text;
BEGIN
	IF p_effective IS NULL THEN
		RAISE EXCEPTION 'an effective day is needed' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- The steps, locked, and then their positions in id order (no
	-- deadlock with another batch or an assignment).
	PERFORM 1 FROM hr.staffing_change s WHERE s.batch = p_batch ORDER BY s.id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no staffing change %', p_batch USING ERRCODE = 'no_data_found';
	END IF;
	IF EXISTS (SELECT 1 FROM hr.staffing_change s WHERE s.batch = p_batch
		   AND s.applied_on IS NOT NULL) THEN
		RAISE EXCEPTION 'this staffing change was applied already'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
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
	FOR c IN SELECT * FROM hr.staffing_change s WHERE s.batch = p_batch ORDER BY s.id LOOP
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
	 WHERE batch = p_batch AND applied_on IS NULL;
	RETURN n;
END
$$;

-- ---- ownership and privileges ----------------------------------------------------
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
		JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = 'hr' AND p.proname IN ('department_first_version',
			'position_first_version', 'department_cache', 'position_cache',
			'department_version_sync', 'position_version_sync', 'day_text',
			'position_overfill', 'position_people', 'position_title', 'position_check_rates',
			'position_lock', 'assignment_rates', 'position_version_check',
			'department_version_check', 'structure_tree', 'staffing_table', 'vacancies',
			'staffing_by_org', 'position_change', 'position_set', 'position_close',
			'department_change', 'department_set',
			'move_department', 'rename_department', 'close_department', 'merge_department',
			'staffing_change_frozen', 'staffing_preview', 'staffing_apply')
	LOOP
		EXECUTE format('ALTER FUNCTION %s OWNER TO hr_owner', f);
		EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
	END LOOP;
END
$$;
-- The checks run as the writing login, so writers need what they call.
GRANT EXECUTE ON FUNCTION hr.day_text(date), hr.position_overfill(int, bigint, daterange),
	hr.position_people(int, bigint, daterange), hr.position_title(int, bigint, date),
	hr.position_check_rates(int, bigint, daterange, bool), hr.position_lock(int, bigint)
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.structure_tree(int, date)
	TO hr_clerk, hr_head, hr_ministry, hr_agency;
GRANT EXECUTE ON FUNCTION hr.staffing_table(int, date), hr.vacancies(int, date, text, bigint),
	hr.staffing_by_org(date), hr.day_text(date)
	TO hr_clerk, hr_head, hr_ministry;
GRANT EXECUTE ON FUNCTION
	hr.position_change(bigint, date, bigint, text, text, text, numeric),
	hr.position_set(bigint, date, bigint, text, text, text, numeric),
	hr.position_close(bigint, date),
	hr.department_change(bigint, date, bool, bigint, text, text),
	hr.department_set(bigint, date, bool, bigint, text, text),
	hr.move_department(bigint, bigint, date), hr.rename_department(bigint, text, text, date),
	hr.close_department(bigint, date), hr.merge_department(bigint, bigint, date),
	hr.staffing_preview(uuid, date), hr.staffing_apply(uuid, date)
	TO hr_clerk, hr_head;
