-- orders/cancel.sql - a cancelling order: it names a signed order
-- (hr_order.cancels_id) and has no lines of its own; signing it restores
-- every record the original wrote, from the original's notes
-- (hr.order_effect), and refuses while a later change touched one of them.

-- Why an order cannot be cancelled, one sentence each: it is not signed or
-- already cancelled, or a record it wrote has changed since.
CREATE OR REPLACE FUNCTION hr.order_cancel_problems(o hr.hr_order) RETURNS SETOF text
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

-- Undoes what a signed order did, last effect first, and marks it cancelled.
CREATE OR REPLACE FUNCTION hr.order_reverse(o hr.hr_order) RETURNS void
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

ALTER FUNCTION hr.order_cancel_problems(hr.hr_order) OWNER TO hr_owner;
ALTER FUNCTION hr.order_reverse(hr.hr_order) OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_cancel_problems(hr.hr_order), hr.order_reverse(hr.hr_order)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_cancel_problems(hr.hr_order) TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_reverse(hr.hr_order) TO hr_orders;
