/* dated.c - ranges of days for dated versions; see dated.h. */
#include "dated.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

bool dated_valid(struct dated_range r)
{
	return r.from < r.to;
}

bool dated_from_days(long first, long last, struct dated_range *r)
{
	if (first == DATED_OPEN || first > last)
		return false;
	r->from = first;
	r->to = last == DATED_OPEN ? DATED_OPEN : last + 1;
	return true;
}

long dated_last_day(struct dated_range r)
{
	return r.to == DATED_OPEN ? DATED_OPEN : r.to - 1;
}

bool dated_contains(struct dated_range r, long day)
{
	return r.from <= day && day < r.to;
}

bool dated_overlaps(struct dated_range a, struct dated_range b)
{
	return dated_valid(a) && dated_valid(b) && a.from < b.to && b.from < a.to;
}

bool dated_adjacent(struct dated_range a, struct dated_range b)
{
	return dated_valid(a) && dated_valid(b) && (a.to == b.from || b.to == a.from);
}

long dated_gap_days(struct dated_range a, struct dated_range b)
{
	if (a.from > b.from) {
		struct dated_range t = a;
		a = b;
		b = t;
	}
	/* a begins first: the gap is from a's end to b's start. */
	return a.to != DATED_OPEN && a.to < b.from ? b.from - a.to : 0;
}

bool dated_split(struct dated_range r, long day, struct dated_range *before,
                 struct dated_range *after)
{
	if (!(r.from < day && day < r.to))
		return false;
	*before = (struct dated_range){ r.from, day };
	*after = (struct dated_range){ day, r.to };
	return true;
}

bool dated_close(struct dated_range *r, long day)
{
	if (!(r->from < day && day <= r->to))
		return false;
	r->to = day;
	return true;
}

bool dated_merge(struct dated_range a, struct dated_range b, struct dated_range *out)
{
	if (!dated_overlaps(a, b) && !dated_adjacent(a, b))
		return false;
	out->from = a.from < b.from ? a.from : b.from;
	out->to = a.to > b.to ? a.to : b.to;
	return true;
}

enum dated_problem dated_check_sequence(const struct dated_range *ranges, size_t n, bool continuous,
                                        size_t *at)
{
	for (size_t i = 0; i < n; i++) {
		enum dated_problem problem = DATED_OK;

		if (!dated_valid(ranges[i]))
			problem = DATED_INVALID;
		else if (i > 0 && ranges[i].from < ranges[i - 1].from)
			problem = DATED_UNSORTED;
		else if (i > 0 && dated_overlaps(ranges[i - 1], ranges[i]))
			problem = DATED_OVERLAP;
		else if (i > 0 && continuous && ranges[i - 1].to != ranges[i].from)
			problem = DATED_GAP;
		if (problem != DATED_OK) {
			if (at != NULL)
				*at = i;
			return problem;
		}
	}
	return DATED_OK;
}

/* Parses the bound text [start, end) as an ISO date; "" is an open bound. */
static bool parse_bound(const char *start, const char *end, bool *open, long *days)
{
	char text[16];
	struct date date;
	size_t len = (size_t)(end - start);

	if (len >= 2 && start[0] == '"' && end[-1] == '"') {
		start++;
		len -= 2;
	}
	/* PostgreSQL writes an explicit infinite bound as "infinity". */
	*open = len == 0 || (len == 8 && strncmp(start, "infinity", 8) == 0);
	if (*open)
		return true;
	if (len >= sizeof text)
		return false;
	memcpy(text, start, len);
	text[len] = '\0';
	if (strchr(text, '.') != NULL || !date_parse(text, DATE_FORMAT_ISO, &date, NULL))
		return false;
	*days = date_to_days(date);
	return true;
}

bool dated_parse(const char *text, struct dated_range *r)
{
	const char *comma, *close;
	bool lower_open, upper_open;
	long lower = 0, upper = 0;
	struct dated_range out;

	if (text == NULL || (text[0] != '[' && text[0] != '('))
		return false;
	comma = strchr(text, ',');
	close = comma ? comma + strcspn(comma, "])") : NULL;
	if (comma == NULL || close == NULL || *close == '\0' || close[1] != '\0')
		return false;
	if (!parse_bound(text + 1, comma, &lower_open, &lower) ||
	    !parse_bound(comma + 1, close, &upper_open, &upper) || lower_open)
		return false;
	out.from = text[0] == '[' ? lower : lower + 1;
	out.to = upper_open ? DATED_OPEN : *close == ')' ? upper : upper + 1;
	if (!dated_valid(out))
		return false;
	*r = out;
	return true;
}

char *dated_format(struct dated_range r, char *buf, size_t size)
{
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE] = "";

	date_to_iso(date_from_days(r.from), from, sizeof from);
	if (r.to != DATED_OPEN)
		date_to_iso(date_from_days(r.to), to, sizeof to);
	snprintf(buf, size, "[%s,%s)", from, to);
	return buf;
}
