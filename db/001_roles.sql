-- 001_roles.sql - cluster roles and database-level privileges.
-- Roles are cluster-wide, so each is created only when missing; all are
-- NOLOGIN groups.  Logins are made later by admin.create_login().
DO $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['hr_owner', 'hr_definer', 'audit_owner', 'hr_login',
		'hr_clerk', 'hr_head', 'hr_ministry', 'hr_agency', 'hr_auditor']
	LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', r);
		END IF;
		EXECUTE format('ALTER ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', r);
	END LOOP;
	-- No TEMP and no CREATE for anyone but the superuser; logins may connect.
	EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
	EXECUTE format('GRANT CONNECT ON DATABASE %I TO hr_login', current_database());
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
