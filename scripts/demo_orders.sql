-- demo_orders.sql - a few personnel orders for `make demo`, keyed as
-- clerk_moe (run with that login's certificate).  Fixed request ids make a
-- second run add nothing.  scripts/demo_sign.sql signs two of them as head_moe.
INSERT INTO hr.hr_order (org_id, kind, register_id, basis, request_id)
SELECT r.org_id, v.kind, r.id, v.basis, v.request::uuid
  FROM (VALUES
	('leave', 'L', 'Applications of the employees', '00000000-0000-4000-8000-00000000d001'),
	('award', 'P', 'Proposal of the head of the department', '00000000-0000-4000-8000-00000000d002'),
	('trip', 'T', 'Invitation of the regional office', '00000000-0000-4000-8000-00000000d003'))
	v (kind, register, basis, request)
  JOIN hr.order_register r ON r.code = v.register
   AND r.org_id = (SELECT id FROM hr.org WHERE code = 'MOE')
ON CONFLICT (org_id, request_id) DO NOTHING;

INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, until, leave_type)
SELECT h.org_id, h.id, x.n, e.person_id, current_date + 14, current_date + 27, 'annual'
  FROM hr.hr_order h
 CROSS JOIN (VALUES (1, 'MOE-0004'), (2, 'MOE-0005')) x (n, personnel_no)
  JOIN hr.employment e ON e.personnel_no = x.personnel_no
 WHERE h.request_id = '00000000-0000-4000-8000-00000000d001' AND h.status = 'draft'
ON CONFLICT DO NOTHING;

INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, award)
SELECT h.org_id, h.id, 1, e.person_id, current_date, 'Certificate of honour'
  FROM hr.hr_order h JOIN hr.employment e ON e.personnel_no = 'MOE-0006'
 WHERE h.request_id = '00000000-0000-4000-8000-00000000d002' AND h.status = 'draft'
ON CONFLICT DO NOTHING;

INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, until, destination,
	purpose)
SELECT h.org_id, h.id, 1, e.person_id, current_date + 7, current_date + 10, 'Almaty',
       'Audit of the regional office'
  FROM hr.hr_order h JOIN hr.employment e ON e.personnel_no = 'MOE-0007'
 WHERE h.request_id = '00000000-0000-4000-8000-00000000d003' AND h.status = 'draft'
ON CONFLICT DO NOTHING;
