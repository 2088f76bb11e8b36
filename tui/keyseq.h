/*
 * keyseq.h - escape sequences the terminfo entry does not know, decoded.
 *
 * curses (keypad mode) turns the sequences of the terminfo entry in force
 * into keys; whatever it does not know reaches the program as Esc and the
 * bytes after it.  This decoder reads that stream one input at a time and
 * gives keys back: the xterm, VT220, rxvt and Linux console sequences of
 * the cursor, editing and function keys become the key they stand for
 * (a modifier gives the plain key; Ctrl or Alt with Left/Right a word
 * move; a modified function key nothing), and any other sequence is
 * swallowed whole, so that no part of it is ever typed into a field.
 *
 * Esc alone is Esc once `esc_window_ms` has passed with nothing after it;
 * Esc then a digit within that window is F1..F10 (Esc 0 = F10), for
 * terminals that lose their function keys.  A sequence starts only when
 * its second byte ('[' or 'O') follows Esc within `gap_ms` (keys a terminal
 * sends arrive together); Esc then a letter is Esc and the letter, as
 * before, so a letter typed after Esc is never lost.
 *
 * Pure: no terminal, no clock of its own (the caller passes the time in
 * milliseconds from any monotonic origin), unit-tested and fuzzed.
 */
#ifndef HRMIS_KEYSEQ_H
#define HRMIS_KEYSEQ_H

#include <stdbool.h>
#include <stddef.h>

enum {
	KEYSEQ_MAX_OUT = 4,   /* keys one call can give at most */
	KEYSEQ_MAX_BYTES = 24 /* bytes of a sequence kept; longer ones are swallowed */
};

struct keyseq {
	int state;         /* where in a sequence the decoder is (keyseq.c) */
	long since;        /* time the pending Esc or sequence started */
	int skip;          /* inputs still to swallow (the three bytes of an X10 mouse report) */
	size_t len;        /* bytes kept after Esc */
	bool too_long;     /* more than KEYSEQ_MAX_BYTES: swallowed when it ends */
	int gap_ms;        /* '[' or 'O' this soon after Esc starts a sequence */
	int esc_window_ms; /* how long Esc waits for a digit or the rest of a sequence */
	char bytes[KEYSEQ_MAX_BYTES];
};

/* Starts an idle decoder with the two delays above (both at least 1 ms). */
void keyseq_init(struct keyseq *decoder, int gap_ms, int esc_window_ms);

/*
 * Feeds one input: a character as its Unicode code point (27 is Esc), or a
 * key code of keymap.h that curses already decoded (KEY_CODE_ESC counts as
 * the byte 27).  Writes the keys it completes to out (KEYSEQ_MAX_OUT at
 * most) and returns how many; 0 while a sequence is under way or when one
 * was swallowed.  A pending Esc or sequence that has timed out by `now_ms`
 * is settled first, as keyseq_expire() would.
 */
int keyseq_feed(struct keyseq *decoder, int input, long now_ms, int out[KEYSEQ_MAX_OUT]);

/*
 * The time (same clock as now_ms) at which a pending Esc or unfinished
 * sequence times out, or -1 when nothing is pending.  The caller waits
 * for input at most until then and calls keyseq_expire().
 */
long keyseq_deadline(const struct keyseq *decoder);

/*
 * Settles what timed out by now_ms: a lone Esc becomes KEY_CODE_ESC (1 is
 * returned), an unfinished sequence is dropped (0).  Nothing happens
 * before the deadline.
 */
int keyseq_expire(struct keyseq *decoder, long now_ms, int out[KEYSEQ_MAX_OUT]);

/*
 * The key a curses key named by its terminfo capability stands for, for
 * the keys curses knows only by name (ncurses' extended keys, e.g.
 * "kRIT5" for Ctrl-Right in xterm): the plain key, or a word move for
 * Ctrl or Alt with Left/Right.  -1 for a name it does not map.
 */
int keyseq_capability_key(const char *name);

/* One sequence of the table: the bytes after Esc and the key it gives. */
struct keyseq_sequence {
	const char *bytes;
	int key;
};

/* The table of understood sequences (static); *count gets its length.
 * The same sequences with a modifier parameter are understood as well. */
const struct keyseq_sequence *keyseq_sequences(size_t *count);

#endif
