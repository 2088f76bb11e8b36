/* term.c - terminal start and stop, signals, and the one poll() of the program. */
#define NCURSES_WIDECHAR 1
#include "tui.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "keymap.h"
#include "keyseq.h"
#include "tui_internal.h"
#include "xalloc.h"

/* Esc waits this long for a digit (Esc 1 = F1) before it is Esc; the rest
 * of a sequence must follow Esc within the escape delay, and never less
 * than SEQUENCE_GAP_MS (a terminal sends a key's bytes together). */
enum { ESC_DIGIT_WINDOW_MS = 1000, SEQUENCE_GAP_MS = 100, RESET_SIZE = 128 };

static SCREEN *screen;
static int signal_pipe[2] = { -1, -1 };
static volatile sig_atomic_t got_hangup, got_terminate, got_resize;
static struct termios saved_termios;
static bool have_termios;
/* Written by the crash handler with write(2): async-signal-safe. */
static char reset_bytes[RESET_SIZE];
static size_t reset_len;
/* What curses hands over as Esc and bytes: sequences it does not know. */
static struct keyseq decoder;
/* "Show the cursor", sent once more after endwin(): some terminals restore a
 * cursor state saved while it was hidden when the alternate screen is left. */
static char show_cursor[32];

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void wake(void)
{
	int saved = errno;

	if (signal_pipe[1] >= 0)
		(void)!write(signal_pipe[1], "x", 1);
	errno = saved;
}

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hangup = 1;
	else if (sig == SIGTERM)
		got_terminate = 1;
	else if (sig == SIGWINCH)
		got_resize = 1;
	wake();
}

static void on_crash(int sig)
{
	if (have_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	(void)!write(STDOUT_FILENO, reset_bytes, reset_len);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void add_reset(const char *capname)
{
	const char *s = tigetstr((char *)capname);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (reset_len + n < sizeof reset_bytes) {
		memcpy(reset_bytes + reset_len, s, n);
		reset_len += n;
	}
}

static void install_signals(void)
{
	struct sigaction sa;
	const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() returns EINTR and the loop looks at the flags. */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* Installed before newterm(), so curses leaves SIGWINCH to us. */
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
		sigaction(crash[i], &sa, NULL);
}

static void restore_on_failure(void)
{
	tui_close();
}

enum status tui_open(const struct tui_options *options)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return STATUS_TERM_NOT_TTY;
	/* Ask terminfo first: newterm() would print and exit on an unknown TERM. */
	if (term == NULL || *term == '\0' || setupterm((char *)term, STDOUT_FILENO, &err) != OK)
		return STATUS_TERM_UNKNOWN;
	/* newterm() makes its own; the probe is not needed any more. */
	del_curterm(cur_term);
	have_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
	if (pipe(signal_pipe) == 0) {
		for (int i = 0; i < 2; i++)
			fcntl(signal_pipe[i], F_SETFL, O_NONBLOCK | fcntl(signal_pipe[i], F_GETFL));
		for (int i = 0; i < 2; i++)
			fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	install_signals();
	set_escdelay(options->escdelay_ms);
	keyseq_init(&decoder,
	            options->escdelay_ms > SEQUENCE_GAP_MS ? options->escdelay_ms : SEQUENCE_GAP_MS,
	            ESC_DIGIT_WINDOW_MS);
	screen = newterm(term, stdout, stdin);
	if (screen == NULL)
		return STATUS_TERM_UNKNOWN;
	set_term(screen);
	add_reset("rmcup");
	add_reset("cnorm");
	add_reset("sgr0");
	{
		const char *cnorm = tigetstr("cnorm");

		if (cnorm != NULL && cnorm != (char *)-1 && strlen(cnorm) < sizeof show_cursor)
			strcpy(show_cursor, cnorm);
	}
	xalloc_set_failure_hook(restore_on_failure);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	meta(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	tui_theme_init(options->monochrome);
	return STATUS_OK;
}

void tui_close(void)
{
	if (screen == NULL)
		return;
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	fflush(stdout);
	(void)!write(STDOUT_FILENO, show_cursor, strlen(show_cursor));
}

int tui_cols(void)
{
	return COLS;
}

int tui_rows(void)
{
	return LINES;
}

static void apply_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
}

/* Maps what wget_wch() returned to a key code of keymap.h; -1 to ignore. */
static int translate(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(12))
			return KEY_CODE_F((int)(ch - KEY_F0));
		switch (ch) {
		case KEY_ENTER:
			return KEY_CODE_ENTER;
		case KEY_BTAB:
			return KEY_CODE_BTAB;
		case KEY_UP:
			return KEY_CODE_UP;
		case KEY_DOWN:
			return KEY_CODE_DOWN;
		case KEY_LEFT:
			return KEY_CODE_LEFT;
		case KEY_RIGHT:
			return KEY_CODE_RIGHT;
		case KEY_PPAGE:
			return KEY_CODE_PAGE_UP;
		case KEY_NPAGE:
			return KEY_CODE_PAGE_DOWN;
		case KEY_HOME:
			return KEY_CODE_HOME;
		case KEY_END:
			return KEY_CODE_END;
		case KEY_BACKSPACE:
			return KEY_CODE_BACKSPACE;
		case KEY_DC:
			return KEY_CODE_DELETE;
		case KEY_IC:
			return KEY_CODE_INSERT;
		case KEY_RESIZE:
			return KEY_CODE_RESIZE;
		default:
			/* Modified keys curses knows by name only ("kRIT5"); the
			 * rest (shifted F-keys, mouse, ...) do nothing. */
			return keyseq_capability_key(keyname((int)ch));
		}
	}
	switch (ch) {
	case '\r':
	case '\n':
		return KEY_CODE_ENTER;
	case '\t':
		return KEY_CODE_TAB;
	case 27:
		return KEY_CODE_ESC;
	case 127:
	case 8:
		return KEY_CODE_BACKSPACE;
	default:
		return (int)ch;
	}
}

static int push(struct tui_event *events, int n, int max, enum tui_event_type type, int key)
{
	if (n < max)
		events[n++] = (struct tui_event){ type, key };
	return n;
}

static int push_keys(struct tui_event *events, int n, int max, const int *keys, int count)
{
	for (int i = 0; i < count; i++)
		n = push(events, n, max, TUI_EVENT_KEY, keys[i]);
	return n;
}

/* Runs one input through the decoder; the keys it completes become events. */
static int push_key(struct tui_event *events, int n, int max, int key)
{
	int keys[KEYSEQ_MAX_OUT];

	return push_keys(events, n, max, keys, keyseq_feed(&decoder, key, now_ms(), keys));
}

/* Reads every key already waiting; returns the new event count. */
static int drain_input(struct tui_event *events, int n, int max)
{
	wint_t ch;
	int rc;

	while (n < max && (rc = wget_wch(stdscr, &ch)) != ERR) {
		int key = translate(rc, ch);

		if (key == KEY_CODE_RESIZE)
			n = push(events, n, max, TUI_EVENT_RESIZE, 0);
		else if (key >= 0)
			n = push_key(events, n, max, key);
	}
	/* After a hang-up wget_wch() fails with errno 0 forever; poll()'s
	 * POLLHUP is what ends the program, so this never spins. */
	return n;
}

int tui_wait(int db_fd, bool db_want_write, int timeout_ms, struct tui_event *events, int max)
{
	for (;;) {
		struct pollfd fds[3];
		int nfds = 0, n = 0, rc, wait = timeout_ms, keys[KEYSEQ_MAX_OUT];
		char sink[64];

		fds[nfds++] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		fds[nfds++] = (struct pollfd){ .fd = signal_pipe[0], .events = POLLIN };
		if (db_fd >= 0)
			fds[nfds++] =
			        (struct pollfd){ .fd = db_fd,
				                 .events = POLLIN | (db_want_write ? POLLOUT : 0) };
		if (keyseq_deadline(&decoder) >= 0) {
			long left = keyseq_deadline(&decoder) - now_ms();
			if (left < 0)
				left = 0;
			if (wait < 0 || left < wait)
				wait = (int)left;
		}
		rc = poll(fds, (nfds_t)nfds, wait);
		if (rc < 0 && errno != EINTR)
			return push(events, 0, max, TUI_EVENT_HANGUP, 0);
		while (read(signal_pipe[0], sink, sizeof sink) > 0)
			;
		bool ending = got_hangup || got_terminate;

		/* Keys typed before the session ended come first: a hang-up keeps
		 * them in the draft.  After EINTR poll() reports nothing, so read
		 * whatever is there without waiting. */
		if ((rc > 0 && (fds[0].revents & POLLIN)) || ending)
			n = drain_input(events, n, max);
		if (got_hangup) {
			got_hangup = 0;
			n = push(events, n, max, TUI_EVENT_HANGUP, 0);
		}
		if (got_terminate) {
			got_terminate = 0;
			n = push(events, n, max, TUI_EVENT_TERMINATE, 0);
		}
		if (got_resize) {
			got_resize = 0;
			apply_resize();
			n = push(events, n, max, TUI_EVENT_RESIZE, 0);
		}
		if (rc > 0 && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
			n = push(events, n, max, TUI_EVENT_HANGUP, 0);
		if (db_fd >= 0 && rc > 0 && fds[nfds - 1].revents != 0)
			n = push(events, n, max, TUI_EVENT_DB, 0);
		/* A lone Esc is Esc now; a cut sequence is dropped. */
		n = push_keys(events, n, max, keys, keyseq_expire(&decoder, now_ms(), keys));
		if (n > 0)
			return n;
		if (rc == 0 && wait == timeout_ms && timeout_ms >= 0)
			return push(events, 0, max, TUI_EVENT_TIMEOUT, 0);
	}
}
