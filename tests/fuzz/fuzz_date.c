/* fuzz_date.c - dates as typed, in every format: a date that parses is
 * valid and prints back to itself; a refusal has a reason. */
#include <stdio.h>

#include "date.h"
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum date_format formats[] = { DATE_FORMAT_DMY, DATE_FORMAT_ISO };
	char *text = fuzz_text(data, size);

	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		struct date date, again;
		const char *reason = NULL;
		char buf[32];

		if (!date_parse(text, formats[i], &date, &reason)) {
			if (reason == NULL)
				abort();
			continue;
		}
		if (!date_is_valid(date))
			abort();
		date_format(date, formats[i], buf, sizeof buf);
		if (!date_parse(buf, formats[i], &again, &reason) || date_compare(date, again) != 0)
			abort();
		if (date_compare(date_from_days(date_to_days(date)), date) != 0)
			abort();
		(void)date_add_months(date, (int)(size % 25) - 12);
	}
	free(text);
	return 0;
}
