-- 012_orders.sql - personnel orders: the only way a person's service changes.
--
-- A clerk keys an order (hr.hr_order) with one line per employee
-- (hr.order_line) as a draft; hr.order_problems lists every rule it breaks,
-- hr.order_preview the exact records signing would write; a head signs it
-- (hr.order_sign): the next number of its register, every effect, the
-- rendered text and the signature in one transaction.  Each effect is kept
-- with the row before and after (hr.order_effect), so a cancelling order
-- restores the file exactly, and refuses when a later change touched it.
--
-- Employment and assignments are no longer written by logins directly: the
-- signing functions run as hr_orders, a NOLOGIN role that holds the clerk's
-- rights plus those writes.  hr.visible_orgs() still answers for the login
-- (session_user), so a definer function acts inside the login's own
-- organisation only.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'hr_orders') THEN
		CREATE ROLE hr_orders NOLOGIN;
	END IF;
	ALTER ROLE hr_orders NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
END
$$;
GRANT hr_clerk TO hr_orders;
GRANT USAGE ON SCHEMA hr TO hr_orders;

-- ---- the file changes only through orders ----------------------------------------
REVOKE INSERT, UPDATE ON hr.employment, hr.assignment FROM hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, personnel_no, hire_date, end_date),
      UPDATE (personnel_no, hire_date, end_date, version), DELETE
	ON hr.employment TO hr_orders;
GRANT INSERT (org_id, employment_id, position_id, rate, during),
      UPDATE (position_id, rate, during, version), DELETE
	ON hr.assignment TO hr_orders;
GRANT INSERT (org_id, person_id, grade, class_rank, during), UPDATE (grade, class_rank, during),
      DELETE ON hr.grade_history TO hr_orders;
CREATE POLICY employment_orders ON hr.employment FOR DELETE TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
CREATE POLICY assignment_orders ON hr.assignment FOR DELETE TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
CREATE POLICY grade_history_orders ON hr.grade_history FOR ALL TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));

-- Which line of which order made a record, and why service ended.
ALTER TABLE hr.employment ADD COLUMN order_line_id bigint,
	ADD COLUMN end_reason text CHECK (end_reason IN ('own_request', 'agreement',
		'contract_end', 'retirement', 'discipline', 'health', 'death', 'transfer', 'other'));
ALTER TABLE hr.assignment ADD COLUMN order_line_id bigint;
ALTER TABLE hr.grade_history ADD COLUMN order_line_id bigint;
ALTER TABLE hr.award ADD COLUMN order_line_id bigint;
ALTER TABLE hr.penalty ADD COLUMN order_line_id bigint;
GRANT INSERT (order_line_id, end_reason), UPDATE (end_reason) ON hr.employment TO hr_orders;
GRANT INSERT (order_line_id) ON hr.assignment, hr.grade_history TO hr_orders;
GRANT INSERT (order_line_id) ON hr.award, hr.penalty TO hr_orders;
GRANT UPDATE (lifted_on) ON hr.penalty TO hr_orders;

-- ---- records only orders write ---------------------------------------------------
-- Leave and business trips: one period at a time per person.
CREATE TABLE hr.absence (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id        int NOT NULL REFERENCES hr.org (id),
	person_id     bigint NOT NULL,
	employment_id bigint NOT NULL,
	kind          text NOT NULL CHECK (kind IN ('leave', 'trip')),
	leave_type    text CHECK (leave_type IN ('annual', 'unpaid', 'study', 'maternity',
		'sick', 'other')),
	destination   text NOT NULL DEFAULT '' CHECK (length(destination) <= 200),
	purpose       text NOT NULL DEFAULT '' CHECK (length(purpose) <= 300),
	during        daterange NOT NULL CHECK (NOT isempty(during) AND lower(during) IS NOT NULL
		AND upper(during) IS NOT NULL),
	order_line_id bigint,
	version       int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id),
	FOREIGN KEY (org_id, employment_id) REFERENCES hr.employment (org_id, id),
	CHECK ((kind = 'leave') = (leave_type IS NOT NULL)),
	CONSTRAINT absence_no_overlap EXCLUDE USING gist (person_id WITH =, during WITH &&)
);
CREATE INDEX absence_org_person_idx ON hr.absence (org_id, person_id);

-- Pay scale step and allowance (per cent) over time, per employment.
CREATE TABLE hr.pay_history (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id        int NOT NULL REFERENCES hr.org (id),
	person_id     bigint NOT NULL,
	employment_id bigint NOT NULL,
	pay_scale     text NOT NULL CHECK (pay_scale <> '' AND length(pay_scale) <= 20),
	allowance     numeric(6,2) NOT NULL DEFAULT 0 CHECK (allowance BETWEEN 0 AND 500),
	during        daterange NOT NULL CHECK (NOT isempty(during) AND lower(during) IS NOT NULL),
	order_line_id bigint,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id),
	FOREIGN KEY (org_id, employment_id) REFERENCES hr.employment (org_id, id),
	CONSTRAINT pay_history_no_overlap EXCLUDE USING gist (employment_id WITH =, during WITH &&)
);
CREATE INDEX pay_history_org_person_idx ON hr.pay_history (org_id, person_id);

-- A service obligation (after training abroad, for instance): the person
-- may not leave by own request within it.  Keyed by clerks from the agreement.
CREATE TABLE hr.service_obligation (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id    int NOT NULL REFERENCES hr.org (id),
	person_id bigint NOT NULL,
	during    daterange NOT NULL CHECK (NOT isempty(during) AND lower(during) IS NOT NULL),
	reason    text NOT NULL CHECK (reason <> '' AND length(reason) <= 300),
	version   int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id)
);
CREATE INDEX service_obligation_org_person_idx ON hr.service_obligation (org_id, person_id);

SELECT admin.protect_tenant_table('absence', 'hr_clerk, hr_head, hr_ministry', false);
SELECT admin.protect_tenant_table('pay_history', 'hr_clerk, hr_head, hr_ministry', false);
SELECT admin.protect_tenant_table('service_obligation', 'hr_clerk, hr_head, hr_ministry', true);
CREATE POLICY service_obligation_delete ON hr.service_obligation FOR DELETE TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT (org_id, person_id, during, reason), UPDATE (during, reason, version), DELETE
	ON hr.service_obligation TO hr_clerk, hr_head;
CREATE POLICY absence_orders ON hr.absence FOR ALL TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
CREATE POLICY pay_history_orders ON hr.pay_history FOR ALL TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT (org_id, person_id, employment_id, kind, leave_type, destination, purpose, during,
	order_line_id), UPDATE (during, version), DELETE ON hr.absence TO hr_orders;
GRANT INSERT (org_id, person_id, employment_id, pay_scale, allowance, during, order_line_id),
	UPDATE (pay_scale, allowance, during), DELETE ON hr.pay_history TO hr_orders;

-- ---- kinds, registers, settings ------------------------------------------------------
-- The kinds of order; the register a new order of the kind goes to by default.
CREATE TABLE hr.order_kind (
	code     text PRIMARY KEY,
	label    text NOT NULL,
	register text NOT NULL,
	ord      int NOT NULL UNIQUE
);
INSERT INTO hr.order_kind (code, label, register, ord) VALUES
	('hire', 'Hire', 'P', 1), ('transfer', 'Transfer', 'P', 2),
	('grade', 'Grade or class rank', 'P', 3), ('pay', 'Pay scale or allowance', 'P', 4),
	('personal', 'Change of personal data', 'P', 5), ('leave', 'Leave', 'L', 6),
	('recall', 'Recall from leave', 'L', 7), ('trip', 'Business trip', 'T', 8),
	('award', 'Award', 'P', 9), ('penalty', 'Disciplinary penalty', 'P', 10),
	('penalty_lift', 'Lifting of a penalty', 'P', 11), ('dismissal', 'Dismissal', 'P', 12),
	('transfer_out', 'Transfer to another organisation', 'P', 13),
	('cancel', 'Cancellation of an order', 'P', 14);
ALTER TABLE hr.order_kind OWNER TO hr_owner;
ALTER TABLE hr.order_kind ENABLE ROW LEVEL SECURITY;
ALTER TABLE hr.order_kind FORCE ROW LEVEL SECURITY;
CREATE POLICY order_kind_read ON hr.order_kind FOR SELECT TO hr_login, hr_orders USING (true);
GRANT SELECT ON hr.order_kind TO hr_login, hr_orders;
CREATE TRIGGER zz_audit AFTER INSERT OR UPDATE OR DELETE ON hr.order_kind
	FOR EACH ROW EXECUTE FUNCTION audit.trg();

-- Rule data and the language orders are printed in, per organisation.
CREATE TABLE hr.order_setting (
	org_id   int PRIMARY KEY REFERENCES hr.org (id),
	language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru')),
	-- The same award not again within this many years (0: no limit).
	award_repeat_years int NOT NULL DEFAULT 0 CHECK (award_repeat_years BETWEEN 0 AND 50),
	-- No dismissal by own request within a service obligation.
	obligation_blocks_own_request bool NOT NULL DEFAULT true,
	version  int NOT NULL DEFAULT 1
);
SELECT admin.protect_tenant_table('order_setting', 'hr_clerk, hr_head, hr_ministry', false);
CREATE POLICY order_setting_head ON hr.order_setting FOR UPDATE TO hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT UPDATE (language, award_repeat_years, obligation_blocks_own_request, version)
	ON hr.order_setting TO hr_head;

-- Registers: each numbers its orders from 1 every year, without a gap.
-- The pattern takes {n}, {register} (the code), {yy} and {yyyy}.
CREATE TABLE hr.order_register (
	id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id  int NOT NULL REFERENCES hr.org (id),
	code    text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,8}$'),
	name    text NOT NULL CHECK (name <> '' AND length(name) <= 100),
	pattern text NOT NULL DEFAULT '{n}-{register}/{yy}'
		CHECK (pattern LIKE '%{n}%' AND length(pattern) <= 60 AND pattern !~ '[[:cntrl:]]'),
	version int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	UNIQUE (org_id, code)
);
SELECT admin.protect_tenant_table('order_register', 'hr_clerk, hr_head, hr_ministry', false);
CREATE POLICY order_register_head_insert ON hr.order_register FOR INSERT TO hr_head
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
CREATE POLICY order_register_head_update ON hr.order_register FOR UPDATE TO hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT (org_id, code, name, pattern), UPDATE (name, pattern, version)
	ON hr.order_register TO hr_head;

-- The last number given per register and year; written only by signing.
CREATE TABLE hr.order_counter (
	org_id      int NOT NULL REFERENCES hr.org (id),
	register_id bigint NOT NULL,
	year        int NOT NULL CHECK (year BETWEEN 2000 AND 2200),
	last_no     int NOT NULL CHECK (last_no > 0),
	PRIMARY KEY (org_id, register_id, year),
	FOREIGN KEY (org_id, register_id) REFERENCES hr.order_register (org_id, id)
);
SELECT admin.protect_tenant_table('order_counter', 'hr_clerk, hr_head, hr_ministry', false);
CREATE POLICY order_counter_orders ON hr.order_counter FOR ALL TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT, UPDATE (last_no) ON hr.order_counter TO hr_orders;

-- Every organisation starts with three registers and default settings.
CREATE FUNCTION hr.org_order_defaults() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO hr.order_setting (org_id) VALUES (NEW.id);
	INSERT INTO hr.order_register (org_id, code, name) VALUES
		(NEW.id, 'P', 'Personnel'), (NEW.id, 'L', 'Leave'), (NEW.id, 'T', 'Business trips');
	RETURN NULL;
END
$$;
CREATE TRIGGER org_order_defaults AFTER INSERT ON hr.org
	FOR EACH ROW EXECUTE FUNCTION hr.org_order_defaults();
INSERT INTO hr.order_setting (org_id) SELECT id FROM hr.org;
INSERT INTO hr.order_register (org_id, code, name)
SELECT o.id, r.code, r.name FROM hr.org o
 CROSS JOIN (VALUES ('P', 'Personnel'), ('L', 'Leave'), ('T', 'Business trips')) r (code, name);

-- ---- orders and their lines -----------------------------------------------------------
CREATE TABLE hr.hr_order (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id      int NOT NULL REFERENCES hr.org (id),
	kind        text NOT NULL REFERENCES hr.order_kind (code),
	register_id bigint NOT NULL,
	status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed', 'cancelled')),
	basis       text NOT NULL DEFAULT '' CHECK (length(basis) <= 500 AND basis !~ '[[:cntrl:]]'),
	-- A cancelling order names the order it reverses.
	cancels_id  bigint,
	order_date  date,
	year        int,
	number      int,
	number_text text,
	signed_by   text,
	signed_at   timestamptz,
	signed_text text,
	cancelled_by_id bigint,
	request_id  uuid,
	created_by  text NOT NULL DEFAULT session_user,
	created_at  timestamptz NOT NULL DEFAULT now(),
	version     int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	UNIQUE (org_id, request_id),
	CONSTRAINT hr_order_number_unique UNIQUE (org_id, register_id, year, number),
	FOREIGN KEY (org_id, register_id) REFERENCES hr.order_register (org_id, id),
	FOREIGN KEY (org_id, cancels_id) REFERENCES hr.hr_order (org_id, id),
	FOREIGN KEY (org_id, cancelled_by_id) REFERENCES hr.hr_order (org_id, id),
	CHECK ((status = 'draft') = (number IS NULL)),
	CHECK ((status = 'draft') = (signed_text IS NULL)),
	CHECK ((kind = 'cancel') = (cancels_id IS NOT NULL))
);
CREATE INDEX hr_order_org_status_idx ON hr.hr_order (org_id, status, id DESC);
CREATE INDEX hr_order_org_number_idx ON hr.hr_order (org_id, number_text);

CREATE TABLE hr.order_line (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id       int NOT NULL REFERENCES hr.org (id),
	order_id     bigint NOT NULL,
	line_no      int NOT NULL CHECK (line_no BETWEEN 1 AND 10000),
	person_id    bigint NOT NULL,
	effective    date NOT NULL CHECK (effective > date '1940-01-01'),
	until        date CHECK (until >= effective),
	position_id  bigint,
	rate         numeric(4,2) CHECK (rate > 0 AND rate <= 2),
	personnel_no text CHECK (personnel_no <> '' AND length(personnel_no) <= 20),
	grade        text CHECK (grade <> '' AND length(grade) <= 20),
	class_rank   text CHECK (length(class_rank) <= 40),
	pay_scale    text CHECK (pay_scale <> '' AND length(pay_scale) <= 20),
	allowance    numeric(6,2) CHECK (allowance BETWEEN 0 AND 500),
	leave_type   text CHECK (leave_type IN ('annual', 'unpaid', 'study', 'maternity', 'sick',
		'other')),
	destination  text CHECK (length(destination) <= 200),
	purpose      text CHECK (length(purpose) <= 300),
	award        text CHECK (award <> '' AND length(award) <= 200),
	penalty      text CHECK (penalty <> '' AND length(penalty) <= 200),
	penalty_id   bigint,
	absence_id   bigint,
	reason       text CHECK (length(reason) <= 500),
	end_reason   text CHECK (end_reason IN ('own_request', 'agreement', 'contract_end',
		'retirement', 'discipline', 'health', 'death', 'other')),
	-- A transfer to another organisation: where to.
	to_org_id    int REFERENCES hr.org (id),
	last_name    text CHECK (last_name <> '' AND length(last_name) <= 100),
	first_name   text CHECK (first_name <> '' AND length(first_name) <= 100),
	middle_name  text CHECK (length(middle_name) <= 100),
	document     text CHECK (length(document) <= 200),
	version      int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	CONSTRAINT order_line_no_unique UNIQUE (org_id, order_id, line_no),
	FOREIGN KEY (org_id, order_id) REFERENCES hr.hr_order (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id),
	FOREIGN KEY (org_id, position_id) REFERENCES hr.position (org_id, id),
	-- A draft recall or lifting whose leave or penalty a cancelling order
	-- removed loses the reference (it is looked up by its day again).
	FOREIGN KEY (org_id, penalty_id) REFERENCES hr.penalty (org_id, id)
		ON DELETE SET NULL (penalty_id),
	FOREIGN KEY (org_id, absence_id) REFERENCES hr.absence (org_id, id)
		ON DELETE SET NULL (absence_id),
	CHECK (destination IS NULL OR destination !~ '[[:cntrl:]]'),
	CHECK (purpose IS NULL OR purpose !~ '[[:cntrl:]]'),
	CHECK (reason IS NULL OR reason !~ '[[:cntrl:]]'),
	CHECK (last_name IS NULL OR last_name IS NFC NORMALIZED AND last_name !~ '[[:cntrl:]]'),
	CHECK (first_name IS NULL OR first_name IS NFC NORMALIZED AND first_name !~ '[[:cntrl:]]'),
	CHECK (middle_name IS NULL OR middle_name IS NFC NORMALIZED AND middle_name !~ '[[:cntrl:]]')
);
CREATE INDEX order_line_org_person_idx ON hr.order_line (org_id, person_id);

-- What signing did, one row per record written, with the row before (NULL
-- for a new record) and after: the cancelling order undoes it from here.
CREATE TABLE hr.order_effect (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id      int NOT NULL REFERENCES hr.org (id),
	order_id    bigint NOT NULL,
	line_id     bigint,
	seq         int NOT NULL,
	action      text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	table_name  text NOT NULL,
	row_id      bigint NOT NULL,
	description text NOT NULL,
	before      jsonb,
	after       jsonb,
	UNIQUE (org_id, id),
	UNIQUE (org_id, order_id, seq),
	FOREIGN KEY (org_id, order_id) REFERENCES hr.hr_order (org_id, id)
);

SELECT admin.protect_tenant_table('hr_order', 'hr_clerk, hr_head, hr_ministry', false);
SELECT admin.protect_tenant_table('order_line', 'hr_clerk, hr_head, hr_ministry', false);
SELECT admin.protect_tenant_table('order_effect', 'hr_clerk, hr_head, hr_ministry', false);
-- Clerks and heads key drafts; a signed order is read only for them.
CREATE POLICY hr_order_insert ON hr.hr_order FOR INSERT TO hr_clerk, hr_head
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]) AND status = 'draft');
CREATE POLICY hr_order_update ON hr.hr_order FOR UPDATE TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]) AND status = 'draft')
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]) AND status = 'draft');
CREATE POLICY hr_order_delete ON hr.hr_order FOR DELETE TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]) AND status = 'draft');
CREATE POLICY hr_order_orders ON hr.hr_order FOR UPDATE TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT (org_id, kind, register_id, basis, cancels_id, request_id),
      UPDATE (register_id, basis, version), DELETE ON hr.hr_order TO hr_clerk, hr_head;
GRANT UPDATE (status, order_date, year, number, number_text, signed_by, signed_at, signed_text,
	cancelled_by_id) ON hr.hr_order TO hr_orders;
-- Lines belong to a draft: the guard below refuses them on any other order.
CREATE POLICY order_line_insert ON hr.order_line FOR INSERT TO hr_clerk, hr_head
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
CREATE POLICY order_line_update ON hr.order_line FOR UPDATE TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
CREATE POLICY order_line_delete ON hr.order_line FOR DELETE TO hr_clerk, hr_head
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT (org_id, order_id, line_no, person_id, effective, until, position_id, rate,
	personnel_no, grade, class_rank, pay_scale, allowance, leave_type, destination, purpose,
	award, penalty, penalty_id, absence_id, reason, end_reason, last_name, first_name,
	middle_name, document, to_org_id),
      UPDATE (line_no, person_id, effective, until, position_id, rate, personnel_no, grade,
	class_rank, pay_scale, allowance, leave_type, destination, purpose, award, penalty,
	penalty_id, absence_id, reason, end_reason, last_name, first_name, middle_name, document,
	to_org_id, version), DELETE ON hr.order_line TO hr_clerk, hr_head;
CREATE POLICY order_effect_orders ON hr.order_effect FOR INSERT TO hr_orders
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT (org_id, order_id, line_id, seq, action, table_name, row_id, description, before,
	after) ON hr.order_effect TO hr_orders;

CREATE FUNCTION hr.order_line_guard() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.order_line := coalesce(NEW, OLD);
	v_status text;
	v_kind text;
BEGIN
	SELECT status, kind INTO v_status, v_kind FROM hr.hr_order
	 WHERE org_id = r.org_id AND id = r.order_id;
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
CREATE TRIGGER order_line_guard BEFORE INSERT OR UPDATE OR DELETE ON hr.order_line
	FOR EACH ROW EXECUTE FUNCTION hr.order_line_guard();

-- A signed order stays as signed: only its cancellation is recorded later.
CREATE FUNCTION hr.hr_order_guard() RETURNS trigger LANGUAGE plpgsql
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
CREATE TRIGGER hr_order_guard BEFORE UPDATE ON hr.hr_order
	FOR EACH ROW WHEN (OLD.status <> 'draft') EXECUTE FUNCTION hr.hr_order_guard();

-- ---- helpers ----------------------------------------------------------------------------
-- "Surname Name Middle" of a person.
CREATE FUNCTION hr.person_name(p_org int, p_person bigint) RETURNS text
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT btrim(last_name || ' ' || first_name || ' ' || middle_name) FROM hr.person
	 WHERE org_id = p_org AND id = p_person
$$;

-- The employment of a person in force on a day.
CREATE FUNCTION hr.employment_on(p_org int, p_person bigint, p_day date) RETURNS hr.employment
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM hr.employment WHERE org_id = p_org AND person_id = p_person
	   AND hire_date <= p_day AND (end_date IS NULL OR end_date >= p_day)
	 ORDER BY hire_date DESC LIMIT 1
$$;

-- The least vacant rate of a position over a period (NULL: the position
-- does not exist on some day of it); `p_except` is an assignment not to count.
CREATE FUNCTION hr.position_free(p_org int, p_position bigint, p_during daterange,
	p_except bigint) RETURNS numeric
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH a AS (
		SELECT during, rate FROM hr.assignment
		 WHERE org_id = p_org AND position_id = p_position AND during && p_during
		   AND id IS DISTINCT FROM p_except),
	v AS (
		SELECT valid, rates FROM hr.position_version
		 WHERE org_id = p_org AND position_id = p_position AND valid && p_during),
	points AS (
		SELECT lower(p_during) AS d
		UNION SELECT lower(during) FROM a UNION SELECT upper(during) FROM a
		UNION SELECT lower(valid) FROM v UNION SELECT upper(valid) FROM v)
	SELECT min(coalesce(v.rates, -1) - coalesce(f.filled, 0))
	  FROM points
	 CROSS JOIN LATERAL (SELECT sum(a.rate) AS filled FROM a WHERE a.during @> points.d) f
	  LEFT JOIN v ON v.valid @> points.d
	 WHERE points.d IS NOT NULL AND p_during @> points.d
$$;

-- What a position looks like on a day after an order's change, for its
-- preview: '"Specialist" then has 2.50 of 3.00 rates filled'.
CREATE FUNCTION hr.position_fill_text(p_org int, p_position bigint, p_day date) RETURNS text
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT format('"%s" then has %s of %s rates filled', v.title,
		coalesce((SELECT sum(a.rate) FROM hr.assignment a WHERE a.org_id = p_org
			AND a.position_id = p_position AND a.during @> p_day), 0)::numeric(6,2),
		v.rates)
	  FROM hr.position_version v
	 WHERE v.org_id = p_org AND v.position_id = p_position AND v.valid @> p_day
$$;

CREATE FUNCTION hr.leave_type_text(p_type text) RETURNS text LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE p_type WHEN 'annual' THEN 'annual paid leave' WHEN 'unpaid' THEN 'unpaid leave'
		WHEN 'study' THEN 'study leave' WHEN 'maternity' THEN 'maternity leave'
		WHEN 'sick' THEN 'sick leave' ELSE 'leave' END
$$;

CREATE FUNCTION hr.end_reason_text(p_reason text) RETURNS text LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE p_reason WHEN 'own_request' THEN 'at own request'
		WHEN 'agreement' THEN 'by agreement of the parties'
		WHEN 'contract_end' THEN 'at the end of the contract' WHEN 'retirement' THEN 'on retirement'
		WHEN 'discipline' THEN 'for a disciplinary offence' WHEN 'health' THEN 'on health grounds'
		WHEN 'death' THEN 'on death'
		WHEN 'transfer' THEN 'on transfer to another organisation' ELSE 'for another reason' END
$$;

-- ---- the rules ----------------------------------------------------------------------------
-- Everything that stops an order from being signed ('error') and what the
-- signer should know ('warning'), one row each, by line.  Runs as the
-- login: it sees what the login sees.
CREATE FUNCTION hr.order_problems(p_order bigint)
	RETURNS TABLE (line_no int, person text, severity text, problem text)
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	l hr.order_line;
	s hr.order_setting;
	e hr.employment;
	a hr.assignment;
	v_free numeric;
	v_text text;
	v_day date;
	v_lines int := 0;
BEGIN
	SELECT * INTO o FROM hr.hr_order WHERE id = p_order;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO s FROM hr.order_setting WHERE org_id = o.org_id;
	IF o.kind = 'cancel' THEN
		FOR line_no, person, severity, problem IN
			SELECT NULL::int, NULL::text, 'error', p FROM hr.order_cancel_problems(o) p LOOP
			RETURN NEXT;
		END LOOP;
		RETURN;
	END IF;
	FOR l IN SELECT * FROM hr.order_line WHERE org_id = o.org_id AND order_id = o.id
		ORDER BY order_line.line_no LOOP
		v_lines := v_lines + 1;
		line_no := l.line_no;
		person := hr.person_name(l.org_id, l.person_id);
		severity := 'error';
		e := hr.employment_on(l.org_id, l.person_id, l.effective);
		-- A file that moved on with a transfer takes no more orders here.
		v_text := NULL;
		IF (SELECT p.moved_to FROM hr.person p WHERE p.org_id = l.org_id AND p.id = l.person_id)
		   IS NOT NULL THEN
			SELECT x.name INTO v_text FROM hr.person p JOIN hr.service_orgs() x ON x.id = p.moved_to
			 WHERE p.org_id = l.org_id AND p.id = l.person_id;
		END IF;
		IF v_text IS NOT NULL THEN
			problem := format('the file moved to %s with a transfer; it takes no more orders here',
				v_text);
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF o.kind = 'hire' THEN
			IF e.id IS NOT NULL THEN
				problem := format('already employed on %s (personnel no. %s)',
					hr.day_text(l.effective), e.personnel_no);
				RETURN NEXT;
			ELSIF EXISTS (SELECT 1 FROM hr.employment x WHERE x.org_id = l.org_id
				AND x.person_id = l.person_id AND x.hire_date > l.effective) THEN
				problem := 'a later employment is already on file';
				RETURN NEXT;
			END IF;
			IF l.personnel_no IS NULL THEN
				problem := 'a personnel number is needed';
				RETURN NEXT;
			ELSIF EXISTS (SELECT 1 FROM hr.employment x WHERE x.org_id = l.org_id
				AND x.personnel_no = l.personnel_no) OR EXISTS (SELECT 1 FROM hr.order_line y
				WHERE y.org_id = l.org_id AND y.order_id = l.order_id
				  AND y.personnel_no = l.personnel_no AND y.line_no < l.line_no) THEN
				problem := format('personnel number %s is taken', l.personnel_no);
				RETURN NEXT;
			END IF;
			IF NOT EXISTS (SELECT 1 FROM hr.consent c WHERE c.org_id = l.org_id
				AND c.person_id = l.person_id AND c.given_on <= l.effective
				AND (c.withdrawn_on IS NULL OR c.withdrawn_on > l.effective)) THEN
				problem := 'no consent to the processing of personal data is on file';
				RETURN NEXT;
			END IF;
		ELSIF e.id IS NULL THEN
			problem := format('not employed on %s', hr.day_text(l.effective));
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF o.kind IN ('hire', 'transfer') THEN
			SELECT * INTO a FROM hr.assignment x WHERE x.org_id = l.org_id
			   AND x.employment_id = e.id AND x.during @> l.effective;
			IF l.position_id IS NULL THEN
				problem := 'a position is needed';
				RETURN NEXT;
			ELSE
				v_free := hr.position_free(l.org_id, l.position_id,
					daterange(l.effective, NULL), a.id);
				-- Earlier lines of this order take rates of the same position.
				v_free := v_free - coalesce((SELECT sum(coalesce(y.rate, 1)) FROM hr.order_line y
					WHERE y.org_id = l.org_id AND y.order_id = l.order_id
					  AND y.position_id = l.position_id AND y.line_no < l.line_no), 0);
				IF v_free IS NULL OR v_free < 0 AND NOT EXISTS (SELECT 1 FROM hr.position_version pv
					WHERE pv.org_id = l.org_id AND pv.position_id = l.position_id
					  AND pv.valid @> l.effective) THEN
					problem := format('position "%s" does not exist on %s',
						hr.position_title(l.org_id, l.position_id, l.effective),
						hr.day_text(l.effective));
					RETURN NEXT;
				ELSIF v_free < coalesce(l.rate, 1) THEN
					problem := format('position "%s" has no vacant %s rate from %s (vacant: %s)',
						hr.position_title(l.org_id, l.position_id, l.effective),
						coalesce(l.rate, 1), hr.day_text(l.effective), greatest(v_free, 0));
					RETURN NEXT;
				END IF;
			END IF;
			IF o.kind = 'transfer' AND a.id IS NULL THEN
				problem := format('holds no position on %s', hr.day_text(l.effective));
				RETURN NEXT;
			ELSIF o.kind = 'transfer' AND a.position_id = l.position_id
			      AND a.rate = coalesce(l.rate, a.rate) THEN
				problem := 'already holds this position at this rate';
				RETURN NEXT;
			END IF;
			IF o.kind = 'transfer' AND EXISTS (SELECT 1 FROM hr.assignment x
				WHERE x.org_id = l.org_id AND x.employment_id = e.id
				  AND lower(x.during) > l.effective) THEN
				problem := 'a later transfer is already on file; cancel it first';
				RETURN NEXT;
			END IF;
		ELSIF o.kind = 'grade' AND l.grade IS NULL THEN
			problem := 'a grade is needed';
			RETURN NEXT;
		ELSIF o.kind = 'pay' AND l.pay_scale IS NULL THEN
			problem := 'a pay scale step is needed';
			RETURN NEXT;
		ELSIF o.kind = 'personal' THEN
			IF l.last_name IS NULL AND l.first_name IS NULL AND l.middle_name IS NULL THEN
				problem := 'the new name is missing';
				RETURN NEXT;
			END IF;
			IF coalesce(l.document, '') = '' THEN
				problem := 'the supporting document is needed';
				RETURN NEXT;
			END IF;
			v_text := hr.name_problem(coalesce(l.last_name, 'A'));
			IF v_text IS NULL THEN
				v_text := hr.name_problem(coalesce(l.first_name, 'A'));
			END IF;
			IF v_text IS NOT NULL THEN
				problem := v_text;
				RETURN NEXT;
			END IF;
		ELSIF o.kind IN ('leave', 'trip') THEN
			IF l.until IS NULL THEN
				problem := 'the last day is needed';
				RETURN NEXT;
			ELSE
				IF o.kind = 'leave' AND l.leave_type IS NULL THEN
					problem := 'the type of leave is needed';
					RETURN NEXT;
				END IF;
				IF o.kind = 'trip' AND coalesce(l.destination, '') = '' THEN
					problem := 'the destination is needed';
					RETURN NEXT;
				END IF;
				IF e.end_date IS NOT NULL AND l.until > e.end_date THEN
					problem := format('employment ends on %s', hr.day_text(e.end_date));
					RETURN NEXT;
				END IF;
				SELECT string_agg(CASE x.kind WHEN 'leave' THEN 'leave' ELSE 'business trip' END
					|| ' ' || hr.day_text(lower(x.during)) || '–'
					|| hr.day_text(upper(x.during) - 1), ', ') INTO v_text
				  FROM hr.absence x WHERE x.org_id = l.org_id AND x.person_id = l.person_id
				   AND x.during && daterange(l.effective, l.until, '[]');
				IF v_text IS NOT NULL THEN
					problem := 'overlaps ' || v_text;
					RETURN NEXT;
				END IF;
				IF EXISTS (SELECT 1 FROM hr.order_line y WHERE y.org_id = l.org_id
					AND y.order_id = l.order_id AND y.person_id = l.person_id
					AND y.line_no < l.line_no AND y.until IS NOT NULL
					AND daterange(y.effective, y.until, '[]')
					    && daterange(l.effective, l.until, '[]')) THEN
					problem := 'overlaps another line of this order';
					RETURN NEXT;
				END IF;
			END IF;
		ELSIF o.kind = 'recall' THEN
			IF l.absence_id IS NULL THEN
				SELECT x.id INTO l.absence_id FROM hr.absence x WHERE x.org_id = l.org_id
				   AND x.person_id = l.person_id AND x.kind = 'leave' AND x.during @> l.effective;
			END IF;
			IF NOT EXISTS (SELECT 1 FROM hr.absence x WHERE x.org_id = l.org_id
				AND x.id = l.absence_id AND x.person_id = l.person_id AND x.kind = 'leave'
				AND x.during @> l.effective AND lower(x.during) < l.effective) THEN
				problem := format('is not on leave on %s (a recall is from the second day on)',
					hr.day_text(l.effective));
				RETURN NEXT;
			END IF;
		ELSIF o.kind = 'award' THEN
			IF l.award IS NULL THEN
				problem := 'the award is needed';
				RETURN NEXT;
			ELSIF s.award_repeat_years > 0 THEN
				SELECT max(w.awarded_on) INTO v_day FROM hr.award w
				 WHERE w.org_id = l.org_id AND w.person_id = l.person_id
				   AND lower(w.award) = lower(l.award)
				   AND w.awarded_on > l.effective - make_interval(years => s.award_repeat_years);
				IF v_day IS NOT NULL THEN
					problem := format('received "%s" on %s; the same award is given at most once in %s years',
						l.award, hr.day_text(v_day), s.award_repeat_years);
					RETURN NEXT;
				END IF;
			END IF;
		ELSIF o.kind = 'penalty' AND l.penalty IS NULL THEN
			problem := 'the penalty is needed';
			RETURN NEXT;
		ELSIF o.kind = 'penalty_lift' THEN
			IF NOT EXISTS (SELECT 1 FROM hr.penalty x WHERE x.org_id = l.org_id
				AND x.id = l.penalty_id AND x.person_id = l.person_id AND x.lifted_on IS NULL
				AND x.imposed_on <= l.effective) THEN
				problem := 'has no penalty in force to lift on that day';
				RETURN NEXT;
			END IF;
		ELSIF o.kind IN ('dismissal', 'transfer_out') THEN
			IF o.kind = 'transfer_out' AND (l.to_org_id IS NULL OR l.to_org_id = l.org_id
			   OR l.to_org_id NOT IN (SELECT x.id FROM hr.service_orgs() x)) THEN
				problem := 'the organisation to transfer to is needed (another one of the service)';
				RETURN NEXT;
			ELSIF o.kind = 'dismissal' AND l.end_reason IS NULL THEN
				problem := 'the reason for dismissal is needed';
				RETURN NEXT;
			ELSIF o.kind = 'dismissal' AND l.end_reason = 'own_request'
			      AND s.obligation_blocks_own_request THEN
				SELECT x.reason || ' until ' || coalesce(hr.day_text(upper(x.during) - 1), 'further notice')
				  INTO v_text FROM hr.service_obligation x
				 WHERE x.org_id = l.org_id AND x.person_id = l.person_id
				   AND x.during @> l.effective LIMIT 1;
				IF v_text IS NOT NULL THEN
					problem := 'cannot leave by own request during a service obligation: ' || v_text;
					RETURN NEXT;
				END IF;
			END IF;
			IF EXISTS (SELECT 1 FROM hr.assignment x WHERE x.org_id = l.org_id
				AND x.employment_id = e.id AND lower(x.during) > l.effective) THEN
				problem := 'a transfer after the last day is on file; cancel it first';
				RETURN NEXT;
			END IF;
			IF EXISTS (SELECT 1 FROM hr.absence x WHERE x.org_id = l.org_id
				AND x.person_id = l.person_id AND upper(x.during) > l.effective + 1) THEN
				problem := 'leave or a business trip runs past the last day';
				RETURN NEXT;
			END IF;
		END IF;
		IF EXISTS (SELECT 1 FROM hr.order_line y WHERE y.org_id = l.org_id
			AND y.order_id = l.order_id AND y.person_id = l.person_id AND y.line_no < l.line_no)
		   AND o.kind NOT IN ('leave', 'trip') THEN
			problem := 'is on an earlier line of this order too';
			RETURN NEXT;
		END IF;
		-- What a retro-dated order reaches back over.
		IF l.effective < current_date THEN
			severity := 'warning';
			SELECT string_agg(DISTINCT h.number_text, ', ') INTO v_text
			  FROM hr.order_line y JOIN hr.hr_order h ON h.org_id = y.org_id AND h.id = y.order_id
			 WHERE y.org_id = l.org_id AND y.person_id = l.person_id AND h.status = 'signed'
			   AND coalesce(y.until, y.effective) >= l.effective;
			problem := format('retro-dated: takes effect %s days ago', current_date - l.effective)
				|| coalesce('; overlaps signed order(s) ' || v_text, '');
			RETURN NEXT;
		END IF;
	END LOOP;
	IF v_lines = 0 THEN
		line_no := NULL;
		person := NULL;
		severity := 'error';
		problem := 'the order has no employees';
		RETURN NEXT;
	END IF;
END
$$;

-- Why an order cannot be cancelled, one sentence each: it is not signed or
-- already cancelled, or a record it wrote has changed since.
CREATE FUNCTION hr.order_cancel_problems(o hr.hr_order) RETURNS SETOF text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t hr.hr_order;
	f hr.order_effect;
	cur jsonb;
	v_changed bool;
	v_later text;
BEGIN
	SELECT * INTO t FROM hr.hr_order WHERE org_id = o.org_id AND id = o.cancels_id;
	IF NOT FOUND OR t.status <> 'signed' THEN
		RETURN NEXT format('order %s is %s; only a signed order can be cancelled',
			coalesce(t.number_text, '(draft)'), coalesce(t.status, 'missing'));
		RETURN;
	END IF;
	IF t.kind = 'cancel' THEN
		RETURN NEXT 'a cancelling order is not cancelled; sign the original order again instead';
		RETURN;
	END IF;
	FOR f IN SELECT * FROM hr.order_effect WHERE org_id = t.org_id AND order_id = t.id
		ORDER BY seq DESC LOOP
		EXECUTE format('SELECT to_jsonb(x) FROM hr.%I x WHERE org_id = $1 AND id = $2', f.table_name)
			INTO cur USING f.org_id, f.row_id;
		IF f.action = 'update' THEN
			-- The fields the order set must still hold what it set.
			SELECT cur IS NULL OR bool_or((cur -> k) IS DISTINCT FROM (f.after -> k)) INTO v_changed
			  FROM jsonb_object_keys(f.after) k
			 WHERE k <> 'version' AND (f.before -> k) IS DISTINCT FROM (f.after -> k);
		ELSE
			v_changed := (cur - 'version') IS DISTINCT FROM (f.after - 'version');
		END IF;
		IF v_changed THEN
			RETURN NEXT format('%s: changed since order %s was signed (%s); cancel or undo the later change first',
				f.description, t.number_text, CASE WHEN cur IS NULL THEN 'deleted' ELSE 'edited' END);
		END IF;
		-- An employment the order made cannot go while later records hang
		-- on it (leave, pay, another assignment): say so, not a foreign key.
		IF f.action = 'insert' AND f.table_name = 'employment' AND cur IS NOT NULL THEN
			SELECT string_agg(DISTINCT s.what, ', ') INTO v_later FROM (
				SELECT CASE x.kind WHEN 'leave' THEN 'leave' ELSE 'a business trip' END AS what
				  FROM hr.absence x WHERE x.org_id = f.org_id AND x.employment_id = f.row_id
				UNION ALL SELECT 'pay' FROM hr.pay_history x
				 WHERE x.org_id = f.org_id AND x.employment_id = f.row_id
				UNION ALL SELECT 'an assignment' FROM hr.assignment x
				 WHERE x.org_id = f.org_id AND x.employment_id = f.row_id
				   AND NOT EXISTS (SELECT 1 FROM hr.order_effect g WHERE g.org_id = t.org_id
					AND g.order_id = t.id AND g.table_name = 'assignment' AND g.row_id = x.id)) s;
			IF v_later IS NOT NULL THEN
				RETURN NEXT format('%s: later records depend on it (%s); cancel those orders first',
					f.description, v_later);
			END IF;
		END IF;
	END LOOP;
END
$$;

-- ---- effects ------------------------------------------------------------------------------
-- Records one effect of the order being applied.
CREATE FUNCTION hr.order_note(o hr.hr_order, p_line bigint, p_action text, p_table text,
	p_row bigint, p_before jsonb, p_after jsonb, p_description text) RETURNS void
	LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO hr.order_effect (org_id, order_id, line_id, seq, action, table_name, row_id,
		description, before, after)
	SELECT o.org_id, o.id, p_line,
	       coalesce((SELECT max(seq) FROM hr.order_effect WHERE org_id = o.org_id
		       AND order_id = o.id), 0) + 1,
	       p_action, p_table, p_row, p_description, p_before, p_after
$$;

-- Ends a dated row (grade, pay) on the day before p_day: shortened when it
-- began earlier, removed when it began that day.  Returns nothing.
CREATE FUNCTION hr.order_close_span(o hr.hr_order, p_line bigint, p_table text, p_key text,
	p_key_id bigint, p_day date, p_what text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
	v_before jsonb;
	v_after jsonb;
BEGIN
	EXECUTE format('SELECT id, to_jsonb(x) FROM hr.%I x WHERE org_id = $1 AND %I = $2
		AND during @> $3 FOR UPDATE', p_table, p_key) INTO v_id, v_before
		USING o.org_id, p_key_id, p_day;
	IF v_id IS NULL THEN
		RETURN;
	END IF;
	IF (v_before ->> 'during')::daterange = daterange(p_day, upper((v_before ->> 'during')::daterange))
	   OR lower((v_before ->> 'during')::daterange) = p_day THEN
		EXECUTE format('DELETE FROM hr.%I WHERE org_id = $1 AND id = $2', p_table)
			USING o.org_id, v_id;
		PERFORM hr.order_note(o, p_line, 'delete', p_table, v_id, v_before, NULL,
			p_what || ' replaced');
	ELSE
		EXECUTE format('UPDATE hr.%I x SET during = daterange(lower(during), $3)
			WHERE org_id = $1 AND id = $2 RETURNING to_jsonb(x)', p_table)
			INTO v_after USING o.org_id, v_id, p_day;
		PERFORM hr.order_note(o, p_line, 'update', p_table, v_id, v_before, v_after,
			p_what || ' ends on ' || hr.day_text(p_day - 1));
	END IF;
END
$$;

-- Writes the effects of every line of a draft order, noting each.
CREATE FUNCTION hr.order_apply(o hr.hr_order) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	l hr.order_line;
	e hr.employment;
	a hr.assignment;
	v_id bigint;
	v_before jsonb;
	v_after jsonb;
	v_pos text;
	v_name text;
BEGIN
	IF o.kind = 'cancel' THEN
		PERFORM hr.order_reverse(o);
		RETURN;
	END IF;
	FOR l IN SELECT * FROM hr.order_line WHERE org_id = o.org_id AND order_id = o.id
		ORDER BY line_no LOOP
		v_name := hr.person_name(l.org_id, l.person_id);
		e := hr.employment_on(l.org_id, l.person_id, l.effective);
		IF l.position_id IS NOT NULL THEN
			v_pos := hr.position_title(l.org_id, l.position_id, l.effective);
		END IF;
		CASE o.kind
		WHEN 'hire' THEN
			INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date, order_line_id)
			VALUES (l.org_id, l.person_id, l.personnel_no, l.effective, l.id)
			RETURNING * INTO e;
			PERFORM hr.order_note(o, l.id, 'insert', 'employment', e.id, NULL, to_jsonb(e),
				format('%s: employment from %s, personnel no. %s', v_name,
					hr.day_text(l.effective), l.personnel_no));
			INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during,
				order_line_id)
			VALUES (l.org_id, e.id, l.position_id, coalesce(l.rate, 1),
				daterange(l.effective, NULL), l.id)
			RETURNING * INTO a;
			PERFORM hr.order_note(o, l.id, 'insert', 'assignment', a.id, NULL, to_jsonb(a),
				format('%s: assigned to "%s" (%s rate) from %s', v_name, v_pos, a.rate,
					hr.day_text(l.effective))
				|| coalesce('; ' || hr.position_fill_text(l.org_id, l.position_id, l.effective), ''));
		WHEN 'transfer' THEN
			SELECT * INTO a FROM hr.assignment WHERE org_id = l.org_id AND employment_id = e.id
			   AND during @> l.effective FOR UPDATE;
			v_before := to_jsonb(a);
			IF lower(a.during) = l.effective THEN
				UPDATE hr.assignment SET position_id = l.position_id,
					rate = coalesce(l.rate, a.rate)
				 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
				PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
					format('%s: assignment from %s changed to "%s"', v_name,
						hr.day_text(l.effective), v_pos));
			ELSE
				UPDATE hr.assignment SET during = daterange(lower(during), l.effective)
				 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
				PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
					format('%s: leaves "%s" after %s', v_name,
						hr.position_title(l.org_id, a.position_id, l.effective - 1),
						hr.day_text(l.effective - 1))
					|| coalesce('; ' || hr.position_fill_text(l.org_id, a.position_id,
						l.effective), ''));
				INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during,
					order_line_id)
				VALUES (l.org_id, e.id, l.position_id, coalesce(l.rate, a.rate),
					daterange(l.effective, upper(a.during)), l.id)
				RETURNING to_jsonb(assignment.*), id INTO v_after, v_id;
				PERFORM hr.order_note(o, l.id, 'insert', 'assignment', v_id, NULL, v_after,
					format('%s: assigned to "%s" (%s rate) from %s', v_name, v_pos,
						coalesce(l.rate, a.rate), hr.day_text(l.effective))
					|| coalesce('; ' || hr.position_fill_text(l.org_id, l.position_id,
						l.effective), ''));
			END IF;
		WHEN 'grade' THEN
			PERFORM hr.order_close_span(o, l.id, 'grade_history', 'person_id', l.person_id,
				l.effective, v_name || ': grade');
			INSERT INTO hr.grade_history (org_id, person_id, grade, class_rank, during,
				order_line_id)
			VALUES (l.org_id, l.person_id, l.grade, coalesce(l.class_rank, ''),
				daterange(l.effective, NULL), l.id)
			RETURNING to_jsonb(grade_history.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'grade_history', v_id, NULL, v_after,
				format('%s: grade %s%s from %s', v_name, l.grade,
					coalesce(', class rank ' || nullif(l.class_rank, ''), ''),
					hr.day_text(l.effective)));
		WHEN 'pay' THEN
			PERFORM hr.order_close_span(o, l.id, 'pay_history', 'employment_id', e.id,
				l.effective, v_name || ': pay');
			INSERT INTO hr.pay_history (org_id, person_id, employment_id, pay_scale, allowance,
				during, order_line_id)
			VALUES (l.org_id, l.person_id, e.id, l.pay_scale, coalesce(l.allowance, 0),
				daterange(l.effective, NULL), l.id)
			RETURNING to_jsonb(pay_history.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'pay_history', v_id, NULL, v_after,
				format('%s: pay scale %s, allowance %s%% from %s', v_name, l.pay_scale,
					coalesce(l.allowance, 0), hr.day_text(l.effective)));
		WHEN 'personal' THEN
			SELECT to_jsonb(p) INTO v_before FROM hr.person p
			 WHERE org_id = l.org_id AND id = l.person_id FOR UPDATE;
			UPDATE hr.person SET last_name = coalesce(l.last_name, last_name),
				first_name = coalesce(l.first_name, first_name),
				middle_name = coalesce(l.middle_name, middle_name)
			 WHERE org_id = l.org_id AND id = l.person_id
			RETURNING to_jsonb(person.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'person', l.person_id, v_before, v_after,
				format('%s: name becomes %s (%s)', v_name,
					hr.person_name(l.org_id, l.person_id), l.document));
		WHEN 'leave', 'trip' THEN
			INSERT INTO hr.absence (org_id, person_id, employment_id, kind, leave_type,
				destination, purpose, during, order_line_id)
			VALUES (l.org_id, l.person_id, e.id, o.kind,
				CASE WHEN o.kind = 'leave' THEN l.leave_type END,
				coalesce(l.destination, ''), coalesce(l.purpose, ''),
				daterange(l.effective, l.until, '[]'), l.id)
			RETURNING to_jsonb(absence.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'absence', v_id, NULL, v_after,
				format('%s: %s %s–%s (%s days)%s', v_name,
					CASE WHEN o.kind = 'leave' THEN hr.leave_type_text(l.leave_type)
					     ELSE 'business trip' END,
					hr.day_text(l.effective), hr.day_text(l.until), l.until - l.effective + 1,
					coalesce(' to ' || nullif(l.destination, ''), '')));
		WHEN 'recall' THEN
			SELECT * INTO v_id FROM (SELECT x.id FROM hr.absence x WHERE x.org_id = l.org_id
			   AND x.person_id = l.person_id AND x.kind = 'leave' AND x.during @> l.effective
			   AND (l.absence_id IS NULL OR x.id = l.absence_id)) s;
			SELECT to_jsonb(x) INTO v_before FROM hr.absence x WHERE id = v_id FOR UPDATE;
			UPDATE hr.absence SET during = daterange(lower(during), l.effective)
			 WHERE org_id = l.org_id AND id = v_id RETURNING to_jsonb(absence.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'absence', v_id, v_before, v_after,
				format('%s: recalled from leave; back at work on %s (%s days unused)', v_name,
					hr.day_text(l.effective),
					upper((v_before ->> 'during')::daterange) - l.effective));
		WHEN 'award' THEN
			INSERT INTO hr.award (org_id, person_id, award, awarded_on, document, order_line_id)
			VALUES (l.org_id, l.person_id, l.award, l.effective,
				'', l.id)
			RETURNING to_jsonb(award.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'award', v_id, NULL, v_after,
				format('%s: award "%s" on %s', v_name, l.award, hr.day_text(l.effective)));
		WHEN 'penalty' THEN
			INSERT INTO hr.penalty (org_id, person_id, penalty, imposed_on, reason, order_line_id)
			VALUES (l.org_id, l.person_id, l.penalty, l.effective, coalesce(l.reason, ''), l.id)
			RETURNING to_jsonb(penalty.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'penalty', v_id, NULL, v_after,
				format('%s: penalty "%s" from %s', v_name, l.penalty, hr.day_text(l.effective)));
		WHEN 'penalty_lift' THEN
			SELECT to_jsonb(x) INTO v_before FROM hr.penalty x
			 WHERE org_id = l.org_id AND id = l.penalty_id FOR UPDATE;
			UPDATE hr.penalty SET lifted_on = l.effective WHERE org_id = l.org_id AND id = l.penalty_id
			RETURNING to_jsonb(penalty.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'penalty', l.penalty_id, v_before, v_after,
				format('%s: penalty "%s" lifted on %s', v_name, v_before ->> 'penalty',
					hr.day_text(l.effective)));
		WHEN 'dismissal', 'transfer_out' THEN
			FOR a IN SELECT * FROM hr.assignment WHERE org_id = l.org_id AND employment_id = e.id
				AND during @> l.effective FOR UPDATE LOOP
				v_before := to_jsonb(a);
				UPDATE hr.assignment SET during = daterange(lower(during), l.effective + 1)
				 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
				PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
					format('%s: leaves "%s" after %s; the rate is vacant from %s', v_name,
						hr.position_title(l.org_id, a.position_id, l.effective),
						hr.day_text(l.effective), hr.day_text(l.effective + 1))
					|| coalesce('; ' || hr.position_fill_text(l.org_id, a.position_id,
						l.effective + 1), ''));
			END LOOP;
			PERFORM hr.order_close_span(o, l.id, 'pay_history', 'employment_id', e.id,
				l.effective + 1, v_name || ': pay');
			v_before := to_jsonb(e);
			UPDATE hr.employment SET end_date = l.effective,
				end_reason = CASE o.kind WHEN 'transfer_out' THEN 'transfer' ELSE l.end_reason END
			 WHERE id = e.id RETURNING to_jsonb(employment.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'employment', e.id, v_before, v_after,
				format('%s: employment ends on %s %s', v_name, hr.day_text(l.effective),
					hr.end_reason_text(CASE o.kind WHEN 'transfer_out' THEN 'transfer'
						ELSE l.end_reason END)));
			IF o.kind = 'transfer_out' THEN
				-- The file goes to the other organisation when it takes the person on.
				INSERT INTO hr.person_release (org_id, person_id, to_org_id, last_day,
					order_line_id)
				VALUES (l.org_id, l.person_id, l.to_org_id, l.effective, l.id)
				RETURNING to_jsonb(person_release.*), id INTO v_after, v_id;
				PERFORM hr.order_note(o, l.id, 'insert', 'person_release', v_id, NULL, v_after,
					format('%s: the file is released to %s from %s', v_name,
						(SELECT x.name FROM hr.service_orgs() x WHERE x.id = l.to_org_id),
						hr.day_text(l.effective + 1)));
			END IF;
		END CASE;
	END LOOP;
END
$$;

-- Undoes what a signed order did, last effect first, and marks it cancelled.
CREATE FUNCTION hr.order_reverse(o hr.hr_order) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t hr.hr_order;
	f hr.order_effect;
	v_cols text;
	v_after jsonb;
	v_problem text;
BEGIN
	SELECT * INTO t FROM hr.hr_order WHERE org_id = o.org_id AND id = o.cancels_id FOR UPDATE;
	SELECT p INTO v_problem FROM hr.order_cancel_problems(o) p LIMIT 1;
	IF v_problem IS NOT NULL THEN
		RAISE EXCEPTION 'Cannot cancel: %', v_problem
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	FOR f IN SELECT * FROM hr.order_effect WHERE org_id = t.org_id AND order_id = t.id
		ORDER BY seq DESC LOOP
		IF f.action = 'insert' THEN
			EXECUTE format('DELETE FROM hr.%I WHERE org_id = $1 AND id = $2', f.table_name)
				USING f.org_id, f.row_id;
			PERFORM hr.order_note(o, NULL, 'delete', f.table_name, f.row_id, f.after, NULL,
				'undone: ' || f.description);
		ELSIF f.action = 'delete' THEN
			SELECT string_agg(quote_ident(k), ', ') INTO v_cols
			  FROM jsonb_object_keys(f.before) k
			  JOIN pg_catalog.pg_attribute c ON c.attrelid = format('hr.%I', f.table_name)::regclass
			   AND c.attname = k AND c.attgenerated = '' AND c.attidentity = ''
			   AND k <> 'version';
			EXECUTE format('INSERT INTO hr.%1$I (id, %2$s) OVERRIDING SYSTEM VALUE
				SELECT id, %2$s FROM jsonb_populate_record(NULL::hr.%1$I, $1)
				RETURNING to_jsonb(%1$I.*)', f.table_name, v_cols)
				INTO v_after USING f.before;
			PERFORM hr.order_note(o, NULL, 'insert', f.table_name, f.row_id, NULL, v_after,
				'restored: ' || f.description);
		ELSE
			-- Only the fields the order changed go back.
			SELECT string_agg(quote_ident(k), ', ') INTO v_cols
			  FROM jsonb_object_keys(f.before) k
			  JOIN pg_catalog.pg_attribute c ON c.attrelid = format('hr.%I', f.table_name)::regclass
			   AND c.attname = k AND c.attgenerated = '' AND c.attidentity = ''
			 WHERE k NOT IN ('id', 'org_id', 'version')
			   AND (f.before -> k) IS DISTINCT FROM (f.after -> k);
			IF v_cols IS NOT NULL THEN
				EXECUTE format('UPDATE hr.%1$I x SET (%2$s) = (SELECT %2$s
					FROM jsonb_populate_record(NULL::hr.%1$I, $1)) WHERE org_id = $2 AND id = $3
					RETURNING to_jsonb(x)', f.table_name, v_cols)
					INTO v_after USING f.before, f.org_id, f.row_id;
			END IF;
			PERFORM hr.order_note(o, NULL, 'update', f.table_name, f.row_id, f.after, v_after,
				'undone: ' || f.description);
		END IF;
	END LOOP;
	UPDATE hr.hr_order SET status = 'cancelled', cancelled_by_id = o.id
	 WHERE org_id = t.org_id AND id = t.id;
END
$$;

-- Any change to a line is a change of its order: a head signs the version
-- that was checked, not one edited since.
CREATE FUNCTION hr.order_line_touch() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.order_line := coalesce(NEW, OLD);
BEGIN
	UPDATE hr.hr_order SET version = version + 1
	 WHERE org_id = r.org_id AND id = r.order_id AND status = 'draft';
	RETURN NULL;
END
$$;
CREATE TRIGGER order_line_touch AFTER INSERT OR UPDATE OR DELETE ON hr.order_line
	FOR EACH ROW EXECUTE FUNCTION hr.order_line_touch();

-- ---- the text of an order --------------------------------------------------------------
-- Per language: the frame (kind '*', in `line`) and per kind the title and
-- one line per employee.  Placeholders are {name} for the values below.
CREATE TABLE hr.order_template (
	language text NOT NULL CHECK (language IN ('en', 'ru')),
	kind     text NOT NULL,
	title    text NOT NULL DEFAULT '',
	line     text NOT NULL,
	PRIMARY KEY (language, kind)
);
ALTER TABLE hr.order_template OWNER TO hr_owner;
ALTER TABLE hr.order_template ENABLE ROW LEVEL SECURITY;
ALTER TABLE hr.order_template FORCE ROW LEVEL SECURITY;
CREATE POLICY order_template_read ON hr.order_template FOR SELECT TO hr_login, hr_orders
	USING (true);
GRANT SELECT ON hr.order_template TO hr_login, hr_orders;
CREATE TRIGGER zz_audit AFTER INSERT OR UPDATE OR DELETE ON hr.order_template
	FOR EACH ROW EXECUTE FUNCTION audit.trg();

INSERT INTO hr.order_template (language, kind, title, line) VALUES
('en', '*', '', E'{org}\n\nORDER No. {number}\nof {date}\n\n{title}\n\n{lines}\n\nBasis: {basis}\n\n\nHead of HR  ____________________  {signer}\nSigned on {signed}'),
('en', 'hire', 'On hiring', E'{n}. To hire {person} as {position} ({department}), {rate} rate, from {effective}; personnel no. {personnel_no}.'),
('en', 'transfer', 'On transfer', E'{n}. To transfer {person} (personnel no. {personnel_no}) to the position of {position} ({department}), {rate} rate, from {effective}.'),
('en', 'grade', 'On grades and class ranks', E'{n}. To set for {person} (personnel no. {personnel_no}) grade {grade}{class_rank_text} from {effective}.'),
('en', 'pay', 'On pay', E'{n}. To set for {person} (personnel no. {personnel_no}) pay scale step {pay_scale} with an allowance of {allowance}% from {effective}.'),
('en', 'personal', 'On a change of personal data', E'{n}. To record the new name of {person} (personnel no. {personnel_no}): {new_name}, from {effective}, on the basis of {document}.'),
('en', 'leave', 'On leave', E'{n}. To grant {person} (personnel no. {personnel_no}), {position}, {leave_type} of {days} calendar days from {effective} to {until}.'),
('en', 'recall', 'On recall from leave', E'{n}. To recall {person} (personnel no. {personnel_no}) from leave; back at work on {effective}.'),
('en', 'trip', 'On a business trip', E'{n}. To send {person} (personnel no. {personnel_no}), {position}, on a business trip to {destination} for {days} days from {effective} to {until}. Purpose: {purpose}.'),
('en', 'award', 'On awards', E'{n}. To award {person} (personnel no. {personnel_no}), {position}: {award}.'),
('en', 'penalty', 'On a disciplinary penalty', E'{n}. To impose on {person} (personnel no. {personnel_no}), {position}, a penalty: {penalty}, from {effective}. Reason: {reason}.'),
('en', 'penalty_lift', 'On lifting a disciplinary penalty', E'{n}. To lift from {person} (personnel no. {personnel_no}) the penalty "{penalty}" from {effective}.'),
('en', 'dismissal', 'On dismissal', E'{n}. To dismiss {person} (personnel no. {personnel_no}), {position}, {end_reason}; the last working day is {effective}.'),
('en', 'cancel', 'On cancelling an order', E'To cancel order No. {cancelled_number} of {cancelled_date} ({cancelled_title}) and to restore the records it changed.'),
('ru', '*', '', E'{org}\n\nПРИКАЗ № {number}\nот {date}\n\n{title}\n\n{lines}\n\nОснование: {basis}\n\n\nРуководитель кадровой службы  ____________________  {signer}\nПодписан {signed}'),
('ru', 'hire', 'О приёме на работу', E'{n}. Принять {person} на должность {position} ({department}), {rate} ставки, с {effective}; табельный номер {personnel_no}.'),
('ru', 'transfer', 'О переводе', E'{n}. Перевести {person} (таб. № {personnel_no}) на должность {position} ({department}), {rate} ставки, с {effective}.'),
('ru', 'grade', 'О присвоении классного чина', E'{n}. Установить {person} (таб. № {personnel_no}) разряд {grade}{class_rank_text} с {effective}.'),
('ru', 'pay', 'Об оплате труда', E'{n}. Установить {person} (таб. № {personnel_no}) ступень {pay_scale} и надбавку {allowance}% с {effective}.'),
('ru', 'personal', 'Об изменении персональных данных', E'{n}. Внести в личное дело {person} (таб. № {personnel_no}) новые данные: {new_name}, с {effective}, на основании {document}.'),
('ru', 'leave', 'О предоставлении отпуска', E'{n}. Предоставить {person} (таб. № {personnel_no}), {position}, {leave_type} на {days} календарных дней с {effective} по {until}.'),
('ru', 'recall', 'Об отзыве из отпуска', E'{n}. Отозвать {person} (таб. № {personnel_no}) из отпуска; приступить к работе {effective}.'),
('ru', 'trip', 'О командировке', E'{n}. Направить {person} (таб. № {personnel_no}), {position}, в командировку в {destination} на {days} дней с {effective} по {until}. Цель: {purpose}.'),
('ru', 'award', 'О награждении', E'{n}. Наградить {person} (таб. № {personnel_no}), {position}: {award}.'),
('ru', 'penalty', 'О дисциплинарном взыскании', E'{n}. Наложить на {person} (таб. № {personnel_no}), {position}, взыскание: {penalty}, с {effective}. Причина: {reason}.'),
('ru', 'penalty_lift', 'О снятии дисциплинарного взыскания', E'{n}. Снять с {person} (таб. № {personnel_no}) взыскание «{penalty}» с {effective}.'),
('ru', 'dismissal', 'Об увольнении', E'{n}. Уволить {person} (таб. № {personnel_no}), {position}, {end_reason}; последний рабочий день {effective}.'),
('ru', 'cancel', 'Об отмене приказа', E'Отменить приказ № {cancelled_number} от {cancelled_date} ({cancelled_title}) и восстановить изменённые им записи.');

-- Replaces every {key} of a template by the values of p_values.
CREATE FUNCTION hr.order_fill(p_template text, p_values jsonb) RETURNS text
	LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	k text;
	v_out text := p_template;
BEGIN
	FOR k IN SELECT jsonb_object_keys(p_values) LOOP
		v_out := replace(v_out, '{' || k || '}', coalesce(p_values ->> k, ''));
	END LOOP;
	RETURN v_out;
END
$$;

-- The text of an order in its organisation's language, numbered p_number
-- and signed by p_signer (a draft shows placeholders for both).
CREATE FUNCTION hr.order_render(p_order bigint, p_number text, p_signer text) RETURNS text
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	t hr.hr_order;
	v_lang text;
	v_frame text;
	v_title text;
	v_line text;
	v_lines text := '';
	l record;
	v_ru bool;
BEGIN
	SELECT * INTO o FROM hr.hr_order WHERE id = p_order;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	SELECT language INTO v_lang FROM hr.order_setting WHERE org_id = o.org_id;
	v_lang := coalesce(v_lang, 'en');
	v_ru := v_lang = 'ru';
	SELECT line INTO v_frame FROM hr.order_template WHERE language = v_lang AND kind = '*';
	SELECT title, line INTO v_title, v_line FROM hr.order_template
	 WHERE language = v_lang AND kind = o.kind;
	IF o.kind = 'cancel' THEN
		SELECT * INTO t FROM hr.hr_order WHERE org_id = o.org_id AND id = o.cancels_id;
		v_lines := hr.order_fill(v_line, jsonb_build_object(
			'cancelled_number', coalesce(t.number_text, '—'),
			'cancelled_date', coalesce(hr.day_text(t.order_date), '—'),
			'cancelled_title', (SELECT title FROM hr.order_template
				WHERE language = v_lang AND kind = t.kind)));
	END IF;
	FOR l IN
		SELECT x.*, row_number() OVER (ORDER BY x.line_no) AS n,
		       hr.person_name(x.org_id, x.person_id) AS person_text,
		       coalesce((hr.employment_on(x.org_id, x.person_id, x.effective)).personnel_no,
			       x.personnel_no, '—') AS personnel_text,
		       coalesce(pv.title, cur.title, '—') AS position_text,
		       coalesce(dv.name, '—') AS department_text,
		       coalesce(pn.penalty, x.penalty) AS penalty_text
		  FROM hr.order_line x
		  LEFT JOIN LATERAL (
			SELECT a.position_id FROM hr.assignment a
			  JOIN hr.employment e ON e.org_id = a.org_id AND e.id = a.employment_id
			 WHERE a.org_id = x.org_id AND e.person_id = x.person_id
			   AND a.during @> x.effective ORDER BY lower(a.during) LIMIT 1) held ON true
		  LEFT JOIN hr.position_version pv ON pv.org_id = x.org_id
			AND pv.position_id = coalesce(x.position_id, held.position_id)
			AND pv.valid @> x.effective
		  LEFT JOIN hr.position_version cur ON cur.org_id = x.org_id
			AND cur.position_id = held.position_id AND cur.valid @> (x.effective - 1)
		  LEFT JOIN hr.department_version dv ON dv.org_id = x.org_id
			AND dv.department_id = pv.department_id AND dv.valid @> x.effective
		  LEFT JOIN hr.penalty pn ON pn.org_id = x.org_id AND pn.id = x.penalty_id
		 WHERE x.org_id = o.org_id AND x.order_id = o.id
		 ORDER BY x.line_no
	LOOP
		v_lines := v_lines || CASE WHEN v_lines = '' THEN '' ELSE E'\n' END
			|| hr.order_fill(v_line, jsonb_build_object(
			'n', l.n, 'person', l.person_text, 'personnel_no', l.personnel_text,
			'effective', hr.day_text(l.effective), 'until', coalesce(hr.day_text(l.until), '—'),
			'days', coalesce((l.until - l.effective + 1)::text, '—'),
			'position', l.position_text, 'department', l.department_text,
			'rate', coalesce(l.rate, 1), 'grade', coalesce(l.grade, '—'),
			'class_rank_text', coalesce(CASE WHEN v_ru THEN ', классный чин ' ELSE ', class rank ' END
				|| nullif(l.class_rank, ''), ''),
			'pay_scale', coalesce(l.pay_scale, '—'), 'allowance', coalesce(l.allowance, 0),
			'leave_type', CASE WHEN v_ru THEN CASE l.leave_type
				WHEN 'annual' THEN 'ежегодный оплачиваемый отпуск'
				WHEN 'unpaid' THEN 'отпуск без сохранения заработной платы'
				WHEN 'study' THEN 'учебный отпуск' WHEN 'maternity' THEN 'отпуск по беременности и родам'
				WHEN 'sick' THEN 'отпуск по болезни' ELSE 'отпуск' END
				ELSE hr.leave_type_text(l.leave_type) END,
			'destination', coalesce(l.destination, '—'), 'purpose', coalesce(l.purpose, '—'),
			'award', coalesce(l.award, '—'), 'penalty', coalesce(l.penalty_text, '—'),
			'reason', coalesce(nullif(l.reason, ''), '—'),
			'end_reason', CASE WHEN v_ru THEN CASE l.end_reason
				WHEN 'own_request' THEN 'по собственному желанию'
				WHEN 'agreement' THEN 'по соглашению сторон'
				WHEN 'contract_end' THEN 'в связи с истечением срока договора'
				WHEN 'retirement' THEN 'в связи с выходом на пенсию'
				WHEN 'discipline' THEN 'за дисциплинарный проступок'
				WHEN 'health' THEN 'по состоянию здоровья' WHEN 'death' THEN 'в связи со смертью'
				ELSE 'по иному основанию' END
				ELSE hr.end_reason_text(l.end_reason) END,
			'new_name', btrim(coalesce(l.last_name, '') || ' ' || coalesce(l.first_name, '') || ' '
				|| coalesce(l.middle_name, '')),
			'document', coalesce(nullif(l.document, ''), '—'),
			'to_org', coalesce((SELECT x.name FROM hr.service_orgs() x WHERE x.id = l.to_org_id),
				'—')));
	END LOOP;
	RETURN hr.order_fill(v_frame, jsonb_build_object(
		'org', (SELECT name FROM hr.org WHERE id = o.org_id),
		'number', coalesce(p_number, '____'),
		'date', hr.day_text(coalesce(o.order_date, current_date)),
		'title', upper(v_title), 'lines', v_lines,
		'basis', coalesce(nullif(o.basis, ''), '—'),
		'signer', coalesce(p_signer, '____'),
		'signed', CASE WHEN p_signer IS NULL THEN '—'
			ELSE to_char(now(), 'DD.MM.YYYY HH24:MI') END));
END
$$;

-- ---- checking, previewing, signing --------------------------------------------------------
-- The kind of the session's login (definer functions ask it).
CREATE FUNCTION hr.login_kind() RETURNS text LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp AS $$
	SELECT kind FROM hr.whoami()
$$;

-- What signing the order would write, one row per record, in order (an
-- 'error' row when writing fails), without writing anything; for a signed
-- or cancelled order, what it wrote.
CREATE FUNCTION hr.order_preview(p_order bigint)
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
-- since is refused.  Signing an order already signed returns its number with
-- already = true (a retry after a lost connection), never a second number.
CREATE FUNCTION hr.order_sign(p_order bigint, p_version int)
	RETURNS TABLE (number_text text, signed_at timestamptz, already bool)
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	reg hr.order_register;
	v_no int;
	v_year int := extract(year FROM current_date)::int;
	v_errors text;
	v_count int;
	v_text text;
BEGIN
	IF hr.login_kind() IS DISTINCT FROM 'head' THEN
		RAISE EXCEPTION 'Only the head of HR signs orders'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
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
	IF o.created_by = session_user THEN
		RAISE EXCEPTION 'An order is signed by someone other than the one who keyed it'
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
	SELECT * INTO reg FROM hr.order_register r WHERE r.org_id = o.org_id AND r.id = o.register_id;
	o.order_date := current_date;
	UPDATE hr.hr_order h SET order_date = current_date WHERE h.id = o.id;
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
	INSERT INTO hr.order_counter AS c (org_id, register_id, year, last_no)
	VALUES (o.org_id, o.register_id, v_year, 1)
	ON CONFLICT (org_id, register_id, year) DO UPDATE SET last_no = c.last_no + 1
	RETURNING c.last_no INTO v_no;
	o.number_text := replace(replace(replace(replace(reg.pattern, '{n}', v_no::text),
		'{register}', reg.code), '{yyyy}', v_year::text), '{yy}', lpad((v_year % 100)::text, 2, '0'));
	v_text := replace(v_text, E'\u27E6No\u27E7', o.number_text);
	UPDATE hr.hr_order h SET status = 'signed', year = v_year, number = v_no,
		number_text = o.number_text, signed_by = session_user, signed_at = now(),
		signed_text = v_text
	 WHERE h.id = o.id;
	RETURN QUERY SELECT o.number_text, now(), false;
END
$$;

-- ---- ownership and privileges --------------------------------------------------------------
GRANT UPDATE (order_date) ON hr.hr_order TO hr_orders;
GRANT INSERT (id) ON hr.grade_history, hr.pay_history, hr.absence, hr.assignment, hr.employment
	TO hr_orders;
GRANT EXECUTE ON FUNCTION hr.whoami() TO hr_orders;
-- A change of personal data writes hr.person as hr_orders: its checks (the
-- name rule, the ID number trigger and the service's scheme) run as it too.
GRANT EXECUTE ON FUNCTION hr.real_date(int, int, int), hr.personal_id_normalise(text, text),
	hr.personal_id_parse(text, text), hr.personal_id_problem(text, text), hr.name_problem(text)
	TO hr_orders;
GRANT SELECT ON hr.service_setting TO hr_orders;
CREATE POLICY service_setting_orders ON hr.service_setting FOR SELECT TO hr_orders USING (true);
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
		JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = 'hr' AND p.proname IN ('org_order_defaults', 'order_line_guard',
			'hr_order_guard', 'order_line_touch', 'person_name', 'employment_on', 'position_free',
			'leave_type_text', 'end_reason_text', 'position_fill_text', 'order_problems',
			'order_cancel_problems', 'order_note', 'order_close_span', 'order_apply', 'order_reverse', 'order_fill',
			'order_render', 'login_kind')
	LOOP
		EXECUTE format('ALTER FUNCTION %s OWNER TO hr_owner', f);
		EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
	END LOOP;
END
$$;
ALTER FUNCTION hr.order_preview(bigint) OWNER TO hr_orders;
ALTER FUNCTION hr.order_sign(bigint, int) OWNER TO hr_orders;
REVOKE ALL ON FUNCTION hr.order_preview(bigint), hr.order_sign(bigint, int) FROM PUBLIC;
-- Merging departments moves assignments: it runs with the orders' rights.
ALTER FUNCTION hr.merge_department(bigint, bigint, date) OWNER TO hr_orders;
ALTER FUNCTION hr.merge_department(bigint, bigint, date) SECURITY DEFINER;

-- What the rules and the text need, as the login (and as hr_orders through hr_clerk).
GRANT EXECUTE ON FUNCTION hr.person_name(int, bigint), hr.employment_on(int, bigint, date),
	hr.position_free(int, bigint, daterange, bigint), hr.leave_type_text(text),
	hr.position_fill_text(int, bigint, date),
	hr.end_reason_text(text), hr.order_problems(bigint), hr.order_cancel_problems(hr.hr_order),
	hr.order_fill(text, jsonb), hr.order_render(bigint, text, text), hr.login_kind(),
	hr.order_line_guard(), hr.order_line_touch(), hr.hr_order_guard()
	TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.person_name(int, bigint), hr.day_text(date) TO hr_ministry;
GRANT EXECUTE ON FUNCTION hr.order_note(hr.hr_order, bigint, text, text, bigint, jsonb, jsonb, text),
	hr.order_close_span(hr.hr_order, bigint, text, text, bigint, date, text),
	hr.order_apply(hr.hr_order), hr.order_reverse(hr.hr_order)
	TO hr_orders;
GRANT EXECUTE ON FUNCTION hr.order_preview(bigint) TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_sign(bigint, int) TO hr_head;
GRANT EXECUTE ON FUNCTION hr.merge_department(bigint, bigint, date) TO hr_clerk, hr_head;

-- The change history covers the records orders write and the obligations.
CREATE OR REPLACE FUNCTION hr.record_history(p_table text, p_id bigint)
	RETURNS TABLE (at timestamptz, login text, op text, field text, old_value text, new_value text)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_table NOT IN ('person', 'employment', 'assignment', 'education', 'family_member',
		'prior_employment', 'grade_history', 'training', 'award', 'penalty', 'assessment',
		'consent', 'document', 'absence', 'pay_history', 'service_obligation', 'hr_order',
		'order_line', 'person_release') THEN
		RAISE EXCEPTION 'no history is kept for "%"', p_table USING ERRCODE = '22023';
	END IF;
	RETURN QUERY
	SELECT l.at, l.login, l.op, f.key,
	       l.old_row ->> f.key, l.new_row ->> f.key
	  FROM audit.log l
	  CROSS JOIN LATERAL (
		SELECT k AS key FROM jsonb_object_keys(l.new_row) k
		 WHERE l.op = 'UPDATE' AND (l.old_row -> k) IS DISTINCT FROM (l.new_row -> k)
		   AND k NOT IN ('id', 'org_id', 'version', 'search_text', 'request_id', 'content',
			'created_at', 'signed_text')
		UNION ALL SELECT NULL WHERE l.op <> 'UPDATE') f
	 WHERE l.table_name = p_table
	   AND (coalesce(l.new_row, l.old_row) ->> 'id')::bigint = p_id
	   AND l.org_id = ANY (hr.visible_orgs())
	 ORDER BY l.at, l.id, f.key;
END
$$;

-- ---- transfers between organisations ------------------------------------------------------
-- The sending organisation signs a transfer: its employment ends and the
-- file is released to the other organisation (hr.person_release).  That
-- organisation takes the person on (hr.receive_person): the file is copied
-- into it (personal data, every section, the service here as prior
-- employment) under the same person across the service (human_id), and
-- then hired by an order of its own.  The sender keeps its former
-- employee's file, read only: only the current employer writes.
ALTER TABLE hr.person ADD COLUMN human_id bigint,
	ADD COLUMN moved_to int REFERENCES hr.org (id);
-- One current file per personal ID number; the files left behind keep it.
DROP INDEX hr.person_personal_id_idx;
CREATE UNIQUE INDEX person_personal_id_idx ON hr.person (personal_id)
	WHERE personal_id IS NOT NULL AND moved_to IS NULL;

CREATE OR REPLACE FUNCTION hr.personal_id_status(p_personal_id text, OUT status text,
	OUT person_id bigint)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_org int;
	v_id bigint;
BEGIN
	SELECT p.org_id, p.id INTO v_org, v_id FROM hr.person p
	 WHERE p.personal_id = p_personal_id AND p.moved_to IS NULL;
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

CREATE TABLE hr.person_release (
	id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id             int NOT NULL REFERENCES hr.org (id),
	person_id          bigint NOT NULL,
	to_org_id          int NOT NULL REFERENCES hr.org (id),
	last_day           date NOT NULL,
	order_line_id      bigint,
	received_person_id bigint,
	received_at        timestamptz,
	version            int NOT NULL DEFAULT 1,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES hr.person (org_id, id),
	CHECK (to_org_id <> org_id)
);
CREATE INDEX person_release_org_person_idx ON hr.person_release (org_id, person_id);
CREATE INDEX person_release_to_idx ON hr.person_release (to_org_id) WHERE received_person_id IS NULL;
SELECT admin.protect_tenant_table('person_release', 'hr_clerk, hr_head, hr_ministry', false);
CREATE POLICY person_release_orders ON hr.person_release FOR ALL TO hr_orders
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
	WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT INSERT (id, org_id, person_id, to_org_id, last_day, order_line_id), DELETE
	ON hr.person_release TO hr_orders;

-- The organisations of the service, for the list of where to transfer to
-- (codes and names only).
CREATE FUNCTION hr.service_orgs() RETURNS TABLE (id int, code text, name text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT o.id, o.code, o.name FROM hr.org o WHERE o.kind <> 'agency' ORDER BY o.code
$$;
ALTER FUNCTION hr.service_orgs() OWNER TO hr_definer;
REVOKE ALL ON FUNCTION hr.service_orgs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.service_orgs() TO hr_clerk, hr_head, hr_ministry, hr_orders;

-- The role the receiving function runs as: the orders' rights in the
-- receiving organisation, and reading the one released file it copies.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'hr_transfer') THEN
		CREATE ROLE hr_transfer NOLOGIN;
	END IF;
	ALTER ROLE hr_transfer NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
END
$$;
GRANT hr_orders TO hr_transfer;
GRANT USAGE ON SCHEMA hr TO hr_transfer;
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['person', 'education', 'family_member', 'prior_employment',
		'grade_history', 'training', 'award', 'penalty', 'assessment', 'consent', 'document',
		'service_obligation', 'employment', 'assignment', 'position_version', 'person_release']
	LOOP
		EXECUTE format('CREATE POLICY %I ON hr.%I FOR SELECT TO hr_transfer USING (true)',
			t || '_transfer_read', t);
	END LOOP;
END
$$;
CREATE POLICY org_transfer_read ON hr.org FOR SELECT TO hr_transfer USING (true);
CREATE POLICY person_transfer_move ON hr.person FOR UPDATE TO hr_transfer
	USING (true) WITH CHECK (true);
CREATE POLICY person_release_transfer ON hr.person_release FOR UPDATE TO hr_transfer
	USING (true) WITH CHECK (true);
GRANT UPDATE (moved_to) ON hr.person TO hr_transfer;
GRANT INSERT (human_id) ON hr.person TO hr_transfer;
GRANT UPDATE (received_person_id, received_at) ON hr.person_release TO hr_transfer;

-- A file that moved on is kept read only by the organisation it left: its
-- sections, and the records its orders write (no hire of it again there).
CREATE FUNCTION hr.person_file_open() RETURNS trigger LANGUAGE plpgsql
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
		SELECT p.moved_to INTO v_moved FROM hr.person p
		 WHERE p.org_id = r.org_id AND p.id = r.person_id;
		IF v_moved IS NULL THEN
			RETURN coalesce(NEW, OLD);
		END IF;
		SELECT x.name INTO v_to FROM hr.service_orgs() x WHERE x.id = v_moved;
	END IF;
	RAISE EXCEPTION 'This file moved to % with a transfer; it is kept here read only', v_to
		USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = TG_TABLE_NAME, SCHEMA = 'hr';
END
$$;
CREATE TRIGGER person_file_open BEFORE UPDATE ON hr.person
	FOR EACH ROW EXECUTE FUNCTION hr.person_file_open();
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['education', 'family_member', 'prior_employment', 'training',
		'award', 'penalty', 'assessment', 'consent', 'document', 'service_obligation',
		'employment', 'absence', 'pay_history', 'grade_history']
	LOOP
		EXECUTE format('CREATE TRIGGER person_file_open BEFORE INSERT OR UPDATE OR DELETE
			ON hr.%I FOR EACH ROW EXECUTE FUNCTION hr.person_file_open()', t);
	END LOOP;
END
$$;

-- A release taken on stays: the cancelling order's check refuses it, and a
-- taking on that commits while the cancelling waits for the row is caught
-- here (the check ran before it), not undone behind the new file's back.
CREATE FUNCTION hr.person_release_keep() RETURNS trigger LANGUAGE plpgsql
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
ALTER FUNCTION hr.person_release_keep() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.person_release_keep() FROM PUBLIC;
CREATE TRIGGER person_release_keep BEFORE DELETE ON hr.person_release
	FOR EACH ROW EXECUTE FUNCTION hr.person_release_keep();

-- The files released to the login's organisation and not yet taken on,
-- matching p_text (name, ID number; '' for all).
CREATE FUNCTION hr.released_to_us(p_text text)
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
CREATE FUNCTION hr.receive_person(p_release bigint) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r hr.person_release;
	p hr.person;
	v_org int;
	v_new bigint;
BEGIN
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
ALTER FUNCTION hr.released_to_us(text) OWNER TO hr_transfer;
ALTER FUNCTION hr.receive_person(bigint) OWNER TO hr_transfer;
ALTER FUNCTION hr.person_file_open() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.released_to_us(text), hr.receive_person(bigint),
	hr.person_file_open() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.released_to_us(text), hr.receive_person(bigint)
	TO hr_clerk, hr_head;
GRANT SELECT ON hr.account TO hr_transfer;
CREATE POLICY account_transfer_read ON hr.account FOR SELECT TO hr_transfer USING (true);

INSERT INTO hr.order_template (language, kind, title, line) VALUES
('en', 'transfer_out', 'On transfer to another organisation', E'{n}. To transfer {person} (personnel no. {personnel_no}), {position}, to {to_org}; the last working day here is {effective}.'),
('ru', 'transfer_out', 'О переводе в другую организацию', E'{n}. Перевести {person} (таб. № {personnel_no}), {position}, в {to_org}; последний рабочий день {effective}.');
