-- 008_validation.sql - the data-quality rules of the personnel file, enforced
-- by the database as well as by the forms (core/validate.c,
-- core/personal_id.c), so psql cannot store what a form would refuse:
-- personal ID numbers under the service's scheme, birth date and gender
-- agreeing with the number, the characters of names, no control
-- characters in any text of the file, the age at hire and the span of hire
-- dates.  Every refusal is SQLSTATE 23514 (check_violation: a CHECK
-- constraint, or a trigger raising it with the clerk's sentence as the
-- message), which the client shows as "refused as not valid".

-- ---- personal ID numbers --------------------------------------------------
-- The rules and their sources are described in core/personal_id.c; the
-- reasons are the same sentences, word for word (tests/db/test_validation.c
-- compares them).

-- The date y-m-d, or NULL when it does not exist.
CREATE FUNCTION hr.real_date(y int, m int, d int) RETURNS date
	LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN y BETWEEN 1 AND 9999 AND m BETWEEN 1 AND 12 AND d >= 1
		AND d <= extract(day FROM make_date(y, m, 1) + interval '1 month - 1 day')
		THEN make_date(y, m, d) END
$$;

-- The stored form of a number: spaces removed, and for kr_rrn the hyphen.
CREATE FUNCTION hr.personal_id_normalise(p_scheme text, p_id text) RETURNS text
	LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN p_scheme = 'kr_rrn' THEN translate(p_id, ' -', '')
		ELSE replace(p_id, ' ', '') END
$$;

-- Checks a number under a scheme: problem is NULL when it is valid (or not
-- given: NULL), else the reason; birth and gender are what it encodes.
CREATE FUNCTION hr.personal_id_parse(p_scheme text, p_id text,
	OUT problem text, OUT birth date, OUT gender text)
	LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	id text := hr.personal_id_normalise(p_scheme, p_id);
	dg int[];
	s int;
	c int;
BEGIN
	IF id IS NULL THEN
		RETURN;
	ELSIF id = '' THEN
		problem := 'ID number is empty';
		RETURN;
	END IF;
	IF p_scheme IN ('kz_iin', 'uz_pinfl', 'kg_pin', 'kr_rrn') AND id ~ '^[0-9]+$' THEN
		dg := string_to_array(id, NULL)::int[];
	END IF;
	CASE p_scheme
	WHEN 'kz_iin' THEN
		IF length(id) <> 12 OR dg IS NULL THEN
			problem := 'IIN must be 12 digits';
		ELSIF dg[7] NOT BETWEEN 1 AND 6 THEN
			problem := 'IIN 7th digit (century and gender) must be 1 to 6';
		ELSE
			birth := hr.real_date(1800 + (dg[7] - 1) / 2 * 100 + dg[1] * 10 + dg[2],
				dg[3] * 10 + dg[4], dg[5] * 10 + dg[6]);
			gender := CASE WHEN dg[7] % 2 = 1 THEN 'M' ELSE 'F' END;
			s := 0;
			FOR i IN 1..11 LOOP
				s := s + dg[i] * i;
			END LOOP;
			c := s % 11;
			IF c = 10 THEN
				s := 0;
				FOR i IN 1..11 LOOP
					s := s + dg[i] * ((i + 1) % 11 + 1);  -- 3,4,...,11,1,2
				END LOOP;
				c := s % 11;
			END IF;
			IF birth IS NULL THEN
				problem := 'IIN holds a birth date that does not exist';
			ELSIF c = 10 THEN
				problem := 'IIN cannot exist: no check digit fits it';
			ELSIF c <> dg[12] THEN
				problem := 'IIN check digit does not match';
			END IF;
		END IF;
	WHEN 'uz_pinfl' THEN
		IF length(id) <> 14 OR dg IS NULL THEN
			problem := 'PINFL must be 14 digits';
		ELSIF dg[1] NOT BETWEEN 1 AND 6 THEN
			problem := 'PINFL 1st digit (century and gender) must be 1 to 6';
		ELSE
			birth := hr.real_date(1800 + (dg[1] - 1) / 2 * 100 + dg[6] * 10 + dg[7],
				dg[4] * 10 + dg[5], dg[2] * 10 + dg[3]);
			gender := CASE WHEN dg[1] % 2 = 1 THEN 'M' ELSE 'F' END;
			s := 0;
			FOR i IN 1..13 LOOP
				s := s + dg[i] * (ARRAY[7, 3, 1])[(i - 1) % 3 + 1];
			END LOOP;
			IF birth IS NULL THEN
				problem := 'PINFL holds a birth date that does not exist';
			ELSIF s % 10 <> dg[14] THEN
				problem := 'PINFL check digit does not match';
			END IF;
		END IF;
	WHEN 'kg_pin' THEN
		IF length(id) <> 14 OR dg IS NULL THEN
			problem := 'PIN must be 14 digits';
		ELSIF dg[1] NOT IN (1, 2) THEN
			problem := 'PIN 1st digit must be 1 (female) or 2 (male)';
		ELSE
			c := substr(id, 6, 4)::int;
			birth := CASE WHEN c >= 1800 THEN hr.real_date(c, dg[4] * 10 + dg[5],
				dg[2] * 10 + dg[3]) END;
			gender := CASE WHEN dg[1] = 2 THEN 'M' ELSE 'F' END;
			IF birth IS NULL THEN
				problem := 'PIN holds a birth date that does not exist';
			END IF;
		END IF;
	WHEN 'kr_rrn' THEN
		IF length(id) <> 13 OR dg IS NULL THEN
			problem := 'RRN must be 13 digits: YYMMDD-GNNNNNN';
		ELSE
			-- 9/0 1800s, 1/2 and 5/6 1900s, 3/4 and 7/8 2000s; the last
			-- digit is not a check digit for numbers issued since 2020.
			birth := hr.real_date((ARRAY[1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000,
				1800])[dg[7] + 1] + dg[1] * 10 + dg[2], dg[3] * 10 + dg[4], dg[5] * 10 + dg[6]);
			gender := CASE WHEN dg[7] % 2 = 1 THEN 'M' ELSE 'F' END;
			IF birth IS NULL THEN
				problem := 'RRN holds a birth date that does not exist';
			END IF;
		END IF;
	ELSE
		-- 'none' (and any scheme this function does not know): free text.
		IF id ~ '[\u0001-\u001f\u007f-\u009f]' THEN
			problem := 'ID number has a control character';
		ELSIF length(id) > 30 THEN
			problem := 'ID number may have at most 30 characters';
		END IF;
	END CASE;
	IF problem IS NOT NULL THEN
		birth := NULL;
		gender := NULL;
	END IF;
END
$$;

-- NULL when `p_id` is valid under `p_scheme` (or NULL), else the reason.
CREATE FUNCTION hr.personal_id_problem(p_scheme text, p_id text) RETURNS text
	LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT problem FROM hr.personal_id_parse(p_scheme, p_id)
$$;

-- ---- names and other text ---------------------------------------------------
-- NULL when `p_name` is a valid non-empty name, else the reason (the checks
-- and sentences of validate_name() in core/validate.c, in its order).
-- Letters: Latin with its extensions and Vietnamese, Greek, Cyrillic,
-- Armenian, Georgian, CJK ideographs, Hangul, combining diacritics.
CREATE FUNCTION hr.name_problem(p_name text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
	WHEN p_name = '' THEN 'This field is required'
	WHEN p_name ~ '[\u0001-\u001f\u007f-\u009f]' THEN 'Control characters are not allowed'
	WHEN length(p_name) > 100 THEN 'At most 100 characters (has ' || length(p_name) || ')'
	WHEN p_name !~ ('^[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u0386'
		'\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03ce\u0400-\u0481\u048a-\u052f'
		'\u0531-\u0556\u0561-\u0587\u10d0-\u10fa\u1780-\u17d3\u17dc\u17dd\u1e00-\u1eff\u4e00-\u9fff\uac00-\ud7a3'
		' .''\u2019\u02bb\u02bc-]*$')
		THEN 'A name may hold only letters, spaces, hyphens, dots, apostrophes'
	WHEN p_name !~ ('[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u0386'
		'\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03ce\u0400-\u0481\u048a-\u052f'
		'\u0531-\u0556\u0561-\u0587\u10d0-\u10fa\u1780-\u17d3\u17dc\u17dd\u1e00-\u1eff\u4e00-\u9fff\uac00-\ud7a3]')
		THEN 'A name needs at least one letter'
	WHEN p_name ~ '^ | $' THEN 'A name must not start or end with a space'
	END
$$;

ALTER TABLE hr.person
	ADD CONSTRAINT person_names_valid CHECK (hr.name_problem(last_name) IS NULL AND
		hr.name_problem(first_name) IS NULL AND
		(middle_name = '' OR hr.name_problem(middle_name) IS NULL)),
	-- validate_email(): no spaces (the ones \s knows in any locale) or controls.
	ADD CONSTRAINT person_email_plain CHECK
		(email !~ '[\u0001-\u0020\u007f-\u009f\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]');

-- Every free text of the file is free of control characters (validate_text).
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT * FROM (VALUES ('person', 'citizenship'), ('person', 'address'),
		('education', 'institution'), ('education', 'major'),
		('family_member', 'full_name'), ('prior_employment', 'employer'),
		('prior_employment', 'position'), ('grade_history', 'grade'),
		('grade_history', 'class_rank'), ('training', 'course'), ('training', 'provider'),
		('award', 'award'), ('award', 'document'), ('penalty', 'penalty'),
		('penalty', 'reason'), ('assessment', 'note'), ('consent', 'document'),
		('document', 'title'), ('document', 'file_name')) v (tab, col)
	LOOP
		EXECUTE format('ALTER TABLE hr.%I ADD CONSTRAINT %I CHECK (%I !~ %L)', r.tab,
			r.tab || '_' || r.col || '_printable', r.col, '[\u0001-\u001f\u007f-\u009f]');
	END LOOP;
END
$$;

-- ---- the person row: ID number, birth date, gender ---------------------------
-- Normalises the ID number (NULL when nothing is left) and refuses a number
-- invalid under hr.service_setting.id_scheme, a number whose birth date or
-- gender contradicts the row's, a birth date in the future, and a changed
-- birth date that would put an existing hire outside the ages 16 to 80.
-- Numbers are checked when written, so changing the scheme later does not
-- block edits of other fields of rows keyed under the old scheme.
CREATE FUNCTION hr.person_validate() RETURNS trigger LANGUAGE plpgsql
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

CREATE TRIGGER person_validate BEFORE INSERT OR UPDATE ON hr.person
	FOR EACH ROW EXECUTE FUNCTION hr.person_validate();

-- ---- the hire: date span and age ---------------------------------------------
-- A hire date from 1940-01-01 to a year after today, and the person 16 to 80
-- years old on it (when the birth date is known).
CREATE FUNCTION hr.employment_validate() RETURNS trigger LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_birth date;
	v_age int;
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.hire_date IS NOT DISTINCT FROM OLD.hire_date
	   AND NEW.person_id IS NOT DISTINCT FROM OLD.person_id THEN
		RETURN NEW;
	END IF;
	IF NEW.hire_date < date '1940-01-01' THEN
		RAISE EXCEPTION 'The date must not be before 01.01.1940'
			USING ERRCODE = 'check_violation', COLUMN = 'hire_date',
			TABLE = 'employment', SCHEMA = 'hr';
	ELSIF NEW.hire_date > current_date + interval '1 year' THEN
		RAISE EXCEPTION 'A hire date must not be after % (a year ahead)',
			to_char(current_date + interval '1 year', 'DD.MM.YYYY')
			USING ERRCODE = 'check_violation', COLUMN = 'hire_date',
			TABLE = 'employment', SCHEMA = 'hr';
	END IF;
	-- The person of the same organisation, as the foreign key requires; a
	-- row the login cannot see is left to the foreign key to refuse.
	SELECT birth_date INTO v_birth FROM hr.person
	 WHERE org_id = NEW.org_id AND id = NEW.person_id;
	v_age := extract(year FROM age(NEW.hire_date, v_birth))::int;
	IF v_age NOT BETWEEN 16 AND 80 THEN
		RAISE EXCEPTION 'Age at hire must be 16 to 80 (is %)', v_age
			USING ERRCODE = 'check_violation', COLUMN = 'hire_date',
			TABLE = 'employment', SCHEMA = 'hr';
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER employment_validate BEFORE INSERT OR UPDATE ON hr.employment
	FOR EACH ROW EXECUTE FUNCTION hr.employment_validate();

-- ---- ownership and privileges -----------------------------------------------
ALTER FUNCTION hr.real_date(int, int, int) OWNER TO hr_owner;
ALTER FUNCTION hr.personal_id_normalise(text, text) OWNER TO hr_owner;
ALTER FUNCTION hr.personal_id_parse(text, text) OWNER TO hr_owner;
ALTER FUNCTION hr.personal_id_problem(text, text) OWNER TO hr_owner;
ALTER FUNCTION hr.name_problem(text) OWNER TO hr_owner;
ALTER FUNCTION hr.person_validate() OWNER TO hr_owner;
ALTER FUNCTION hr.employment_validate() OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.real_date(int, int, int), hr.personal_id_normalise(text, text),
	hr.personal_id_parse(text, text), hr.personal_id_problem(text, text),
	hr.name_problem(text), hr.person_validate(), hr.employment_validate() FROM PUBLIC;
-- The checks run as the writing login (CHECK constraints, invoker triggers);
-- any login may also ask them, as a form does before saving.
GRANT EXECUTE ON FUNCTION hr.real_date(int, int, int), hr.personal_id_normalise(text, text),
	hr.personal_id_parse(text, text), hr.personal_id_problem(text, text),
	hr.name_problem(text) TO hr_login;
