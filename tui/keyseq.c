/* keyseq.c - a table-driven decoder of the escape sequences terminals send. */
#include "keyseq.h"

#include <stdio.h>
#include <string.h>

#include "keymap.h"

enum state {
	STATE_IDLE,
	STATE_ESC,   /* Esc seen: a digit, a sequence, or Esc alone */
	STATE_CSI,   /* Esc [ : parameters, intermediates, a final byte */
	STATE_SS3,   /* Esc O : an optional modifier, a final byte */
	STATE_LINUX, /* Esc [ [ : one letter (the Linux console's F1..F5) */
	STATE_MOUSE, /* Esc [ M : three bytes of a mouse report to drop */
};

enum {
	ESC = 27,
	C1_SS3 = 0x8f,
	C1_CSI = 0x9b,
	MOUSE_BYTES = 3,
	MAX_PARAMS = 2,
	MAX_PARAM_VALUE = 9999,
	/* Modifier parameter minus one: bits of shift, alt, ctrl (xterm's encoding). */
	MOD_ALT = 2,
	MOD_CTRL = 4,
};

/* The bytes after Esc of every sequence understood, unmodified. */
static const struct keyseq_sequence sequences[] = {
	/* xterm, VT100 and VT220 cursor keys (normal and application mode) */
	{ "[A", KEY_CODE_UP },
	{ "[B", KEY_CODE_DOWN },
	{ "[C", KEY_CODE_RIGHT },
	{ "[D", KEY_CODE_LEFT },
	{ "[H", KEY_CODE_HOME },
	{ "[F", KEY_CODE_END },
	{ "OA", KEY_CODE_UP },
	{ "OB", KEY_CODE_DOWN },
	{ "OC", KEY_CODE_RIGHT },
	{ "OD", KEY_CODE_LEFT },
	{ "OH", KEY_CODE_HOME },
	{ "OF", KEY_CODE_END },
	{ "[Z", KEY_CODE_BTAB },
	/* rxvt: Shift with the arrows, Ctrl with the arrows */
	{ "[a", KEY_CODE_UP },
	{ "[b", KEY_CODE_DOWN },
	{ "[c", KEY_CODE_RIGHT },
	{ "[d", KEY_CODE_LEFT },
	{ "Oa", KEY_CODE_UP },
	{ "Ob", KEY_CODE_DOWN },
	{ "Oc", KEY_CODE_WORD_RIGHT },
	{ "Od", KEY_CODE_WORD_LEFT },
	/* VT220 editing keys (xterm, Linux console; 7 and 8 are rxvt's Home/End) */
	{ "[1~", KEY_CODE_HOME },
	{ "[2~", KEY_CODE_INSERT },
	{ "[3~", KEY_CODE_DELETE },
	{ "[4~", KEY_CODE_END },
	{ "[5~", KEY_CODE_PAGE_UP },
	{ "[6~", KEY_CODE_PAGE_DOWN },
	{ "[7~", KEY_CODE_HOME },
	{ "[8~", KEY_CODE_END },
	/* F1..F4: xterm and VT100 (SS3), xterm's modified form (CSI) */
	{ "OP", KEY_CODE_F(1) },
	{ "OQ", KEY_CODE_F(2) },
	{ "OR", KEY_CODE_F(3) },
	{ "OS", KEY_CODE_F(4) },
	{ "[P", KEY_CODE_F(1) },
	{ "[Q", KEY_CODE_F(2) },
	{ "[R", KEY_CODE_F(3) },
	{ "[S", KEY_CODE_F(4) },
	/* F1..F5 of rxvt and old xterm; F5..F12 of xterm, VT220, Linux console */
	{ "[11~", KEY_CODE_F(1) },
	{ "[12~", KEY_CODE_F(2) },
	{ "[13~", KEY_CODE_F(3) },
	{ "[14~", KEY_CODE_F(4) },
	{ "[15~", KEY_CODE_F(5) },
	{ "[17~", KEY_CODE_F(6) },
	{ "[18~", KEY_CODE_F(7) },
	{ "[19~", KEY_CODE_F(8) },
	{ "[20~", KEY_CODE_F(9) },
	{ "[21~", KEY_CODE_F(10) },
	{ "[23~", KEY_CODE_F(11) },
	{ "[24~", KEY_CODE_F(12) },
	/* Linux console F1..F5 */
	{ "[[A", KEY_CODE_F(1) },
	{ "[[B", KEY_CODE_F(2) },
	{ "[[C", KEY_CODE_F(3) },
	{ "[[D", KEY_CODE_F(4) },
	{ "[[E", KEY_CODE_F(5) },
	/* The numeric keypad in application mode: what is printed on the key */
	{ "OM", KEY_CODE_ENTER },
	{ "Op", '0' },
	{ "Oq", '1' },
	{ "Or", '2' },
	{ "Os", '3' },
	{ "Ot", '4' },
	{ "Ou", '5' },
	{ "Ov", '6' },
	{ "Ow", '7' },
	{ "Ox", '8' },
	{ "Oy", '9' },
	{ "Oj", '*' },
	{ "Ok", '+' },
	{ "Ol", ',' },
	{ "Om", '-' },
	{ "On", '.' },
	{ "Oo", '/' },
	{ "OX", '=' },
};

const struct keyseq_sequence *keyseq_sequences(size_t *count)
{
	*count = sizeof sequences / sizeof sequences[0];
	return sequences;
}

void keyseq_init(struct keyseq *decoder, int gap_ms, int esc_window_ms)
{
	memset(decoder, 0, sizeof *decoder);
	decoder->state = STATE_IDLE;
	decoder->gap_ms = gap_ms > 0 ? gap_ms : 1;
	decoder->esc_window_ms = esc_window_ms > 0 ? esc_window_ms : 1;
}

long keyseq_deadline(const struct keyseq *decoder)
{
	return decoder->state == STATE_IDLE ? -1 : decoder->since + decoder->esc_window_ms;
}

int keyseq_expire(struct keyseq *decoder, long now_ms, int out[KEYSEQ_MAX_OUT])
{
	long deadline = keyseq_deadline(decoder);
	bool lone_esc = decoder->state == STATE_ESC;

	if (deadline < 0 || now_ms < deadline)
		return 0;
	decoder->state = STATE_IDLE;
	if (!lone_esc)
		return 0;
	out[0] = KEY_CODE_ESC;
	return 1;
}

static bool is_function_key(int key)
{
	return key > KEY_CODE_F0 && key <= KEY_CODE_F(12);
}

/* The key of `key` pressed with xterm modifier parameter `modifier`
 * (1 = none): the plain key, a word move, or -1 for a modified F-key. */
static int with_modifier(int key, int modifier)
{
	int bits = modifier - 1;

	if (bits <= 0 || key < 0)
		return key;
	if (is_function_key(key))
		return -1;
	if ((bits & (MOD_ALT | MOD_CTRL)) != 0 && key == KEY_CODE_LEFT)
		return KEY_CODE_WORD_LEFT;
	if ((bits & (MOD_ALT | MOD_CTRL)) != 0 && key == KEY_CODE_RIGHT)
		return KEY_CODE_WORD_RIGHT;
	return key;
}

static int table_key(const char *bytes)
{
	for (size_t i = 0; i < sizeof sequences / sizeof sequences[0]; i++)
		if (strcmp(sequences[i].bytes, bytes) == 0)
			return sequences[i].key;
	return -1;
}

/* Splits "15;5" into numbers (-1 for an empty one); false unless it is at
 * most MAX_PARAMS decimal numbers separated by ';'. */
static bool parse_params(const char *text, size_t len, int params[MAX_PARAMS], int *count)
{
	*count = 0;
	if (len == 0)
		return true;
	params[0] = -1;
	*count = 1;
	for (size_t i = 0; i < len; i++) {
		int *p = &params[*count - 1];

		if (text[i] == ';') {
			if (*count == MAX_PARAMS)
				return false;
			params[(*count)++] = -1;
		} else if (text[i] >= '0' && text[i] <= '9') {
			*p = (*p < 0 ? 0 : *p) * 10 + (text[i] - '0');
			if (*p > MAX_PARAM_VALUE)
				return false;
		} else {
			return false;
		}
	}
	return true;
}

/*
 * The key of a complete sequence (bytes after Esc, introducer first, final
 * last): parameters are read as xterm sends them ("15;5~", "1;5C", the old
 * "5C" and SS3 "5P"), rxvt's '$', '^' and '@' finals as Shift, Ctrl and
 * Ctrl-Shift, then the unmodified form is looked up.  -1: swallow it.
 */
static int decode(const char *bytes, size_t len)
{
	char intro = bytes[0], final = bytes[len - 1], base[16];
	int params[MAX_PARAMS] = { -1, -1 }, count, modifier = 1;

	if (len == 3 && intro == '[' && bytes[1] == '[')
		return table_key(bytes);
	if (!parse_params(bytes + 1, len - 2, params, &count))
		return -1;
	if (intro == '[' && (final == '$' || final == '^' || final == '@')) {
		if (count != 1)
			return -1;
		modifier = final == '$' ? 2 : final == '^' ? 5 : 6;
		final = '~';
	} else if (count == 2) {
		modifier = params[1];
	}
	if (final == '~') {
		if (count == 0 || params[0] < 0)
			return -1;
		snprintf(base, sizeof base, "[%d~", params[0]);
	} else {
		/* "1;5C": the first number is always 1; "5C" is the older form. */
		if (count == 2 && params[0] > 1)
			return -1;
		if (count == 1)
			modifier = params[0];
		base[0] = intro;
		base[1] = final;
		base[2] = '\0';
	}
	return with_modifier(table_key(base), modifier);
}

static void keep(struct keyseq *decoder, int byte)
{
	if (decoder->len + 1 < sizeof decoder->bytes)
		decoder->bytes[decoder->len++] = (char)byte;
	else
		decoder->too_long = true;
}

static void start(struct keyseq *decoder, enum state state, char introducer, long now_ms)
{
	decoder->state = state;
	decoder->since = now_ms;
	decoder->len = 0;
	decoder->too_long = false;
	keep(decoder, introducer);
}

/* The final byte arrived: the key, or nothing when it is swallowed. */
static int finish(struct keyseq *decoder, int *out)
{
	int key;

	decoder->state = STATE_IDLE;
	if (decoder->too_long)
		return 0;
	decoder->bytes[decoder->len] = '\0';
	if (strcmp(decoder->bytes, "[M") == 0) {
		/* An X10 mouse report: button, column, row follow as bytes. */
		decoder->state = STATE_MOUSE;
		decoder->skip = MOUSE_BYTES;
		return 0;
	}
	key = decode(decoder->bytes, decoder->len);
	if (key < 0)
		return 0;
	out[0] = key;
	return 1;
}

static bool printable_ascii(int input)
{
	return input >= 0x20 && input <= 0x7e;
}

static int step(struct keyseq *decoder, int input, long now_ms, int *out);

/* A byte that cannot continue the sequence: the sequence so far is
 * dropped and the byte read afresh (Enter after a cut sequence is Enter). */
static int abandon(struct keyseq *decoder, int input, long now_ms, int *out)
{
	decoder->state = STATE_IDLE;
	return step(decoder, input, now_ms, out);
}

static int step_idle(struct keyseq *decoder, int input, long now_ms, int *out)
{
	if (input == ESC) {
		decoder->state = STATE_ESC;
		decoder->since = now_ms;
		return 0;
	}
	/* The 8-bit forms of CSI and SS3; other C1 controls are not text. */
	if (input == C1_CSI) {
		start(decoder, STATE_CSI, '[', now_ms);
		return 0;
	}
	if (input == C1_SS3) {
		start(decoder, STATE_SS3, 'O', now_ms);
		return 0;
	}
	if (input < 0 || (input >= 0x80 && input <= 0x9f))
		return 0;
	out[0] = input;
	return 1;
}

static int step_esc(struct keyseq *decoder, int input, long now_ms, int *out)
{
	if (input >= '0' && input <= '9') {
		decoder->state = STATE_IDLE;
		out[0] = KEY_CODE_F(input == '0' ? 10 : input - '0');
		return 1;
	}
	if ((input == '[' || input == 'O') && now_ms - decoder->since <= decoder->gap_ms) {
		start(decoder, input == '[' ? STATE_CSI : STATE_SS3, (char)input, decoder->since);
		return 0;
	}
	/* Esc and whatever came after it: both keys, as typed. */
	out[0] = KEY_CODE_ESC;
	decoder->state = STATE_IDLE;
	return 1 + step_idle(decoder, input, now_ms, out + 1);
}

static int step(struct keyseq *decoder, int input, long now_ms, int *out)
{
	switch (decoder->state) {
	case STATE_ESC:
		return step_esc(decoder, input, now_ms, out);
	case STATE_CSI:
		if (!printable_ascii(input))
			return abandon(decoder, input, now_ms, out);
		if (decoder->len == 1 && input == '[') {
			decoder->state = STATE_LINUX;
			keep(decoder, input);
			return 0;
		}
		keep(decoder, input);
		/* Parameters 0x30-0x3f and intermediates 0x20-0x2f go on;
		 * rxvt's '$' (Shift) ends a sequence like a final byte. */
		if (input < 0x40 && input != '$')
			return 0;
		return finish(decoder, out);
	case STATE_SS3:
		if (!printable_ascii(input) || input < 0x30)
			return abandon(decoder, input, now_ms, out);
		keep(decoder, input);
		return input < 0x40 ? 0 : finish(decoder, out);
	case STATE_LINUX:
		if (!printable_ascii(input))
			return abandon(decoder, input, now_ms, out);
		keep(decoder, input);
		return finish(decoder, out);
	case STATE_MOUSE:
		if (--decoder->skip <= 0)
			decoder->state = STATE_IDLE;
		return 0;
	default:
		return step_idle(decoder, input, now_ms, out);
	}
}

int keyseq_feed(struct keyseq *decoder, int input, long now_ms, int out[KEYSEQ_MAX_OUT])
{
	int n = keyseq_expire(decoder, now_ms, out);

	if (input == KEY_CODE_ESC)
		input = ESC;
	return n + step(decoder, input, now_ms, out + n);
}

/* ncurses' names of the modified cursor and editing keys ("kRIT5") and of
 * the shifted keys of the standard set; the digit is the xterm modifier. */
static const struct {
	const char *stem;
	int key;
} capability_stems[] = {
	{ "kUP", KEY_CODE_UP },
	{ "kDN", KEY_CODE_DOWN },
	{ "kLFT", KEY_CODE_LEFT },
	{ "kRIT", KEY_CODE_RIGHT },
	{ "kHOM", KEY_CODE_HOME },
	{ "kEND", KEY_CODE_END },
	{ "kNXT", KEY_CODE_PAGE_DOWN },
	{ "kPRV", KEY_CODE_PAGE_UP },
	{ "kDC", KEY_CODE_DELETE },
	{ "kIC", KEY_CODE_INSERT },
	{ "KEY_SLEFT", KEY_CODE_LEFT },
	{ "KEY_SRIGHT", KEY_CODE_RIGHT },
	{ "KEY_SHOME", KEY_CODE_HOME },
	{ "KEY_SEND", KEY_CODE_END },
	{ "KEY_SDC", KEY_CODE_DELETE },
	{ "KEY_SIC", KEY_CODE_INSERT },
	{ "KEY_SNEXT", KEY_CODE_PAGE_DOWN },
	{ "KEY_SPREVIOUS", KEY_CODE_PAGE_UP },
	{ "KEY_SR", KEY_CODE_UP },
	{ "KEY_SF", KEY_CODE_DOWN },
};

int keyseq_capability_key(const char *name)
{
	if (name == NULL)
		return -1;
	for (size_t i = 0; i < sizeof capability_stems / sizeof capability_stems[0]; i++) {
		size_t n = strlen(capability_stems[i].stem);
		const char *rest = name + n;

		if (strncmp(name, capability_stems[i].stem, n) != 0)
			continue;
		if (name[0] == 'K' && *rest == '\0')
			return capability_stems[i].key;
		/* kRIT3..kRIT8; kRIT alone is no ncurses name. */
		if (name[0] == 'k' && rest[0] >= '2' && rest[0] <= '8' && rest[1] == '\0')
			return with_modifier(capability_stems[i].key, rest[0] - '0');
	}
	return -1;
}
