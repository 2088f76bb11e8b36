-- 002_schema.sql - schema hr: organisations, structure, people, employment.
-- Every tenant table carries org_id, an index starting with org_id,
-- UNIQUE (org_id, id) and composite foreign keys (org_id, x_id), so no row
-- can point into another organisation.  Edited rows carry a version that a
-- trigger advances on every update (optimistic locking).
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE SCHEMA hr AUTHORIZATION hr_owner;
REVOKE ALL ON SCHEMA hr FROM PUBLIC;

CREATE TABLE hr.org (
	id        int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	parent_id int REFERENCES hr.org (id),
	code      text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9-]{0,31}$'),
	name      text NOT NULL CHECK (name <> ''),
	kind      text NOT NULL CHECK (kind IN ('agency', 'ministry', 'organisation')),
	version   int NOT NULL DEFAULT 1
);
CREATE INDEX org_parent_idx ON hr.org (parent_id);

CREATE TABLE hr.org_closure (
	ancestor   int NOT NULL REFERENCES hr.org (id),
	descendant int NOT NULL REFERENCES hr.org (id),
	depth      int NOT NULL CHECK (depth >= 0),
	PRIMARY KEY (ancestor, descendant)
);
CREATE INDEX org_closure_descendant_idx ON hr.org_closure (descendant, ancestor);

CREATE TABLE hr.account (
	role_name text PRIMARY KEY CHECK (role_name ~ '^[a-z_][a-z0-9_]{0,62}$'),
	org_id    int NOT NULL REFERENCES hr.org (id),
	kind      text NOT NULL CHECK (kind IN ('clerk', 'head', 'ministry', 'agency', 'auditor')),
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_org_idx ON hr.account (org_id, role_name);

CREATE TABLE hr.department (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     int NOT NULL REFERENCES hr.org (id),
	parent_id  bigint,
	code       text NOT NULL CHECK (code <> ''),
	name       text NOT NULL CHECK (name <> ''),
	valid_from date NOT NULL DEFAULT current_date,
	valid_to   date CHECK (valid_to IS NULL OR valid_to >= valid_from),
	version    int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	UNIQUE (org_id, code),
	FOREIGN KEY (org_id, parent_id) REFERENCES hr.department (org_id, id)
);
CREATE INDEX department_org_name_idx ON hr.department (org_id, name);

CREATE TABLE hr.position (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id        int NOT NULL REFERENCES hr.org (id),
	department_id bigint NOT NULL,
	title         text NOT NULL CHECK (title <> ''),
	grade         text NOT NULL DEFAULT '',
	rates         numeric(6,2) NOT NULL DEFAULT 1 CHECK (rates > 0),
	valid_from    date NOT NULL DEFAULT current_date,
	valid_to      date CHECK (valid_to IS NULL OR valid_to >= valid_from),
	version       int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, department_id) REFERENCES hr.department (org_id, id)
);
CREATE INDEX position_org_department_idx ON hr.position (org_id, department_id);

CREATE TABLE hr.person (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id      int NOT NULL REFERENCES hr.org (id),
	last_name   text NOT NULL CHECK (last_name <> ''),
	first_name  text NOT NULL CHECK (first_name <> ''),
	middle_name text NOT NULL DEFAULT '',
	birth_date  date CHECK (birth_date > date '1900-01-01'),
	personal_id text,
	version     int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	UNIQUE (org_id, personal_id)
);
CREATE INDEX person_org_name_idx ON hr.person (org_id, last_name, first_name);

CREATE TABLE hr.employment (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id       int NOT NULL REFERENCES hr.org (id),
	person_id    bigint NOT NULL,
	personnel_no text NOT NULL CHECK (personnel_no <> ''),
	hire_date    date NOT NULL,
	end_date     date CHECK (end_date IS NULL OR end_date >= hire_date),
	version      int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	UNIQUE (org_id, personnel_no),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);
CREATE INDEX employment_org_person_idx ON hr.employment (org_id, person_id);

CREATE TABLE hr.assignment (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id        int NOT NULL REFERENCES hr.org (id),
	employment_id bigint NOT NULL,
	position_id   bigint NOT NULL,
	rate          numeric(4,2) NOT NULL DEFAULT 1 CHECK (rate > 0 AND rate <= 2),
	during        daterange NOT NULL CHECK (NOT isempty(during) AND lower(during) IS NOT NULL),
	version       int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, employment_id) REFERENCES hr.employment (org_id, id),
	FOREIGN KEY (org_id, position_id) REFERENCES hr.position (org_id, id),
	EXCLUDE USING gist (employment_id WITH =, during WITH &&)
);
CREATE INDEX assignment_org_employment_idx ON hr.assignment (org_id, employment_id);
CREATE INDEX assignment_org_position_idx ON hr.assignment (org_id, position_id);

-- The version of an edited row always advances by one, whatever the client sets.
CREATE FUNCTION hr.bump_version() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	NEW.version := OLD.version + 1;
	RETURN NEW;
END
$$;

-- org_closure follows inserts into org; moving a subtree is not supported yet.
CREATE FUNCTION hr.org_closure_add() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO hr.org_closure (ancestor, descendant, depth)
	SELECT c.ancestor, NEW.id, c.depth + 1 FROM hr.org_closure c
	 WHERE c.descendant = NEW.parent_id
	UNION ALL SELECT NEW.id, NEW.id, 0;
	RETURN NULL;
END
$$;

CREATE FUNCTION hr.org_parent_fixed() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
		RAISE EXCEPTION 'moving an organisation to another parent is not supported'
			USING ERRCODE = 'feature_not_supported';
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER org_closure_add AFTER INSERT ON hr.org
	FOR EACH ROW EXECUTE FUNCTION hr.org_closure_add();
CREATE TRIGGER org_parent_fixed BEFORE UPDATE ON hr.org
	FOR EACH ROW EXECUTE FUNCTION hr.org_parent_fixed();

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['org', 'department', 'position', 'person', 'employment', 'assignment']
	LOOP
		EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON hr.%I
			FOR EACH ROW EXECUTE FUNCTION hr.bump_version()', t || '_version', t);
	END LOOP;
END
$$;

ALTER TABLE hr.org OWNER TO hr_owner;
ALTER TABLE hr.org_closure OWNER TO hr_owner;
ALTER TABLE hr.account OWNER TO hr_owner;
ALTER TABLE hr.department OWNER TO hr_owner;
ALTER TABLE hr.position OWNER TO hr_owner;
ALTER TABLE hr.person OWNER TO hr_owner;
ALTER TABLE hr.employment OWNER TO hr_owner;
ALTER TABLE hr.assignment OWNER TO hr_owner;
ALTER FUNCTION hr.bump_version() OWNER TO hr_owner;
ALTER FUNCTION hr.org_closure_add() OWNER TO hr_owner;
ALTER FUNCTION hr.org_parent_fixed() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.bump_version(), hr.org_closure_add(), hr.org_parent_fixed() FROM PUBLIC;
