/*
 * bench_orders.c - personnel orders (db/012_orders.sql): signing a leave
 * order of 100 employees, beside the same absence rows written by one
 * plain INSERT, and gap-free numbering under concurrent signers.
 *
 *   bench_orders --setup
 *       adds, as the cluster's superuser, to organisation MOE of the demo
 *       data the division BENCH-ORD (10 positions of 10 rates), 100 people
 *       employed and placed there since 2020 with consent on file, and the
 *       head logins head_b01..head_b20.  Does nothing when it exists.
 *       Their certificates come from `devdb.sh cert`.
 *   bench_orders leave ORDERS
 *       ORDERS + 1 drafts of 100 annual-leave lines (created by the
 *       superuser as if keyed by clerk_moe, each in its own future
 *       fortnight); the first is signed alone on a fresh connection (the
 *       session's first call), then per draft as head_moe: hr.order_problems,
 *       hr.order_preview, hr.order_render, and hr.order_sign inside BEGIN,
 *       then COMMIT.  Then ORDERS times the same 100 absence rows by one
 *       INSERT ... SELECT as the superuser, with its triggers and with
 *       session_replication_role = replica (none fire).
 *       Prints "name p50 p95 samples" per step, "sign_first ms".
 *   bench_orders orgs N
 *       adds, as the superuser, N organisations under MCS (the size of the
 *       scale seed's service), so that what lists every organisation is
 *       measured at that size; prints "orgs TOTAL" (organisations now).
 *   bench_orders numbering SIGNERS TOTAL
 *       TOTAL one-line award orders signed by head_b01..head_bSIGNERS, one
 *       connection and thread each, taking drafts from a shared queue;
 *       every 20th draft is rolled back after signing (and stays a draft).
 *       Then checks, as the superuser, that register P of MOE holds numbers
 *       1..N this year without a gap or duplicate, N = the counter, and that
 *       this run's committed orders are all signed.  Prints "numbering
 *       signers committed rolled_back seconds per_second sign_p50 sign_p95
 *       commit_p50 commit_p95 numbers_in_register ok|FAILED" and
 *       "drafts_seconds S"; exits 1 on any failure.
 *
 * Needs HRMIS_DEVDB_DIR and HRMIS_DEVDB_PORT (a cluster from devdb.sh).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "stats.h"
#include "xalloc.h"

#define MAX_SIGNERS    20
#define ROLLBACK_EVERY 20 /* 5% of the signed drafts are rolled back */
#define ID_SIZE        24
#define VERSION_SIZE   16

static const char *cluster_dir, *cluster_port;

static const char *const setup_sql[] = {
	"INSERT INTO hr.department (org_id, code, name, valid_from) "
	"SELECT o.id, 'BENCH-ORD', 'Orders Benchmark Division', date '2015-01-01' "
	"  FROM hr.org o WHERE o.code = 'MOE'",
	"INSERT INTO hr.position (org_id, department_id, title, grade, rates, valid_from) "
	"SELECT d.org_id, d.id, 'Inspector ' || g, 'C3', 10, date '2015-01-01' "
	"  FROM hr.department d JOIN hr.org o ON o.id = d.org_id, generate_series(1, 10) g "
	" WHERE o.code = 'MOE' AND d.code = 'BENCH-ORD' ORDER BY g",
	/* Names are letters only (008): 10 first names times 10 second names. */
	"INSERT INTO hr.person (org_id, last_name, first_name, birth_date, gender) "
	"SELECT o.id, 'Ordersova', (ARRAY['Alma', 'Bota', 'Dana', 'Gulnar', 'Kamila', 'Laura', "
	"       'Nazira', 'Saule', 'Togzhan', 'Zhanna'])[1 + g % 10] || ' ' || (ARRAY['Ainur', "
	"       'Bibigul', 'Dinara', 'Elmira', 'Gaukhar', 'Indira', 'Karlygash', 'Meruert', "
	"       'Roza', 'Symbat'])[1 + g / 10], date '1980-01-01' + g * 37, 'F' "
	"  FROM hr.org o, generate_series(0, 99) g WHERE o.code = 'MOE' ORDER BY g",
	"INSERT INTO hr.consent (org_id, person_id, given_on, document) "
	"SELECT p.org_id, p.id, date '2020-01-01', 'Consent form' FROM hr.person p "
	"  JOIN hr.org o ON o.id = p.org_id WHERE o.code = 'MOE' AND p.last_name = 'Ordersova' "
	" ORDER BY p.id",
	"INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
	"SELECT p.org_id, p.id, 'BO-' || lpad((row_number() OVER (ORDER BY p.id))::text, 3, '0'), "
	"       date '2020-01-01' "
	"  FROM hr.person p JOIN hr.org o ON o.id = p.org_id "
	" WHERE o.code = 'MOE' AND p.last_name = 'Ordersova' ORDER BY p.id",
	/* Ten people on each position. */
	"INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
	"SELECT e.org_id, e.id, p.id, 1, daterange(e.hire_date, NULL) "
	"  FROM (SELECT e.*, row_number() OVER (ORDER BY e.id) - 1 AS n FROM hr.employment e "
	"         WHERE e.personnel_no LIKE 'BO-%') e "
	"  JOIN (SELECT p.id, row_number() OVER (ORDER BY p.id) - 1 AS n FROM hr.position p "
	"          JOIN hr.department d ON d.org_id = p.org_id AND d.id = p.department_id "
	"         WHERE d.code = 'BENCH-ORD') p ON p.n = e.n / 10",
	"SELECT admin.create_login('head_b' || lpad(g::text, 2, '0'), 'MOE', 'head') "
	"  FROM generate_series(1, 20) g",
	"ANALYZE hr.person, hr.employment, hr.assignment, hr.consent",
};

/* One draft of 100 leave lines in register L, as keyed by clerk_moe: the
 * fortnight from $2 + $3 days.  Returns the order id per line. */
static const char *const leave_draft_sql =
        "WITH o AS (INSERT INTO hr.hr_order (org_id, kind, register_id, basis, created_by) "
        "  SELECT r.org_id, 'leave', r.id, $1, 'clerk_moe' FROM hr.order_register r "
        "    JOIN hr.org g ON g.id = r.org_id WHERE g.code = 'MOE' AND r.code = 'L' "
        "  RETURNING id, org_id) "
        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, until, "
        "       leave_type) "
        "SELECT o.org_id, o.id, row_number() OVER (ORDER BY e.person_id), e.person_id, "
        "       $2::date + $3::int, $2::date + $3::int + 13, 'annual' "
        "  FROM o JOIN hr.employment e ON e.org_id = o.org_id AND e.personnel_no LIKE 'BO-%' "
        " ORDER BY e.person_id RETURNING order_id";

/* The reference: the same absence rows, one plain statement. */
static const char *const leave_insert_sql =
        "INSERT INTO hr.absence (org_id, person_id, employment_id, kind, leave_type, during) "
        "SELECT e.org_id, e.person_id, e.id, 'leave', 'annual', "
        "       daterange($1::date + $2::int, $1::date + $2::int + 13, '[]') "
        "  FROM hr.employment e JOIN hr.org o ON o.id = e.org_id "
        " WHERE o.code = 'MOE' AND e.personnel_no LIKE 'BO-%' ORDER BY e.person_id";

static const char *const sign_sql =
        "SELECT number_text, already FROM hr.order_sign($1::bigint, $2::int)";

static struct db *open_params(const char *const *keys, const char *const *values)
{
	struct db *db = db_new();

	db_set_params(db, keys, values);
	if (db_connect(db) != STATUS_OK) {
		fprintf(stderr, "connect: %s\n", db_detail(db));
		exit(1);
	}
	return db;
}

/* A connected handle for LOGIN over TLS with its certificate; exits on failure. */
static struct db *connect_login(const char *login)
{
	char ca[512], cert[512], key[512];
	const char *keys[] = { "host",        "port",    "dbname", "user", "sslmode",
		               "sslrootcert", "sslcert", "sslkey", NULL };
	const char *values[] = { "localhost", cluster_port, "hrmis", login, "verify-full",
		                 ca,          cert,         key,     NULL };

	snprintf(ca, sizeof ca, "%s/tls/ca.crt", cluster_dir);
	snprintf(cert, sizeof cert, "%s/tls/%s.crt", cluster_dir, login);
	snprintf(key, sizeof key, "%s/tls/%s.key", cluster_dir, login);
	return open_params(keys, values);
}

/* A connected handle for the superuser over the cluster's socket. */
static struct db *connect_superuser(void)
{
	char host[512], name[128] = "postgres", path[512];
	FILE *f;

	snprintf(host, sizeof host, "%s/run", cluster_dir);
	snprintf(path, sizeof path, "%s/superuser", cluster_dir);
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(name, sizeof name, f) == NULL)
			snprintf(name, sizeof name, "postgres");
		name[strcspn(name, "\n")] = '\0';
		fclose(f);
	}
	{
		const char *keys[] = { "host", "port", "dbname", "user", "sslmode", NULL };
		const char *values[] = { host, cluster_port, "hrmis", name, "disable", NULL };

		return open_params(keys, values);
	}
}

/* Runs a statement; returns its result (caller frees) or exits with `what`. */
static PGresult *must(struct db *db, const char *what, const char *sql, int n,
                      const char *const *params)
{
	PGresult *res = db_exec(db, sql, n, params);

	if (res == NULL) {
		fprintf(stderr, "bench_orders: %s: %s\n", what, db_detail(db));
		exit(1);
	}
	return res;
}

/* Runs a statement and returns how long it took (ms); *rows gets its row count. */
static double timed(struct db *db, const char *what, const char *sql, int n,
                    const char *const *params, int *rows)
{
	double t0 = bench_now_ms();
	PGresult *res = must(db, what, sql, n, params);
	double ms = bench_now_ms() - t0;

	if (rows != NULL)
		*rows = PQntuples(res);
	db_result_free(&res);
	return ms;
}

static void print_stat(const char *name, double *samples, int n)
{
	printf("%s %.3f %.3f %d\n", name, bench_percentile(samples, n, 50),
	       bench_percentile(samples, n, 95), n);
}

static int setup(void)
{
	struct db *db = connect_superuser();
	PGresult *res =
	        must(db, "setup", "SELECT count(*) FROM hr.department WHERE code = 'BENCH-ORD'", 0,
	             NULL);
	double t0 = bench_now_ms();

	if (strcmp(db_value(res, 0, 0), "0") != 0) {
		printf("setup: BENCH-ORD exists\n");
	} else {
		db_result_free(&res);
		res = must(db, "setup", "BEGIN", 0, NULL);
		for (size_t i = 0; i < sizeof setup_sql / sizeof setup_sql[0]; i++) {
			db_result_free(&res);
			res = must(db, "setup", setup_sql[i], 0, NULL);
		}
		db_result_free(&res);
		res = must(db, "setup", "COMMIT", 0, NULL);
		printf("setup: MOE division BENCH-ORD, 100 employed people, head_b01..head_b20 in "
		       "%.1f s\n",
		       (bench_now_ms() - t0) / 1000);
	}
	db_result_free(&res);
	db_free(&db);
	return 0;
}

/* Adds n organisations under MCS (once), then analyzes hr.org. */
static int add_orgs(int n)
{
	struct db *db = connect_superuser();
	char count[16];
	const char *params[1] = { count };
	PGresult *res;

	snprintf(count, sizeof count, "%d", n);
	res = must(db, "orgs",
	           "INSERT INTO hr.org (parent_id, code, name, kind) "
	           "SELECT p.id, 'BO' || lpad(g::text, 5, '0'), 'Benchmark Organisation ' || g, "
	           "       'organisation' "
	           "  FROM hr.org p, generate_series(1, $1::int) g WHERE p.code = 'MCS' "
	           "   AND NOT EXISTS (SELECT 1 FROM hr.org x WHERE x.code = 'BO00001') ORDER BY g",
	           1, params);
	db_result_free(&res);
	res = must(db, "orgs", "ANALYZE hr.org, hr.org_closure", 0, NULL);
	db_result_free(&res);
	res = must(db, "orgs", "SELECT count(*) FROM hr.org", 0, NULL);
	printf("orgs %s\n", db_value(res, 0, 0));
	db_result_free(&res);
	db_free(&db);
	return 0;
}

/* Creates a leave draft for window `offset` days after `base`; writes its id
 * and version (as text) into id and version. */
static void leave_draft(struct db *su, const char *base, int offset, char *id, char *version)
{
	char off[16];
	const char *params[3] = { "Annual leave schedule", base, off };
	PGresult *res;

	snprintf(off, sizeof off, "%d", offset);
	res = must(su, "leave draft", leave_draft_sql, 3, params);
	snprintf(id, ID_SIZE, "%s", db_value(res, 0, 0));
	db_result_free(&res);
	params[0] = id;
	res = must(su, "draft version", "SELECT version FROM hr.hr_order WHERE id = $1", 1, params);
	snprintf(version, VERSION_SIZE, "%s", db_value(res, 0, 0));
	db_result_free(&res);
}

/* BEGIN, hr.order_sign (timed into *sign), COMMIT (timed into *commit). */
static void sign_one(struct db *head, const char *id, const char *version, double *sign,
                     double *commit)
{
	const char *params[2] = { id, version };
	PGresult *res = must(head, "begin", "BEGIN", 0, NULL);
	double t0, t1;

	db_result_free(&res);
	t0 = bench_now_ms();
	res = must(head, "order_sign", sign_sql, 2, params);
	t1 = bench_now_ms();
	if (strcmp(db_value(res, 0, 1), "f") != 0) {
		fprintf(stderr, "bench_orders: order %s was signed already\n", id);
		exit(1);
	}
	db_result_free(&res);
	res = must(head, "commit", "COMMIT", 0, NULL);
	*commit = bench_now_ms() - t1;
	*sign = t1 - t0;
	db_result_free(&res);
}

static int bench_leave(int orders)
{
	struct db *su = connect_superuser(), *head;
	double *s[5], first_sign, first_commit;
	char base[16], (*ids)[ID_SIZE] = xcalloc((size_t)orders + 1, sizeof *ids),
	               (*versions)[VERSION_SIZE] = xcalloc((size_t)orders + 1, sizeof *versions);
	PGresult *res;
	int rows;

	for (int k = 0; k < 5; k++)
		s[k] = xcalloc((size_t)orders, sizeof *s[k]);
	/* Fortnights after every absence on file, so a second run fits too. */
	res = must(su, "base date",
	           "SELECT greatest(current_date + 30, max(upper(a.during)) + 1)::text "
	           "  FROM hr.absence a JOIN hr.org o ON o.id = a.org_id WHERE o.code = 'MOE'",
	           0, NULL);
	snprintf(base, sizeof base, "%s", db_value(res, 0, 0));
	db_result_free(&res);
	for (int k = 0; k <= orders; k++)
		leave_draft(su, base, 15 * k, ids[k], versions[k]);

	/* The first signing of a session: the functions' plans are prepared. */
	head = connect_login("head_moe");
	sign_one(head, ids[0], versions[0], &first_sign, &first_commit);
	db_free(&head);

	head = connect_login("head_moe");
	for (int k = 1; k <= orders; k++) {
		const char *params[3] = { ids[k], NULL, NULL };

		s[0][k - 1] = timed(head, "order_problems", "SELECT * FROM hr.order_problems($1)",
		                    1, params, &rows);
		if (rows != 0) {
			fprintf(stderr, "bench_orders: order %s has %d problems\n", ids[k], rows);
			return 1;
		}
		s[1][k - 1] = timed(head, "order_preview", "SELECT * FROM hr.order_preview($1)", 1,
		                    params, &rows);
		if (rows != 100) {
			fprintf(stderr, "bench_orders: preview of %s: %d rows\n", ids[k], rows);
			return 1;
		}
		s[2][k - 1] = timed(head, "order_render", "SELECT hr.order_render($1, NULL, NULL)",
		                    1, params, NULL);
		sign_one(head, ids[k], versions[k], &s[3][k - 1], &s[4][k - 1]);
	}
	print_stat("problems", s[0], orders);
	print_stat("preview", s[1], orders);
	print_stat("render", s[2], orders);
	print_stat("sign", s[3], orders);
	print_stat("sign_commit", s[4], orders);
	printf("sign_first %.3f\n", first_sign);

	/* The reference, with triggers (audit) and then without any. */
	for (int replica = 0; replica < 2; replica++) {
		for (int k = 0; k < orders; k++) {
			char off[16];
			const char *params[2] = { base, off };
			double t1;

			snprintf(off, sizeof off, "%d", 15 * (orders + 1 + replica * orders + k));
			res = must(su, "begin", "BEGIN", 0, NULL);
			db_result_free(&res);
			if (replica) {
				res = must(su, "replica",
				           "SET LOCAL session_replication_role = replica", 0, NULL);
				db_result_free(&res);
			}
			s[0][k] = timed(su, "absence insert", leave_insert_sql, 2, params, NULL);
			t1 = bench_now_ms();
			res = must(su, "commit", "COMMIT", 0, NULL);
			s[1][k] = bench_now_ms() - t1;
			db_result_free(&res);
		}
		print_stat(replica ? "insert_replica" : "insert", s[0], orders);
		print_stat(replica ? "insert_replica_commit" : "insert_commit", s[1], orders);
	}
	for (int k = 0; k < 5; k++)
		free(s[k]);
	free(ids);
	free(versions);
	db_free(&head);
	db_free(&su);
	return 0;
}

/* ---- numbering under concurrent signers ------------------------------------- */

static struct {
	long long *ids;
	int *versions;
	int count;
	atomic_int next, committed, rolled_back, failed;
	double *sign_ms, *commit_ms;
	pthread_barrier_t start;
} queue;

/* One head: its own connection, drafts from the queue until it is empty. */
static void *signer(void *arg)
{
	struct db *db = connect_login(arg);
	char id[ID_SIZE], version[VERSION_SIZE];
	const char *params[2] = { id, version };
	PGresult *res;

	pthread_barrier_wait(&queue.start);
	for (int i; (i = atomic_fetch_add(&queue.next, 1)) < queue.count;) {
		int rollback = i % ROLLBACK_EVERY == ROLLBACK_EVERY - 1;
		double t0, t1;

		snprintf(id, sizeof id, "%lld", queue.ids[i]);
		snprintf(version, sizeof version, "%d", queue.versions[i]);
		if (db_command(db, "BEGIN", 0, NULL) != STATUS_OK)
			goto failed;
		t0 = bench_now_ms();
		if ((res = db_exec(db, sign_sql, 2, params)) == NULL)
			goto failed;
		t1 = bench_now_ms();
		if (strcmp(db_value(res, 0, 1), "f") != 0) {
			fprintf(stderr, "bench_orders: %s found %s signed\n", (char *)arg, id);
			atomic_fetch_add(&queue.failed, 1);
		}
		db_result_free(&res);
		if (db_command(db, rollback ? "ROLLBACK" : "COMMIT", 0, NULL) != STATUS_OK)
			goto failed;
		queue.sign_ms[i] = t1 - t0;
		queue.commit_ms[i] = bench_now_ms() - t1;
		atomic_fetch_add(rollback ? &queue.rolled_back : &queue.committed, 1);
	}
	db_free(&db);
	return NULL;
failed:
	fprintf(stderr, "bench_orders: %s signing %s: %s\n", (char *)arg, id, db_detail(db));
	atomic_fetch_add(&queue.failed, 1);
	db_free(&db);
	return NULL;
}

/* Creates `count` one-line award drafts marked `basis`, loads them into the queue. */
static void award_drafts(struct db *su, const char *basis, int count)
{
	char n[16];
	const char *params[2] = { basis, n };
	PGresult *res;

	snprintf(n, sizeof n, "%d", count);
	res = must(su, "award drafts",
	           "INSERT INTO hr.hr_order (org_id, kind, register_id, basis, created_by) "
	           "SELECT r.org_id, 'award', r.id, $1, 'clerk_moe' FROM hr.order_register r "
	           "  JOIN hr.org o ON o.id = r.org_id, generate_series(1, $2::int) g "
	           " WHERE o.code = 'MOE' AND r.code = 'P' ORDER BY g",
	           2, params);
	db_result_free(&res);
	res = must(su, "award lines",
	           "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, "
	           "award) "
	           "SELECT h.org_id, h.id, 1, e.person_id, current_date, 'Certificate of merit' "
	           "  FROM (SELECT h.*, row_number() OVER (ORDER BY h.id) - 1 AS n "
	           "          FROM hr.hr_order h WHERE h.basis = $1) h "
	           "  JOIN (SELECT e.person_id, row_number() OVER (ORDER BY e.person_id) - 1 AS n "
	           "          FROM hr.employment e WHERE e.personnel_no LIKE 'BO-%') e "
	           "    ON e.n = h.n % 100 ORDER BY h.id",
	           1, params);
	db_result_free(&res);
	res = must(su, "award drafts",
	           "SELECT id, version FROM hr.hr_order WHERE basis = $1 ORDER BY id", 1, params);
	queue.count = PQntuples(res);
	queue.ids = xcalloc((size_t)queue.count, sizeof *queue.ids);
	queue.versions = xcalloc((size_t)queue.count, sizeof *queue.versions);
	for (int i = 0; i < queue.count; i++) {
		queue.ids[i] = atoll(db_value(res, i, 0));
		queue.versions[i] = atoi(db_value(res, i, 1));
	}
	db_result_free(&res);
}

/* The register's numbers this year: 1..N, no gap, no duplicate, N = the
 * counter; this run's orders signed exactly when committed.  Sets *numbers
 * to N and returns true when all of it holds (else explains on stderr). */
static bool check_numbers(struct db *su, const char *basis, int committed, int rolled_back,
                          long *numbers)
{
	const char *params[1] = { basis };
	PGresult *res =
	        must(su, "check",
	             "SELECT count(*), count(DISTINCT h.number), coalesce(min(h.number), 0), "
	             "       coalesce(max(h.number), 0), "
	             "       (SELECT c.last_no FROM hr.order_counter c WHERE c.org_id = r.org_id "
	             "           AND c.register_id = r.id AND c.year = h.year), "
	             "       count(*) FILTER (WHERE h.basis = $1), "
	             "       (SELECT count(*) FROM hr.hr_order d WHERE d.basis = $1 "
	             "           AND d.status = 'draft') "
	             "  FROM hr.order_register r JOIN hr.org o ON o.id = r.org_id "
	             "  JOIN hr.hr_order h ON h.org_id = r.org_id AND h.register_id = r.id "
	             " WHERE o.code = 'MOE' AND r.code = 'P' AND h.status <> 'draft' "
	             "   AND h.year = extract(year FROM current_date)::int GROUP BY r.org_id, "
	             "r.id, h.year",
	             1, params);
	long v[7];
	bool ok;

	for (int k = 0; k < 7; k++)
		v[k] = PQntuples(res) == 1 ? atol(db_value(res, 0, k)) : -1;
	db_result_free(&res);
	ok = v[0] > 0 && v[1] == v[0] && v[2] == 1 && v[3] == v[0] && v[4] == v[0] &&
	     v[5] == committed && v[6] == rolled_back;
	if (!ok)
		fprintf(stderr,
		        "bench_orders: register P: %ld signed, %ld distinct, numbers %ld..%ld, "
		        "counter %ld; this run %ld signed (committed %d), %ld drafts left (rolled "
		        "back %d)\n",
		        v[0], v[1], v[2], v[3], v[4], v[5], committed, v[6], rolled_back);
	*numbers = v[0];
	return ok;
}

static int bench_numbering(int signers, int total)
{
	struct db *su = connect_superuser();
	pthread_t threads[MAX_SIGNERS];
	char logins[MAX_SIGNERS][24], basis[64];
	double t0, seconds, *commits;
	int drafts = total, n = 0, committed, rolled_back;
	long numbers;
	bool ok;

	/* Enough drafts that `total` are committed with every 20th rolled back. */
	while (drafts - drafts / ROLLBACK_EVERY < total)
		drafts++;
	snprintf(basis, sizeof basis, "Numbering benchmark %ld/%d", (long)time(NULL), signers);
	t0 = bench_now_ms();
	award_drafts(su, basis, drafts);
	printf("drafts_seconds %.1f\n", (bench_now_ms() - t0) / 1000);
	queue.sign_ms = xcalloc((size_t)drafts, sizeof *queue.sign_ms);
	queue.commit_ms = xcalloc((size_t)drafts, sizeof *queue.commit_ms);
	atomic_store(&queue.next, 0);
	atomic_store(&queue.committed, 0);
	atomic_store(&queue.rolled_back, 0);
	pthread_barrier_init(&queue.start, NULL, (unsigned)signers + 1);
	for (int k = 0; k < signers; k++) {
		snprintf(logins[k], sizeof logins[k], "head_b%02d", k + 1);
		pthread_create(&threads[k], NULL, signer, logins[k]);
	}
	pthread_barrier_wait(&queue.start); /* every signer is connected */
	t0 = bench_now_ms();
	for (int k = 0; k < signers; k++)
		pthread_join(threads[k], NULL);
	seconds = (bench_now_ms() - t0) / 1000;
	pthread_barrier_destroy(&queue.start);
	if (atomic_load(&queue.failed) > 0)
		return 1;
	/* COMMIT times of the committed orders only. */
	commits = xcalloc((size_t)drafts, sizeof *commits);
	for (int i = 0; i < drafts; i++)
		if (i % ROLLBACK_EVERY != ROLLBACK_EVERY - 1)
			commits[n++] = queue.commit_ms[i];
	committed = atomic_load(&queue.committed);
	rolled_back = atomic_load(&queue.rolled_back);
	ok = check_numbers(su, basis, committed, rolled_back, &numbers);
	printf("numbering %d %d %d %.1f %.1f %.3f %.3f %.3f %.3f %ld %s\n", signers, committed,
	       rolled_back, seconds, committed / seconds,
	       bench_percentile(queue.sign_ms, drafts, 50),
	       bench_percentile(queue.sign_ms, drafts, 95), bench_percentile(commits, n, 50),
	       bench_percentile(commits, n, 95), numbers, ok ? "ok" : "FAILED");
	free(commits);
	free(queue.sign_ms);
	free(queue.commit_ms);
	free(queue.ids);
	free(queue.versions);
	db_free(&su);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	cluster_dir = getenv("HRMIS_DEVDB_DIR");
	cluster_port = getenv("HRMIS_DEVDB_PORT");
	if (cluster_dir == NULL || cluster_port == NULL || argc < 2)
		goto usage;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "--setup") == 0)
		return setup();
	if (strcmp(argv[1], "leave") == 0 && argc == 3 && atoi(argv[2]) >= 2)
		return bench_leave(atoi(argv[2]));
	if (strcmp(argv[1], "orgs") == 0 && argc == 3 && atoi(argv[2]) >= 1)
		return add_orgs(atoi(argv[2]));
	if (strcmp(argv[1], "numbering") == 0 && argc == 4 && atoi(argv[2]) >= 1 &&
	    atoi(argv[2]) <= MAX_SIGNERS && atoi(argv[3]) >= 1)
		return bench_numbering(atoi(argv[2]), atoi(argv[3]));
usage:
	fprintf(stderr,
	        "usage: HRMIS_DEVDB_DIR=... HRMIS_DEVDB_PORT=... bench_orders --setup | "
	        "leave ORDERS | orgs N | numbering SIGNERS(1-%d) TOTAL\n",
	        MAX_SIGNERS);
	return 2;
}
