/*
 * personal_id.c - the personal ID number schemes.  The rules, as published:
 *
 * kz_iin - Kazakhstan, individual identification number (ИИН/ЖСН),
 *   Government decree No. 565 of 11 June 2003 and the OECD TIN sheet
 *   "Kazakhstan-TIN": 12 digits YYMMDD C NNNN K.  C gives century and
 *   gender: 1/2 born 1800-1899, 3/4 1900-1999, 5/6 2000-2099, odd male,
 *   even female.  K: sum of digit i * i (i = 1..11) mod 11; when that is 10,
 *   sum of the digits * 3,4,5,6,7,8,9,10,11,1,2 mod 11; 10 again means no
 *   number is issued with these eleven digits.  (The 11th digit weighs 11,
 *   0 mod 11, so the first pass does not see a change of it.)
 * uz_pinfl - Uzbekistan, personal identification number (ПИНФЛ/JSHSHIR):
 *   14 digits C DDMMYY RRR NNN K, C as in Kazakhstan; K = sum of the first
 *   13 digits weighted 7,3,1,7,3,1... mod 10 (the 7-3-1 scheme of ICAO
 *   9303 machine-readable zones).
 * kg_pin - Kyrgyzstan, personal identification number (ПИН): 14 digits
 *   G DDMMYYYY NNNNN, G = 1 female, 2 male.  No check digit is published, so
 *   only the structure and the birth date are checked.
 * kr_rrn - Korea, resident registration number (주민등록번호): YYMMDD-GNNNNNN,
 *   G = 9/0 born 1800s, 1/2 1900s, 3/4 2000s (citizens), 5/6 1900s and 7/8
 *   2000s (foreigners), odd male, even female.  Numbers issued since
 *   October 2020 carry no check digit, so the last digit is not checked.
 * none - any text of 1 to 30 characters without control characters.
 */
#include "personal_id.h"

#include <stdlib.h>
#include <string.h>

#include "validate.h"
#include "xalloc.h"

static const char *const scheme_names[] = {
	[PERSONAL_ID_NONE] = "none",         [PERSONAL_ID_KZ_IIN] = "kz_iin",
	[PERSONAL_ID_UZ_PINFL] = "uz_pinfl", [PERSONAL_ID_KG_PIN] = "kg_pin",
	[PERSONAL_ID_KR_RRN] = "kr_rrn",
};

const char *personal_id_scheme_name(enum personal_id_scheme scheme)
{
	return scheme_names[scheme];
}

bool personal_id_scheme_from_name(const char *name, enum personal_id_scheme *scheme)
{
	for (int i = 0; i < (int)(sizeof scheme_names / sizeof scheme_names[0]); i++) {
		if (strcmp(name, scheme_names[i]) == 0) {
			*scheme = (enum personal_id_scheme)i;
			return true;
		}
	}
	return false;
}

const char *personal_id_label(enum personal_id_scheme scheme)
{
	static const char *const labels[] = {
		[PERSONAL_ID_NONE] = "ID number", [PERSONAL_ID_KZ_IIN] = "IIN",
		[PERSONAL_ID_UZ_PINFL] = "PINFL", [PERSONAL_ID_KG_PIN] = "PIN",
		[PERSONAL_ID_KR_RRN] = "RRN",
	};
	return labels[scheme];
}

char *personal_id_normalise(enum personal_id_scheme scheme, const char *text)
{
	char *out = xmalloc(strlen(text) + 1), *q = out;

	for (const char *p = text; *p != '\0'; p++) {
		if (*p == ' ' || (*p == '-' && scheme == PERSONAL_ID_KR_RRN))
			continue;
		*q++ = *p;
	}
	*q = '\0';
	return out;
}

/* True when `text` is exactly `n` ASCII digits. */
static bool all_digits(const char *text, size_t n)
{
	if (strlen(text) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (text[i] < '0' || text[i] > '9')
			return false;
	return true;
}

/* The number of the two digits at `text`. */
static int two(const char *text)
{
	return (text[0] - '0') * 10 + (text[1] - '0');
}

/* Birth century of the Kazakh/Uzbek digit 1..6 (1800, 1900, 2000), 0 for others. */
static int century_of_digit(char digit)
{
	return digit >= '1' && digit <= '6' ? 1800 + (digit - '1') / 2 * 100 : 0;
}

/* Sum of the first `n` digits times `weights`. */
static int weighted_sum(const char *digits, const int *weights, int n)
{
	int sum = 0;

	for (int i = 0; i < n; i++)
		sum += (digits[i] - '0') * weights[i];
	return sum;
}

static bool check_none(const char *text, const char **reason)
{
	const char *p = text;
	int chars = 0;

	while (*p != '\0') {
		long c = validate_utf8_next(&p);

		if (c < 0) {
			*reason = "ID number is not valid text";
			return false;
		}
		if (validate_is_control(c)) {
			*reason = "ID number has a control character";
			return false;
		}
		chars++;
	}
	if (chars > PERSONAL_ID_MAX_CHARS) {
		*reason = "ID number may have at most 30 characters";
		return false;
	}
	return true;
}

static bool check_kz_iin(const char *id, struct date *birth, char *gender, const char **reason)
{
	static const int first[11] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
	static const int second[11] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 };
	int century, check;

	if (!all_digits(id, 12)) {
		*reason = "IIN must be 12 digits";
		return false;
	}
	if ((century = century_of_digit(id[6])) == 0) {
		*reason = "IIN 7th digit (century and gender) must be 1 to 6";
		return false;
	}
	*birth = (struct date){ century + two(id), two(id + 2), two(id + 4) };
	*gender = (id[6] - '0') % 2 ? 'M' : 'F';
	if (!date_is_valid(*birth)) {
		*reason = "IIN holds a birth date that does not exist";
		return false;
	}
	check = weighted_sum(id, first, 11) % 11;
	if (check == 10)
		check = weighted_sum(id, second, 11) % 11;
	if (check == 10) {
		*reason = "IIN cannot exist: no check digit fits it";
		return false;
	}
	if (check != id[11] - '0') {
		*reason = "IIN check digit does not match";
		return false;
	}
	return true;
}

static bool check_uz_pinfl(const char *id, struct date *birth, char *gender, const char **reason)
{
	static const int weights[13] = { 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7 };
	int century;

	if (!all_digits(id, 14)) {
		*reason = "PINFL must be 14 digits";
		return false;
	}
	if ((century = century_of_digit(id[0])) == 0) {
		*reason = "PINFL 1st digit (century and gender) must be 1 to 6";
		return false;
	}
	*birth = (struct date){ century + two(id + 5), two(id + 3), two(id + 1) };
	*gender = (id[0] - '0') % 2 ? 'M' : 'F';
	if (!date_is_valid(*birth)) {
		*reason = "PINFL holds a birth date that does not exist";
		return false;
	}
	if (weighted_sum(id, weights, 13) % 10 != id[13] - '0') {
		*reason = "PINFL check digit does not match";
		return false;
	}
	return true;
}

static bool check_kg_pin(const char *id, struct date *birth, char *gender, const char **reason)
{
	if (!all_digits(id, 14)) {
		*reason = "PIN must be 14 digits";
		return false;
	}
	if (id[0] != '1' && id[0] != '2') {
		*reason = "PIN 1st digit must be 1 (female) or 2 (male)";
		return false;
	}
	*birth = (struct date){ two(id + 5) * 100 + two(id + 7), two(id + 3), two(id + 1) };
	*gender = id[0] == '2' ? 'M' : 'F';
	if (!date_is_valid(*birth) || birth->year < 1800) {
		*reason = "PIN holds a birth date that does not exist";
		return false;
	}
	return true;
}

static bool check_kr_rrn(const char *id, struct date *birth, char *gender, const char **reason)
{
	/* Century of the gender digit 0..9. */
	static const int century[10] = {
		1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800
	};

	if (!all_digits(id, 13)) {
		*reason = "RRN must be 13 digits: YYMMDD-GNNNNNN";
		return false;
	}
	*birth = (struct date){ century[id[6] - '0'] + two(id), two(id + 2), two(id + 4) };
	*gender = (id[6] - '0') % 2 ? 'M' : 'F';
	if (!date_is_valid(*birth)) {
		*reason = "RRN holds a birth date that does not exist";
		return false;
	}
	return true;
}

bool personal_id_check(enum personal_id_scheme scheme, const char *text, struct date *birth,
                       char *gender, const char **reason)
{
	char *id = personal_id_normalise(scheme, text);
	struct date birth_dummy = { 0, 0, 0 };
	char gender_dummy = '\0';
	const char *reason_dummy = NULL;
	bool ok;

	birth = birth ? birth : &birth_dummy;
	gender = gender ? gender : &gender_dummy;
	reason = reason ? reason : &reason_dummy;
	*birth = (struct date){ 0, 0, 0 };
	*gender = '\0';
	if (id[0] == '\0') {
		*reason = "ID number is empty";
		ok = false;
	} else {
		switch (scheme) {
		case PERSONAL_ID_KZ_IIN:
			ok = check_kz_iin(id, birth, gender, reason);
			break;
		case PERSONAL_ID_UZ_PINFL:
			ok = check_uz_pinfl(id, birth, gender, reason);
			break;
		case PERSONAL_ID_KG_PIN:
			ok = check_kg_pin(id, birth, gender, reason);
			break;
		case PERSONAL_ID_KR_RRN:
			ok = check_kr_rrn(id, birth, gender, reason);
			break;
		default:
			ok = check_none(id, reason);
		}
	}
	if (!ok) {
		*birth = (struct date){ 0, 0, 0 };
		*gender = '\0';
	}
	free(id);
	return ok;
}

bool personal_id_agrees(enum personal_id_scheme scheme, const char *text, const struct date *birth,
                        char gender, const char **reason)
{
	struct date encoded;
	char encoded_gender;
	const char *dummy;

	reason = reason ? reason : &dummy;
	if (!personal_id_check(scheme, text, &encoded, &encoded_gender, reason))
		return false;
	if (encoded_gender == '\0')
		return true;
	if (birth != NULL && date_compare(*birth, encoded) != 0) {
		*reason = "Birth date differs from the one in the ID number";
		return false;
	}
	if (gender != '\0' && gender != encoded_gender) {
		*reason = "Gender differs from the one in the ID number";
		return false;
	}
	return true;
}
