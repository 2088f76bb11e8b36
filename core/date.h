/*
 * date.h - calendar dates as a clerk types and reads them: parsing in the
 * configured format (ui.date_format), the real-date check, display and ISO
 * text for SQL parameters, arithmetic, today's date (HRMIS_TODAY overrides
 * the clock for tests), ages and lengths of service.  Proleptic Gregorian
 * calendar, years 1..9999, no locale dependence, no allocation.
 */
#ifndef HRMIS_DATE_H
#define HRMIS_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct date {
	int year, month, day;
};

/* The two display formats of ui.date_format. */
enum date_format {
	DATE_FORMAT_DMY, /* "DD.MM.YYYY" */
	DATE_FORMAT_ISO, /* "YYYY-MM-DD" */
};

/* Room for a formatted date and its terminating NUL. */
#define DATE_TEXT_SIZE 11

/* Years, months and days between two dates (length of service). */
struct date_span {
	int years, months, days;
};

/* Maps the setting text "DD.MM.YYYY" / "YYYY-MM-DD" to a format; false if neither. */
bool date_format_from_name(const char *name, enum date_format *format);

/* The setting text of `format` ("DD.MM.YYYY" ...), static storage. */
const char *date_format_name(enum date_format format);

bool date_is_leap_year(int year);

/* Days in `month` of `year` (0 for a month outside 1..12). */
int date_days_in_month(int year, int month);

/* True when the date exists (year 1..9999, month 1..12, day in the month). */
bool date_is_valid(struct date date);

/*
 * Parses a clerk's input: "DD.MM.YYYY" with one- or two-digit day and
 * month, or ISO "YYYY-MM-DD" (always accepted, whatever `format`; one-digit
 * month and day too).  Spaces around the text are ignored.  On success
 * stores the date and returns true; else *reason (static text naming
 * `format`, e.g. "Type the date as DD.MM.YYYY" or "Not a real date")
 * explains and *date is untouched.  `reason` may be NULL.
 */
bool date_parse(const char *text, enum date_format format, struct date *date, const char **reason);

/* Writes `date` in `format` into buf (at least DATE_TEXT_SIZE bytes); returns buf. */
char *date_format(struct date date, enum date_format format, char *buf, size_t size);

/* Writes `date` as "YYYY-MM-DD" (the form for SQL parameters); returns buf. */
char *date_to_iso(struct date date, char *buf, size_t size);

/* Negative, zero or positive as a is before, equal to or after b. */
int date_compare(struct date a, struct date b);

/* Days since 1970-01-01 (negative before) and back. */
long date_to_days(struct date date);
struct date date_from_days(long days);

/* `date` moved by `days` (may be negative). */
struct date date_add_days(struct date date, long days);

/* `date` moved by `months`; a day past the end of the target month becomes
 * its last day (31.01 + 1 month = 28.02 or 29.02), as PostgreSQL does. */
struct date date_add_months(struct date date, int months);

/*
 * Today: HRMIS_TODAY=YYYY-MM-DD from the environment when set and valid
 * (tests pin the date with it), else the local date of the system clock.
 */
struct date date_today(void);

/* Whole years from `from` to `to` (the age at `to` of someone born on
 * `from`); a 29 February birthday counts on 1 March in common years.
 * Negative when `to` is before `from`. */
int date_years_between(struct date from, struct date to);

/*
 * Years, months and days from `from` to `to` (to >= from): whole calendar
 * months first (15.01 to 15.03 is two months; 31.01 to 28.02.2023 is one,
 * since date_add_months clamps), then the days left after them (31.01 to
 * 02.03.2023: 1 month, 2 days).
 * All zero when `to` is before `from`.
 */
struct date_span date_difference(struct date from, struct date to);

#endif
