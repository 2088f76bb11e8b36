-- 014_leave_types.sql - the types of leave are a value list.
--
-- Until now the codes were written out in the CHECKs of hr.absence and
-- hr.order_line, in hr.leave_type_text and in the Russian text of orders.
-- They are rows of hr.leave_type now, with their names in the languages
-- orders are printed in; the columns refer to it, and the texts read it
-- (db/functions/orders/leave.sql).  A new type is a row (and the client's
-- list in core/order/order.c, which tests/db/test_leave_types.c holds to
-- the table).  Every login reads the list; only its owner writes it.

CREATE TABLE hr.leave_type (
	code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{0,19}$'),
	name_en text NOT NULL CHECK (name_en <> '' AND length(name_en) <= 100),
	name_ru text NOT NULL CHECK (name_ru <> '' AND length(name_ru) <= 100),
	-- Whether pay continues during the leave (for payroll).
	paid    bool NOT NULL,
	-- The place in the lists that offer the types.
	ord     int NOT NULL UNIQUE
);
INSERT INTO hr.leave_type (code, name_en, name_ru, paid, ord) VALUES
	('annual', 'annual paid leave', 'ежегодный оплачиваемый отпуск', true, 1),
	('unpaid', 'unpaid leave', 'отпуск без сохранения заработной платы', false, 2),
	('study', 'study leave', 'учебный отпуск', true, 3),
	('maternity', 'maternity leave', 'отпуск по беременности и родам', true, 4),
	('sick', 'sick leave', 'отпуск по болезни', true, 5),
	('other', 'leave', 'отпуск', false, 6);
ALTER TABLE hr.leave_type OWNER TO hr_owner;
ALTER TABLE hr.leave_type ENABLE ROW LEVEL SECURITY;
ALTER TABLE hr.leave_type FORCE ROW LEVEL SECURITY;
CREATE POLICY leave_type_read ON hr.leave_type FOR SELECT TO hr_login, hr_orders USING (true);
GRANT SELECT ON hr.leave_type TO hr_login, hr_orders;
CREATE TRIGGER zz_audit AFTER INSERT OR UPDATE OR DELETE ON hr.leave_type
	FOR EACH ROW EXECUTE FUNCTION audit.trg();

-- The columns take the list's codes (the CHECKs named them one by one).
ALTER TABLE hr.absence DROP CONSTRAINT absence_leave_type_check,
	ADD CONSTRAINT absence_leave_type_fkey FOREIGN KEY (leave_type)
		REFERENCES hr.leave_type (code);
ALTER TABLE hr.order_line DROP CONSTRAINT order_line_leave_type_check,
	ADD CONSTRAINT order_line_leave_type_fkey FOREIGN KEY (leave_type)
		REFERENCES hr.leave_type (code);
