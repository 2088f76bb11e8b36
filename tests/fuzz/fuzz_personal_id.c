/* fuzz_personal_id.c - personal ID numbers under every scheme: normalising
 * is idempotent, a number that checks has a valid birth date. */
#include <stdio.h>

#include "date.h"
#include "fuzz_support.h"
#include "personal_id.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum personal_id_scheme schemes[] = {
		PERSONAL_ID_NONE, PERSONAL_ID_KZ_IIN, PERSONAL_ID_UZ_PINFL, PERSONAL_ID_KG_PIN,
		PERSONAL_ID_KR_RRN
	};
	char *text = fuzz_text(data, size);

	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		char *once = personal_id_normalise(schemes[i], text), *twice;
		struct date birth = { 0 };
		char gender = '\0';
		const char *reason = NULL;

		if (once == NULL)
			continue;
		twice = personal_id_normalise(schemes[i], once);
		if (twice == NULL || strcmp(once, twice) != 0)
			abort();
		if (personal_id_check(schemes[i], once, &birth, &gender, &reason)) {
			if (birth.year != 0 && !date_is_valid(birth))
				abort();
		} else if (reason == NULL) {
			abort();
		}
		free(twice);
		free(once);
	}
	free(text);
	return 0;
}
