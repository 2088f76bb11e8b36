/*
 * bench_register.c - the register of people at scale: the client's own
 * query (person_register_sql, parameters from person_register_params) as a
 * real login over TLS, for search text typed character by character in
 * Latin, Cyrillic and Hangul, a personnel number prefix, no search, and
 * pages further on through the keyset.
 *
 *   bench_register LOGIN ITERATIONS [SQL_DIR]
 *
 * Needs HRMIS_DEVDB_DIR and HRMIS_DEVDB_PORT (a cluster from devdb.sh with
 * seed --orgs data).  Prints one line per case:
 *   "name rows client_p50 client_p95 server_p50 server_p95 samples"
 * in milliseconds: the client round trip through the libpq wrapper, and
 * the server's planning + execution time from EXPLAIN (ANALYZE, TIMING OFF,
 * FORMAT JSON) of the same statement with the same parameters.  With
 * SQL_DIR, writes each case's statement with its values inlined to
 * SQL_DIR/NAME.sql, for timing the same SQL through psql.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "person.h"
#include "stats.h"
#include "xalloc.h"

struct bench_case {
	const char *name;
	const char *search; /* as typed */
	int page;           /* 1: the first page; n: after walking n - 1 pages by keyset */
};

static const struct bench_case cases[] = {
	{ "empty", "", 1 },
	{ "empty_page2", "", 2 },
	{ "empty_page11", "", 11 },
	{ "latin_1", "a", 1 },
	{ "latin_2", "ah", 1 },
	{ "latin_3", "ahm", 1 },
	{ "latin_5", "ahmet", 1 },
	{ "latin_1_page2", "a", 2 },
	{ "cyrillic_1", "и", 1 },
	{ "cyrillic_2", "ив", 1 },
	{ "cyrillic_3", "ива", 1 },
	{ "cyrillic_5", "ивано", 1 },
	{ "hangul_1", "남", 1 },
	{ "hangul_2", "남궁", 1 },
	{ "hangul_3", "남궁 ", 1 },
	{ "hangul_5", "남궁 민준", 1 },
	{ "personnel_no", "00004", 1 },
	/* Matching a title or a department: one common to most people, one rare. */
	{ "position_common", "specialist", 1 },
	{ "department_word", "finance", 1 },
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

/* Planning + execution time (ms) from EXPLAIN's JSON, or -1. */
static double server_ms(const char *json)
{
	const char *plan = strstr(json, "\"Planning Time\":"), *exec = strstr(json, "\"Execution Time\":");

	if (plan == NULL || exec == NULL)
		return -1;
	return strtod(plan + 16, NULL) + strtod(exec + 17, NULL);
}

/* The statement with $n replaced by quoted literals (for psql); caller frees. */
static char *inline_params(const char *sql, const char *const *params)
{
	size_t cap = strlen(sql) * 2 + 1024, len = 0;
	char *out = xmalloc(cap);

	for (const char *p = sql; *p != '\0';) {
		char piece[512];
		const char *add = piece;
		size_t n;

		if (p[0] == '$' && p[1] >= '1' && p[1] <= '8') {
			const char *value = params[p[1] - '1'];
			if (value == NULL) {
				snprintf(piece, sizeof piece, "NULL");
			} else {
				size_t k = 0;
				piece[k++] = '\'';
				for (const char *v = value; *v != '\0' && k < sizeof piece - 3; v++) {
					if (*v == '\'')
						piece[k++] = '\'';
					piece[k++] = *v;
				}
				piece[k++] = '\'';
				piece[k] = '\0';
			}
			p += 2;
		} else {
			piece[0] = *p++;
			piece[1] = '\0';
		}
		n = strlen(add);
		if (len + n + 1 > cap)
			out = xrealloc(out, cap = cap * 2 + n);
		memcpy(out + len, add, n);
		len += n;
	}
	out[len] = '\0';
	return out;
}

/* Fills params for the case: walks page - 1 pages to find the keyset start.
 * Returns false when the walk failed. */
static bool case_params(struct db *db, const struct bench_case *c, const char *as_of,
                        char *escaped, struct person_key *key, const char **params,
                        char *storage, size_t size)
{
	struct person_filter filter = { escaped, PERSON_CURRENT, as_of, 0 };

	key->last_name = key->first_name = NULL;
	for (int page = 1; page < c->page; page++) {
		struct person_row *rows;
		size_t count;
		PGresult *res;

		person_register_params(&filter, key->last_name ? key : NULL, params, storage, size);
		res = db_exec(db, person_register_sql, PERSON_REGISTER_PARAMS, params);
		if (res == NULL || !person_rows_read(res, false, &rows, &count) || count == 0) {
			db_result_free(&res);
			return false;
		}
		person_key_clear(key);
		person_key_of(&rows[count - 1], key);
		person_rows_free(&rows, count);
		db_result_free(&res);
	}
	person_register_params(&filter, key->last_name ? key : NULL, params, storage, size);
	return true;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("HRMIS_DEVDB_DIR"), *port = getenv("HRMIS_DEVDB_PORT");
	const char *sql_dir = argc > 3 ? argv[3] : NULL;
	int n = argc > 2 ? atoi(argv[2]) : 100;
	char as_of[16], *explain = xasprintf("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) %s",
	                                    person_register_sql);
	double *client, *server;
	time_t now = time(NULL);
	struct db *db;

	if (argc < 2 || dir == NULL || port == NULL || n < 2) {
		fprintf(stderr, "usage: HRMIS_DEVDB_DIR=... HRMIS_DEVDB_PORT=... bench_register LOGIN "
		                "[N [SQL_DIR]]\n");
		return 2;
	}
	strftime(as_of, sizeof as_of, "%Y-%m-%d", gmtime(&now));
	client = xcalloc((size_t)n, sizeof *client);
	server = xcalloc((size_t)n, sizeof *server);
	db = open_db(argv[1], dir, port);
	if (db_connect(db) != STATUS_OK) {
		fprintf(stderr, "connect: %s\n", db_detail(db));
		return 1;
	}
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const struct bench_case *c = &cases[k];
		char *escaped = person_like_escape(c->search), storage[128];
		const char *params[PERSON_REGISTER_PARAMS];
		struct person_key key;
		int rows = 0;

		/* A small organisation has no eleventh page: the case is skipped. */
		if (!case_params(db, c, as_of, escaped, &key, params, storage, sizeof storage)) {
			if (!db_connected(db) || db_status(db) != STATUS_OK) {
				fprintf(stderr, "%s: %s\n", c->name, db_detail(db));
				return 1;
			}
			printf("%s 0 - - - - 0\n", c->name);
			person_key_clear(&key);
			free(escaped);
			continue;
		}
		if (sql_dir != NULL) {
			char *path = xasprintf("%s/%s.sql", sql_dir, c->name);
			char *text = inline_params(person_register_sql, params);
			FILE *f = fopen(path, "w");

			if (f != NULL) {
				fprintf(f, "%s\n", text);
				fclose(f);
			}
			free(text);
			free(path);
		}
		/* Warm the caches first, as the psql run does too. */
		for (int i = 0; i < 5; i++) {
			PGresult *r = db_exec(db, person_register_sql, PERSON_REGISTER_PARAMS, params);
			db_result_free(&r);
		}
		for (int i = 0; i < n; i++) {
			double t0 = bench_now_ms();
			PGresult *r = db_exec(db, person_register_sql, PERSON_REGISTER_PARAMS, params);

			client[i] = bench_now_ms() - t0;
			if (r == NULL) {
				fprintf(stderr, "%s: %s\n", c->name, db_detail(db));
				return 1;
			}
			rows = PQntuples(r);
			db_result_free(&r);
			r = db_exec(db, explain, PERSON_REGISTER_PARAMS, params);
			if (r == NULL) {
				fprintf(stderr, "%s (explain): %s\n", c->name, db_detail(db));
				return 1;
			}
			server[i] = server_ms(db_value(r, 0, 0));
			db_result_free(&r);
		}
		printf("%s %d %.3f %.3f %.3f %.3f %d\n", c->name, rows, bench_percentile(client, n, 50),
		       bench_percentile(client, n, 95), bench_percentile(server, n, 50),
		       bench_percentile(server, n, 95), n);
		fflush(stdout);
		person_key_clear(&key);
		free(escaped);
	}
	db_free(&db);
	free(client);
	free(server);
	free(explain);
	return 0;
}
