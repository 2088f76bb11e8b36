/*
 * bench_query.c - connection and query latency of hrmis's SQL through the
 * project's libpq wrapper, as a real login with its certificate over TLS.
 *
 *   bench_query LOGIN ITERATIONS
 *
 * Needs HRMIS_DEVDB_DIR and HRMIS_DEVDB_PORT (a cluster from devdb.sh).
 * Prints one line per measurement: "name p50_ms p95_ms samples".
 */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "section.h"
#include "stats.h"

static const struct {
	const char *name;
	const char *sql;
} queries[] = {
	{ "whoami", "SELECT login, kind, org_code, org_name FROM hr.whoami()" },
	{ "count_person", "SELECT count(*) FROM hr.person" },
	{ "list_person_50", "SELECT id, last_name, first_name FROM hr.person ORDER BY last_name, "
	                    "first_name, id LIMIT 50" },
};

static struct db *open_db(const char *login, const char *dir, const char *port)
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

/* A whole file (all sections and the service periods) in one pipelined
 * round trip, as the profile screen opens it; the person is the first one
 * of the login's register. */
static void profile_open(struct db *db, double *samples, int n)
{
	PGresult *first = db_exec(db, "SELECT min(id)::text FROM hr.person", 0, NULL);
	const char *params[2] = { NULL, "2026-11-23" };
	struct db_statement statements[SECTION_BATCH];
	PGresult *results[SECTION_BATCH];

	if (first == NULL || PQgetisnull(first, 0, 0)) {
		db_result_free(&first);
		return;
	}
	params[0] = PQgetvalue(first, 0, 0);
	section_profile_batch(params, statements);
	for (int i = 0; i < n + 20; i++) {
		double t0 = bench_now_ms();

		if (db_exec_batch(db, statements, SECTION_BATCH, results) != STATUS_OK) {
			fprintf(stderr, "profile: %s\n", db_detail(db));
			break;
		}
		if (i >= 20)
			samples[i - 20] = bench_now_ms() - t0;
		for (int j = 0; j < SECTION_BATCH; j++)
			db_result_free(&results[j]);
	}
	printf("profile_open_pipelined %.3f %.3f %d\n", bench_percentile(samples, n, 50),
	       bench_percentile(samples, n, 95), n);
	/* The same statements one round trip each, for comparison. */
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_ms();

		for (int j = 0; j < SECTION_BATCH; j++) {
			PGresult *r = db_exec(db, statements[j].sql, 2, statements[j].params);

			db_result_free(&r);
		}
		samples[i] = bench_now_ms() - t0;
	}
	printf("profile_open_sequential %.3f %.3f %d\n", bench_percentile(samples, n, 50),
	       bench_percentile(samples, n, 95), n);
	db_result_free(&first);
}

int main(int argc, char **argv)
{
	const char *dir = getenv("HRMIS_DEVDB_DIR"), *port = getenv("HRMIS_DEVDB_PORT");
	int n = argc > 2 ? atoi(argv[2]) : 200;
	double *samples;
	struct db *db;

	if (argc < 2 || dir == NULL || port == NULL || n < 2) {
		fprintf(stderr,
		        "usage: HRMIS_DEVDB_DIR=... HRMIS_DEVDB_PORT=... bench_query LOGIN [N]\n");
		return 2;
	}
	samples = calloc((size_t)n, sizeof *samples);
	db = open_db(argv[1], dir, port);
	/* TLS handshake + certificate authentication + first query, as hrmis starts. */
	for (int i = 0; i < n / 4 + 2; i++) {
		double t0 = bench_now_ms();
		PGresult *r;

		if (db_connect(db) != STATUS_OK) {
			fprintf(stderr, "connect: %s\n", db_detail(db));
			return 1;
		}
		r = db_exec(db, queries[0].sql, 0, NULL);
		samples[i] = bench_now_ms() - t0;
		db_result_free(&r);
	}
	printf("connect_tls_whoami %.3f %.3f %d\n", bench_percentile(samples, n / 4 + 2, 50),
	       bench_percentile(samples, n / 4 + 2, 95), n / 4 + 2);
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		/* Warm the plan and the server's caches first, as psql's run does too. */
		for (int i = 0; i < 20; i++) {
			PGresult *r = db_exec(db, queries[q].sql, 0, NULL);
			db_result_free(&r);
		}
		for (int i = 0; i < n; i++) {
			double t0 = bench_now_ms();
			PGresult *r = db_exec(db, queries[q].sql, 0, NULL);

			samples[i] = bench_now_ms() - t0;
			if (r == NULL) {
				fprintf(stderr, "%s: %s\n", queries[q].name, db_detail(db));
				return 1;
			}
			db_result_free(&r);
		}
		printf("%s %.3f %.3f %d\n", queries[q].name, bench_percentile(samples, n, 50),
		       bench_percentile(samples, n, 95), n);
	}
	profile_open(db, samples, n);
	db_free(&db);
	free(samples);
	return 0;
}
