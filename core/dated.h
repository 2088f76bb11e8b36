/*
 * dated.h - ranges of days for dated versions (departments, positions,
 * assignments): the arithmetic the structure screens do before they ask the
 * database, in the database's own terms.  A range is [from, to) in days
 * since 1970-01-01 (date_to_days), as PostgreSQL's canonical daterange;
 * `to` is DATED_OPEN when the range has no end.  An "effective day" is the
 * first day of a new state: the old version ends the day before.
 * Pure functions, no allocation.
 */
#ifndef HRMIS_DATED_H
#define HRMIS_DATED_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define DATED_OPEN LONG_MAX

struct dated_range {
	long from; /* first day */
	long to;   /* first day after, or DATED_OPEN */
};

/* How a sequence of versions fails to be continuous. */
enum dated_problem {
	DATED_OK,
	DATED_INVALID, /* a range is empty or backwards */
	DATED_OVERLAP, /* two ranges share a day */
	DATED_GAP,     /* a day between two ranges belongs to neither */
	DATED_UNSORTED,
};

/* True when the range holds at least one day (from < to). */
bool dated_valid(struct dated_range r);

/* The range of the days first..last, both included (last DATED_OPEN: no
 * end).  *r is set and true returned only when first <= last. */
bool dated_from_days(long first, long last, struct dated_range *r);

/* The last day of the range, or DATED_OPEN. */
long dated_last_day(struct dated_range r);

bool dated_contains(struct dated_range r, long day);

/* True when a and b share at least one day. */
bool dated_overlaps(struct dated_range a, struct dated_range b);

/* True when one ends the day before the other begins (no gap, no overlap). */
bool dated_adjacent(struct dated_range a, struct dated_range b);

/* Days strictly between a and b (0 when they touch or overlap). */
long dated_gap_days(struct dated_range a, struct dated_range b);

/*
 * Splits r at the effective day: *before = [from, day), *after = [day, to).
 * False (outputs untouched) unless from < day < to, so neither part is empty.
 */
bool dated_split(struct dated_range r, long day, struct dated_range *before,
                 struct dated_range *after);

/*
 * Closes r from the effective day: its last day becomes day - 1.  False
 * (r untouched) unless from < day <= last day + 1 (closing on the day it
 * already ends is allowed and changes nothing).
 */
bool dated_close(struct dated_range *r, long day);

/* The union of a and b when they overlap or are adjacent; false otherwise. */
bool dated_merge(struct dated_range a, struct dated_range b, struct dated_range *out);

/*
 * Checks n ranges sorted by `from` as one unit's history: each valid, none
 * overlapping, and, when `continuous`, none leaving a gap.  Returns
 * DATED_OK or the first problem, with *at (may be NULL) the index of the
 * range where it shows.
 */
enum dated_problem dated_check_sequence(const struct dated_range *ranges, size_t n, bool continuous,
                                        size_t *at);

/*
 * Parses PostgreSQL's daterange text ("[2024-01-01,2025-01-01)", any of
 * [ ( ] ) as bounds, an empty bound or "infinity" for an open end) into the canonical
 * [from, to).  A range without a first day, an "empty" range and malformed
 * text are refused (false, *r untouched).
 */
bool dated_parse(const char *text, struct dated_range *r);

/* Writes r as "[YYYY-MM-DD,YYYY-MM-DD)" or "[YYYY-MM-DD,)" (a SQL daterange
 * parameter) into buf (at least DATED_TEXT_SIZE bytes); returns buf. */
#define DATED_TEXT_SIZE 25
char *dated_format(struct dated_range r, char *buf, size_t size);

#endif
