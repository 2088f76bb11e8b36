-- 007_personnel.sql - the complete personnel file: personal data and the
-- dated sections kept once per person (education, family, prior employment,
-- grade history, training, awards, penalties, assessments, consent,
-- documents), the history of personal data for "as of" views, drafts of
-- unsaved forms, and the definer functions that may cross organisations
-- (duplicate check, change history) without revealing anything else.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Every tenant table of the file gets the same protection: RLS enabled and
-- forced, read for the own org (clerk, head) or subtree (ministry), insert
-- and update for clerks and heads of the own org, the version trigger and
-- the audit trigger.  Used by this and later migrations.
CREATE FUNCTION admin.protect_tenant_table(p_table text, p_readers text, p_writable bool)
	RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	EXECUTE format('ALTER TABLE hr.%I OWNER TO hr_owner', p_table);
	EXECUTE format('ALTER TABLE hr.%I ENABLE ROW LEVEL SECURITY', p_table);
	EXECUTE format('ALTER TABLE hr.%I FORCE ROW LEVEL SECURITY', p_table);
	EXECUTE format('CREATE POLICY %I ON hr.%I FOR SELECT TO %s
		USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))', p_table || '_read', p_table,
		p_readers);
	EXECUTE format('GRANT SELECT ON hr.%I TO %s', p_table, p_readers);
	IF p_writable THEN
		EXECUTE format('CREATE POLICY %I ON hr.%I FOR INSERT TO hr_clerk, hr_head
			WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]))',
			p_table || '_insert', p_table);
		EXECUTE format('CREATE POLICY %I ON hr.%I FOR UPDATE TO hr_clerk, hr_head
			USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
			WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]))',
			p_table || '_update', p_table);
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
		   WHERE attrelid = format('hr.%I', p_table)::regclass AND attname = 'version') THEN
		EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON hr.%I
			FOR EACH ROW EXECUTE FUNCTION hr.bump_version()', p_table || '_version', p_table);
	END IF;
	EXECUTE format('CREATE TRIGGER zz_audit AFTER INSERT OR UPDATE OR DELETE ON hr.%I
		FOR EACH ROW EXECUTE FUNCTION audit.trg()', p_table);
END
$$;
REVOKE ALL ON FUNCTION admin.protect_tenant_table(text, text, bool) FROM PUBLIC;

-- ---- service-wide settings ---------------------------------------------
-- One row: which personal ID number scheme the service uses.
CREATE TABLE hr.service_setting (
	id        int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
	id_scheme text NOT NULL DEFAULT 'none'
		CHECK (id_scheme IN ('none', 'kz_iin', 'uz_pinfl', 'kg_pin', 'kr_rrn'))
);
INSERT INTO hr.service_setting DEFAULT VALUES;
ALTER TABLE hr.service_setting OWNER TO hr_owner;
ALTER TABLE hr.service_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE hr.service_setting FORCE ROW LEVEL SECURITY;
CREATE POLICY service_setting_read ON hr.service_setting FOR SELECT TO hr_login USING (true);
CREATE POLICY service_setting_definer ON hr.service_setting FOR SELECT TO hr_definer USING (true);
GRANT SELECT ON hr.service_setting TO hr_login, hr_definer;
CREATE TRIGGER zz_audit AFTER INSERT OR UPDATE OR DELETE ON hr.service_setting
	FOR EACH ROW EXECUTE FUNCTION audit.trg();

-- ---- personal data -----------------------------------------------------
ALTER TABLE hr.person
	ADD COLUMN gender      text CHECK (gender IN ('F', 'M')),
	ADD COLUMN citizenship text NOT NULL DEFAULT '' CHECK (length(citizenship) <= 60),
	ADD COLUMN phone       text NOT NULL DEFAULT '' CHECK (phone ~ '^[+]?[0-9 ()-]{0,24}$'),
	ADD COLUMN email       text NOT NULL DEFAULT ''
		CHECK (email = '' OR email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' AND length(email) <= 120),
	ADD COLUMN address     text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
	-- The form's identity: a retried save finds the person it already made.
	ADD COLUMN request_id  uuid,
	ADD COLUMN created_at  timestamptz NOT NULL DEFAULT now(),
	-- What incremental search matches: names and the ID number, lower case.
	ADD COLUMN search_text text GENERATED ALWAYS AS
		(lower(last_name || ' ' || first_name || ' ' || middle_name || ' ' ||
		       coalesce(personal_id, ''))) STORED;
ALTER TABLE hr.person
	ADD CONSTRAINT person_names_length CHECK (length(last_name) <= 100 AND
		length(first_name) <= 100 AND length(middle_name) <= 100),
	ADD CONSTRAINT person_names_nfc CHECK (last_name IS NFC NORMALIZED AND
		first_name IS NFC NORMALIZED AND middle_name IS NFC NORMALIZED AND
		citizenship IS NFC NORMALIZED AND address IS NFC NORMALIZED),
	ADD CONSTRAINT person_names_printable CHECK (last_name !~ '[[:cntrl:]]' AND
		first_name !~ '[[:cntrl:]]' AND middle_name !~ '[[:cntrl:]]'),
	ADD CONSTRAINT person_request_unique UNIQUE (org_id, request_id);
-- One person per personal ID number in the whole service.
ALTER TABLE hr.person DROP CONSTRAINT person_org_id_personal_id_key;
CREATE UNIQUE INDEX person_personal_id_idx ON hr.person (personal_id) WHERE personal_id IS NOT NULL;
CREATE INDEX person_org_search_idx ON hr.person USING gin (search_text gin_trgm_ops);
CREATE INDEX person_org_birth_idx ON hr.person (org_id, birth_date);

GRANT INSERT (gender, citizenship, phone, email, address, request_id),
      UPDATE (gender, citizenship, phone, email, address)
	ON hr.person TO hr_clerk, hr_head;

-- Personal data as it stood over time (transaction time): each change of a
-- person keeps the previous values with the period they were in force.
CREATE TABLE hr.person_history (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id    int NOT NULL REFERENCES hr.org (id),
	person_id bigint NOT NULL,
	valid     tstzrange NOT NULL,
	data      jsonb NOT NULL,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);
CREATE INDEX person_history_org_person_idx ON hr.person_history (org_id, person_id, valid);
SELECT admin.protect_tenant_table('person_history', 'hr_clerk, hr_head, hr_ministry', false);

CREATE FUNCTION hr.person_keep_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	since timestamptz;
BEGIN
	SELECT coalesce(max(upper(valid)), OLD.created_at) INTO since
	  FROM hr.person_history WHERE org_id = OLD.org_id AND person_id = OLD.id;
	INSERT INTO hr.person_history (org_id, person_id, valid, data)
	VALUES (OLD.org_id, OLD.id, tstzrange(since, now(), '[)'),
		to_jsonb(OLD) - 'search_text' - 'request_id');
	RETURN NULL;
END
$$;
ALTER FUNCTION hr.person_keep_history() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.person_keep_history() FROM PUBLIC;
CREATE POLICY person_history_owner ON hr.person_history FOR ALL TO hr_owner
	USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON hr.person_history TO hr_owner;
CREATE TRIGGER person_keep_history AFTER UPDATE ON hr.person
	FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)
	EXECUTE FUNCTION hr.person_keep_history();

-- ---- dated sections of the file ------------------------------------------
CREATE TABLE hr.education (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id      int NOT NULL REFERENCES hr.org (id),
	person_id   bigint NOT NULL,
	institution text NOT NULL CHECK (institution <> '' AND length(institution) <= 200),
	level       text NOT NULL CHECK (level IN ('secondary', 'vocational', 'bachelor', 'master',
		'specialist', 'doctorate', 'other')),
	major       text NOT NULL DEFAULT '' CHECK (length(major) <= 200),
	year_completed int CHECK (year_completed BETWEEN 1940 AND 2100),
	version     int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

CREATE TABLE hr.family_member (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     int NOT NULL REFERENCES hr.org (id),
	person_id  bigint NOT NULL,
	relation   text NOT NULL CHECK (relation IN ('spouse', 'child', 'parent', 'sibling', 'other')),
	full_name  text NOT NULL CHECK (full_name <> '' AND length(full_name) <= 200),
	birth_date date CHECK (birth_date > date '1900-01-01'),
	version    int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

-- The employment record book: service before this civil service, counted
-- in the length of service.
CREATE TABLE hr.prior_employment (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     int NOT NULL REFERENCES hr.org (id),
	person_id  bigint NOT NULL,
	employer   text NOT NULL CHECK (employer <> '' AND length(employer) <= 200),
	position   text NOT NULL DEFAULT '' CHECK (length(position) <= 200),
	start_date date NOT NULL CHECK (start_date > date '1940-01-01'),
	end_date   date NOT NULL CHECK (end_date >= start_date),
	counts_for_service bool NOT NULL DEFAULT true,
	version    int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

-- Grade and class rank over time; written only by signed orders (a later
-- migration grants nothing to clerks here).
CREATE TABLE hr.grade_history (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     int NOT NULL REFERENCES hr.org (id),
	person_id  bigint NOT NULL,
	grade      text NOT NULL CHECK (grade <> ''),
	class_rank text NOT NULL DEFAULT '',
	during     daterange NOT NULL CHECK (NOT isempty(during) AND lower(during) IS NOT NULL),
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id),
	EXCLUDE USING gist (person_id WITH =, during WITH &&)
);

CREATE TABLE hr.training (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     int NOT NULL REFERENCES hr.org (id),
	person_id  bigint NOT NULL,
	course     text NOT NULL CHECK (course <> '' AND length(course) <= 200),
	provider   text NOT NULL DEFAULT '' CHECK (length(provider) <= 200),
	hours      numeric(6,1) NOT NULL CHECK (hours > 0 AND hours <= 5000),
	start_date date NOT NULL CHECK (start_date > date '1940-01-01'),
	end_date   date NOT NULL CHECK (end_date >= start_date),
	version    int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

CREATE TABLE hr.award (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     int NOT NULL REFERENCES hr.org (id),
	person_id  bigint NOT NULL,
	award      text NOT NULL CHECK (award <> '' AND length(award) <= 200),
	awarded_on date NOT NULL CHECK (awarded_on > date '1940-01-01'),
	document   text NOT NULL DEFAULT '' CHECK (length(document) <= 200),
	version    int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

CREATE TABLE hr.penalty (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     int NOT NULL REFERENCES hr.org (id),
	person_id  bigint NOT NULL,
	penalty    text NOT NULL CHECK (penalty <> '' AND length(penalty) <= 200),
	imposed_on date NOT NULL CHECK (imposed_on > date '1940-01-01'),
	lifted_on  date CHECK (lifted_on >= imposed_on),
	reason     text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
	version    int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

CREATE TABLE hr.assessment (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id      int NOT NULL REFERENCES hr.org (id),
	person_id   bigint NOT NULL,
	assessed_on date NOT NULL CHECK (assessed_on > date '1940-01-01'),
	result      text NOT NULL CHECK (result IN ('excellent', 'good', 'satisfactory',
		'unsatisfactory')),
	note        text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	version     int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

-- Consent to the processing of personal data (a hire needs one on file).
CREATE TABLE hr.consent (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id       int NOT NULL REFERENCES hr.org (id),
	person_id    bigint NOT NULL,
	given_on     date NOT NULL CHECK (given_on > date '2000-01-01'),
	document     text NOT NULL CHECK (document <> '' AND length(document) <= 200),
	withdrawn_on date CHECK (withdrawn_on >= given_on),
	version      int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

-- Attachments, kept in the database: at most 5 MiB each, with the SHA-256
-- the server computes, so a damaged copy is recognised.
CREATE TABLE hr.document (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id      int NOT NULL REFERENCES hr.org (id),
	person_id   bigint NOT NULL,
	title       text NOT NULL CHECK (title <> '' AND length(title) <= 200),
	file_name   text NOT NULL CHECK (file_name ~ '^[^/\\]{1,200}$'),
	media_type  text NOT NULL DEFAULT 'application/octet-stream'
		CHECK (media_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
	content     bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 5242880),
	size        int NOT NULL GENERATED ALWAYS AS (octet_length(content)) STORED,
	sha256      text NOT NULL GENERATED ALWAYS AS (encode(sha256(content), 'hex')) STORED,
	uploaded_at timestamptz NOT NULL DEFAULT now(),
	version     int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['education', 'family_member', 'prior_employment', 'grade_history',
		'training', 'award', 'penalty', 'assessment', 'consent', 'document']
	LOOP
		EXECUTE format('CREATE INDEX %I ON hr.%I (org_id, person_id)', t || '_org_person_idx', t);
		PERFORM admin.protect_tenant_table(t, 'hr_clerk, hr_head, hr_ministry',
			t <> 'grade_history');
		-- Sections are corrected by deleting a wrong entry; the audit keeps it.
		IF t <> 'grade_history' THEN
			EXECUTE format('CREATE POLICY %I ON hr.%I FOR DELETE TO hr_clerk, hr_head
				USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))', t || '_delete', t);
			EXECUTE format('GRANT DELETE ON hr.%I TO hr_clerk, hr_head', t);
		END IF;
	END LOOP;
END
$$;

GRANT INSERT (org_id, person_id, institution, level, major, year_completed),
      UPDATE (institution, level, major, year_completed, version)
	ON hr.education TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, relation, full_name, birth_date),
      UPDATE (relation, full_name, birth_date, version)
	ON hr.family_member TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, employer, position, start_date, end_date, counts_for_service),
      UPDATE (employer, position, start_date, end_date, counts_for_service, version)
	ON hr.prior_employment TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, course, provider, hours, start_date, end_date),
      UPDATE (course, provider, hours, start_date, end_date, version)
	ON hr.training TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, award, awarded_on, document),
      UPDATE (award, awarded_on, document, version)
	ON hr.award TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, penalty, imposed_on, lifted_on, reason),
      UPDATE (penalty, imposed_on, lifted_on, reason, version)
	ON hr.penalty TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, assessed_on, result, note),
      UPDATE (assessed_on, result, note, version)
	ON hr.assessment TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, given_on, document, withdrawn_on),
      UPDATE (given_on, document, withdrawn_on, version)
	ON hr.consent TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, title, file_name, media_type, content),
      UPDATE (title, version)
	ON hr.document TO hr_clerk, hr_head;

-- ---- drafts: unsaved forms survive a dropped session -----------------------
-- Schema work holds a login's own scratch data, not the personnel file: a
-- draft is private to the login that typed it (not even its organisation
-- reads it) and is not audited (it is saved on every field a clerk leaves).
CREATE SCHEMA work AUTHORIZATION hr_owner;
REVOKE ALL ON SCHEMA work FROM PUBLIC;
GRANT USAGE ON SCHEMA work TO hr_clerk, hr_head;
CREATE TABLE work.draft (
	login    text NOT NULL DEFAULT session_user,
	form     text NOT NULL CHECK (form ~ '^[a-z_]{1,40}$'),
	record   text NOT NULL DEFAULT '' CHECK (length(record) <= 100),
	payload  jsonb NOT NULL CHECK (octet_length(payload::text) <= 65536),
	saved_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (login, form, record)
);
ALTER TABLE work.draft OWNER TO hr_owner;
ALTER TABLE work.draft ENABLE ROW LEVEL SECURITY;
ALTER TABLE work.draft FORCE ROW LEVEL SECURITY;
CREATE POLICY draft_own ON work.draft FOR ALL TO hr_clerk, hr_head
	USING (login = session_user) WITH CHECK (login = session_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON work.draft TO hr_clerk, hr_head;

-- ---- definer functions that look across organisations --------------------
-- Is this personal ID number on file anywhere?  'none', 'own' (a person of
-- an organisation the login sees, with its id) or 'elsewhere' (nothing more).
CREATE FUNCTION hr.personal_id_status(p_personal_id text, OUT status text, OUT person_id bigint)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_org int;
	v_id bigint;
BEGIN
	SELECT p.org_id, p.id INTO v_org, v_id FROM hr.person p WHERE p.personal_id = p_personal_id;
	IF NOT FOUND THEN
		status := 'none';
	ELSIF v_org = ANY (hr.visible_orgs()) THEN
		status := 'own';
		person_id := v_id;
	ELSE
		status := 'elsewhere';
	END IF;
END
$$;

-- The change history of one record the login may see, field by field, from
-- the audit trail: when, who, what operation, which field, old and new value.
CREATE FUNCTION hr.record_history(p_table text, p_id bigint)
	RETURNS TABLE (at timestamptz, login text, op text, field text, old_value text, new_value text)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_table NOT IN ('person', 'employment', 'assignment', 'education', 'family_member',
		'prior_employment', 'grade_history', 'training', 'award', 'penalty', 'assessment',
		'consent', 'document') THEN
		RAISE EXCEPTION 'no history is kept for "%"', p_table USING ERRCODE = '22023';
	END IF;
	RETURN QUERY
	SELECT l.at, l.login, l.op, f.key,
	       l.old_row ->> f.key, l.new_row ->> f.key
	  FROM audit.log l
	  CROSS JOIN LATERAL (
		-- An update lists each field it changed; a created or deleted
		-- record is one line.
		SELECT k AS key FROM jsonb_object_keys(l.new_row) k
		 WHERE l.op = 'UPDATE' AND (l.old_row -> k) IS DISTINCT FROM (l.new_row -> k)
		   AND k NOT IN ('id', 'org_id', 'version', 'search_text', 'request_id', 'content',
			'created_at')
		UNION ALL SELECT NULL WHERE l.op <> 'UPDATE') f
	 WHERE l.table_name = p_table
	   AND (coalesce(l.new_row, l.old_row) ->> 'id')::bigint = p_id
	   AND l.org_id = ANY (hr.visible_orgs())
	 ORDER BY l.at, l.id, f.key;
END
$$;

ALTER FUNCTION hr.personal_id_status(text) OWNER TO hr_definer;
ALTER FUNCTION hr.record_history(text, bigint) OWNER TO hr_definer;
REVOKE ALL ON FUNCTION hr.personal_id_status(text), hr.record_history(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.personal_id_status(text) TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.record_history(text, bigint) TO hr_clerk, hr_head, hr_ministry;
GRANT SELECT ON hr.person TO hr_definer;
CREATE POLICY person_definer ON hr.person FOR SELECT TO hr_definer USING (true);
GRANT USAGE ON SCHEMA audit TO hr_definer;
GRANT SELECT ON audit.log TO hr_definer;
CREATE POLICY log_definer ON audit.log FOR SELECT TO hr_definer USING (true);
CREATE INDEX log_table_row_idx ON audit.log (table_name, ((coalesce(new_row, old_row) ->> 'id')::bigint));
