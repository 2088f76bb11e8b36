/*
 * seed_copy.c - COPY text for the benchmark seed (see seed_copy.h).  Fields
 * are formatted straight into the buffer: the seed writes hundreds of
 * millions of them.
 */
#include "seed_copy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seed_date.h"
#include "xalloc.h"

void seed_copy_start(struct seed_copy *c, PGconn *conn)
{
	*c = (struct seed_copy){ .conn = conn, .cap = 1u << 21, .row_start = true };
	c->buf = xmalloc(c->cap);
}

static void copy_flush(struct seed_copy *c)
{
	if (c->len > 0 && !c->failed && PQputCopyData(c->conn, c->buf, (int)c->len) != 1)
		c->failed = true;
	c->len = 0;
}

bool seed_copy_finish(struct seed_copy *c)
{
	copy_flush(c);
	free(c->buf);
	c->buf = NULL;
	return !c->failed;
}

/* Room for `need` more bytes at the end of the buffer, flushing first if
 * they do not fit. */
static char *copy_room(struct seed_copy *c, size_t need)
{
	if (c->len + need > c->cap) {
		copy_flush(c);
		if (need > c->cap) {
			c->cap = need;
			c->buf = xrealloc(c->buf, c->cap);
		}
	}
	return c->buf + c->len;
}

static void field_start(struct seed_copy *c)
{
	if (!c->row_start)
		*copy_room(c, 1) = '\t', c->len++;
	c->row_start = false;
}

void seed_copy_text(struct seed_copy *c, const char *text)
{
	size_t n = strlen(text);
	char *o;

	field_start(c);
	o = copy_room(c, 2 * n);
	for (const char *t = text; *t != '\0'; t++) {
		if (*t == '\\' || *t == '\t' || *t == '\n' || *t == '\r') {
			*o++ = '\\';
			*o++ = *t == '\t' ? 't' : *t == '\n' ? 'n' : *t == '\r' ? 'r' : '\\';
		} else {
			*o++ = *t;
		}
	}
	c->len = (size_t)(o - c->buf);
}

void seed_copy_null(struct seed_copy *c)
{
	field_start(c);
	memcpy(copy_room(c, 2), "\\N", 2);
	c->len += 2;
}

void seed_copy_long(struct seed_copy *c, long value)
{
	char tmp[24];
	int n = 0;
	unsigned long v = value < 0 ? (unsigned long)-value : (unsigned long)value;
	char *o;

	field_start(c);
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	o = copy_room(c, (size_t)n + 1);
	if (value < 0)
		*o++ = '-';
	while (n > 0)
		*o++ = tmp[--n];
	c->len = (size_t)(o - c->buf);
}

void seed_copy_date(struct seed_copy *c, int32_t days)
{
	char text[11];

	if (days == SEED_DATE_NONE) {
		seed_copy_null(c);
		return;
	}
	seed_date_format(days, text);
	seed_copy_text(c, text);
}

void seed_copy_range(struct seed_copy *c, int32_t from, int32_t to)
{
	char a[11], b[11] = "", text[32];

	seed_date_format(from, a);
	if (to != SEED_DATE_NONE)
		seed_date_format(to, b);
	snprintf(text, sizeof text, "[%s,%s)", a, b);
	seed_copy_text(c, text);
}

void seed_copy_half(struct seed_copy *c, int halves)
{
	char text[16];

	if (halves % 2 == 0)
		snprintf(text, sizeof text, "%d", halves / 2);
	else
		snprintf(text, sizeof text, "%d.5", halves / 2);
	seed_copy_text(c, text);
}

void seed_copy_row_end(struct seed_copy *c)
{
	*copy_room(c, 1) = '\n';
	c->len++;
	c->rows++;
	c->row_start = true;
	if (c->len > (1u << 20))
		copy_flush(c);
}
