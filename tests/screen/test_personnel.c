/*
 * test_personnel.c - the personnel file as a clerk uses it: searching the
 * register as you type, registering a person through the checks made on
 * leaving each field, editing and saving, a conflict with a save made by
 * someone else meanwhile, the change history, the file "as of" an earlier
 * day, a form kept as a draft over a dropped session, and a double F2.
 *
 * Runs $HRMIS_BIN on a pty against the throwaway TLS PostgreSQL of
 * tests/run.sh (HRMIS_ROOT, HRMIS_DEVDB_DIR, HRMIS_DEVDB_PORT).  What the
 * screen shows is checked against the database, read as its superuser over
 * the unix socket; the "someone else" of the conflict is head_moe through
 * libpq with its own certificate.  The tests that change data do it as
 * clerks of MOE created for this run, with names no other run uses, so
 * they can share the cluster with any other suite.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness_client.h"
#include "harness_proxy.h"

enum {
	CONNECT_MS = 10000, /* first connect: TLS handshake and the first queries */
	WAIT_MS = CLIENT_WAIT_MS,
	COLS = 80,
	ROWS = 24,
};

struct fixture {
	char *moe_config; /* clerk_moe, as devdb.sh writes it */
	char clerk[32];   /* a clerk of MOE made for this run */
	char *clerk_config;
	PGconn *super;    /* the cluster's superuser, over the unix socket */
	PGconn *clerk_db; /* the clerk above, with its certificate */
	PGconn *head_db;  /* head_moe, with its certificate */
};

/* ---- the database and devdb.sh ------------------------------------------------ */

/* A value client_sql_value() read; the test fails if the statement failed. */
static char *sql_ok(char *value)
{
	assert_non_null(value);
	return value;
}

/*
 * Make a clerk of MOE with a name no role has yet ("pf" and the pid, short
 * enough for the Who column of the history), its certificate and config.
 * Writes the name to login; returns the config path (malloc'd) or NULL.
 */
static char *create_moe_clerk(const struct fixture *f, char *login, size_t size)
{
	for (char suffix = 'a'; suffix <= 'z'; suffix++) {
		snprintf(login, size, "pf%ld%c", (long)getpid(), suffix);
		char *taken = sql_ok(client_sql_value(
		        f->super, "SELECT count(*) FROM pg_roles WHERE rolname = $1", login, NULL));
		bool free_name = strcmp(taken, "0") == 0;
		free(taken);
		if (free_name)
			break;
	}
	return client_devdb_clerk(login, "MOE", NULL);
}

/* ---- names, dates and ID numbers ---------------------------------------------- */

/*
 * A surname no other run has used: prefix and letters for the pid, the
 * clock and a counter (names may hold letters only).
 */
static void unique_surname(const char *prefix, char *name, size_t size)
{
	static unsigned counter;
	unsigned long long value = ((unsigned long long)time(NULL) % 1000000ULL) * 100000ULL +
	                           (unsigned long long)getpid();
	size_t len = (size_t)snprintf(name, size, "%s", prefix);

	value = value * 26 + counter++ % 26;
	while (value > 0 && len + 1 < size) {
		name[len++] = (char)('a' + value % 26);
		value /= 26;
	}
	name[len] = '\0';
}

/* The Kazakh IIN check digit of the first 11 digits, or -1 if none fits. */
static int iin_check_digit(const char *digits)
{
	static const int second[11] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 };
	int sum = 0;

	for (int i = 0; i < 11; i++)
		sum += (digits[i] - '0') * (i + 1);
	if (sum % 11 != 10)
		return sum % 11;
	sum = 0;
	for (int i = 0; i < 11; i++)
		sum += (digits[i] - '0') * second[i];
	return sum % 11 == 10 ? -1 : sum % 11;
}

/*
 * A valid IIN (db/008_validation.sql, core/personal_id.c) for a birth
 * date (ISO) and gender that no person has on file; written to iin[13].
 */
static void fresh_iin(const struct fixture *f, const char *birth_iso, char gender, char *iin)
{
	int year = atoi(birth_iso), century_digit = (year / 100 - 18) * 2 + (gender == 'M' ? 1 : 2);
	unsigned serial = (unsigned)(getpid() * 7 + time(NULL)) % 10000;

	for (int tries = 0; tries < 10000; tries++, serial = (serial + 1) % 10000) {
		char digits[32];

		snprintf(digits, sizeof digits, "%.2s%.2s%.2s%c%04u", birth_iso + 2, birth_iso + 5,
		         birth_iso + 8, (char)('0' + century_digit % 10), serial % 10000);
		memcpy(iin, digits, 11);
		int check = iin_check_digit(iin);
		if (check < 0)
			continue;
		iin[11] = (char)('0' + check);
		iin[12] = '\0';
		char *taken = sql_ok(client_sql_value(
		        f->super, "SELECT count(*) FROM hr.person WHERE personal_id = $1", iin,
		        NULL));
		bool free_number = strcmp(taken, "0") == 0;
		free(taken);
		if (free_number)
			return;
	}
	fail_msg("no free IIN for %s %c", birth_iso, gender);
}

/* A person of MOE made through SQL as the run's clerk; returns its id (malloc'd). */
static char *insert_person(const struct fixture *f, const char *surname, const char *given)
{
	return sql_ok(client_sql_value(
	        f->clerk_db,
	        "INSERT INTO hr.person (org_id, last_name, first_name, middle_name, "
	        "       birth_date, gender) "
	        "SELECT o.id, $1, $2, '', date '1985-06-20', 'M' FROM hr.org o "
	        " WHERE o.code = 'MOE' RETURNING id",
	        surname, given, NULL));
}

/* ---- fixture ------------------------------------------------------------------- */

static int setup(void **state)
{
	if (!client_environment_ready())
		return -1;
	struct fixture *f = calloc(1, sizeof *f);

	f->super = client_connect_superuser();
	f->head_db = client_connect_login("head_moe");
	f->moe_config = client_devdb_conf("clerk_moe");
	if (f->super == NULL || f->head_db == NULL || f->moe_config == NULL)
		return -1;
	f->clerk_config = create_moe_clerk(f, f->clerk, sizeof f->clerk);
	if (f->clerk_config == NULL || (f->clerk_db = client_connect_login(f->clerk)) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	PQfinish(f->super);
	PQfinish(f->head_db);
	PQfinish(f->clerk_db);
	free(f->moe_config);
	free(f->clerk_config);
	free(f);
	return 0;
}

/* ---- the client ---------------------------------------------------------------- */

static const char *const personnel_selected[] = { "> Personnel file", NULL };

/* Wait for Home of login, a clerk of MOE, with "Personnel file" selected. */
static bool wait_home(struct term *t, const char *login, int timeout_ms)
{
	char what[128];

	snprintf(what, sizeof what, "Home of %s (MOE) with \"Personnel file\" selected", login);
	return client_wait_home(t, login, "MOE", personnel_selected, what, timeout_ms);
}

/* Start the client as login and wait for its Home. */
static struct term *start_at_home(const char *config, const char *login, int cols, int rows)
{
	struct term *t = client_spawn(config, cols, rows, NULL);

	assert_non_null(t);
	assert_true(wait_home(t, login, CONNECT_MS));
	return t;
}

/* F3 from Home: status 0 (under ASan: nothing leaked). */
static void quit_from_home(struct term *t, const char *login)
{
	assert_true(wait_home(t, login, WAIT_MS));
	assert_true(client_quit_from_home(t));
}

/* ---- the register ------------------------------------------------------------------ */

/* Personnel numbers (XXX-dddd) on the list rows, sorted, comma-separated (malloc'd). */
static char *listed_numbers(struct term *t)
{
	char *numbers[256], *out;
	size_t n = 0, len = 0;

	for (int row = 3; row < client_rows(t) - 3; row++) {
		char *text = term_row_text(t, row);

		for (char *p = text; (p = strchr(p, '-')) != NULL; p++) {
			if (strspn(p + 1, "0123456789") != 4)
				continue;
			char *start = p;
			while (start > text &&
			       ((start[-1] >= 'A' && start[-1] <= 'Z') || start[-1] == '-'))
				start--;
			if (start < p && n < 256)
				numbers[n++] = strndup(start, (size_t)(p + 5 - start));
		}
		free(text);
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(numbers[j - 1], numbers[j]) > 0; j--) {
			char *swap = numbers[j];
			numbers[j] = numbers[j - 1];
			numbers[j - 1] = swap;
		}
	out = calloc(1, n * 16 + 1);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		len += (size_t)sprintf(out + len, "%s%s", i ? "," : "", numbers[i]);
		free(numbers[i]);
	}
	return out;
}

struct listing_arg {
	const char *search;
	const char *expected; /* sorted personnel numbers, comma-separated */
};

/* The search field holds search, the query is answered, and exactly the expected rows show. */
static bool listing_pred(struct term *t, void *arg)
{
	const struct listing_arg *l = arg;
	char *typed = client_register_search(t), *numbers;
	int info_row = client_rows(t) - 3;
	const char *const none[] = { "No one matches.", NULL };
	const char *const shown[] = { " shown", NULL };
	const char *const busy[] = { "searching", NULL };
	bool ok = typed != NULL && strcmp(typed, l->search) == 0 &&
	          (client_row_has_words(t, info_row, l->expected[0] ? shown : none)) &&
	          !client_row_has_words(t, info_row, busy);

	free(typed);
	if (!ok)
		return false;
	numbers = listed_numbers(t);
	ok = strcmp(numbers, l->expected) == 0;
	free(numbers);
	return ok;
}

/*
 * What the register of a clerk of MOE must list for search (current
 * staff, as of today): worked out here from the tables, independently of
 * the client's query.
 */
static char *expected_listing(const struct fixture *f, const char *search)
{
	return sql_ok(client_sql_value(
	        f->super,
	        "SELECT coalesce(string_agg(e.personnel_no, ',' ORDER BY e.personnel_no COLLATE "
	        "\"C\"), '') "
	        "  FROM hr.person p JOIN hr.org o ON o.id = p.org_id "
	        "  JOIN hr.employment e ON e.org_id = p.org_id AND e.person_id = p.id "
	        " WHERE o.code = 'MOE' AND e.hire_date <= current_date "
	        "   AND (e.end_date IS NULL OR e.end_date >= current_date) "
	        "   AND ($1 = '' OR strpos(lower(p.last_name || ' ' || p.first_name || ' ' || "
	        "        p.middle_name || ' ' || coalesce(p.personal_id, '')), lower($1)) > 0 "
	        "        OR upper(e.personnel_no) LIKE upper($1) || '%')",
	        search, NULL));
}

/* Wait until the register shows exactly what search should find; returns how many rows. */
static int wait_listing(const struct fixture *f, struct term *t, const char *search)
{
	char *expected = expected_listing(f, search), what[512];
	struct listing_arg arg = { search, expected };
	int count = expected[0] ? 1 : 0;

	for (const char *p = expected; *p; p++)
		count += *p == ',';
	snprintf(what, sizeof what, "register for \"%s\" listing exactly %d rows: %.300s", search,
	         count, expected);
	assert_true(term_wait_until(t, listing_pred, &arg, what, WAIT_MS));
	free(expected);
	return count;
}

/* Every list row holds one of the texts (NULL-terminated). */
static void assert_rows_hold(struct term *t, const char *const texts[])
{
	for (int row = 3; row < client_rows(t) - 3; row++) {
		char *text = term_row_text(t, row);
		bool any = text[0] == '\0';

		for (size_t i = 0; !any && texts[i]; i++)
			any = strstr(text, texts[i]) != NULL;
		if (!any) {
			fprintf(stderr, "row %d holds none of the searched texts: %s\n", row, text);
			term_dump(t, stderr);
		}
		free(text);
		assert_true(any);
	}
}

/* Wait until the register's list has been answered ("N shown", not searching). */
static bool wait_list_answered(struct term *t)
{
	return client_wait_register_answered(t, WAIT_MS);
}

/* From Home (Personnel file selected): Enter opens the register. */
static void open_register(struct term *t)
{
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_register(t, WAIT_MS));
}

struct one_row_arg {
	const char *surname;
};

static bool one_row_pred(struct term *t, void *arg)
{
	const char *surname = ((struct one_row_arg *)arg)->surname;
	const char *const all[] = { " all, as of ", NULL };
	const char *const one[] = { "1 shown", NULL };
	const char *const row[] = { ">", surname, NULL };
	char *typed = client_register_search(t);
	bool ok = typed && strcmp(typed, surname) == 0 && client_row_has_words(t, 1, all) &&
	          client_row_has_words(t, client_rows(t) - 3, one) &&
	          client_row_has_words(t, 3, row);

	free(typed);
	return ok;
}

/* Wait for a file's header: the full name, the service and as-of line. */
static bool wait_profile(struct term *t, const char *name, int timeout_ms)
{
	const char *const header[] = { name, NULL };
	const char *const service[] = { "Service", "As of", NULL };
	const char *const nav[] = { "Personal data", NULL };

	return client_wait_body_row(t, header, timeout_ms) &&
	       client_wait_body_row(t, service, timeout_ms) &&
	       client_wait_body_row(t, nav, timeout_ms);
}

/*
 * From Home, find the person by surname in the register of everyone
 * (a person not yet hired is neither current nor former) and open the
 * file; name is the full name its header shows.
 */
static void open_file_of(struct term *t, const char *surname, const char *name)
{
	struct one_row_arg arg = { surname };

	open_register(t);
	assert_true(term_type(t, surname));
	assert_true(term_key(t, "F9"));
	assert_true(term_key(t, "F9"));
	assert_true(term_wait_until(t, one_row_pred, &arg,
	                            "register of all, searched by surname, one row selected",
	                            WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(wait_profile(t, name, WAIT_MS));
}

/* From a file (focus on the section list), back to Home. */
static void file_to_home(struct term *t, const char *login)
{
	assert_true(term_key(t, "F3"));
	assert_true(client_wait_register(t, WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, login, WAIT_MS));
}

/* ---- the entry form ------------------------------------------------------------------ */

/* Wait until the field labelled label shows value (NULL: any), mark (0: any), focus. */
static bool wait_field(struct term *t, const char *label, const char *value, char mark,
                       bool focused)
{
	return client_wait_field(t, label, value, mark, focused, WAIT_MS);
}

/* Wait for the form whose heading (row 1) starts with heading. */
static bool wait_form(struct term *t, const char *heading)
{
	const char *const words[] = { heading, NULL };

	return term_wait_row_words(t, words, WAIT_MS) && wait_field(t, "Surname", NULL, 0, false) &&
	       client_row_has_words(t, 1, words);
}

/* On the Gender field: F4 lists the values, Enter takes the first (F). */
static void pick_first_gender(struct term *t)
{
	const char *const list[] = { "> F", NULL };

	assert_true(term_key(t, "F4"));
	assert_true(client_wait_body_row(t, list, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(wait_field(t, "Gender", "F", '*', true));
	assert_true(term_wait_gone(t, "> F", WAIT_MS));
}

/*
 * In the new-person form (focus on Surname): type the names, a birth date
 * (DD.MM.YYYY), F4 once for gender F, and the IIN; focus ends on
 * Citizenship.
 */
static void fill_new_person(struct term *t, const char *surname, const char *given,
                            const char *birth, const char *iin)
{
	assert_true(term_type(t, surname));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Given name", "", ' ', true));
	assert_true(term_type(t, given));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Patronymic", "", ' ', true));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Birth date", "", ' ', true));
	assert_true(term_type(t, birth));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Gender", "", ' ', true));
	pick_first_gender(t);
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Personal ID", "", ' ', true));
	assert_true(term_type(t, iin));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Citizenship", "", ' ', true));
}

/* In a file (focus on the section list, Personal data selected): open its form. */
static void edit_personal_data(struct term *t, const char *given)
{
	const char *const hint[] = { "Enter edits the personal data.", NULL };

	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_body_row(t, hint, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(wait_form(t, "Personal data"));
	assert_true(wait_field(t, "Given name", given, ' ', false));
	assert_true(wait_field(t, "Surname", NULL, ' ', true));
}

/* In the personal data form (focus on Surname): replace the given name. */
static void retype_given_name(struct term *t, const char *old, const char *new_value)
{
	assert_true(term_key(t, "Down"));
	assert_true(wait_field(t, "Given name", old, ' ', true));
	assert_true(client_backspaces(t, (int)strlen(old)));
	assert_true(term_type(t, new_value));
	assert_true(wait_field(t, "Given name", new_value, '*', true));
}

/* The file shows value in the row of label (the personal data, on the right). */
static bool wait_file_value(struct term *t, const char *label, const char *value)
{
	const char *const words[] = { label, value, NULL };

	return client_wait_body_row(t, words, WAIT_MS);
}

/* ---- tests --------------------------------------------------------------------------- */

/*
 * The register narrows with every key typed: п, е, т one at a time, each
 * step waited for on screen with exactly the rows the tables say; a Hangul
 * syllable; a personnel number prefix typed at once (every key cancels the
 * query before it); Backspace widens again; nothing of another
 * organisation, even searched by its ID number.
 */
static void test_search_narrows_as_you_type(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f->moe_config, "clerk_moe", 110, 60);
	const char *const pet[] = { "Пет", "пет", NULL };

	open_register(t);
	int all = wait_listing(f, t, "");
	assert_true(all > 10);
	assert_true(term_type(t, "п"));
	int p = wait_listing(f, t, "п");
	assert_true(term_type(t, "е"));
	int pe = wait_listing(f, t, "пе");
	assert_true(term_type(t, "т"));
	int pet_count = wait_listing(f, t, "пет");
	assert_rows_hold(t, pet);
	/* The data make the steps meaningful: each narrows, none is empty. */
	assert_true(pet_count > 0 && pet_count <= pe && pe < p && p < all);
	assert_true(term_find_row(t, "Петров", 3) >= 0);
	assert_true(term_key(t, "Backspace"));
	assert_int_equal(wait_listing(f, t, "пе"), pe);
	assert_true(client_backspaces(t, 2));
	assert_int_equal(wait_listing(f, t, ""), all);

	/* A Hangul given name, by its first syllable. */
	char *syllable =
	        sql_ok(client_sql_value(f->super,
	                                "SELECT left(p.first_name, 1) FROM hr.person p "
	                                "  JOIN hr.org o ON o.id = p.org_id "
	                                " WHERE o.code = 'MOE' AND p.first_name ~ '^[가-힣]' "
	                                " ORDER BY p.id LIMIT 1",
	                                NULL));
	assert_true(syllable[0] != '\0');
	assert_true(term_type(t, syllable));
	assert_true(wait_listing(f, t, syllable) > 0);
	const char *const hangul[] = { syllable, NULL };
	assert_rows_hold(t, hangul);
	assert_true(term_key(t, "Backspace"));
	wait_listing(f, t, "");
	free(syllable);

	/* A personnel number prefix, typed in one write. */
	assert_true(term_type(t, "MOE-000"));
	int prefix = wait_listing(f, t, "MOE-000");
	assert_true(prefix > 0 && prefix <= 9);
	assert_true(client_backspaces(t, 7));
	wait_listing(f, t, "");

	/* Someone of MWA, by the ID number only they have: not found. */
	char *mwa_iin = sql_ok(client_sql_value(
	        f->super,
	        "SELECT p.personal_id FROM hr.person p JOIN hr.org o "
	        "    ON o.id = p.org_id WHERE o.code = 'MWA' ORDER BY p.id LIMIT 1",
	        NULL));
	assert_int_equal(strlen(mwa_iin), 12);
	assert_true(term_type(t, mwa_iin));
	assert_int_equal(wait_listing(f, t, mwa_iin), 0);
	assert_true(client_not_shown(t, "MWA-"));
	free(mwa_iin);

	assert_true(term_key(t, "F3"));
	quit_from_home(t, "clerk_moe");
	term_close(&t);
}

/*
 * A new person: an impossible birth date is named on leaving the field and
 * keeps the cursor there with '!'; corrected, gender by F4; an IIN with a
 * wrong check digit is refused the same way; the right one is accepted;
 * F2 registers the person once and opens the file.
 */
static void test_create_person_correcting_errors(void **state)
{
	const struct fixture *f = *state;
	char surname[64], iin[13], bad_iin[13], name[128];
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	unique_surname("Pfnew", surname, sizeof surname);
	fresh_iin(f, "1990-03-15", 'F', iin);
	snprintf(name, sizeof name, "%s Aigul", surname);
	open_register(t);
	assert_true(term_key(t, "Insert"));
	assert_true(wait_form(t, "New person"));
	assert_true(wait_field(t, "Surname", "", ' ', true));

	assert_true(term_type(t, surname));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Given name", "", ' ', true));
	assert_true(term_type(t, "Aigul"));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Patronymic", "", ' ', true));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Birth date", "", ' ', true));

	/* 31 February: refused on leaving, cursor stays, '!' and the reason. */
	assert_true(term_type(t, "31.02.1990"));
	assert_true(term_key(t, "Tab"));
	assert_true(client_wait_message(t, "Birth date: Not a real date", WAIT_MS));
	assert_true(wait_field(t, "Birth date", "31.02.1990", '!', true));
	/* Tab again does not get past it either. */
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Birth date", "31.02.1990", '!', true));
	assert_true(client_backspaces(t, 10));
	assert_true(term_type(t, "15.03.1990"));
	assert_true(wait_field(t, "Birth date", "15.03.1990", '*', true));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Gender", "", ' ', true));
	assert_true(wait_field(t, "Birth date", "15.03.1990", '*', false));
	/* The corrected date is no longer named as wrong (checked at the end). */
	bool stale = client_message_has(t, "Not a real date");
	if (stale) {
		fputs("the message line still calls the corrected birth date wrong:\n", stderr);
		term_dump(t, stderr);
	}
	pick_first_gender(t);
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Personal ID", "", ' ', true));

	/* The same IIN with another check digit. */
	snprintf(bad_iin, sizeof bad_iin, "%.11s%c", iin, iin[11] == '9' ? '0' : iin[11] + 1);
	assert_true(term_type(t, bad_iin));
	assert_true(term_key(t, "Tab"));
	assert_true(client_wait_message(t, "Personal ID: IIN check digit does not match", WAIT_MS));
	assert_true(wait_field(t, "Personal ID", bad_iin, '!', true));
	assert_true(client_backspaces(t, 12));
	assert_true(term_type(t, iin));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Citizenship", "", ' ', true));
	assert_true(wait_field(t, "Personal ID", iin, '*', false));
	if (client_message_has(t, "Personal ID:")) {
		fputs("the message line still calls the corrected IIN wrong:\n", stderr);
		term_dump(t, stderr);
		stale = true;
	}

	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "The person is registered.", WAIT_MS));
	assert_true(wait_profile(t, name, WAIT_MS));
	assert_true(client_sql_is(f->super, "1",
	                          "SELECT count(*) FROM hr.person WHERE last_name = $1", surname,
	                          NULL));
	assert_true(client_sql_is(
	        f->super, "Aigul|1990-03-15|F|MOE",
	        "SELECT p.first_name || '|' || p.birth_date || '|' || p.gender || '|' || o.code "
	        "  FROM hr.person p JOIN hr.org o ON o.id = p.org_id WHERE p.personal_id = $1",
	        iin, NULL));
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	if (stale)
		fail_msg("a field's error stayed on the message line after the field was corrected "
		         "and left");
}

/*
 * The IIN of a person of another organisation (MWA): leaving the field
 * says it is on file elsewhere, F2 refuses, nothing is registered.
 */
static void test_id_on_file_elsewhere_refused(void **state)
{
	const struct fixture *f = *state;
	char surname[64], birth[16], *mwa;
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	unique_surname("Pfdup", surname, sizeof surname);
	mwa = sql_ok(client_sql_value(
	        f->super,
	        "SELECT p.personal_id || '|' || to_char(p.birth_date, 'DD.MM.YYYY') || '|' "
	        "       || p.gender FROM hr.person p JOIN hr.org o ON o.id = p.org_id "
	        " WHERE o.code = 'MWA' AND p.gender = 'F' ORDER BY p.id LIMIT 1",
	        NULL));
	assert_int_equal(strlen(mwa), 12 + 1 + 10 + 2);
	mwa[12] = '\0';
	snprintf(birth, sizeof birth, "%.10s", mwa + 13);
	open_register(t);
	assert_true(term_key(t, "Insert"));
	assert_true(wait_form(t, "New person"));
	fill_new_person(t, surname, "Dana", birth, mwa);
	assert_true(client_wait_message(
	        t, "This ID number is on file in an organisation you cannot see.", WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(
	        t, "Not saved: this ID number is on file in another organisation.", WAIT_MS));
	/* The whole sentence must fit the message line of an 80-column terminal. */
	bool cut = !client_message_has(t, "in another organisation.");
	if (cut) {
		fputs("the refusal does not fit the message line:\n", stderr);
		term_dump(t, stderr);
	}
	assert_true(wait_form(t, "New person"));
	assert_true(client_sql_is(f->super, "0",
	                          "SELECT count(*) FROM hr.person WHERE last_name = $1", surname,
	                          NULL));
	/* F3 asks once, the second discards. */
	assert_true(term_key(t, "F3"));
	assert_true(client_wait_message(
	        t, "Not saved yet: F2 saves; F3 again discards what you typed.", WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(client_wait_register(t, WAIT_MS));
	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk);
	term_close(&t);
	free(mwa);
	if (cut)
		fail_msg("the sentence refusing an ID number on file elsewhere is cut at 80 "
		         "columns");
}

/* Edit the given name of a person on file: F2 says Saved., the file and the table show it. */
static void test_edit_and_save(void **state)
{
	const struct fixture *f = *state;
	char surname[64], name[128];

	unique_surname("Pfedit", surname, sizeof surname);
	char *id = insert_person(f, surname, "Arman");
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	snprintf(name, sizeof name, "%s Arman", surname);
	open_file_of(t, surname, name);
	assert_true(wait_file_value(t, "Given name", "Arman"));
	edit_personal_data(t, "Arman");
	retype_given_name(t, "Arman", "Berik");
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Saved.", WAIT_MS));
	snprintf(name, sizeof name, "%s Berik", surname);
	assert_true(wait_profile(t, name, WAIT_MS));
	assert_true(wait_file_value(t, "Given name", "Berik"));
	assert_true(client_sql_is(
	        f->super, "Berik|2",
	        "SELECT first_name || '|' || version FROM hr.person WHERE id = $1", id, NULL));
	assert_true(term_key(t, "F3")); /* from the content to the section list */
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	free(id);
}

/* ---- over a slow link ------------------------------------------------------------- */

/* The clerk's configuration through a proxy of its own (harness_proxy.h). */
struct slow_link {
	struct proxy *proxy;
	char *dir;
	char *config;
};

static void slow_link_open(const struct fixture *f, int delay_ms, struct slow_link *link)
{
	link->proxy = proxy_start(atoi(getenv("HRMIS_DEVDB_PORT")), delay_ms);
	link->dir = term_tmpdir_create();
	assert_non_null(link->proxy);
	assert_non_null(link->dir);
	link->config = client_config_port(f->clerk_config, link->dir, "slow.conf",
	                                  proxy_port(link->proxy));
	assert_non_null(link->config);
}

static void slow_link_close(struct slow_link *link)
{
	proxy_stop(&link->proxy);
	free(link->config);
	term_tmpdir_remove(&link->dir);
}

/*
 * Over a slow link (300 ms each way), F2 in the form and then F1 before the
 * answer arrives: the save closes its own form, not the help screen opened
 * on top of it, which stays; F3 then leaves help for the file, which shows
 * the value saved.
 */
static void test_save_closes_its_own_form(void **state)
{
	const struct fixture *f = *state;
	char surname[64], name[128];
	struct slow_link link;

	slow_link_open(f, 300, &link);
	unique_surname("Pfhelp", surname, sizeof surname);
	char *id = insert_person(f, surname, "Arman");
	struct term *t = start_at_home(link.config, f->clerk, COLS, ROWS);
	const char *const help[] = { "hrmis", "Help", NULL };

	snprintf(name, sizeof name, "%s Arman", surname);
	open_file_of(t, surname, name);
	edit_personal_data(t, "Arman");
	retype_given_name(t, "Arman", "Berik");
	assert_true(term_key(t, "F2"));
	assert_true(term_key(t, "F1"));
	assert_true(term_wait_row(t, 0, "Help", WAIT_MS));
	assert_true(client_wait_message(t, "Saved.", WAIT_MS));
	/* The answer has been handled: help is still the screen shown. */
	assert_true(client_row_has_words(t, 0, help));
	assert_true(client_sql_is(f->super, "Berik",
	                          "SELECT first_name FROM hr.person WHERE id = $1", id, NULL));
	assert_true(term_key(t, "F3"));
	snprintf(name, sizeof name, "%s Berik", surname);
	assert_true(wait_profile(t, name, WAIT_MS));
	assert_true(wait_file_value(t, "Given name", "Berik"));
	assert_true(term_key(t, "F3"));
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	slow_link_close(&link);
	free(id);
}

/* In a file, the section list focused: select the section `title`. */
static void select_section(struct term *t, const char *title)
{
	char selected[64];

	snprintf(selected, sizeof selected, "> %s", title);
	for (int i = 0; i < 24 && term_find_row(t, selected, 1) < 0; i++) {
		assert_true(term_key(t, "Down"));
		assert_true(term_wait_quiet(t, 60, WAIT_MS));
	}
	assert_true(term_wait_text(t, selected, WAIT_MS));
}

/*
 * A 5 MiB document attached over a link that has latency, a bandwidth of
 * 8 MB/s and buffers that fill (the client's socket is full for most of
 * the upload): it goes through as it is (binary, not twice its size as
 * hex), the server's SHA-256 is the file's, and the form says so.
 */
static void test_attach_5mib_over_a_slow_link(void **state)
{
	const struct fixture *f = *state;
	char surname[64], name[128], path[256], command[512], *sha, *got;
	struct slow_link link;
	FILE *file;
	unsigned state_bits = 12345;
	long up_before;

	slow_link_open(f, 20, &link);
	proxy_set_rate(link.proxy, 8L * 1000 * 1000);
	snprintf(path, sizeof path, "%s/scan.bin", link.dir);
	file = fopen(path, "wb");
	assert_non_null(file);
	for (int i = 0; i < 5 * 1024 * 1024; i++) {
		state_bits = state_bits * 1103515245u + 12345u;
		fputc((int)(state_bits >> 24), file);
	}
	assert_int_equal(fclose(file), 0);
	snprintf(command, sizeof command, "sha256sum '%s' | cut -d' ' -f1", path);
	sha = client_shell_line(command);
	assert_non_null(sha);

	unique_surname("Pfscan", surname, sizeof surname);
	char *id = insert_person(f, surname, "Arman");
	struct term *t = start_at_home(link.config, f->clerk, COLS, ROWS);

	snprintf(name, sizeof name, "%s Arman", surname);
	open_file_of(t, surname, name);
	select_section(t, "Documents");
	assert_true(term_key(t, "Insert"));
	assert_true(term_wait_text(t, "File to attach", WAIT_MS));
	assert_true(term_type(t, "Scanned diploma"));
	assert_true(term_key(t, "Down"));
	assert_true(term_type(t, path));
	up_before = proxy_bytes_up(link.proxy);
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Saved.", 60000));
	/* Binary: about 5 MiB went up, not 10 MiB of hex. */
	print_message("# %ld bytes up through the proxy for the upload\n",
	              proxy_bytes_up(link.proxy) - up_before);
	assert_true(proxy_bytes_up(link.proxy) - up_before < 6L * 1024 * 1024);
	got = client_sql_value(f->super,
	                       "SELECT size || ' ' || sha256 FROM hr.document WHERE person_id = $1",
	                       id, NULL);
	assert_non_null(got);
	snprintf(command, sizeof command, "%d %s", 5 * 1024 * 1024, sha);
	assert_string_equal(got, command);
	free(got);
	free(sha);
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	slow_link_close(&link);
	free(id);
}

/*
 * The form is open; head_moe saves the same person meanwhile.  F2 shows
 * both versions with '#' on the field that differs; keep_mine: F2 saves
 * over theirs; otherwise F5 loads theirs into the form, and a further
 * change is saved on top of their version.
 */
static void conflict(const struct fixture *f, bool keep_mine)
{
	char surname[64], name[128];

	unique_surname("Pfconf", surname, sizeof surname);
	char *id = insert_person(f, surname, "Arman");
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	snprintf(name, sizeof name, "%s Arman", surname);
	open_file_of(t, surname, name);
	edit_personal_data(t, "Arman");

	char *version = sql_ok(client_sql_value(
	        f->head_db,
	        "UPDATE hr.person SET first_name = 'Theirs', version = version + 1 "
	        " WHERE id = $1 RETURNING version",
	        id, NULL));
	assert_string_equal(version, "2");
	free(version);

	retype_given_name(t, "Arman", "Mine");
	assert_true(term_key(t, "F2"));
	const char *const title[] = { "Saved by someone else meanwhile", NULL };
	assert_true(term_wait_row_words(t, title, WAIT_MS));
	const char *const heading[] = { "Field", "Yours (not saved)", "Saved by someone else",
		                        NULL };
	const char *const differs[] = { "#", "Given name", "Mine", "Theirs", NULL };
	const char *const same[] = { "Surname", surname, NULL };
	assert_true(client_wait_body_row(t, heading, WAIT_MS));
	assert_true(client_wait_body_row(t, differs, WAIT_MS));
	int row = client_find_body_row(t, same);
	assert_true(row > 0);
	char *text = term_row_text(t, row);
	assert_null(strchr(text, '#')); /* only what differs is marked */
	free(text);
	assert_true(client_row_has_words(t, 0, title));
	assert_true(client_wait_message(t, "F2 keeps yours", WAIT_MS));

	if (keep_mine) {
		assert_true(term_key(t, "F2"));
		assert_true(client_wait_message(t, "Saved.", WAIT_MS));
		snprintf(name, sizeof name, "%s Mine", surname);
		assert_true(wait_profile(t, name, WAIT_MS));
		assert_true(client_sql_is(
		        f->super, "Mine|3",
		        "SELECT first_name || '|' || version FROM hr.person WHERE id = $1", id,
		        NULL));
	} else {
		assert_true(term_key(t, "F5"));
		assert_true(client_wait_message(t, "Their version is loaded; yours was discarded.",
		                                WAIT_MS));
		assert_true(wait_form(t, "Personal data"));
		assert_true(wait_field(t, "Given name", "Theirs", 0, true));
		assert_true(client_sql_is(
		        f->super, "Theirs|2",
		        "SELECT first_name || '|' || version FROM hr.person WHERE id = $1", id,
		        NULL));
		/* Down to Citizenship (each field passes its check) and save on top of theirs. */
		for (int i = 0; i < 5; i++)
			assert_true(term_key(t, "Down"));
		assert_true(wait_field(t, "Citizenship", "", 0, true));
		assert_true(term_type(t, "Kazakhstan"));
		assert_true(wait_field(t, "Citizenship", "Kazakhstan", '*', true));
		assert_true(term_key(t, "F2"));
		assert_true(client_wait_message(t, "Saved.", WAIT_MS));
		snprintf(name, sizeof name, "%s Theirs", surname);
		assert_true(wait_profile(t, name, WAIT_MS));
		assert_true(wait_file_value(t, "Citizenship", "Kazakhstan"));
		assert_true(
		        client_sql_is(f->super, "Theirs|Kazakhstan|3",
		                      "SELECT first_name || '|' || citizenship || '|' || version "
		                      "  FROM hr.person WHERE id = $1",
		                      id, NULL));
	}
	assert_true(term_key(t, "F3"));
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	free(id);
}

static void test_conflict_take_theirs(void **state)
{
	conflict(*state, false);
}

static void test_conflict_keep_mine(void **state)
{
	conflict(*state, true);
}

/* After an edit, F9 lists it: the field, before, after and the login; the creation first. */
static void test_history_lists_the_change(void **state)
{
	const struct fixture *f = *state;
	char surname[64], name[128];

	unique_surname("Pfhist", surname, sizeof surname);
	char *id = insert_person(f, surname, "Arman");
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	snprintf(name, sizeof name, "%s Arman", surname);
	open_file_of(t, surname, name);
	edit_personal_data(t, "Arman");
	retype_given_name(t, "Arman", "Berik");
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Saved.", WAIT_MS));
	assert_true(wait_file_value(t, "Given name", "Berik"));

	assert_true(term_key(t, "F9"));
	const char *const title[] = { "Change history", NULL };
	const char *const heading[] = { "When", "Who", "Field", "Before", "After", NULL };
	const char *const created[] = { f->clerk, "(created)", NULL };
	/* The field by its label, as the form names it. */
	const char *const changed[] = { f->clerk, "Given name", "Arman", "Berik", NULL };
	assert_true(term_wait_row_words(t, title, WAIT_MS));
	assert_true(client_wait_body_row(t, heading, WAIT_MS));
	assert_true(client_wait_body_row(t, changed, WAIT_MS));
	assert_true(client_wait_body_row(t, created, WAIT_MS));
	assert_true(client_find_body_row(t, created) < client_find_body_row(t, changed));
	/* Only the field that changed is listed. */
	const char *const surname_row[] = { "last_name", NULL };
	assert_int_equal(client_find_body_row(t, surname_row), -1);

	assert_true(term_key(t, "F3"));
	assert_true(wait_profile(t, "Berik", WAIT_MS));
	assert_true(term_key(t, "F3"));
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	free(id);
}

/*
 * After an edit made today, the file as of yesterday shows the given name
 * as it was, says it is read only, and Enter does not open the form.
 */
static void test_as_of_shows_older_value(void **state)
{
	const struct fixture *f = *state;
	char surname[64], name[128], yesterday[16];

	unique_surname("Pfasof", surname, sizeof surname);
	client_day_text(-1, yesterday, sizeof yesterday);
	char *id = insert_person(f, surname, "Arman");
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	snprintf(name, sizeof name, "%s Arman", surname);
	open_file_of(t, surname, name);
	edit_personal_data(t, "Arman");
	retype_given_name(t, "Arman", "Berik");
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Saved.", WAIT_MS));
	assert_true(wait_file_value(t, "Given name", "Berik"));
	assert_false(term_has_text(t, "(past: read only)"));

	assert_true(term_key(t, "F7"));
	const char *const prompt[] = { "Show the file as of:", NULL };
	assert_true(client_wait_body_row(t, prompt, WAIT_MS));
	assert_true(client_backspaces(t, 10));
	assert_true(term_type(t, yesterday));
	const char *const typed[] = { "Show the file as of:", yesterday, NULL };
	assert_true(client_wait_body_row(t, typed, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	const char *const past[] = { "As of", yesterday, "(past: read only)", NULL };
	assert_true(client_wait_body_row(t, past, WAIT_MS));
	snprintf(name, sizeof name, "%s Arman", surname);
	assert_true(wait_profile(t, name, WAIT_MS));
	assert_true(wait_file_value(t, "Given name", "Arman"));
	assert_false(term_has_text(t, "Berik"));

	/* Enter on the personal data: the read-only sentence, no form. */
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_message(t, "A past view is read only; F7 back to today.", WAIT_MS));
	assert_true(client_wait_body_row(t, past, WAIT_MS));
	/* No form: a form's rows start with a mark column. */
	assert_int_equal(client_field_row(t, "Surname"), -1);
	assert_true(client_sql_is(
	        f->super, "Berik|2",
	        "SELECT first_name || '|' || version FROM hr.person WHERE id = $1", id, NULL));

	assert_true(term_key(t, "F3"));
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	free(id);
}

struct no_draft_arg {
	const char *login;
};

static bool no_draft_pred(struct term *t, void *arg)
{
	return client_home_shown(t, ((struct no_draft_arg *)arg)->login, "MOE",
	                         personnel_selected) &&
	       client_message_has(t, "There is no unsaved form to open.") &&
	       !term_has_text(t, "Not saved:");
}

/*
 * A new-person form, half done, survives a hang-up: SIGHUP ends the client
 * with 129; started again, Home offers the form (Not saved:), F6 opens it
 * with everything entered, also the gender chosen in the field still being
 * edited at the hang-up; completed, F2 registers one person and the draft
 * is gone.  A namesake on file makes leaving the birth date show a warning,
 * which comes after the draft of that field is written (one query at a
 * time), so nothing is in flight at the hang-up.
 */
static void test_draft_survives_hangup(void **state)
{
	const struct fixture *f = *state;
	char login[32], surname[64], iin[13], name[128], expected[160];
	char *config = create_moe_clerk(f, login, sizeof login);
	struct term *t;

	assert_non_null(config);
	unique_surname("Pfdraft", surname, sizeof surname);
	fresh_iin(f, "1985-06-20", 'F', iin);
	char *namesake = insert_person(f, surname, "Saule");
	t = start_at_home(config, login, COLS, ROWS);
	assert_false(term_has_text(t, "Not saved:"));
	open_register(t);
	assert_true(term_key(t, "Insert"));
	assert_true(wait_form(t, "New person"));
	assert_true(term_type(t, surname));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Given name", "", ' ', true));
	assert_true(term_type(t, "Saule"));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Patronymic", "", ' ', true));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Birth date", "", ' ', true));
	assert_true(term_type(t, "20.06.1985"));
	assert_true(term_key(t, "Tab"));
	assert_true(client_wait_message(t, "has the same name and birth date.", WAIT_MS));
	assert_true(wait_field(t, "Gender", "", ' ', true));
	pick_first_gender(t); /* chosen, the field not left */

	assert_int_equal(kill(term_pid(t), SIGHUP), 0);
	assert_true(client_exit_is(t, 129));
	assert_true(term_restored(t));
	assert_true(term_tty_sane(t));
	term_close(&t);
	snprintf(expected, sizeof expected, "%s|Saule|20.06.1985|F", surname);
	assert_true(client_sql_is(
	        f->super, expected,
	        "SELECT (payload ->> 'last_name') || '|' || (payload ->> 'first_name') || '|' || "
	        "       (payload ->> 'birth_date') || '|' || (payload ->> 'gender') "
	        "  FROM work.draft WHERE login = $1",
	        login, NULL));

	t = start_at_home(config, login, COLS, ROWS);
	const char *const offered[] = { "Not saved:", "(F6 opens it)", NULL };
	assert_true(client_wait_body_row(t, offered, WAIT_MS));
	assert_true(client_wait_message(t, "A form you had not saved was kept: F6 opens it again.",
	                                WAIT_MS));
	assert_true(term_key(t, "F6"));
	assert_true(wait_form(t, "New person (resumed)"));
	assert_true(wait_field(t, "Surname", surname, 0, true));
	assert_true(wait_field(t, "Given name", "Saule", 0, false));
	assert_true(wait_field(t, "Birth date", "20.06.1985", 0, false));
	assert_true(wait_field(t, "Gender", "F", 0, false));

	/* Complete it: down to the personal ID, then save. */
	for (int i = 0; i < 5; i++)
		assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Personal ID", "", 0, true));
	assert_true(term_type(t, iin));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Citizenship", "", 0, true));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "The person is registered.", WAIT_MS));
	snprintf(name, sizeof name, "%s Saule", surname);
	assert_true(wait_profile(t, name, WAIT_MS));
	assert_true(client_sql_is(
	        f->super, "1", "SELECT count(*) FROM hr.person WHERE personal_id = $1", iin, NULL));
	assert_true(client_sql_is(f->super, "2",
	                          "SELECT count(*) FROM hr.person WHERE last_name = $1", surname,
	                          NULL));

	/* The file came from the resumed form: F3 goes back to Home, which offers nothing. */
	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, login, WAIT_MS));
	/* The register's list answers after Home's look for drafts (one query at a time). */
	open_register(t);
	assert_true(wait_list_answered(t));
	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, login, WAIT_MS));
	assert_true(term_key(t, "F6"));
	struct no_draft_arg arg = { login };
	assert_true(term_wait_until(t, no_draft_pred, &arg,
	                            "Home without \"Not saved:\"; F6 says there is none", WAIT_MS));
	assert_true(client_sql_is(f->super, "0", "SELECT count(*) FROM work.draft WHERE login = $1",
	                          login, NULL));
	quit_from_home(t, login);
	term_close(&t);
	free(config);
	free(namesake);
}

/*
 * A hang-up just after a field was left: the draft of that field is on
 * its way to the server when SIGHUP comes.  The client promises that a
 * dropped session loses at most the field being typed, so the field left
 * (and the one being typed) must be in the draft.  (If the draft's round
 * trip wins the race this passes even on a client that drops a query in
 * flight at a hang-up; it never fails on a client that keeps it.)
 */
static void test_hangup_with_draft_in_flight(void **state)
{
	const struct fixture *f = *state;
	char login[32], surname[64], expected[160];
	char *config = create_moe_clerk(f, login, sizeof login);
	struct term *t;

	assert_non_null(config);
	unique_surname("Pfhup", surname, sizeof surname);
	t = start_at_home(config, login, COLS, ROWS);
	open_register(t);
	assert_true(wait_list_answered(t));
	assert_true(term_key(t, "Insert"));
	assert_true(wait_form(t, "New person"));
	assert_true(term_type(t, surname));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Given name", "", ' ', true));
	assert_true(term_type(t, "Saule"));
	assert_true(term_key(t, "Tab"));
	assert_true(wait_field(t, "Patronymic", "", ' ', true));
	assert_true(term_type(t, "Nurl"));
	assert_true(wait_field(t, "Patronymic", "Nurl", '*', true));
	assert_int_equal(kill(term_pid(t), SIGHUP), 0);
	assert_true(client_exit_is(t, 129));
	assert_true(term_restored(t));
	term_close(&t);
	snprintf(expected, sizeof expected, "%s|Saule|Nurl", surname);
	assert_true(client_sql_is(
	        f->super, expected,
	        "SELECT coalesce(max((payload ->> 'last_name') || '|' || "
	        "       (payload ->> 'first_name') || '|' || (payload ->> 'middle_name')), "
	        "       '(no draft)') FROM work.draft WHERE login = $1",
	        login, NULL));
	free(config);
}

/* F2 twice in one write registers one person: the request id makes the retry harmless. */
static void test_double_f2_registers_once(void **state)
{
	const struct fixture *f = *state;
	char surname[64], iin[13], name[128];
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	unique_surname("Pftwice", surname, sizeof surname);
	fresh_iin(f, "1979-07-30", 'F', iin);
	open_register(t);
	assert_true(term_key(t, "Insert"));
	assert_true(wait_form(t, "New person"));
	fill_new_person(t, surname, "Zhanna", "30.07.1979", iin);
	assert_true(term_send(t, "\033OQ\033OQ", 6));
	assert_true(client_wait_message(t, "The person is registered.", WAIT_MS));
	snprintf(name, sizeof name, "%s Zhanna", surname);
	assert_true(wait_profile(t, name, WAIT_MS));
	/* A later F2 in the file saves nothing either. */
	assert_true(term_key(t, "F2"));
	file_to_home(t, f->clerk);
	assert_true(client_sql_is(f->super, "1",
	                          "SELECT count(*) FROM hr.person WHERE last_name = $1", surname,
	                          NULL));
	quit_from_home(t, f->clerk);
	term_close(&t);
}

/*
 * The link is cut after the server committed a new person but before its
 * answer came back (2 s each way, the cut in between): the form says the
 * connection was lost and keeps what was typed; once the link is back, F2
 * again reconnects and finds the person it made: one person, not two.
 */
static void test_save_cut_after_commit_creates_once(void **state)
{
	const struct fixture *f = *state;
	char surname[64], iin[13], name[128], *count = NULL;
	struct slow_link link;

	slow_link_open(f, 0, &link);
	struct term *t = start_at_home(link.config, f->clerk, COLS, ROWS);

	unique_surname("Pfcut", surname, sizeof surname);
	fresh_iin(f, "1981-03-14", 'F', iin);
	open_register(t);
	assert_true(term_key(t, "Insert"));
	assert_true(wait_form(t, "New person"));
	fill_new_person(t, surname, "Aida", "14.03.1981", iin);
	proxy_set_delay(link.proxy, 2000);
	assert_true(term_key(t, "F2"));
	for (int i = 0; i < 100; i++) {
		free(count);
		count = client_sql_value(f->super, "SELECT count(*) FROM hr.person WHERE last_name = $1",
		                         surname, NULL);
		assert_non_null(count);
		if (strcmp(count, "1") == 0)
			break;
		usleep(50 * 1000);
	}
	assert_string_equal(count, "1");
	free(count);
	proxy_cut(link.proxy);
	assert_true(client_wait_message(t, "The connection was lost while saving", 10000));
	assert_true(term_has_text(t, surname));
	proxy_set_delay(link.proxy, 0);
	proxy_restore(link.proxy);
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "The person is registered.", 15000));
	snprintf(name, sizeof name, "%s Aida", surname);
	assert_true(wait_profile(t, name, WAIT_MS));
	assert_true(client_sql_is(f->super, "1", "SELECT count(*) FROM hr.person WHERE last_name = $1",
	                          surname, NULL));
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
	slow_link_close(&link);
}

/*
 * The database server restarts while a new person's form holds what was
 * typed: the form keeps every field; F2 (again, if the first one met the
 * dead connection) reconnects and registers the person once.
 */
static void test_form_survives_server_restart(void **state)
{
	const struct fixture *f = *state;
	char surname[64], iin[13], name[128], command[1024];
	struct term *t = start_at_home(f->clerk_config, f->clerk, COLS, ROWS);

	unique_surname("Pfrestart", surname, sizeof surname);
	fresh_iin(f, "1983-09-21", 'F', iin);
	open_register(t);
	assert_true(term_key(t, "Insert"));
	assert_true(wait_form(t, "New person"));
	fill_new_person(t, surname, "Dana", "21.09.1983", iin);
	snprintf(command, sizeof command,
	         "sh '%s/scripts/devdb.sh' stop >/dev/null 2>&1 && "
	         "sh '%s/scripts/devdb.sh' start >/dev/null 2>&1 && echo restarted",
	         getenv("HRMIS_ROOT"), getenv("HRMIS_ROOT"));
	char *restarted = client_shell_line(command);
	assert_non_null(restarted);
	assert_string_equal(restarted, "restarted");
	free(restarted);
	/* Everything typed is still there. */
	assert_true(term_has_text(t, surname));
	assert_true(term_has_text(t, iin));
	assert_true(term_key(t, "F2"));
	if (!client_wait_message(t, "The person is registered.", 5000)) {
		/* The first F2 met the connection the restart ended: it says so,
		 * and F2 again reconnects. */
		assert_true(client_message_has(t, "connection"));
		assert_true(term_key(t, "F2"));
		assert_true(client_wait_message(t, "The person is registered.", 20000));
	}
	snprintf(name, sizeof name, "%s Dana", surname);
	assert_true(wait_profile(t, name, WAIT_MS));
	/* The fixture's own connections ended with the restart too. */
	PQreset(f->super);
	PQreset(f->head_db);
	PQreset(f->clerk_db);
	assert_true(client_sql_is(f->super, "1", "SELECT count(*) FROM hr.person WHERE last_name = $1",
	                          surname, NULL));
	file_to_home(t, f->clerk);
	quit_from_home(t, f->clerk);
	term_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_narrows_as_you_type),
		cmocka_unit_test(test_create_person_correcting_errors),
		cmocka_unit_test(test_id_on_file_elsewhere_refused),
		cmocka_unit_test(test_edit_and_save),
		cmocka_unit_test(test_conflict_take_theirs),
		cmocka_unit_test(test_conflict_keep_mine),
		cmocka_unit_test(test_history_lists_the_change),
		cmocka_unit_test(test_as_of_shows_older_value),
		cmocka_unit_test(test_draft_survives_hangup),
		cmocka_unit_test(test_hangup_with_draft_in_flight),
		cmocka_unit_test(test_double_f2_registers_once),
		cmocka_unit_test(test_save_closes_its_own_form),
		cmocka_unit_test(test_attach_5mib_over_a_slow_link),
		cmocka_unit_test(test_save_cut_after_commit_creates_once),
		/* Last: it restarts the server under the fixture's connections. */
		cmocka_unit_test(test_form_survives_server_restart),
	};

	/* PF_ONLY=test_name runs one test (cmocka's pattern) while working on it. */
	if (getenv("PF_ONLY"))
		cmocka_set_test_filter(getenv("PF_ONLY"));
	return cmocka_run_group_tests_name("personnel file", tests, setup, teardown);
}
