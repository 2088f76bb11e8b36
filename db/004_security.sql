-- 004_security.sql - who sees and changes what.  Identity is session_user,
-- mapped to an organisation and a kind by hr.account.  Policies ask one
-- definer helper, wrapped so it runs once per query:
--     org_id = ANY ((SELECT hr.visible_orgs())::int[])
-- clerk/head: own org, read and write.  ministry: its subtree, read only.
-- agency: structure (org, department, position) only.  auditor: audit.log
-- of its subtree.  The helpers' owner hr_definer reads account and the tree.

-- The orgs the session's login may see: its own for clerks and heads, the
-- whole subtree for ministry, agency and auditor logins; empty without an account.
CREATE FUNCTION hr.visible_orgs() RETURNS int[] LANGUAGE plpgsql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT coalesce(array_agg(c.descendant ORDER BY c.descendant), '{}')
		FROM hr.account a JOIN hr.org_closure c ON c.ancestor = a.org_id
		WHERE a.role_name = session_user
		  AND (a.kind IN ('ministry', 'agency', 'auditor') OR c.depth = 0));
END
$$;

-- One row describing the session's login, none when it has no account.
CREATE FUNCTION hr.whoami() RETURNS TABLE (login text, kind text, org_code text, org_name text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT a.role_name, a.kind, o.code, o.name
	  FROM hr.account a JOIN hr.org o ON o.id = a.org_id
	 WHERE a.role_name = session_user
$$;

ALTER FUNCTION hr.visible_orgs() OWNER TO hr_definer;
ALTER FUNCTION hr.whoami() OWNER TO hr_definer;
REVOKE ALL ON FUNCTION hr.visible_orgs(), hr.whoami() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.visible_orgs()
	TO hr_clerk, hr_head, hr_ministry, hr_agency, hr_auditor;
GRANT EXECUTE ON FUNCTION hr.whoami() TO hr_login;

GRANT USAGE ON SCHEMA hr TO hr_login, hr_definer;
GRANT SELECT ON hr.account, hr.org, hr.org_closure TO hr_definer;

DO $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT c.relname FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'hr' AND c.relkind IN ('r', 'p')
	LOOP
		EXECUTE format('ALTER TABLE hr.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE hr.%I FORCE ROW LEVEL SECURITY', t);
	END LOOP;
END
$$;

-- The helpers' own view of the access tables.
CREATE POLICY definer_read ON hr.account FOR SELECT TO hr_definer USING (true);
CREATE POLICY definer_read ON hr.org FOR SELECT TO hr_definer USING (true);
CREATE POLICY definer_read ON hr.org_closure FOR SELECT TO hr_definer USING (true);

-- Structure: every kind of login reads the part of the tree it may see.
CREATE POLICY org_read ON hr.org FOR SELECT
	TO hr_clerk, hr_head, hr_ministry, hr_agency, hr_auditor
	USING (id = ANY ((SELECT hr.visible_orgs())::int[]));
CREATE POLICY closure_read ON hr.org_closure FOR SELECT
	TO hr_clerk, hr_head, hr_ministry, hr_agency
	USING (descendant = ANY ((SELECT hr.visible_orgs())::int[])
	   AND ancestor = ANY ((SELECT hr.visible_orgs())::int[]));
GRANT SELECT ON hr.org TO hr_clerk, hr_head, hr_ministry, hr_agency, hr_auditor;
GRANT SELECT ON hr.org_closure TO hr_clerk, hr_head, hr_ministry, hr_agency;

DO $$
DECLARE
	t text;
	readers text;
BEGIN
	FOREACH t IN ARRAY ARRAY['department', 'position', 'person', 'employment', 'assignment']
	LOOP
		readers := CASE WHEN t IN ('department', 'position')
			THEN 'hr_clerk, hr_head, hr_ministry, hr_agency'
			ELSE 'hr_clerk, hr_head, hr_ministry' END;
		EXECUTE format('CREATE POLICY %I ON hr.%I FOR SELECT TO %s
			USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))', t || '_read', t, readers);
		EXECUTE format('CREATE POLICY %I ON hr.%I FOR INSERT TO hr_clerk, hr_head
			WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]))', t || '_insert', t);
		EXECUTE format('CREATE POLICY %I ON hr.%I FOR UPDATE TO hr_clerk, hr_head
			USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]))
			WITH CHECK (org_id = ANY ((SELECT hr.visible_orgs())::int[]))', t || '_update', t);
		EXECUTE format('GRANT SELECT ON hr.%I TO %s', t, readers);
	END LOOP;
END
$$;

-- Column grants: id is generated, org_id is fixed once inserted, version is
-- advanced by trigger (granting it lets clients write "version = version + 1").
GRANT INSERT (org_id, parent_id, code, name, valid_from, valid_to),
      UPDATE (parent_id, code, name, valid_from, valid_to, version)
	ON hr.department TO hr_clerk, hr_head;
GRANT INSERT (org_id, department_id, title, grade, rates, valid_from, valid_to),
      UPDATE (department_id, title, grade, rates, valid_from, valid_to, version)
	ON hr.position TO hr_clerk, hr_head;
GRANT INSERT (org_id, last_name, first_name, middle_name, birth_date, personal_id),
      UPDATE (last_name, first_name, middle_name, birth_date, personal_id, version)
	ON hr.person TO hr_clerk, hr_head;
GRANT INSERT (org_id, person_id, personnel_no, hire_date, end_date),
      UPDATE (personnel_no, hire_date, end_date, version)
	ON hr.employment TO hr_clerk, hr_head;
GRANT INSERT (org_id, employment_id, position_id, rate, during),
      UPDATE (position_id, rate, during, version)
	ON hr.assignment TO hr_clerk, hr_head;

-- Auditors read the audit trail of their subtree.
GRANT USAGE ON SCHEMA audit TO hr_auditor;
GRANT SELECT ON audit.log TO hr_auditor;
CREATE POLICY log_read ON audit.log FOR SELECT TO hr_auditor
	USING (org_id = ANY ((SELECT hr.visible_orgs())::int[]));
