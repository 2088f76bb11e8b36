-- person/validate.sql - the checks of a person's row: the ID number by the
-- service's scheme and what it says of birth date and gender, a birth date
-- in the past and one that keeps every hire at 16 to 80 years of age.

-- The employments are read after the row lock: a birth date is changed in
-- READ COMMITTED only, which sees a hire signed meanwhile.
CREATE OR REPLACE FUNCTION hr.person_validate() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_scheme text;
	v_id record;
	v_age int;
BEGIN
	SELECT id_scheme INTO v_scheme FROM hr.service_setting;
	v_scheme := coalesce(v_scheme, 'none');
	NEW.personal_id := nullif(hr.personal_id_normalise(v_scheme, NEW.personal_id), '');
	IF NEW.personal_id IS NOT NULL AND (TG_OP = 'INSERT'
	    OR NEW.personal_id IS DISTINCT FROM OLD.personal_id
	    OR NEW.birth_date IS DISTINCT FROM OLD.birth_date
	    OR NEW.gender IS DISTINCT FROM OLD.gender) THEN
		v_id := hr.personal_id_parse(v_scheme, NEW.personal_id);
		IF v_id.problem IS NOT NULL THEN
			RAISE EXCEPTION '%', v_id.problem USING ERRCODE = 'check_violation',
				COLUMN = 'personal_id', TABLE = 'person', SCHEMA = 'hr';
		ELSIF v_id.birth IS NOT NULL AND NEW.birth_date IS NOT NULL
		      AND v_id.birth <> NEW.birth_date THEN
			RAISE EXCEPTION 'Birth date differs from the one in the ID number'
				USING ERRCODE = 'check_violation', COLUMN = 'birth_date',
				TABLE = 'person', SCHEMA = 'hr';
		ELSIF v_id.gender IS NOT NULL AND NEW.gender IS NOT NULL
		      AND v_id.gender <> NEW.gender THEN
			RAISE EXCEPTION 'Gender differs from the one in the ID number'
				USING ERRCODE = 'check_violation', COLUMN = 'gender',
				TABLE = 'person', SCHEMA = 'hr';
		END IF;
	END IF;
	IF NEW.birth_date IS NOT NULL AND (TG_OP = 'INSERT'
	    OR NEW.birth_date IS DISTINCT FROM OLD.birth_date) THEN
		IF NEW.birth_date > current_date THEN
			RAISE EXCEPTION 'The date must not be in the future'
				USING ERRCODE = 'check_violation', COLUMN = 'birth_date',
				TABLE = 'person', SCHEMA = 'hr';
		END IF;
		IF TG_OP = 'UPDATE' THEN
			-- The employments are read after the row lock; only READ
			-- COMMITTED sees a hire signed meanwhile.
			IF current_setting('transaction_isolation') <> 'read committed' THEN
				RAISE EXCEPTION 'A birth date is changed in a READ COMMITTED transaction (this one is %)',
					upper(current_setting('transaction_isolation'))
					USING ERRCODE = 'feature_not_supported';
			END IF;
			SELECT a INTO v_age FROM (
				SELECT extract(year FROM age(e.hire_date, NEW.birth_date))::int AS a
				  FROM hr.employment e
				 WHERE e.org_id = NEW.org_id AND e.person_id = NEW.id) x
			 WHERE a NOT BETWEEN 16 AND 80 LIMIT 1;
			IF FOUND THEN
				RAISE EXCEPTION 'Age at hire must be 16 to 80 (is %)', v_age
					USING ERRCODE = 'check_violation', COLUMN = 'birth_date',
					TABLE = 'person', SCHEMA = 'hr';
			END IF;
		END IF;
	END IF;
	RETURN NEW;
END
$$;

ALTER FUNCTION hr.person_validate() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.person_validate() FROM PUBLIC;
