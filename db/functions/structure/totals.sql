-- structure/totals.sql - staffing totals per organisation, aggregates only,
-- for the organisations the login sees (hr.visible_orgs()): what the
-- organisations' tree shows to clerks, heads, ministries and the agency.

CREATE OR REPLACE FUNCTION hr.staffing_totals(p_day date)
	RETURNS TABLE (org_id int, code text, name text, parent_id int, departments int,
		positions int, rates numeric, filled numeric, vacant numeric)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
	SET enable_nestloop = off AS $$
	-- The scope as the policies take it: one array, so each table is read
	-- by its (org_id, ...) index, not in full.
	WITH d AS (
		SELECT v.org_id, count(*)::int AS n FROM hr.department_version v
		 WHERE v.valid @> p_day AND v.org_id = ANY ((SELECT hr.visible_orgs())::int[])
		 GROUP BY v.org_id),
	p AS (
		SELECT v.org_id, count(*)::int AS n, sum(v.rates) AS rates FROM hr.position_version v
		 WHERE v.valid @> p_day AND v.org_id = ANY ((SELECT hr.visible_orgs())::int[])
		 GROUP BY v.org_id),
	f AS (
		SELECT a.org_id, sum(a.rate) AS filled FROM hr.assignment a
		 WHERE a.during @> p_day AND a.org_id = ANY ((SELECT hr.visible_orgs())::int[])
		 GROUP BY a.org_id)
	SELECT o.id, o.code, o.name, o.parent_id, coalesce(d.n, 0), coalesce(p.n, 0),
	       coalesce(p.rates, 0)::numeric(12,2), coalesce(f.filled, 0)::numeric(12,2),
	       (coalesce(p.rates, 0) - coalesce(f.filled, 0))::numeric(12,2)
	  FROM hr.org o
	  LEFT JOIN d ON d.org_id = o.id LEFT JOIN p ON p.org_id = o.id
	  LEFT JOIN f ON f.org_id = o.id
	 WHERE o.id = ANY ((SELECT hr.visible_orgs())::int[])
	   -- The agency gets today's totals only: a series of days would spell
	   -- out each person's hire, end and rate in a small organisation.
	   AND (p_day = current_date OR NOT EXISTS (SELECT 1 FROM hr.whoami() w
	        WHERE w.kind = 'agency'))
	 ORDER BY o.code
$$;

ALTER FUNCTION hr.staffing_totals(date) OWNER TO hr_definer;
REVOKE ALL ON FUNCTION hr.staffing_totals(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.staffing_totals(date) TO hr_clerk, hr_head, hr_ministry, hr_agency;
