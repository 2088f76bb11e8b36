/*
 * bench_structure.c - the structure screens' queries at scale: the
 * department tree, the staffing table and the vacancy list of one large
 * organisation (300 departments, 5,000 positions) as its clerk, and the
 * staffing totals of every organisation a ministry sees as the ministry.
 *
 *   bench_structure --setup
 *       adds, as the cluster's superuser, the organisation BENCH-STRUCT
 *       under the ministry of bench_ministry (from seed --orgs): 30
 *       departments with 9 sectors each, 5,000 positions of 1 to 3 rates,
 *       people filling about 85% of the rates, renames and rate changes
 *       dated 2024 (so versions have history), and its clerk
 *       bench_struct_clerk.  Does nothing when it exists.
 *   bench_structure CLERK MINISTRY ITERATIONS [SQL_DIR]
 *       prints "name login rows client_p50 client_p95 server_p50
 *       server_p95 samples" per case (milliseconds): the round trip through
 *       the libpq wrapper and planning + execution from EXPLAIN (ANALYZE,
 *       TIMING OFF); with SQL_DIR, each case's statement with its values
 *       inlined as SQL_DIR/NAME.sql, for psql.
 *
 * Needs HRMIS_DEVDB_DIR and HRMIS_DEVDB_PORT (a cluster from devdb.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "stats.h"
#include "structure.h"
#include "xalloc.h"

#define ORG_CODE "BENCH-STRUCT"

/* The organisation, built set-wise; each statement is one transaction step. */
static const char *const setup_sql[] = {
	"INSERT INTO hr.org (parent_id, code, name, kind) "
	"SELECT a.org_id, '" ORG_CODE "', 'Structure Benchmark Agency', 'organisation' "
	"  FROM hr.account a WHERE a.role_name = 'bench_ministry'",
	/* 30 departments, then 9 sectors under each: 300. */
	"INSERT INTO hr.department (org_id, code, name, valid_from) "
	"SELECT o.id, 'D' || lpad(g::text, 2, '0'), 'Department ' || g, date '2015-01-01' "
	"  FROM hr.org o, generate_series(1, 30) g WHERE o.code = '" ORG_CODE "' ORDER BY g",
	"INSERT INTO hr.department (org_id, parent_id, code, name, valid_from) "
	"SELECT d.org_id, d.id, d.code || '-S' || s, 'Sector ' || s || ' of ' || d.name, "
	"       date '2015-01-01' "
	"  FROM hr.department d JOIN hr.org o ON o.id = d.org_id, generate_series(1, 9) s "
	" WHERE o.code = '" ORG_CODE "' AND d.parent_id IS NULL ORDER BY d.id, s",
	/* 5,000 positions over the 300 departments, 1 to 3 rates. */
	"INSERT INTO hr.position (org_id, department_id, title, grade, rates, valid_from) "
	"SELECT d.org_id, d.id, (ARRAY['Head', 'Deputy head', 'Chief specialist', "
	"       'Leading specialist', 'Specialist', 'Assistant'])[1 + g % 6] || ' ' || g, "
	"       (ARRAY['A-1', 'B-2', 'B-3', 'C-1', 'C-2', 'D-1'])[1 + g % 6], 1 + g % 3, "
	"       date '2015-01-01' "
	"  FROM generate_series(0, 4999) g "
	"  JOIN LATERAL (SELECT d.* FROM hr.department d JOIN hr.org o ON o.id = d.org_id "
	"        WHERE o.code = '" ORG_CODE "' ORDER BY d.id OFFSET g % 300 LIMIT 1) d ON true "
	" ORDER BY g",
	/* People for about 85% of the rates: one per rate slot. */
	"INSERT INTO hr.person (org_id, last_name, first_name) "
	"SELECT o.id, 'Benchova', 'Struct' FROM hr.org o, "
	"       (SELECT p.id, generate_series(1, p.rates::int) FROM hr.position p "
	"          JOIN hr.org o ON o.id = p.org_id WHERE o.code = '" ORG_CODE "') s (pos, k) "
	" WHERE o.code = '" ORG_CODE "' AND (s.pos * 7 + s.k) % 20 < 17 ORDER BY s.pos, s.k",
	"INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
	"SELECT p.org_id, p.id, 'BS-' || p.id, date '2016-01-01' + (p.id % 2000)::int "
	"  FROM hr.person p JOIN hr.org o ON o.id = p.org_id WHERE o.code = '" ORG_CODE "' "
	" ORDER BY p.id",
	"INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
	"SELECT e.org_id, e.id, s.pos, 1, daterange(e.hire_date, NULL) "
	"  FROM (SELECT e.*, row_number() OVER (ORDER BY e.id) AS n FROM hr.employment e "
	"          JOIN hr.org o ON o.id = e.org_id WHERE o.code = '" ORG_CODE "') e "
	"  JOIN (SELECT s.pos, row_number() OVER (ORDER BY s.pos, s.k) AS n FROM "
	"          (SELECT p.id, generate_series(1, p.rates::int) FROM hr.position p "
	"             JOIN hr.org o ON o.id = p.org_id WHERE o.code = '" ORG_CODE "') s (pos, k) "
	"         WHERE (s.pos * 7 + s.k) % 20 < 17) s ON s.n = e.n",
	/* History: 50 departments renamed, 500 positions with more rates, in 2024. */
	"SELECT count(hr.rename_department(d.id, NULL, d.name || ' (renamed)', date '2024-01-01')) "
	"  FROM hr.department d JOIN hr.org o ON o.id = d.org_id "
	" WHERE o.code = '" ORG_CODE "' AND d.id % 6 = 0",
	"SELECT count(hr.position_change(p.id, date '2024-06-01', NULL, NULL, NULL, NULL, "
	"       p.rates + 1)) "
	"  FROM hr.position p JOIN hr.org o ON o.id = p.org_id "
	" WHERE o.code = '" ORG_CODE "' AND p.id % 10 = 0",
	"SELECT admin.create_login('bench_struct_clerk', '" ORG_CODE "', 'clerk')",
	"ANALYZE hr.department, hr.department_version, hr.position, hr.position_version, "
	"hr.person, hr.employment, hr.assignment",
};

struct bench_case {
	const char *name;
	int as_ministry;
	const char *sql;
	int nparams;
	const char *params[4]; /* "ORG" is replaced by the org id, "TODAY" by today */
};

static const struct bench_case cases[] = {
	{ "tree", 0, NULL, 2, { "ORG", "TODAY" } },
	{ "tree_2023", 0, NULL, 2, { "ORG", "2023-01-01" } },
	{ "staffing", 0, NULL, 3, { "ORG", "TODAY", "" } },
	{ "vacancies", 0, NULL, 4, { "ORG", "TODAY", "", "" } },
	{ "vacancies_grade", 0, NULL, 4, { "ORG", "TODAY", "C-1", "" } },
	{ "by_org", 1, NULL, 1, { "TODAY" } },
	{ "staffing_ministry", 1, NULL, 3, { "ORG", "TODAY", "" } },
};

static const char *case_sql(const struct bench_case *c)
{
	if (strncmp(c->name, "tree", 4) == 0)
		return structure_tree_sql;
	if (strncmp(c->name, "staffing", 8) == 0)
		return structure_staffing_sql;
	if (strncmp(c->name, "vacancies", 9) == 0)
		return structure_vacancies_sql;
	return structure_by_org_sql;
}

static struct db *open_login(const char *login, const char *dir, const char *port)
{
	char ca[512], cert[512], key[512];
	const char *keys[] = { "host",        "port",    "dbname", "user", "sslmode",
		               "sslrootcert", "sslcert", "sslkey", NULL };
	const char *values[] = { "localhost", port, "hrmis", login, "verify-full",
		                 ca,          cert, key,     NULL };
	struct db *db = db_new();

	snprintf(ca, sizeof ca, "%s/tls/ca.crt", dir);
	snprintf(cert, sizeof cert, "%s/tls/%s.crt", dir, login);
	snprintf(key, sizeof key, "%s/tls/%s.key", dir, login);
	db_set_params(db, keys, values);
	return db;
}

static struct db *open_superuser(const char *dir, const char *port)
{
	char host[512], name[128] = "postgres", path[512];
	const char *keys[] = { "host", "port", "dbname", "user", "sslmode", NULL };
	const char *values[] = { host, port, "hrmis", name, "disable", NULL };
	struct db *db = db_new();
	FILE *f;

	snprintf(host, sizeof host, "%s/run", dir);
	snprintf(path, sizeof path, "%s/superuser", dir);
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(name, sizeof name, f) == NULL)
			snprintf(name, sizeof name, "postgres");
		name[strcspn(name, "\n")] = '\0';
		fclose(f);
	}
	db_set_params(db, keys, values);
	return db;
}

static int setup(const char *dir, const char *port)
{
	struct db *db = open_superuser(dir, port);
	PGresult *res;
	double t0 = bench_now_ms();

	if (db_connect(db) != STATUS_OK) {
		fprintf(stderr, "connect as superuser: %s\n", db_detail(db));
		return 1;
	}
	res = db_exec(db, "SELECT count(*) FROM hr.org WHERE code = '" ORG_CODE "'", 0, NULL);
	if (res != NULL && strcmp(db_value(res, 0, 0), "0") != 0) {
		db_result_free(&res);
		db_free(&db);
		printf("setup: %s exists\n", ORG_CODE);
		return 0;
	}
	db_result_free(&res);
	if (db_command(db, "BEGIN", 0, NULL) != STATUS_OK)
		return 1;
	for (size_t i = 0; i < sizeof setup_sql / sizeof setup_sql[0]; i++) {
		if (db_command(db, setup_sql[i], 0, NULL) != STATUS_OK) {
			fprintf(stderr, "setup step %zu: %s\n", i + 1, db_detail(db));
			return 1;
		}
	}
	if (db_command(db, "COMMIT", 0, NULL) != STATUS_OK)
		return 1;
	res = db_exec(
	        db,
	        "SELECT (SELECT count(*) FROM hr.department_version v WHERE v.org_id = o.id), "
	        "(SELECT count(*) FROM hr.position_version v WHERE v.org_id = o.id), "
	        "(SELECT count(*) FROM hr.assignment a WHERE a.org_id = o.id) "
	        "FROM hr.org o WHERE o.code = '" ORG_CODE "'",
	        0, NULL);
	if (res != NULL)
		printf("setup: %s with %s department versions, %s position versions, %s "
		       "assignments "
		       "in %.1f s\n",
		       ORG_CODE, db_value(res, 0, 0), db_value(res, 0, 1), db_value(res, 0, 2),
		       (bench_now_ms() - t0) / 1000);
	db_result_free(&res);
	db_free(&db);
	return 0;
}

/* Planning + execution time (ms) from EXPLAIN's JSON, or -1. */
static double server_ms(const char *json)
{
	const char *plan = strstr(json, "\"Planning Time\":"),
	           *exec = strstr(json, "\"Execution Time\":");

	if (plan == NULL || exec == NULL)
		return -1;
	return strtod(plan + 16, NULL) + strtod(exec + 17, NULL);
}

/* The statement with $1..$9 replaced by quoted literals (for psql); caller frees. */
static char *inline_params(const char *sql, const char *const *params)
{
	size_t cap = strlen(sql) + 512, len = 0;
	char *out = xmalloc(cap);

	for (const char *p = sql; *p != '\0'; p++) {
		char piece[256];

		if (p[0] == '$' && p[1] >= '1' && p[1] <= '9')
			snprintf(piece, sizeof piece, "'%s'", params[*++p - '1']);
		else
			snprintf(piece, sizeof piece, "%c", *p);
		if (len + strlen(piece) + 1 > cap)
			out = xrealloc(out, cap = cap * 2 + strlen(piece));
		memcpy(out + len, piece, strlen(piece));
		len += strlen(piece);
	}
	out[len] = '\0';
	return out;
}

static int measure(struct db *db, const char *login, const struct bench_case *c,
                   const char *const *params, int n, const char *sql_dir)
{
	const char *sql = case_sql(c);
	char *explain = xasprintf("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) %s", sql);
	double *client = xcalloc((size_t)n, sizeof *client),
	       *server = xcalloc((size_t)n, sizeof *server);
	int rows = 0;

	if (sql_dir != NULL) {
		char *path = xasprintf("%s/%s.sql", sql_dir, c->name),
		     *text = inline_params(sql, params);
		FILE *f = fopen(path, "w");

		if (f != NULL) {
			fprintf(f, "%s\n", text);
			fclose(f);
		}
		free(text);
		free(path);
	}
	for (int i = -3; i < n; i++) { /* three to warm the caches */
		double t0 = bench_now_ms();
		PGresult *r = db_exec(db, sql, c->nparams, params);

		if (r == NULL) {
			fprintf(stderr, "%s: %s\n", c->name, db_detail(db));
			return 1;
		}
		if (i < 0) {
			db_result_free(&r);
			continue;
		}
		client[i] = bench_now_ms() - t0;
		rows = PQntuples(r);
		db_result_free(&r);
		if ((r = db_exec(db, explain, c->nparams, params)) == NULL) {
			fprintf(stderr, "%s (explain): %s\n", c->name, db_detail(db));
			return 1;
		}
		server[i] = server_ms(db_value(r, 0, 0));
		db_result_free(&r);
	}
	printf("%s %s %d %.3f %.3f %.3f %.3f %d\n", c->name, login, rows,
	       bench_percentile(client, n, 50), bench_percentile(client, n, 95),
	       bench_percentile(server, n, 50), bench_percentile(server, n, 95), n);
	fflush(stdout);
	free(client);
	free(server);
	free(explain);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("HRMIS_DEVDB_DIR"), *port = getenv("HRMIS_DEVDB_PORT");
	char today[16], org[32];
	time_t now = time(NULL);
	struct db *logins[2];
	PGresult *res;
	int n;

	if (dir == NULL || port == NULL || argc < 2) {
		fprintf(stderr, "usage: HRMIS_DEVDB_DIR=... HRMIS_DEVDB_PORT=... bench_structure "
		                "--setup | CLERK MINISTRY [N [SQL_DIR]]\n");
		return 2;
	}
	if (strcmp(argv[1], "--setup") == 0)
		return setup(dir, port);
	if (argc < 3)
		return 2;
	n = argc > 3 ? atoi(argv[3]) : 50;
	if (n < 2)
		n = 2;
	strftime(today, sizeof today, "%Y-%m-%d", gmtime(&now));
	for (int k = 0; k < 2; k++) {
		logins[k] = open_login(argv[1 + k], dir, port);
		if (db_connect(logins[k]) != STATUS_OK) {
			fprintf(stderr, "connect as %s: %s\n", argv[1 + k], db_detail(logins[k]));
			return 1;
		}
	}
	res = db_exec(logins[0], "SELECT id FROM hr.org WHERE code = '" ORG_CODE "'", 0, NULL);
	if (res == NULL || PQntuples(res) != 1) {
		fprintf(stderr, "%s is not visible to %s; run bench_structure --setup\n", ORG_CODE,
		        argv[1]);
		return 1;
	}
	snprintf(org, sizeof org, "%s", db_value(res, 0, 0));
	db_result_free(&res);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct bench_case *c = &cases[i];
		const char *params[4];

		for (int k = 0; k < c->nparams; k++)
			params[k] = strcmp(c->params[k], "ORG") == 0     ? org
			            : strcmp(c->params[k], "TODAY") == 0 ? today
			                                                 : c->params[k];
		if (measure(logins[c->as_ministry], argv[1 + c->as_ministry], c, params, n,
		            argc > 4 ? argv[4] : NULL) != 0)
			return 1;
	}
	db_free(&logins[0]);
	db_free(&logins[1]);
	return 0;
}
