/*
 * seed_copy.h - a writer of COPY's text format for the benchmark seed:
 * fields separated by tabs, rows ended by newlines, text escaped, dates,
 * date ranges and numbers written without locale, the whole buffered and
 * sent through libpq in pieces of about a megabyte.
 */
#ifndef HRMIS_SEED_COPY_H
#define HRMIS_SEED_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

/* One table being copied: callers read `rows`, the rest is seed_copy.c's. */
struct seed_copy {
	PGconn *conn;
	char *buf;
	size_t len, cap;
	long rows;      /* rows ended so far */
	bool row_start; /* the next field is the first of its row */
	bool failed;    /* libpq refused some data: the rest is dropped */
};

/* Prepares *c to write to `conn`, which is in the COPY IN state. */
void seed_copy_start(struct seed_copy *c, PGconn *conn);

/* Sends what is left and frees the buffer.  Returns false when libpq
 * refused some of the data (the caller then ends the COPY with an error). */
bool seed_copy_finish(struct seed_copy *c);

/* Each writes one field: text with COPY's escapes for backslash, tab and
 * line ends; NULL (\N); a decimal number; a date ("YYYY-MM-DD", NULL for
 * SEED_DATE_NONE); a daterange [from, to) (to SEED_DATE_NONE: open); a
 * number of rates given in halves ("0.5", "1", "1.5" ...). */
void seed_copy_text(struct seed_copy *c, const char *text);
void seed_copy_null(struct seed_copy *c);
void seed_copy_long(struct seed_copy *c, long value);
void seed_copy_date(struct seed_copy *c, int32_t days);
void seed_copy_range(struct seed_copy *c, int32_t from, int32_t to);
void seed_copy_half(struct seed_copy *c, int halves);

/* Ends the row. */
void seed_copy_row_end(struct seed_copy *c);

#endif
