-- 005_admin.sql - administration functions, callable only by the superuser
-- that runs hrmis-admin (schema admin has no grants).

CREATE SCHEMA admin;
REVOKE ALL ON SCHEMA admin FROM PUBLIC;

-- Creates login p_name (LOGIN, member of hr_login and hr_<kind>) and its
-- account row for org p_org_code.  A role of that name left by another
-- database of the cluster is adopted only if it is a plain hrmis login of the
-- same kind.  Returns the login name; raises 22023 (bad name or kind),
-- P0002 (unknown org) or 42710 (name taken).
CREATE FUNCTION admin.create_login(p_name text, p_org_code text, p_kind text) RETURNS text
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_org int;
	v_role record;
	v_group text := 'hr_' || p_kind;
BEGIN
	IF p_name IS NULL OR p_name !~ '^[a-z_][a-z0-9_]{0,62}$' OR p_name ~ '^(pg_|hr_|audit_)' THEN
		RAISE EXCEPTION 'login name "%" is not valid', p_name USING ERRCODE = '22023',
			HINT = 'Use lower-case letters, digits and _, starting with a letter; not pg_, hr_ or audit_.';
	END IF;
	IF p_kind IS NULL OR p_kind NOT IN ('clerk', 'head', 'ministry', 'agency', 'auditor') THEN
		RAISE EXCEPTION 'kind "%" is not one of clerk, head, ministry, agency, auditor', p_kind
			USING ERRCODE = '22023';
	END IF;
	SELECT id INTO v_org FROM hr.org WHERE code = p_org_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no organisation has the code "%"', p_org_code USING ERRCODE = 'P0002';
	END IF;
	IF EXISTS (SELECT 1 FROM hr.account WHERE role_name = p_name) THEN
		RAISE EXCEPTION 'login "%" already has an account', p_name USING ERRCODE = '42710';
	END IF;
	SELECT * INTO v_role FROM pg_roles WHERE rolname = p_name;
	IF FOUND THEN
		IF v_role.rolsuper OR v_role.rolcreaterole OR v_role.rolcreatedb OR v_role.rolbypassrls
		   OR v_role.rolreplication OR NOT pg_has_role(v_role.oid, 'hr_login', 'MEMBER')
		   OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
			       WHERE m.member = v_role.oid AND g.rolname <> 'hr_login'
				 AND g.rolname <> v_group) THEN
			RAISE EXCEPTION 'a role named "%" already exists and is not an hrmis % login',
				p_name, p_kind USING ERRCODE = '42710';
		END IF;
		EXECUTE format('GRANT %I TO %I', v_group, p_name);
	ELSE
		EXECUTE format('CREATE ROLE %I LOGIN IN ROLE hr_login, %I', p_name, v_group);
	END IF;
	INSERT INTO hr.account (role_name, org_id, kind) VALUES (p_name, v_org, p_kind);
	RETURN p_name;
END
$$;
REVOKE ALL ON FUNCTION admin.create_login(text, text, text) FROM PUBLIC;
