-- 006_password_logins.sql - two-factor logins: certificate and password.
-- Members of hr_password must present both (pg_hba lists the group before
-- the certificate-only line).  The password reaches the server only as a
-- SCRAM verifier computed by the client, so it never appears in a log.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'hr_password') THEN
		CREATE ROLE hr_password NOLOGIN;
	END IF;
	ALTER ROLE hr_password NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
END
$$;

-- Sets the SCRAM verifier of an existing hrmis login and makes it a
-- two-factor login.  Raises 22023 for anything but a SCRAM verifier and
-- P0002 for a name without an account.
CREATE FUNCTION admin.set_password(p_name text, p_verifier text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_verifier IS NULL OR p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
		RAISE EXCEPTION 'only a SCRAM-SHA-256 verifier is accepted' USING ERRCODE = '22023';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM hr.account WHERE role_name = p_name) THEN
		RAISE EXCEPTION 'login "%" has no account', p_name USING ERRCODE = 'P0002';
	END IF;
	EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
	EXECUTE format('GRANT hr_password TO %I', p_name);
END
$$;
REVOKE ALL ON FUNCTION admin.set_password(text, text) FROM PUBLIC;
