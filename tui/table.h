/*
 * table.h - column widths of a list that fits 80 columns and widens on
 * wider terminals (pure layout, no drawing).
 */
#ifndef HRMIS_TABLE_H
#define HRMIS_TABLE_H

struct table_column {
	const char *title;
	int min;    /* columns it always gets */
	int weight; /* share of the room left over; 0 = fixed */
};

/*
 * Shares `width` among `count` columns separated by one blank: each gets
 * its minimum, the rest goes by weight.  When even the minimums do not
 * fit, columns from the right are dropped (width 0).  Writes widths[] and
 * returns the number of columns shown.
 */
int table_layout(const struct table_column *columns, int count, int width, int *widths);

#endif
