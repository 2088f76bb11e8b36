-- 003_audit.sql - the audit trail: every change to an hr table, who, when,
-- from where, old and new row.  Written only by a definer trigger owned by
-- the NOLOGIN audit_owner; read only by auditors (policy in 004).
CREATE SCHEMA audit AUTHORIZATION audit_owner;
REVOKE ALL ON SCHEMA audit FROM PUBLIC;

CREATE TABLE audit.log (
	id          bigserial PRIMARY KEY,
	at          timestamptz NOT NULL DEFAULT clock_timestamp(),
	txid        bigint NOT NULL DEFAULT txid_current(),
	login       text NOT NULL DEFAULT session_user,
	client_addr inet DEFAULT inet_client_addr(),
	table_name  text NOT NULL,
	op          text NOT NULL CHECK (op IN ('INSERT', 'UPDATE', 'DELETE')),
	org_id      int,
	old_row     jsonb,
	new_row     jsonb
);
CREATE INDEX log_org_at_idx ON audit.log (org_id, at);
CREATE INDEX log_at_idx ON audit.log (at);

-- The organisation a row belongs to: org_id, or for the tree tables the org itself.
CREATE FUNCTION audit.row_org(table_name text, r jsonb) RETURNS int
	LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE table_name
		WHEN 'org' THEN (r->>'id')::int
		WHEN 'org_closure' THEN (r->>'descendant')::int
		ELSE (r->>'org_id')::int END
$$;

CREATE FUNCTION audit.trg() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
	new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
BEGIN
	INSERT INTO audit.log (at, txid, login, client_addr, table_name, op, org_id, old_row, new_row)
	VALUES (clock_timestamp(), txid_current(), session_user, inet_client_addr(),
		TG_TABLE_NAME, TG_OP, audit.row_org(TG_TABLE_NAME, coalesce(new_row, old_row)),
		old_row, new_row);
	RETURN NULL;
END
$$;

ALTER TABLE audit.log OWNER TO audit_owner;
ALTER FUNCTION audit.row_org(text, jsonb) OWNER TO audit_owner;
ALTER FUNCTION audit.trg() OWNER TO audit_owner;
REVOKE ALL ON FUNCTION audit.row_org(text, jsonb), audit.trg() FROM PUBLIC;
REVOKE ALL ON audit.log FROM PUBLIC;

ALTER TABLE audit.log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.log FORCE ROW LEVEL SECURITY;
CREATE POLICY log_write ON audit.log FOR INSERT TO audit_owner WITH CHECK (true);

DO $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT c.relname FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'hr' AND c.relkind IN ('r', 'p') ORDER BY c.relname
	LOOP
		EXECUTE format('CREATE TRIGGER zz_audit AFTER INSERT OR UPDATE OR DELETE ON hr.%I
			FOR EACH ROW EXECUTE FUNCTION audit.trg()', t);
	END LOOP;
END
$$;
