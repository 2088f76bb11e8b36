/*
 * bench_screen.c - what the terminal receives and what the client costs:
 * time from start to the Home screen over TLS, bytes written for start-up
 * and for each key, and the client's resident memory with Home open.
 *
 *   bench_screen HRMIS_BINARY CONFIG RUNS
 *
 * Prints "name value unit" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "stats.h"

enum { WAIT_MS = 10000, QUIET_MS = 150 };

/* Bytes the program writes after `key` until it has been quiet a while. */
static long key_cost(struct term *term, const char *key, const char *expect)
{
	size_t before = term_bytes_total(term);

	if (!term_key(term, key) || !term_wait_text(term, expect, WAIT_MS) ||
	    !term_wait_quiet(term, QUIET_MS, WAIT_MS))
		return -1;
	return (long)(term_bytes_total(term) - before);
}

/* A field of /proc/PID/status in kB, or -1. */
static long proc_status_kb(int pid, const char *field)
{
	char path[64], line[256];
	long value = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, field, strlen(field)) == 0)
			value = atol(line + strlen(field) + 1);
	fclose(f);
	return value;
}

/*
 * The register: open it from Home, then type a search one character at a
 * time; each key's bytes are counted once the list has settled.  Also the
 * resident memory with the register open.
 */
static void register_costs(struct term *term)
{
	static const char *const keys[] = { "\xd0\xbf", "\xd0\xb5", "\xd1\x82", "a", "b" };
	long total = 0, worst = 0;
	size_t before;

	/* The first menu row is the personnel file. */
	if (!term_key(term, "Home") || !term_wait_quiet(term, QUIET_MS, WAIT_MS))
		return;
	before = term_bytes_total(term);
	if (!term_key(term, "Enter") || !term_wait_text(term, "Search:", WAIT_MS) ||
	    !term_wait_text(term, "shown", WAIT_MS) || !term_wait_quiet(term, QUIET_MS, WAIT_MS))
		return;
	printf("bytes_open_register %ld bytes\n", (long)(term_bytes_total(term) - before));
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		long cost;

		before = term_bytes_total(term);
		if (!term_type(term, keys[i]) || !term_wait_quiet(term, QUIET_MS, WAIT_MS))
			return;
		cost = (long)(term_bytes_total(term) - before);
		total += cost;
		if (cost > worst)
			worst = cost;
	}
	printf("bytes_per_search_key_mean %ld bytes\n", total / 5);
	printf("bytes_per_search_key_max %ld bytes\n", worst);
	printf("rss_register %ld kB\n", proc_status_kb(term_pid(term), "VmRSS:"));
	term_key(term, "F3");
	term_wait_text(term, "Organisation:", WAIT_MS);
}

int main(int argc, char **argv)
{
	int runs = argc > 3 ? atoi(argv[3]) : 10;
	double *start_ms;

	if (argc < 3 || runs < 1) {
		fprintf(stderr, "usage: bench_screen HRMIS_BINARY CONFIG [RUNS]\n");
		return 2;
	}
	start_ms = calloc((size_t)runs, sizeof *start_ms);
	const char *const argv_hrmis[] = { argv[1], "--config", argv[2], NULL };
	for (int run = 0; run < runs; run++) {
		double t0 = bench_now_ms();
		struct term *term = term_spawn(argv_hrmis, 80, 24, NULL);

		if (term == NULL || !term_wait_text(term, "Organisation:", WAIT_MS)) {
			fprintf(stderr, "Home did not appear\n");
			return 1;
		}
		start_ms[run] = bench_now_ms() - t0;
		if (run == 0) {
			long startup, help, back, down, rss, hwm;

			term_wait_quiet(term, QUIET_MS, WAIT_MS);
			startup = (long)term_bytes_total(term);
			help = key_cost(term, "F1", "Keys on every screen");
			back = key_cost(term, "F3", "Organisation:");
			down = key_cost(term, "Down", "Organisation:");
			rss = proc_status_kb(term_pid(term), "VmRSS:");
			hwm = proc_status_kb(term_pid(term), "VmHWM:");
			printf("bytes_startup_to_home %ld bytes\n", startup);
			printf("bytes_key_f1_help %ld bytes\n", help);
			printf("bytes_key_f3_back_home %ld bytes\n", back);
			printf("bytes_key_down_menu %ld bytes\n", down);
			printf("rss_home %ld kB\n", rss);
			printf("rss_peak %ld kB\n", hwm);
			register_costs(term);
		}
		term_key(term, "F3");
		term_wait_exit(term, NULL, WAIT_MS);
		term_close(&term);
	}
	printf("start_to_home_p50 %.1f ms\n", bench_percentile(start_ms, runs, 50));
	printf("start_to_home_p95 %.1f ms\n", bench_percentile(start_ms, runs, 95));
	free(start_ms);
	return 0;
}
