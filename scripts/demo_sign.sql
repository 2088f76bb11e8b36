-- demo_sign.sql - head_moe signs the demo leave and award orders (the trip
-- order stays a draft to be checked and signed in the program).
SELECT s.number_text
  FROM hr.hr_order h
 CROSS JOIN LATERAL hr.order_sign(h.id, h.version) s
 WHERE h.request_id IN ('00000000-0000-4000-8000-00000000d001',
	'00000000-0000-4000-8000-00000000d002') AND h.status = 'draft'
 ORDER BY h.id;
