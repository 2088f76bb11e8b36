-- 015_order_lifts.sql - what a signed order changed on a record keyed by
-- hand stays the order's: a penalty lifted by a signed order records the
-- line that lifted it, and hr.order_record_keep (db/functions/orders/
-- guards.sql) refuses to change or delete it except through another order
-- (a cancellation of the lifting).  Decided on the row itself, so a clerk's
-- update that waited for the signature sees it.

ALTER TABLE hr.penalty ADD COLUMN lifted_by bigint;
COMMENT ON COLUMN hr.penalty.lifted_by IS
	'hr.order_line.id of the signed order that lifted it; set and cleared by orders only';

-- Signing and cancelling (hr_orders) write it; clerks and heads have no
-- grant on the column.
GRANT UPDATE (lifted_by) ON hr.penalty TO hr_orders;

-- Penalties lifted by orders signed before this migration.
UPDATE hr.penalty p SET lifted_by = l.id
  FROM hr.order_line l JOIN hr.hr_order h ON h.org_id = l.org_id AND h.id = l.order_id
 WHERE h.kind = 'penalty_lift' AND h.status = 'signed' AND l.org_id = p.org_id
   AND l.penalty_id = p.id AND p.lifted_on = l.effective;
