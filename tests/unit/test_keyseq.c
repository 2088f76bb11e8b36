/*
 * test_keyseq.c - the decoder of escape sequences (tui/keyseq.c): every
 * sequence of its table, whole and cut at every byte, with modifiers;
 * unknown sequences swallowed whole; a lone Esc, Esc and a digit, Esc and
 * a letter; the keys curses knows only by capability name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "keymap.h"
#include "keyseq.h"

enum {
	GAP_MS = 100,
	WINDOW_MS = 1000,
	MAX_KEYS = 64,
};

struct run {
	struct keyseq decoder;
	int keys[MAX_KEYS];
	int count;
};

static void run_init(struct run *run)
{
	memset(run, 0, sizeof *run);
	keyseq_init(&run->decoder, GAP_MS, WINDOW_MS);
}

/* Feeds one input at time now; its keys are added to run->keys. */
static void feed(struct run *run, int input, long now)
{
	int out[KEYSEQ_MAX_OUT];
	int n = keyseq_feed(&run->decoder, input, now, out);

	assert_in_range(n, 0, KEYSEQ_MAX_OUT);
	for (int i = 0; i < n && run->count < MAX_KEYS; i++)
		run->keys[run->count++] = out[i];
}

/* Feeds every byte of text at time now ("\033" is Esc). */
static void feed_bytes(struct run *run, const char *text, size_t len, long now)
{
	for (size_t i = 0; i < len; i++)
		feed(run, (unsigned char)text[i], now);
}

static void feed_text(struct run *run, const char *text, long now)
{
	feed_bytes(run, text, strlen(text), now);
}

static void expire(struct run *run, long now)
{
	int out[KEYSEQ_MAX_OUT];
	int n = keyseq_expire(&run->decoder, now, out);

	for (int i = 0; i < n && run->count < MAX_KEYS; i++)
		run->keys[run->count++] = out[i];
}

/* The keys text gives, fed at once, then followed by 'x' (which must come
 * out as itself: the decoder is idle again). */
static int decode_alone(const char *text, int *key)
{
	struct run run;

	run_init(&run);
	feed_text(&run, text, 0);
	feed(&run, 'x', 0);
	assert_true(run.count >= 1);
	assert_int_equal(run.keys[run.count - 1], 'x');
	assert_int_equal(keyseq_deadline(&run.decoder), -1);
	if (run.count == 2)
		*key = run.keys[0];
	return run.count - 1;
}

static void assert_decodes(const char *text, int key)
{
	int got = -1;
	int count = decode_alone(text, &got);

	if (count != 1 || got != key)
		fprintf(stderr, "\"\\033%s\": %d keys, first %#x, expected %#x\n", text + 1, count,
		        got, key);
	assert_int_equal(count, 1);
	assert_int_equal(got, key);
}

static void assert_swallowed(const char *text)
{
	int got = -1;
	int count = decode_alone(text, &got);

	if (count != 0)
		fprintf(stderr, "\"\\033%s\": %d keys (first %#x), expected none\n", text + 1,
		        count, got);
	assert_int_equal(count, 0);
}

static void test_every_sequence_whole(void **state)
{
	size_t count;
	const struct keyseq_sequence *table = keyseq_sequences(&count);
	char text[64];

	(void)state;
	assert_true(count >= 60);
	for (size_t i = 0; i < count; i++) {
		snprintf(text, sizeof text, "\033%s", table[i].bytes);
		assert_decodes(text, table[i].key);
	}
}

/* The sequence in two writes, cut after each byte, the second part a
 * little later: nothing before the end, then exactly the key. */
static void test_every_sequence_cut_at_every_byte(void **state)
{
	size_t count;
	const struct keyseq_sequence *table = keyseq_sequences(&count);

	(void)state;
	for (size_t i = 0; i < count; i++) {
		char text[64];
		size_t len = (size_t)snprintf(text, sizeof text, "\033%s", table[i].bytes);

		for (size_t cut = 1; cut < len; cut++) {
			struct run run;

			run_init(&run);
			feed_bytes(&run, text, cut, 1000);
			assert_int_equal(run.count, 0);
			assert_true(keyseq_deadline(&run.decoder) > 1000);
			feed_bytes(&run, text + cut, len - cut, 1000 + GAP_MS / 2);
			if (run.count != 1 || run.keys[0] != table[i].key)
				fprintf(stderr, "\"\\033%s\" cut after %zu bytes: %d keys\n",
				        table[i].bytes, cut, run.count);
			assert_int_equal(run.count, 1);
			assert_int_equal(run.keys[0], table[i].key);
			assert_int_equal(keyseq_deadline(&run.decoder), -1);
		}
	}
}

/* What the terminals of the brief send, named. */
static void test_known_terminals(void **state)
{
	(void)state;
	/* xterm */
	assert_decodes("\033[15~", KEY_CODE_F(5));
	assert_decodes("\033[20~", KEY_CODE_F(9));
	assert_decodes("\033[21~", KEY_CODE_F(10));
	assert_decodes("\033[24~", KEY_CODE_F(12));
	assert_decodes("\033OP", KEY_CODE_F(1));
	assert_decodes("\033OR", KEY_CODE_F(3));
	assert_decodes("\033[H", KEY_CODE_HOME);
	assert_decodes("\033OF", KEY_CODE_END);
	assert_decodes("\033[3~", KEY_CODE_DELETE);
	assert_decodes("\033[Z", KEY_CODE_BTAB);
	/* Linux console */
	assert_decodes("\033[[A", KEY_CODE_F(1));
	assert_decodes("\033[[E", KEY_CODE_F(5));
	assert_decodes("\033[1~", KEY_CODE_HOME);
	assert_decodes("\033[4~", KEY_CODE_END);
	/* rxvt */
	assert_decodes("\033[11~", KEY_CODE_F(1));
	assert_decodes("\033[7~", KEY_CODE_HOME);
	assert_decodes("\033[8~", KEY_CODE_END);
	assert_decodes("\033Od", KEY_CODE_WORD_LEFT);
	assert_decodes("\033Oc", KEY_CODE_WORD_RIGHT);
}

/* xterm's modifier parameter (2 Shift, 3 Alt, 5 Ctrl, ...): the plain key,
 * a word move for Ctrl or Alt with Left/Right, nothing for an F-key. */
static void test_modifiers(void **state)
{
	(void)state;
	assert_decodes("\033[1;5C", KEY_CODE_WORD_RIGHT);
	assert_decodes("\033[1;5D", KEY_CODE_WORD_LEFT);
	assert_decodes("\033[1;3D", KEY_CODE_WORD_LEFT);
	assert_decodes("\033[1;3C", KEY_CODE_WORD_RIGHT);
	assert_decodes("\033[1;2C", KEY_CODE_RIGHT);
	assert_decodes("\033[1;2A", KEY_CODE_UP);
	assert_decodes("\033[1;5B", KEY_CODE_DOWN);
	assert_decodes("\033[1;5H", KEY_CODE_HOME);
	assert_decodes("\033[1;2F", KEY_CODE_END);
	assert_decodes("\033[3;5~", KEY_CODE_DELETE);
	assert_decodes("\033[5;2~", KEY_CODE_PAGE_UP);
	assert_decodes("\033[2;3~", KEY_CODE_INSERT);
	assert_decodes("\033O5C", KEY_CODE_WORD_RIGHT); /* old xterm: SS3 with the modifier */
	assert_decodes("\033[5D", KEY_CODE_WORD_LEFT);  /* old xterm: CSI with the modifier */
	/* rxvt: '$' Shift, '^' Ctrl, '@' Ctrl-Shift instead of '~' */
	assert_decodes("\033[2$", KEY_CODE_INSERT);
	assert_decodes("\033[7^", KEY_CODE_HOME);
	assert_decodes("\033[6@", KEY_CODE_PAGE_DOWN);
	assert_decodes("\033[1;1C", KEY_CODE_RIGHT);
	/* Modified function keys do nothing (Shift-F5 is not F5). */
	assert_swallowed("\033[15;2~");
	assert_swallowed("\033[24;5~");
	assert_swallowed("\033[1;2P");
	assert_swallowed("\033[1;5S");
	assert_swallowed("\033O2Q");
	assert_swallowed("\033[11^");
	assert_swallowed("\033[23$");
}

/* Nothing of a sequence the table does not hold reaches a field. */
static void test_unknown_swallowed(void **state)
{
	static const char *const unknown[] = {
		"\033[99~",      "\033[16~",
		"\033[0~",       "\033[~",
		"\033[E",        "\033[G",
		"\033OE",        "\033O~",
		"\033[15;5;6~",  "\033[2;1;1C",
		"\033[3;5C",     "\033[12345~",
		"\033[?1;2c",    "\033[>0;95;0c",
		"\033[200~",     "\033[201~",
		"\033[<0;10;5M", "\033[<0;10;5m",
		"\033[1 q",      "\033[I",
		"\033[O",        "\033[[Z",
		"\033[[1",       "\033[1:5C",
		"\033[M !!",     "\033[M\x60\x21\x21",
		"\033[1;5\x40",
	};

	(void)state;
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		assert_swallowed(unknown[i]);
}

/* A sequence longer than the decoder keeps is swallowed to its end. */
static void test_overlong_swallowed(void **state)
{
	char text[200] = "\033[";

	(void)state;
	for (int i = 0; i < 100; i++)
		strcat(text, "1");
	strcat(text, "~");
	assert_swallowed(text);
}

/* A key that cannot belong to the sequence ends it: the part before is
 * dropped, the key itself counts. */
static void test_cut_by_another_key(void **state)
{
	struct run run;

	(void)state;
	run_init(&run);
	feed_text(&run, "\033[1", 0);
	feed(&run, KEY_CODE_ENTER, 0);
	assert_int_equal(run.count, 1);
	assert_int_equal(run.keys[0], KEY_CODE_ENTER);

	run_init(&run);
	feed_text(&run, "\033O", 0);
	feed(&run, KEY_CODE_UP, 0);
	feed(&run, 0x436, 0); /* ж */
	assert_int_equal(run.count, 2);
	assert_int_equal(run.keys[0], KEY_CODE_UP);
	assert_int_equal(run.keys[1], 0x436);

	/* Esc inside a sequence starts another one. */
	run_init(&run);
	feed_text(&run, "\033[1;\033[15~", 0);
	assert_int_equal(run.count, 1);
	assert_int_equal(run.keys[0], KEY_CODE_F(5));
}

/* A sequence whose end never comes is dropped after the window. */
static void test_unfinished_sequence_dropped(void **state)
{
	struct run run;

	(void)state;
	run_init(&run);
	feed_text(&run, "\033[15", 0);
	assert_int_equal(keyseq_deadline(&run.decoder), WINDOW_MS);
	expire(&run, WINDOW_MS - 1);
	assert_int_equal(run.count, 0);
	expire(&run, WINDOW_MS);
	assert_int_equal(run.count, 0);
	assert_int_equal(keyseq_deadline(&run.decoder), -1);
	feed(&run, 'a', WINDOW_MS + 1);
	assert_int_equal(run.count, 1);
	assert_int_equal(run.keys[0], 'a');
}

static void test_lone_esc(void **state)
{
	struct run run;

	(void)state;
	run_init(&run);
	feed(&run, 27, 500);
	assert_int_equal(run.count, 0);
	assert_int_equal(keyseq_deadline(&run.decoder), 500 + WINDOW_MS);
	expire(&run, 500 + WINDOW_MS - 1);
	assert_int_equal(run.count, 0);
	expire(&run, 500 + WINDOW_MS);
	assert_int_equal(run.count, 1);
	assert_int_equal(run.keys[0], KEY_CODE_ESC);
	assert_int_equal(keyseq_deadline(&run.decoder), -1);

	/* curses' own Esc key counts the same; a key after the window finds
	 * the Esc settled first. */
	run_init(&run);
	feed(&run, KEY_CODE_ESC, 0);
	feed(&run, 'a', WINDOW_MS + 5);
	assert_int_equal(run.count, 2);
	assert_int_equal(run.keys[0], KEY_CODE_ESC);
	assert_int_equal(run.keys[1], 'a');

	/* Esc Esc: the first is Esc at once, the second waits. */
	run_init(&run);
	feed(&run, 27, 0);
	feed(&run, 27, 10);
	assert_int_equal(run.count, 1);
	assert_int_equal(run.keys[0], KEY_CODE_ESC);
	expire(&run, 10 + WINDOW_MS);
	assert_int_equal(run.count, 2);
	assert_int_equal(run.keys[1], KEY_CODE_ESC);
}

/* Esc then a digit within the window is F1..F10, together or typed. */
static void test_esc_digit(void **state)
{
	struct run run;

	(void)state;
	for (int digit = 0; digit <= 9; digit++) {
		run_init(&run);
		feed(&run, 27, 0);
		feed(&run, '0' + digit, digit * 100);
		assert_int_equal(run.count, 1);
		assert_int_equal(run.keys[0], KEY_CODE_F(digit == 0 ? 10 : digit));
	}
	/* After the window the digit is a digit. */
	run_init(&run);
	feed(&run, 27, 0);
	feed(&run, '5', WINDOW_MS);
	assert_int_equal(run.count, 2);
	assert_int_equal(run.keys[0], KEY_CODE_ESC);
	assert_int_equal(run.keys[1], '5');
}

/* Esc and a letter (Alt-letter, or a letter typed after Esc) keep the
 * letter: Esc, then the letter, as before the decoder. */
static void test_esc_letter_keeps_the_letter(void **state)
{
	static const int after[] = {
		'a', 'b', 'f', 'x', 'Z', ' ', 0x436, KEY_CODE_UP, KEY_CODE_F(2)
	};
	struct run run;

	(void)state;
	for (size_t i = 0; i < sizeof after / sizeof after[0]; i++) {
		run_init(&run);
		feed(&run, 27, 0);
		feed(&run, after[i], 0);
		assert_int_equal(run.count, 2);
		assert_int_equal(run.keys[0], KEY_CODE_ESC);
		assert_int_equal(run.keys[1], after[i]);
	}
	/* '[' and 'O' start a sequence only when they come with the Esc. */
	run_init(&run);
	feed(&run, 27, 0);
	feed_text(&run, "Olga", GAP_MS + 1);
	assert_int_equal(run.count, 5);
	assert_int_equal(run.keys[0], KEY_CODE_ESC);
	assert_int_equal(run.keys[1], 'O');
	assert_int_equal(run.keys[4], 'a');
	run_init(&run);
	feed(&run, 27, 0);
	feed_text(&run, "[15~", GAP_MS + 1);
	assert_int_equal(run.count, 5);
	assert_int_equal(run.keys[0], KEY_CODE_ESC);
	assert_int_equal(run.keys[1], '[');
}

/* Text and curses' own keys pass unchanged; C1 controls are no text. */
static void test_plain_input_passes(void **state)
{
	static const int inputs[] = { 'a',           '5',           '[',    'O',
		                      '~',           0x436,         0xac00, KEY_CODE_ENTER,
		                      KEY_CODE_F(5), KEY_CODE_HOME, 21 };
	struct run run;

	(void)state;
	run_init(&run);
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		feed(&run, inputs[i], 0);
	assert_int_equal(run.count, (int)(sizeof inputs / sizeof inputs[0]));
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		assert_int_equal(run.keys[i], inputs[i]);
	assert_int_equal(keyseq_deadline(&run.decoder), -1);

	/* The 8-bit CSI and SS3 work as Esc [ and Esc O. */
	run_init(&run);
	feed(&run, 0x9b, 0);
	feed_text(&run, "15~", 0);
	feed(&run, 0x8f, 0);
	feed(&run, 'R', 0);
	feed(&run, 0x85, 0);
	assert_int_equal(run.count, 2);
	assert_int_equal(run.keys[0], KEY_CODE_F(5));
	assert_int_equal(run.keys[1], KEY_CODE_F(3));
}

/* Keys curses knows by name only, as ncurses names them. */
static void test_capability_names(void **state)
{
	(void)state;
	assert_int_equal(keyseq_capability_key("kRIT5"), KEY_CODE_WORD_RIGHT);
	assert_int_equal(keyseq_capability_key("kLFT5"), KEY_CODE_WORD_LEFT);
	assert_int_equal(keyseq_capability_key("kLFT3"), KEY_CODE_WORD_LEFT);
	assert_int_equal(keyseq_capability_key("kRIT2"), KEY_CODE_RIGHT);
	assert_int_equal(keyseq_capability_key("kUP5"), KEY_CODE_UP);
	assert_int_equal(keyseq_capability_key("kDN3"), KEY_CODE_DOWN);
	assert_int_equal(keyseq_capability_key("kHOM5"), KEY_CODE_HOME);
	assert_int_equal(keyseq_capability_key("kEND2"), KEY_CODE_END);
	assert_int_equal(keyseq_capability_key("kNXT5"), KEY_CODE_PAGE_DOWN);
	assert_int_equal(keyseq_capability_key("kPRV5"), KEY_CODE_PAGE_UP);
	assert_int_equal(keyseq_capability_key("kDC5"), KEY_CODE_DELETE);
	assert_int_equal(keyseq_capability_key("kIC3"), KEY_CODE_INSERT);
	assert_int_equal(keyseq_capability_key("KEY_SLEFT"), KEY_CODE_LEFT);
	assert_int_equal(keyseq_capability_key("KEY_SRIGHT"), KEY_CODE_RIGHT);
	assert_int_equal(keyseq_capability_key("KEY_SR"), KEY_CODE_UP);
	assert_int_equal(keyseq_capability_key("KEY_SF"), KEY_CODE_DOWN);
	assert_int_equal(keyseq_capability_key("KEY_SDC"), KEY_CODE_DELETE);
	assert_int_equal(keyseq_capability_key("kRIT"), -1);
	assert_int_equal(keyseq_capability_key("kRIT9"), -1);
	assert_int_equal(keyseq_capability_key("kRIT55"), -1);
	assert_int_equal(keyseq_capability_key("KEY_F(17)"), -1);
	assert_int_equal(keyseq_capability_key("KEY_MOUSE"), -1);
	assert_int_equal(keyseq_capability_key(""), -1);
	assert_int_equal(keyseq_capability_key(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_sequence_whole),
		cmocka_unit_test(test_every_sequence_cut_at_every_byte),
		cmocka_unit_test(test_known_terminals),
		cmocka_unit_test(test_modifiers),
		cmocka_unit_test(test_unknown_swallowed),
		cmocka_unit_test(test_overlong_swallowed),
		cmocka_unit_test(test_cut_by_another_key),
		cmocka_unit_test(test_unfinished_sequence_dropped),
		cmocka_unit_test(test_lone_esc),
		cmocka_unit_test(test_esc_digit),
		cmocka_unit_test(test_esc_letter_keeps_the_letter),
		cmocka_unit_test(test_plain_input_passes),
		cmocka_unit_test(test_capability_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
