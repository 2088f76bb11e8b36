-- orders/dispatch.sql - checking and applying an order, kind by kind.

-- Everything that stops an order from being signed ('error') and what the
-- signer should know ('warning'), one row each, by line.  Runs as the
-- login: it sees what the login sees.
CREATE OR REPLACE FUNCTION hr.order_problems(p_order bigint)
	RETURNS TABLE (line_no int, person text, severity text, problem text)
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o hr.hr_order;
	l hr.order_line;
	s hr.order_setting;
	e hr.employment;
	a hr.assignment;
	v_free numeric;
	v_text text;
	v_day date;
	v_lines int := 0;
BEGIN
	SELECT * INTO o FROM hr.hr_order WHERE id = p_order;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'No such order' USING ERRCODE = 'no_data_found';
	END IF;
	SELECT * INTO s FROM hr.order_setting WHERE org_id = o.org_id;
	IF o.kind = 'cancel' THEN
		FOR line_no, person, severity, problem IN
			SELECT NULL::int, NULL::text, 'error', p FROM hr.order_cancel_problems(o) p LOOP
			RETURN NEXT;
		END LOOP;
		RETURN;
	END IF;
	FOR l IN SELECT * FROM hr.order_line WHERE org_id = o.org_id AND order_id = o.id
		ORDER BY order_line.line_no LOOP
		v_lines := v_lines + 1;
		line_no := l.line_no;
		person := hr.person_name(l.org_id, l.person_id);
		severity := 'error';
		e := hr.employment_on(l.org_id, l.person_id, l.effective);
		-- A file that moved on with a transfer takes no more orders here.
		v_text := NULL;
		IF (SELECT p.moved_to FROM hr.person p WHERE p.org_id = l.org_id AND p.id = l.person_id)
		   IS NOT NULL THEN
			SELECT x.name INTO v_text FROM hr.person p JOIN hr.service_orgs() x ON x.id = p.moved_to
			 WHERE p.org_id = l.org_id AND p.id = l.person_id;
		END IF;
		IF v_text IS NOT NULL THEN
			problem := format('the file moved to %s with a transfer; it takes no more orders here',
				v_text);
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF o.kind = 'hire' THEN
			IF e.id IS NOT NULL THEN
				problem := format('already employed on %s (personnel no. %s)',
					hr.day_text(l.effective), e.personnel_no);
				RETURN NEXT;
			ELSIF EXISTS (SELECT 1 FROM hr.employment x WHERE x.org_id = l.org_id
				AND x.person_id = l.person_id AND x.hire_date > l.effective) THEN
				problem := 'a later employment is already on file';
				RETURN NEXT;
			END IF;
			IF l.personnel_no IS NULL THEN
				problem := 'a personnel number is needed';
				RETURN NEXT;
			ELSIF EXISTS (SELECT 1 FROM hr.employment x WHERE x.org_id = l.org_id
				AND x.personnel_no = l.personnel_no) OR EXISTS (SELECT 1 FROM hr.order_line y
				WHERE y.org_id = l.org_id AND y.order_id = l.order_id
				  AND y.personnel_no = l.personnel_no AND y.line_no < l.line_no) THEN
				problem := format('personnel number %s is taken', l.personnel_no);
				RETURN NEXT;
			END IF;
			IF NOT EXISTS (SELECT 1 FROM hr.consent c WHERE c.org_id = l.org_id
				AND c.person_id = l.person_id AND c.given_on <= l.effective
				AND (c.withdrawn_on IS NULL OR c.withdrawn_on > l.effective)) THEN
				problem := 'no consent to the processing of personal data is on file';
				RETURN NEXT;
			END IF;
		ELSIF e.id IS NULL THEN
			problem := format('not employed on %s', hr.day_text(l.effective));
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF o.kind IN ('hire', 'transfer') THEN
			SELECT * INTO a FROM hr.assignment x WHERE x.org_id = l.org_id
			   AND x.employment_id = e.id AND x.during @> l.effective;
			IF l.position_id IS NULL THEN
				problem := 'a position is needed';
				RETURN NEXT;
			ELSE
				v_free := hr.position_free(l.org_id, l.position_id,
					daterange(l.effective, NULL), a.id);
				-- Earlier lines of this order take rates of the same position.
				v_free := v_free - coalesce((SELECT sum(coalesce(y.rate, 1)) FROM hr.order_line y
					WHERE y.org_id = l.org_id AND y.order_id = l.order_id
					  AND y.position_id = l.position_id AND y.line_no < l.line_no), 0);
				IF v_free IS NULL OR v_free < 0 AND NOT EXISTS (SELECT 1 FROM hr.position_version pv
					WHERE pv.org_id = l.org_id AND pv.position_id = l.position_id
					  AND pv.valid @> l.effective) THEN
					problem := format('position "%s" does not exist on %s',
						hr.position_title(l.org_id, l.position_id, l.effective),
						hr.day_text(l.effective));
					RETURN NEXT;
				ELSIF v_free < coalesce(l.rate, 1) THEN
					problem := format('position "%s" has no vacant %s rate from %s (vacant: %s)',
						hr.position_title(l.org_id, l.position_id, l.effective),
						coalesce(l.rate, 1), hr.day_text(l.effective), greatest(v_free, 0));
					RETURN NEXT;
				END IF;
			END IF;
			IF o.kind = 'transfer' AND a.id IS NULL THEN
				problem := format('holds no position on %s', hr.day_text(l.effective));
				RETURN NEXT;
			ELSIF o.kind = 'transfer' AND a.position_id = l.position_id
			      AND a.rate = coalesce(l.rate, a.rate) THEN
				problem := 'already holds this position at this rate';
				RETURN NEXT;
			END IF;
			IF o.kind = 'transfer' AND EXISTS (SELECT 1 FROM hr.assignment x
				WHERE x.org_id = l.org_id AND x.employment_id = e.id
				  AND lower(x.during) > l.effective) THEN
				problem := 'a later transfer is already on file; cancel it first';
				RETURN NEXT;
			END IF;
		ELSIF o.kind = 'grade' AND l.grade IS NULL THEN
			problem := 'a grade is needed';
			RETURN NEXT;
		ELSIF o.kind = 'pay' AND l.pay_scale IS NULL THEN
			problem := 'a pay scale step is needed';
			RETURN NEXT;
		ELSIF o.kind = 'personal' THEN
			IF l.last_name IS NULL AND l.first_name IS NULL AND l.middle_name IS NULL THEN
				problem := 'the new name is missing';
				RETURN NEXT;
			END IF;
			IF coalesce(l.document, '') = '' THEN
				problem := 'the supporting document is needed';
				RETURN NEXT;
			END IF;
			v_text := hr.name_problem(coalesce(l.last_name, 'A'));
			IF v_text IS NULL THEN
				v_text := hr.name_problem(coalesce(l.first_name, 'A'));
			END IF;
			IF v_text IS NOT NULL THEN
				problem := v_text;
				RETURN NEXT;
			END IF;
		ELSIF o.kind IN ('leave', 'trip') THEN
			IF l.until IS NULL THEN
				problem := 'the last day is needed';
				RETURN NEXT;
			ELSE
				IF o.kind = 'leave' AND l.leave_type IS NULL THEN
					problem := 'the type of leave is needed';
					RETURN NEXT;
				END IF;
				IF o.kind = 'trip' AND coalesce(l.destination, '') = '' THEN
					problem := 'the destination is needed';
					RETURN NEXT;
				END IF;
				IF e.end_date IS NOT NULL AND l.until > e.end_date THEN
					problem := format('employment ends on %s', hr.day_text(e.end_date));
					RETURN NEXT;
				END IF;
				SELECT string_agg(CASE x.kind WHEN 'leave' THEN 'leave' ELSE 'business trip' END
					|| ' ' || hr.day_text(lower(x.during)) || '–'
					|| hr.day_text(upper(x.during) - 1), ', ') INTO v_text
				  FROM hr.absence x WHERE x.org_id = l.org_id AND x.person_id = l.person_id
				   AND x.during && daterange(l.effective, l.until, '[]');
				IF v_text IS NOT NULL THEN
					problem := 'overlaps ' || v_text;
					RETURN NEXT;
				END IF;
				IF EXISTS (SELECT 1 FROM hr.order_line y WHERE y.org_id = l.org_id
					AND y.order_id = l.order_id AND y.person_id = l.person_id
					AND y.line_no < l.line_no AND y.until IS NOT NULL
					AND daterange(y.effective, y.until, '[]')
					    && daterange(l.effective, l.until, '[]')) THEN
					problem := 'overlaps another line of this order';
					RETURN NEXT;
				END IF;
			END IF;
		ELSIF o.kind = 'recall' THEN
			IF l.absence_id IS NULL THEN
				SELECT x.id INTO l.absence_id FROM hr.absence x WHERE x.org_id = l.org_id
				   AND x.person_id = l.person_id AND x.kind = 'leave' AND x.during @> l.effective;
			END IF;
			IF NOT EXISTS (SELECT 1 FROM hr.absence x WHERE x.org_id = l.org_id
				AND x.id = l.absence_id AND x.person_id = l.person_id AND x.kind = 'leave'
				AND x.during @> l.effective AND lower(x.during) < l.effective) THEN
				problem := format('is not on leave on %s (a recall is from the second day on)',
					hr.day_text(l.effective));
				RETURN NEXT;
			END IF;
		ELSIF o.kind = 'award' THEN
			IF l.award IS NULL THEN
				problem := 'the award is needed';
				RETURN NEXT;
			ELSIF s.award_repeat_years > 0 THEN
				SELECT max(w.awarded_on) INTO v_day FROM hr.award w
				 WHERE w.org_id = l.org_id AND w.person_id = l.person_id
				   AND lower(w.award) = lower(l.award)
				   AND w.awarded_on > l.effective - make_interval(years => s.award_repeat_years);
				IF v_day IS NOT NULL THEN
					problem := format('received "%s" on %s; the same award is given at most once in %s years',
						l.award, hr.day_text(v_day), s.award_repeat_years);
					RETURN NEXT;
				END IF;
			END IF;
		ELSIF o.kind = 'penalty' AND l.penalty IS NULL THEN
			problem := 'the penalty is needed';
			RETURN NEXT;
		ELSIF o.kind = 'penalty_lift' THEN
			IF NOT EXISTS (SELECT 1 FROM hr.penalty x WHERE x.org_id = l.org_id
				AND x.id = l.penalty_id AND x.person_id = l.person_id AND x.lifted_on IS NULL
				AND x.imposed_on <= l.effective) THEN
				problem := 'has no penalty in force to lift on that day';
				RETURN NEXT;
			END IF;
		ELSIF o.kind IN ('dismissal', 'transfer_out') THEN
			IF o.kind = 'transfer_out' AND (l.to_org_id IS NULL OR l.to_org_id = l.org_id
			   OR l.to_org_id NOT IN (SELECT x.id FROM hr.service_orgs() x)) THEN
				problem := 'the organisation to transfer to is needed (another one of the service)';
				RETURN NEXT;
			ELSIF o.kind = 'dismissal' AND l.end_reason IS NULL THEN
				problem := 'the reason for dismissal is needed';
				RETURN NEXT;
			ELSIF o.kind = 'dismissal' AND l.end_reason = 'own_request'
			      AND s.obligation_blocks_own_request THEN
				SELECT x.reason || ' until ' || coalesce(hr.day_text(upper(x.during) - 1), 'further notice')
				  INTO v_text FROM hr.service_obligation x
				 WHERE x.org_id = l.org_id AND x.person_id = l.person_id
				   AND x.during @> l.effective LIMIT 1;
				IF v_text IS NOT NULL THEN
					problem := 'cannot leave by own request during a service obligation: ' || v_text;
					RETURN NEXT;
				END IF;
			END IF;
			IF EXISTS (SELECT 1 FROM hr.assignment x WHERE x.org_id = l.org_id
				AND x.employment_id = e.id AND lower(x.during) > l.effective) THEN
				problem := 'a transfer after the last day is on file; cancel it first';
				RETURN NEXT;
			END IF;
			IF EXISTS (SELECT 1 FROM hr.absence x WHERE x.org_id = l.org_id
				AND x.person_id = l.person_id AND upper(x.during) > l.effective + 1) THEN
				problem := 'leave or a business trip runs past the last day';
				RETURN NEXT;
			END IF;
		END IF;
		IF EXISTS (SELECT 1 FROM hr.order_line y WHERE y.org_id = l.org_id
			AND y.order_id = l.order_id AND y.person_id = l.person_id AND y.line_no < l.line_no)
		   AND o.kind NOT IN ('leave', 'trip') THEN
			problem := 'is on an earlier line of this order too';
			RETURN NEXT;
		END IF;
		-- What a retro-dated order reaches back over.
		IF l.effective < current_date THEN
			severity := 'warning';
			SELECT string_agg(DISTINCT h.number_text, ', ') INTO v_text
			  FROM hr.order_line y JOIN hr.hr_order h ON h.org_id = y.org_id AND h.id = y.order_id
			 WHERE y.org_id = l.org_id AND y.person_id = l.person_id AND h.status = 'signed'
			   AND coalesce(y.until, y.effective) >= l.effective;
			problem := format('retro-dated: takes effect %s days ago', current_date - l.effective)
				|| coalesce('; overlaps signed order(s) ' || v_text, '');
			RETURN NEXT;
		END IF;
	END LOOP;
	IF v_lines = 0 THEN
		line_no := NULL;
		person := NULL;
		severity := 'error';
		problem := 'the order has no employees';
		RETURN NEXT;
	END IF;
END
$$;

-- Writes the effects of every line of a draft order, noting each.
CREATE OR REPLACE FUNCTION hr.order_apply(o hr.hr_order) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	l hr.order_line;
	e hr.employment;
	a hr.assignment;
	v_id bigint;
	v_before jsonb;
	v_after jsonb;
	v_pos text;
	v_name text;
BEGIN
	IF o.kind = 'cancel' THEN
		PERFORM hr.order_reverse(o);
		RETURN;
	END IF;
	FOR l IN SELECT * FROM hr.order_line WHERE org_id = o.org_id AND order_id = o.id
		ORDER BY line_no LOOP
		v_name := hr.person_name(l.org_id, l.person_id);
		e := hr.employment_on(l.org_id, l.person_id, l.effective);
		IF l.position_id IS NOT NULL THEN
			v_pos := hr.position_title(l.org_id, l.position_id, l.effective);
		END IF;
		CASE o.kind
		WHEN 'hire' THEN
			INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date, order_line_id)
			VALUES (l.org_id, l.person_id, l.personnel_no, l.effective, l.id)
			RETURNING * INTO e;
			PERFORM hr.order_note(o, l.id, 'insert', 'employment', e.id, NULL, to_jsonb(e),
				format('%s: employment from %s, personnel no. %s', v_name,
					hr.day_text(l.effective), l.personnel_no));
			INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during,
				order_line_id)
			VALUES (l.org_id, e.id, l.position_id, coalesce(l.rate, 1),
				daterange(l.effective, NULL), l.id)
			RETURNING * INTO a;
			PERFORM hr.order_note(o, l.id, 'insert', 'assignment', a.id, NULL, to_jsonb(a),
				format('%s: assigned to "%s" (%s rate) from %s', v_name, v_pos, a.rate,
					hr.day_text(l.effective))
				|| coalesce('; ' || hr.position_fill_text(l.org_id, l.position_id, l.effective), ''));
		WHEN 'transfer' THEN
			SELECT * INTO a FROM hr.assignment WHERE org_id = l.org_id AND employment_id = e.id
			   AND during @> l.effective FOR UPDATE;
			v_before := to_jsonb(a);
			IF lower(a.during) = l.effective THEN
				UPDATE hr.assignment SET position_id = l.position_id,
					rate = coalesce(l.rate, a.rate)
				 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
				PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
					format('%s: assignment from %s changed to "%s"', v_name,
						hr.day_text(l.effective), v_pos));
			ELSE
				UPDATE hr.assignment SET during = daterange(lower(during), l.effective)
				 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
				PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
					format('%s: leaves "%s" after %s', v_name,
						hr.position_title(l.org_id, a.position_id, l.effective - 1),
						hr.day_text(l.effective - 1))
					|| coalesce('; ' || hr.position_fill_text(l.org_id, a.position_id,
						l.effective), ''));
				INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during,
					order_line_id)
				VALUES (l.org_id, e.id, l.position_id, coalesce(l.rate, a.rate),
					daterange(l.effective, upper(a.during)), l.id)
				RETURNING to_jsonb(assignment.*), id INTO v_after, v_id;
				PERFORM hr.order_note(o, l.id, 'insert', 'assignment', v_id, NULL, v_after,
					format('%s: assigned to "%s" (%s rate) from %s', v_name, v_pos,
						coalesce(l.rate, a.rate), hr.day_text(l.effective))
					|| coalesce('; ' || hr.position_fill_text(l.org_id, l.position_id,
						l.effective), ''));
			END IF;
		WHEN 'grade' THEN
			PERFORM hr.order_close_span(o, l.id, 'grade_history', 'person_id', l.person_id,
				l.effective, v_name || ': grade');
			INSERT INTO hr.grade_history (org_id, person_id, grade, class_rank, during,
				order_line_id)
			VALUES (l.org_id, l.person_id, l.grade, coalesce(l.class_rank, ''),
				daterange(l.effective, NULL), l.id)
			RETURNING to_jsonb(grade_history.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'grade_history', v_id, NULL, v_after,
				format('%s: grade %s%s from %s', v_name, l.grade,
					coalesce(', class rank ' || nullif(l.class_rank, ''), ''),
					hr.day_text(l.effective)));
		WHEN 'pay' THEN
			PERFORM hr.order_close_span(o, l.id, 'pay_history', 'employment_id', e.id,
				l.effective, v_name || ': pay');
			INSERT INTO hr.pay_history (org_id, person_id, employment_id, pay_scale, allowance,
				during, order_line_id)
			VALUES (l.org_id, l.person_id, e.id, l.pay_scale, coalesce(l.allowance, 0),
				daterange(l.effective, NULL), l.id)
			RETURNING to_jsonb(pay_history.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'pay_history', v_id, NULL, v_after,
				format('%s: pay scale %s, allowance %s%% from %s', v_name, l.pay_scale,
					coalesce(l.allowance, 0), hr.day_text(l.effective)));
		WHEN 'personal' THEN
			SELECT to_jsonb(p) INTO v_before FROM hr.person p
			 WHERE org_id = l.org_id AND id = l.person_id FOR UPDATE;
			UPDATE hr.person SET last_name = coalesce(l.last_name, last_name),
				first_name = coalesce(l.first_name, first_name),
				middle_name = coalesce(l.middle_name, middle_name)
			 WHERE org_id = l.org_id AND id = l.person_id
			RETURNING to_jsonb(person.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'person', l.person_id, v_before, v_after,
				format('%s: name becomes %s (%s)', v_name,
					hr.person_name(l.org_id, l.person_id), l.document));
		WHEN 'leave', 'trip' THEN
			INSERT INTO hr.absence (org_id, person_id, employment_id, kind, leave_type,
				destination, purpose, during, order_line_id)
			VALUES (l.org_id, l.person_id, e.id, o.kind,
				CASE WHEN o.kind = 'leave' THEN l.leave_type END,
				coalesce(l.destination, ''), coalesce(l.purpose, ''),
				daterange(l.effective, l.until, '[]'), l.id)
			RETURNING to_jsonb(absence.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'absence', v_id, NULL, v_after,
				format('%s: %s %s–%s (%s days)%s', v_name,
					CASE WHEN o.kind = 'leave' THEN hr.leave_type_text(l.leave_type)
					     ELSE 'business trip' END,
					hr.day_text(l.effective), hr.day_text(l.until), l.until - l.effective + 1,
					coalesce(' to ' || nullif(l.destination, ''), '')));
		WHEN 'recall' THEN
			SELECT * INTO v_id FROM (SELECT x.id FROM hr.absence x WHERE x.org_id = l.org_id
			   AND x.person_id = l.person_id AND x.kind = 'leave' AND x.during @> l.effective
			   AND (l.absence_id IS NULL OR x.id = l.absence_id)) s;
			SELECT to_jsonb(x) INTO v_before FROM hr.absence x WHERE id = v_id FOR UPDATE;
			UPDATE hr.absence SET during = daterange(lower(during), l.effective)
			 WHERE org_id = l.org_id AND id = v_id RETURNING to_jsonb(absence.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'absence', v_id, v_before, v_after,
				format('%s: recalled from leave; back at work on %s (%s days unused)', v_name,
					hr.day_text(l.effective),
					upper((v_before ->> 'during')::daterange) - l.effective));
		WHEN 'award' THEN
			INSERT INTO hr.award (org_id, person_id, award, awarded_on, document, order_line_id)
			VALUES (l.org_id, l.person_id, l.award, l.effective,
				'', l.id)
			RETURNING to_jsonb(award.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'award', v_id, NULL, v_after,
				format('%s: award "%s" on %s', v_name, l.award, hr.day_text(l.effective)));
		WHEN 'penalty' THEN
			INSERT INTO hr.penalty (org_id, person_id, penalty, imposed_on, reason, order_line_id)
			VALUES (l.org_id, l.person_id, l.penalty, l.effective, coalesce(l.reason, ''), l.id)
			RETURNING to_jsonb(penalty.*), id INTO v_after, v_id;
			PERFORM hr.order_note(o, l.id, 'insert', 'penalty', v_id, NULL, v_after,
				format('%s: penalty "%s" from %s', v_name, l.penalty, hr.day_text(l.effective)));
		WHEN 'penalty_lift' THEN
			SELECT to_jsonb(x) INTO v_before FROM hr.penalty x
			 WHERE org_id = l.org_id AND id = l.penalty_id FOR UPDATE;
			UPDATE hr.penalty SET lifted_on = l.effective WHERE org_id = l.org_id AND id = l.penalty_id
			RETURNING to_jsonb(penalty.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'penalty', l.penalty_id, v_before, v_after,
				format('%s: penalty "%s" lifted on %s', v_name, v_before ->> 'penalty',
					hr.day_text(l.effective)));
		WHEN 'dismissal', 'transfer_out' THEN
			FOR a IN SELECT * FROM hr.assignment WHERE org_id = l.org_id AND employment_id = e.id
				AND during @> l.effective FOR UPDATE LOOP
				v_before := to_jsonb(a);
				UPDATE hr.assignment SET during = daterange(lower(during), l.effective + 1)
				 WHERE id = a.id RETURNING to_jsonb(assignment.*) INTO v_after;
				PERFORM hr.order_note(o, l.id, 'update', 'assignment', a.id, v_before, v_after,
					format('%s: leaves "%s" after %s; the rate is vacant from %s', v_name,
						hr.position_title(l.org_id, a.position_id, l.effective),
						hr.day_text(l.effective), hr.day_text(l.effective + 1))
					|| coalesce('; ' || hr.position_fill_text(l.org_id, a.position_id,
						l.effective + 1), ''));
			END LOOP;
			PERFORM hr.order_close_span(o, l.id, 'pay_history', 'employment_id', e.id,
				l.effective + 1, v_name || ': pay');
			v_before := to_jsonb(e);
			UPDATE hr.employment SET end_date = l.effective,
				end_reason = CASE o.kind WHEN 'transfer_out' THEN 'transfer' ELSE l.end_reason END
			 WHERE id = e.id RETURNING to_jsonb(employment.*) INTO v_after;
			PERFORM hr.order_note(o, l.id, 'update', 'employment', e.id, v_before, v_after,
				format('%s: employment ends on %s %s', v_name, hr.day_text(l.effective),
					hr.end_reason_text(CASE o.kind WHEN 'transfer_out' THEN 'transfer'
						ELSE l.end_reason END)));
			IF o.kind = 'transfer_out' THEN
				-- The file goes to the other organisation when it takes the person on.
				INSERT INTO hr.person_release (org_id, person_id, to_org_id, last_day,
					order_line_id)
				VALUES (l.org_id, l.person_id, l.to_org_id, l.effective, l.id)
				RETURNING to_jsonb(person_release.*), id INTO v_after, v_id;
				PERFORM hr.order_note(o, l.id, 'insert', 'person_release', v_id, NULL, v_after,
					format('%s: the file is released to %s from %s', v_name,
						(SELECT x.name FROM hr.service_orgs() x WHERE x.id = l.to_org_id),
						hr.day_text(l.effective + 1)));
			END IF;
		END CASE;
	END LOOP;
END
$$;

ALTER FUNCTION hr.order_problems(bigint) OWNER TO hr_owner;
ALTER FUNCTION hr.order_apply(hr.hr_order) OWNER TO hr_owner;
REVOKE ALL ON FUNCTION hr.order_problems(bigint), hr.order_apply(hr.hr_order) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hr.order_problems(bigint) TO hr_clerk, hr_head;
GRANT EXECUTE ON FUNCTION hr.order_apply(hr.hr_order) TO hr_orders;
