/* fuzz_field.c - what a clerk types into a field of every kind: checked,
 * and when accepted stored and shown again without crashing; a refusal
 * gives a reason.  Drafts (the JSON kept of typed fields) decode or are
 * refused whole. */
#include <stdio.h>

#include "draft.h"
#include "field.h"
#include "fuzz_support.h"
#include "section.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const choices[] = { "bachelor", "master", NULL };
	static const enum field_kind kinds[] = { FIELD_TEXT,  FIELD_NAME,   FIELD_DATE,
		                                 FIELD_BIRTH_DATE, FIELD_YEAR, FIELD_HOURS,
		                                 FIELD_CHOICE, FIELD_BOOL, FIELD_PERSONAL_ID,
		                                 FIELD_PHONE, FIELD_EMAIL };
	char *text = fuzz_text(data, size);
	struct field_context ctx = { .date_format = DATE_FORMAT_DMY,
		                     .scheme = PERSONAL_ID_KZ_IIN,
		                     .today = { 2026, 12, 2 } };
	struct draft_field *fields = NULL;
	size_t count = 0;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct field_def def = { "c", "Field", kinds[i], 40, (size & 1) != 0, choices, 10 };
		char reason[200] = "";

		if (field_check(&def, text, &ctx, reason, sizeof reason)) {
			char *stored = field_stored(&def, text, &ctx), *shown;

			shown = field_display(&def, stored, &ctx);
			free(shown);
			free(stored);
		} else if (reason[0] == '\0') {
			abort();
		}
	}
	if (draft_decode(text, &fields, &count))
		draft_fields_free(&fields, count);
	else if (fields != NULL || count != 0)
		abort();
	free(text);
	return 0;
}
