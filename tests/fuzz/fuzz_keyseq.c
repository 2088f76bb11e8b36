/*
 * fuzz_keyseq.c - the escape sequence decoder (tui/keyseq.c) on any input.
 *
 * Odd first byte: the rest is a stream of inputs (0xff n: the clock moves
 * n * 8 ms; 0xfe n: a key code curses decoded; any other byte: itself).
 * Whatever comes, a call gives at most KEYSEQ_MAX_OUT keys, never a raw
 * Esc or C1 control, only key codes that exist, and the decoder is idle
 * once its deadline has passed.
 *
 * Even first byte: the rest is made into one CSI sequence, Esc [,
 * parameter bytes and a final byte, all at once: it gives at most one
 * key and never a character, and an 'x' after it comes out as 'x' (the
 * sequence was swallowed whole).
 */
#include "fuzz_support.h"
#include "keymap.h"
#include "keyseq.h"

static void check_keys(const int *keys, int count)
{
	if (count < 0 || count > KEYSEQ_MAX_OUT)
		abort();
	for (int i = 0; i < count; i++) {
		int key = keys[i];

		if (key == 27 || (key >= 0x80 && key <= 0x9f) || key < 0)
			abort();
		if (key >= KEY_CODE_BASE && !(key >= KEY_CODE_F(1) && key <= KEY_CODE_F(12)) &&
		    !(key >= KEY_CODE_ENTER && key < KEY_CODE_LAST))
			abort();
	}
}

static void stream(const uint8_t *data, size_t size)
{
	struct keyseq decoder;
	int keys[KEYSEQ_MAX_OUT];
	long now = 0;

	keyseq_init(&decoder, 100, 1000);
	for (size_t i = 0; i < size; i++) {
		int input = data[i];

		if ((data[i] == 0xff || data[i] == 0xfe) && i + 1 < size) {
			i++;
			if (data[i - 1] == 0xff) {
				now += data[i] * 8L;
				check_keys(keys, keyseq_expire(&decoder, now, keys));
				continue;
			}
			input = data[i] % (12 + KEY_CODE_LAST - KEY_CODE_ENTER);
			input = input < 12 ? KEY_CODE_F(input + 1) : KEY_CODE_ENTER + input - 12;
		}
		check_keys(keys, keyseq_feed(&decoder, input, now, keys));
		if (keyseq_deadline(&decoder) >= 0 && keyseq_deadline(&decoder) < now)
			abort();
	}
	now += 1000;
	check_keys(keys, keyseq_expire(&decoder, now, keys));
	if (keyseq_deadline(&decoder) != -1)
		abort();
}

static void one_csi(const uint8_t *data, size_t size)
{
	struct keyseq decoder;
	int keys[KEYSEQ_MAX_OUT], count = 0, n;
	int final = size > 0 ? 0x40 + data[size - 1] % 0x3f : 'M';
	/* Esc [ M is a mouse report (three bytes follow), Esc [ [ the Linux
	 * console's F-keys (one byte follows). */
	bool longer = size <= 1 && (final == 'M' || final == '[');

	keyseq_init(&decoder, 100, 1000);
	count += keyseq_feed(&decoder, 27, 0, keys);
	count += keyseq_feed(&decoder, '[', 0, keys + count);
	for (size_t i = 0; i + 1 < size && count == 0; i++)
		count += keyseq_feed(&decoder, 0x30 + data[i] % 0x10, 0, keys);
	if (count != 0)
		abort();
	n = keyseq_feed(&decoder, final, 0, keys);
	if (n > 1 || (n == 1 && keys[0] < KEY_CODE_BASE))
		abort();
	if (longer)
		return;
	n = keyseq_feed(&decoder, 'x', 0, keys);
	if (n != 1 || keys[0] != 'x')
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name = fuzz_text(data, size);

	(void)keyseq_capability_key(name);
	free(name);
	if (size == 0)
		return 0;
	if (data[0] & 1)
		stream(data + 1, size - 1);
	else
		one_csi(data + 1, size - 1);
	return 0;
}
