/* date.c - calendar dates: parsing, checking, formatting and arithmetic. */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool date_format_from_name(const char *name, enum date_format *format)
{
	if (strcmp(name, "DD.MM.YYYY") == 0)
		*format = DATE_FORMAT_DMY;
	else if (strcmp(name, "YYYY-MM-DD") == 0)
		*format = DATE_FORMAT_ISO;
	else
		return false;
	return true;
}

const char *date_format_name(enum date_format format)
{
	return format == DATE_FORMAT_ISO ? "YYYY-MM-DD" : "DD.MM.YYYY";
}

bool date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && date_is_leap_year(year) ? 29 : days[month - 1];
}

bool date_is_valid(struct date date)
{
	return date.year >= 1 && date.year <= 9999 && date.day >= 1 &&
	       date.day <= date_days_in_month(date.year, date.month);
}

/* Reads min..max ASCII digits at *p into *value and advances; false if fewer. */
static bool read_number(const char **p, int min, int max, int *value)
{
	int n = 0;

	*value = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*value = *value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min && !(**p >= '0' && **p <= '9');
}

bool date_parse(const char *text, enum date_format format, struct date *date, const char **reason)
{
	static const char *const hint[] = { [DATE_FORMAT_DMY] = "Type the date as DD.MM.YYYY",
		                            [DATE_FORMAT_ISO] = "Type the date as YYYY-MM-DD" };
	const char *p = text, *dummy;
	struct date d;
	bool ok;

	if (reason == NULL)
		reason = &dummy;
	while (*p == ' ')
		p++;
	/* ISO starts with four digits and a hyphen; everything else is D.M.YYYY. */
	if (strlen(p) >= 5 && p[4] == '-')
		ok = read_number(&p, 4, 4, &d.year) && *p++ == '-' &&
		     read_number(&p, 1, 2, &d.month) && *p++ == '-' &&
		     read_number(&p, 1, 2, &d.day);
	else
		ok = read_number(&p, 1, 2, &d.day) && *p++ == '.' &&
		     read_number(&p, 1, 2, &d.month) && *p++ == '.' &&
		     read_number(&p, 4, 4, &d.year);
	while (ok && *p == ' ')
		p++;
	if (!ok || *p != '\0') {
		*reason = hint[format == DATE_FORMAT_ISO];
		return false;
	}
	if (!date_is_valid(d)) {
		*reason = "Not a real date";
		return false;
	}
	*date = d;
	return true;
}

char *date_format(struct date date, enum date_format format, char *buf, size_t size)
{
	if (format == DATE_FORMAT_ISO)
		return date_to_iso(date, buf, size);
	snprintf(buf, size, "%02d.%02d.%04d", date.day % 100, date.month % 100,
	         abs(date.year) % 10000);
	return buf;
}

char *date_to_iso(struct date date, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", abs(date.year) % 10000, date.month % 100,
	         date.day % 100);
	return buf;
}

int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return a.day < b.day ? -1 : a.day > b.day;
}

/*
 * Howard Hinnant's days_from_civil / civil_from_days: exact for the whole
 * proleptic Gregorian calendar, in 400-year eras starting on 1 March.
 */
long date_to_days(struct date date)
{
	long y = date.year - (date.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date date;

	date.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	date.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	date.year = (int)(yoe + era * 400 + (date.month <= 2));
	return date;
}

struct date date_add_days(struct date date, long days)
{
	return date_from_days(date_to_days(date) + days);
}

struct date date_add_months(struct date date, int months)
{
	long index = (long)date.year * 12 + (date.month - 1) + months;
	int last;

	date.year = (int)(index / 12);
	date.month = (int)(index % 12) + 1;
	last = date_days_in_month(date.year, date.month);
	if (date.day > last)
		date.day = last;
	return date;
}

struct date date_today(void)
{
	const char *pinned = getenv("HRMIS_TODAY");
	struct date date;
	struct tm tm;
	time_t now;

	if (pinned != NULL && date_parse(pinned, DATE_FORMAT_ISO, &date, NULL))
		return date;
	now = time(NULL);
	localtime_r(&now, &tm);
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	return date;
}

int date_years_between(struct date from, struct date to)
{
	int years = to.year - from.year;

	if (date_compare(from, to) <= 0) {
		if (to.month < from.month || (to.month == from.month && to.day < from.day))
			years--;
	} else if (to.month > from.month || (to.month == from.month && to.day > from.day)) {
		years++;
	}
	return years;
}

struct date_span date_difference(struct date from, struct date to)
{
	struct date_span span = { 0, 0, 0 };
	int months;

	if (date_compare(to, from) < 0)
		return span;
	months = (to.year - from.year) * 12 + (to.month - from.month);
	/* Whole months: the last one must not pass `to` (15.01 + 2 months > 14.03);
	 * a clamped month end counts (31.01 + 1 month = 28.02). */
	while (months > 0 && date_compare(date_add_months(from, months), to) > 0)
		months--;
	span.years = months / 12;
	span.months = months % 12;
	span.days = (int)(date_to_days(to) - date_to_days(date_add_months(from, months)));
	return span;
}
