/*
 * validation_cases.h - the cases both sides of the data-quality rules are
 * held to: tests/unit/test_validate.c runs them through core/ and
 * tests/db/test_validation.c through the database (the same reasons from
 * hr.personal_id_problem / hr.name_problem, the same refusals on INSERT).
 * A NULL reason means valid.
 */
#ifndef HRMIS_TEST_VALIDATION_CASES_H
#define HRMIS_TEST_VALIDATION_CASES_H

#include <stddef.h>

#include "personal_id.h"

struct id_case {
	enum personal_id_scheme scheme;
	const char *text;       /* as typed */
	const char *normalised; /* as stored */
	const char *reason;     /* NULL: valid */
	const char *birth;      /* encoded birth date (ISO), NULL if none */
	char gender;            /* encoded gender, '\0' if none */
};

static const struct id_case id_cases[] = {
	/* Kazakhstan: YYMMDD, century/gender digit, serial, check digit. */
	{ PERSONAL_ID_KZ_IIN, "900101300126", "900101300126", NULL, "1990-01-01", 'M' },
	{ PERSONAL_ID_KZ_IIN, "851231401238", "851231401238", NULL, "1985-12-31", 'F' },
	{ PERSONAL_ID_KZ_IIN, "000229500127", "000229500127", NULL, "2000-02-29", 'M' },
	{ PERSONAL_ID_KZ_IIN, " 900101 300126 ", "900101300126", NULL, "1990-01-01", 'M' },
	/* The check digit needs the second pass of weights (first sum is 10). */
	{ PERSONAL_ID_KZ_IIN, "900101300800", "900101300800",
	  "IIN cannot exist: no check digit fits it", NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "900101300127", "900101300127", "IIN check digit does not match",
	  NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "900101300226", "900101300226", "IIN check digit does not match",
	  NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "800101300126", "800101300126", "IIN check digit does not match",
	  NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "900101700126", "900101700126",
	  "IIN 7th digit (century and gender) must be 1 to 6", NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "900101000126", "900101000126",
	  "IIN 7th digit (century and gender) must be 1 to 6", NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "900230300126", "900230300126",
	  "IIN holds a birth date that does not exist", NULL, 0 },
	/* 1900 was not a leap year. */
	{ PERSONAL_ID_KZ_IIN, "000229300126", "000229300126",
	  "IIN holds a birth date that does not exist", NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "90010130012", "90010130012", "IIN must be 12 digits", NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "9001013001260", "9001013001260", "IIN must be 12 digits", NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "90010130012A", "90010130012A", "IIN must be 12 digits", NULL, 0 },
	{ PERSONAL_ID_KZ_IIN, "900101-300126", "900101-300126", "IIN must be 12 digits", NULL, 0 },
	/* Uzbekistan: century/gender digit, DDMMYY, district, serial, check digit. */
	{ PERSONAL_ID_UZ_PINFL, "31501901234566", "31501901234566", NULL, "1990-01-15", 'M' },
	{ PERSONAL_ID_UZ_PINFL, "60102031112223", "60102031112223", NULL, "2003-02-01", 'F' },
	{ PERSONAL_ID_UZ_PINFL, "31501901234567", "31501901234567",
	  "PINFL check digit does not match", NULL, 0 },
	{ PERSONAL_ID_UZ_PINFL, "31501901243566", "31501901243566",
	  "PINFL check digit does not match", NULL, 0 },
	{ PERSONAL_ID_UZ_PINFL, "71501901234566", "71501901234566",
	  "PINFL 1st digit (century and gender) must be 1 to 6", NULL, 0 },
	{ PERSONAL_ID_UZ_PINFL, "42902006543218", "42902006543218",
	  "PINFL holds a birth date that does not exist", NULL, 0 },
	{ PERSONAL_ID_UZ_PINFL, "3150190123456", "3150190123456", "PINFL must be 14 digits", NULL,
	  0 },
	{ PERSONAL_ID_UZ_PINFL, "3150190123456O", "3150190123456O", "PINFL must be 14 digits", NULL,
	  0 },
	/* Kyrgyzstan: 1 female / 2 male, DDMMYYYY, five digits, no check digit. */
	{ PERSONAL_ID_KG_PIN, "21501199012345", "21501199012345", NULL, "1990-01-15", 'M' },
	{ PERSONAL_ID_KG_PIN, "12902200099999", "12902200099999", NULL, "2000-02-29", 'F' },
	{ PERSONAL_ID_KG_PIN, "31501199012345", "31501199012345",
	  "PIN 1st digit must be 1 (female) or 2 (male)", NULL, 0 },
	{ PERSONAL_ID_KG_PIN, "22902190012345", "22902190012345",
	  "PIN holds a birth date that does not exist", NULL, 0 },
	{ PERSONAL_ID_KG_PIN, "21501079912345", "21501079912345",
	  "PIN holds a birth date that does not exist", NULL, 0 },
	{ PERSONAL_ID_KG_PIN, "2150119901234", "2150119901234", "PIN must be 14 digits", NULL, 0 },
	/* Korea: YYMMDD-GNNNNNN; the last digit is not checked. */
	{ PERSONAL_ID_KR_RRN, "900101-1234567", "9001011234567", NULL, "1990-01-01", 'M' },
	{ PERSONAL_ID_KR_RRN, "900101-1234568", "9001011234568", NULL, "1990-01-01", 'M' },
	{ PERSONAL_ID_KR_RRN, "9001011234567", "9001011234567", NULL, "1990-01-01", 'M' },
	{ PERSONAL_ID_KR_RRN, "000229-4123456", "0002294123456", NULL, "2000-02-29", 'F' },
	{ PERSONAL_ID_KR_RRN, "850315-6123456", "8503156123456", NULL, "1985-03-15", 'F' },
	{ PERSONAL_ID_KR_RRN, "200315-9123456", "2003159123456", NULL, "1820-03-15", 'M' },
	{ PERSONAL_ID_KR_RRN, "000229-1234567", "0002291234567",
	  "RRN holds a birth date that does not exist", NULL, 0 },
	{ PERSONAL_ID_KR_RRN, "901301-1234567", "9013011234567",
	  "RRN holds a birth date that does not exist", NULL, 0 },
	{ PERSONAL_ID_KR_RRN, "900101-123456", "900101123456",
	  "RRN must be 13 digits: YYMMDD-GNNNNNN", NULL, 0 },
	{ PERSONAL_ID_KR_RRN, "900101-123456X", "900101123456X",
	  "RRN must be 13 digits: YYMMDD-GNNNNNN", NULL, 0 },
	/* None: free text up to 30 characters. */
	{ PERSONAL_ID_NONE, "AB 123456", "AB123456", NULL, NULL, 0 },
	{ PERSONAL_ID_NONE, "N-77/2019", "N-77/2019", NULL, NULL, 0 },
	{ PERSONAL_ID_NONE,
	  "\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
	  "\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
	  "\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
	  "\xd0\x96\xd0\x96\xd0\x96",
	  "\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
	  "\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
	  "\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
	  "\xd0\x96\xd0\x96\xd0\x96",
	  NULL, NULL, 0 },
	{ PERSONAL_ID_NONE, "1234567890123456789012345678901", "1234567890123456789012345678901",
	  "ID number may have at most 30 characters", NULL, 0 },
	{ PERSONAL_ID_NONE, "AB\t123", "AB\t123", "ID number has a control character", NULL, 0 },
};

struct text_case {
	const char *text;
	const char *reason; /* NULL: valid */
};

#define TEN_LETTERS "Abcdefghij"

/* Names (validate_name, required; hr.name_problem).  All NFC. */
static const struct text_case name_cases[] = {
	{ "Ivan", NULL },
	{ "O'Brien", NULL },
	{ "Anne-Marie", NULL },
	{ "J. R. R.", NULL },
	{ "O\xca\xbbktam", NULL }, /* Oʻktam */
	{ "D\xe2\x80\x99"
	  "Artagnan",
	  NULL },                                                             /* D’Artagnan */
	{ "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80", NULL },                     /* 김민준 */
	{ "\xe1\x9e\x9f\xe1\x9e\xbb\xe1\x9e\x81\x20\xe1\x9e\x85\xe1\x9e\xb6\xe1\x9e\x93\xe1\x9f\x8b", NULL }, /* សុខ ចាន់ (Khmer, with vowel signs) */
	{ "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb0", NULL }, /* Иванова */
	{ "\xce\x97\xce\xbb\xce\xaf\xce\xb1\xcf\x82", NULL },                 /* Ηλίας */
	{ "Nguy\xe1\xbb\x85n", NULL },                                        /* Nguyễn */
	{ "\xe1\x83\x9c\xe1\x83\x98\xe1\x83\x9c\xe1\x83\x9d", NULL },         /* ნინო */
	{ "\xd4\xb1\xd6\x80\xd5\xa1\xd5\xb4", NULL },                         /* Արամ */
	{ "", "This field is required" },
	{ "Ivan3", "A name may hold only letters, spaces, hyphens, dots, apostrophes" },
	{ "Ivan<", "A name may hold only letters, spaces, hyphens, dots, apostrophes" },
	{ "Iv\xc2\xa0"
	  "an",
	  "A name may hold only letters, spaces, hyphens, dots, apostrophes" },
	{ "Ivan\xf0\x9f\x98\x80",
	  "A name may hold only letters, spaces, hyphens, dots, apostrophes" },
	{ "Iv\tan", "Control characters are not allowed" },
	{ "Ivan\n", "Control characters are not allowed" },
	{ "Iv\x7f"
	  "an",
	  "Control characters are not allowed" },
	{ "Iv\xc2\x85"
	  "an",
	  "Control characters are not allowed" }, /* NEL */
	{ "Iv\xe2\x80\xae"
	  "an",
	  "A name may hold only letters, spaces, hyphens, dots, apostrophes" }, /* RLO */
	{ " Ivan", "A name must not start or end with a space" },
	{ "Ivan ", "A name must not start or end with a space" },
	{ "--", "A name needs at least one letter" },
	{ "   ", "A name needs at least one letter" },
	{ TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS
	          TEN_LETTERS TEN_LETTERS TEN_LETTERS,
	  NULL },
	{ TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS TEN_LETTERS
	          TEN_LETTERS TEN_LETTERS TEN_LETTERS "k",
	  "At most 100 characters (has 101)" },
};

/* E-mail addresses (validate_email; the CHECKs of 007 and 008). */
static const struct text_case email_cases[] = {
	{ "", NULL },
	{ "a.clerk@mwa.gov.kz", NULL },
	{ "a@b.c", NULL },
	{ "a@b..c", NULL },
	{ "\xd0\xb8@\xd0\xbc\xd0\xb8\xd0\xbd.\xd1\x80\xd1\x84", NULL }, /* и@мин.рф */
	{ "nbsp\xc2\xa0ok@b.c", NULL }, /* U+00A0 is not a space to \s either */
	{ "a@b", "Type the e-mail address as name@domain.org" },
	{ "@b.c", "Type the e-mail address as name@domain.org" },
	{ "a@.c", "Type the e-mail address as name@domain.org" },
	{ "a@b.", "Type the e-mail address as name@domain.org" },
	{ "a@b@c.d", "Type the e-mail address as name@domain.org" },
	{ "a b@c.d", "An e-mail address must not hold spaces" },
	{ "a\tb@c.d", "An e-mail address must not hold spaces" },
	{ "ab@c.d\x01", "An e-mail address must not hold spaces" },
	{ "a\xe3\x80\x80"
	  "b@c.d",
	  "An e-mail address must not hold spaces" }, /* U+3000 */
	{ "a\xe2\x80\x87"
	  "b@c.d",
	  "An e-mail address must not hold spaces" }, /* U+2007 */
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.cd",
	  NULL }, /* 120 characters */
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.cd",
	  "An e-mail address may have at most 120 characters" },
};

/* Phones (validate_phone; the CHECK of 007). */
static const struct text_case phone_cases[] = {
	{ "", NULL },
	{ "+7 (701) 123-45-67", NULL },
	{ "+", NULL },
	{ "123456789012345678901234", NULL },
	{ "+123456789012345678901234", NULL },
	{ "1234567890123456789012345", "A phone may have at most 24 characters after a first +" },
	{ "++7", "A phone may hold only digits, spaces, ( ) - and a first +" },
	{ "7+1", "A phone may hold only digits, spaces, ( ) - and a first +" },
	{ "701 ext 5", "A phone may hold only digits, spaces, ( ) - and a first +" },
	{ "701\t5", "A phone may hold only digits, spaces, ( ) - and a first +" },
};

#define CASES(array) (sizeof(array) / sizeof((array)[0]))

#endif
