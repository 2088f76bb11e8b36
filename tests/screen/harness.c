/*
 * harness.c - pty + libvterm screen-test harness (see harness.h).
 *
 * One struct term per spawned program: the pty master (non-blocking), a
 * pidfd for the child so that waits wake on exit as well as on output,
 * and a libvterm screen the size of the pty.  All reading happens in
 * term_pump(); every wait is a loop of "check predicate, pump until the
 * deadline".  Without pidfd_open (or with HARNESS_NO_PIDFD defined) the
 * exit is noticed by waitpid() in 10 ms poll slices instead.  Answers
 * libvterm produces (device reports, keys) are queued and written back
 * to the master, as a real terminal would.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

extern char **environ;

/* A pump reads at most READ_CHUNKS chunks so a flood cannot starve deadlines. */
enum { SEND_TIMEOUT_MS = 5000, READ_CHUNK = 4096, READ_CHUNKS = 16 };

struct term {
	pid_t pid;
	int master;
	int pidfd;		/* -1 once reaped or if pidfd_open is unavailable */
	VTerm *vt;
	VTermScreen *screen;
	int cols, rows;
	char *home;
	size_t bytes;		/* read from the program */
	bool eof;		/* master returned EIO: every slave fd is closed */
	bool exited;
	int status;
	bool altscreen;
	int altscreen_entered;
	bool cursor_visible;
	char *outq;		/* bytes waiting to be written to the program */
	size_t outq_len, outq_cap;
};

/* Milliseconds on the monotonic clock. */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p) {
		fputs("harness: out of memory\n", stderr);
		abort();
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(xmalloc(len), s, len);
}

static void outq_append(struct term *t, const char *bytes, size_t len)
{
	if (t->outq_len + len > t->outq_cap) {
		size_t cap = t->outq_cap ? t->outq_cap : 256;

		while (cap < t->outq_len + len)
			cap *= 2;
		char *grown = realloc(t->outq, cap);
		if (!grown) {
			fputs("harness: out of memory\n", stderr);
			abort();
		}
		t->outq = grown;
		t->outq_cap = cap;
	}
	memcpy(t->outq + t->outq_len, bytes, len);
	t->outq_len += len;
}

/* libvterm output callback: what the terminal sends to the program. */
static void on_vterm_output(const char *s, size_t len, void *user)
{
	outq_append(user, s, len);
}

static int on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct term *t = user;

	if (prop == VTERM_PROP_ALTSCREEN) {
		if (val->boolean && !t->altscreen)
			t->altscreen_entered++;
		t->altscreen = val->boolean;
	} else if (prop == VTERM_PROP_CURSORVISIBLE) {
		t->cursor_visible = val->boolean;
	}
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
	.settermprop = on_settermprop,
};

/* Write as much of the queue as the pty takes now; false on a hard error. */
static bool outq_flush_once(struct term *t)
{
	while (t->outq_len > 0) {
		ssize_t n = write(t->master, t->outq, t->outq_len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN;
		}
		memmove(t->outq, t->outq + n, t->outq_len - (size_t)n);
		t->outq_len -= (size_t)n;
	}
	return true;
}

/* Read what is available now (up to READ_CHUNKS chunks) into the screen; sets eof on EIO. */
static void read_available(struct term *t)
{
	char buf[READ_CHUNK];

	for (int chunk = 0; chunk < READ_CHUNKS && !t->eof; chunk++) {
		ssize_t n = read(t->master, buf, sizeof buf);

		if (n > 0) {
			t->bytes += (size_t)n;
			vterm_input_write(t->vt, buf, (size_t)n);
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			break;
		} else {
			t->eof = true;	/* EIO (or 0): the slave side is gone */
		}
	}
	if (t->outq_len > 0 && !t->eof)
		outq_flush_once(t);
}

static void reap_if_exited(struct term *t)
{
	if (t->exited)
		return;
	if (waitpid(t->pid, &t->status, WNOHANG) == t->pid) {
		t->exited = true;
		if (t->pidfd >= 0) {
			close(t->pidfd);
			t->pidfd = -1;
		}
	}
}

/*
 * Wait up to timeout_ms for output, the child's exit or room to write,
 * then take in whatever happened.  Without a pidfd the wait is sliced to
 * 10 ms so an exit is noticed soon.
 */
static void term_pump(struct term *t, int timeout_ms)
{
	struct pollfd fds[2];
	nfds_t n = 0;
	int master_index = -1;

	if (!t->eof) {
		master_index = (int)n;
		fds[n++] = (struct pollfd){ .fd = t->master,
					    .events = (short)(POLLIN | (t->outq_len ? POLLOUT : 0)) };
	}
	if (!t->exited && t->pidfd >= 0)
		fds[n++] = (struct pollfd){ .fd = t->pidfd, .events = POLLIN };
	if (!t->exited && t->pidfd < 0 && timeout_ms > 10)
		timeout_ms = 10;
	if (n == 0 && t->exited)
		return;
	if (poll(n ? fds : NULL, n, timeout_ms < 0 ? 0 : timeout_ms) < 0 && errno != EINTR)
		return;
	if (master_index >= 0 && fds[master_index].revents)
		read_available(t);
	reap_if_exited(t);
}

/* Waits are for the client as built; under valgrind (make valgrind sets
 * HRMIS_VALGRIND_BIN) it runs several times slower, so they are longer. */
static int scaled(int timeout_ms)
{
	return getenv("HRMIS_VALGRIND_BIN") != NULL ? 4 * timeout_ms : timeout_ms;
}

bool term_wait_until(struct term *t, bool (*predicate)(struct term *term, void *arg), void *arg,
		     const char *what, int timeout_ms)
{
	long long deadline = now_ms() + scaled(timeout_ms);

	for (;;) {
		if (predicate(t, arg))
			return true;
		long long remaining = deadline - now_ms();
		if (remaining <= 0 || (t->eof && t->exited))
			break;
		term_pump(t, (int)remaining);
	}
	fprintf(stderr, "harness: %s waiting %d ms for: %s\n",
		t->eof && t->exited ? "program ended while" : "timed out", timeout_ms, what);
	term_dump(t, stderr);
	return false;
}

static bool has_text_pred(struct term *t, void *arg)
{
	return term_has_text(t, arg);
}

static bool gone_pred(struct term *t, void *arg)
{
	return !term_has_text(t, arg);
}

bool term_wait_text(struct term *t, const char *utf8, int timeout_ms)
{
	char what[256];

	snprintf(what, sizeof what, "text \"%s\"", utf8);
	return term_wait_until(t, has_text_pred, (void *)utf8, what, timeout_ms);
}

bool term_wait_gone(struct term *t, const char *utf8, int timeout_ms)
{
	char what[256];

	snprintf(what, sizeof what, "text \"%s\" to disappear", utf8);
	return term_wait_until(t, gone_pred, (void *)utf8, what, timeout_ms);
}

struct row_query {
	int row;
	const char *substring;
};

static bool row_pred(struct term *t, void *arg)
{
	const struct row_query *q = arg;
	char *text = term_row_text(t, q->row);
	bool found = strstr(text, q->substring) != NULL;

	free(text);
	return found;
}

bool term_wait_row(struct term *t, int row, const char *substring, int timeout_ms)
{
	struct row_query q = { row, substring };
	char what[256];

	snprintf(what, sizeof what, "row %d to contain \"%s\"", row, substring);
	return term_wait_until(t, row_pred, &q, what, timeout_ms);
}

static bool row_words_pred(struct term *t, void *arg)
{
	return term_find_row_words(t, arg) >= 0;
}

bool term_wait_row_words(struct term *t, const char *const words[], int timeout_ms)
{
	char what[256] = "a row containing all of:";
	size_t used = strlen(what);

	for (size_t i = 0; words[i] && used < sizeof what; i++)
		used += (size_t)snprintf(what + used, sizeof what - used, " \"%s\"", words[i]);
	return term_wait_until(t, row_words_pred, (void *)words, what, timeout_ms);
}

static bool exited_pred(struct term *t, void *arg)
{
	(void)arg;
	return t->exited && t->eof;
}

bool term_wait_exit(struct term *t, int *status, int timeout_ms)
{
	if (!term_wait_until(t, exited_pred, NULL, "the program to exit", timeout_ms))
		return false;
	if (status)
		*status = t->status;
	return true;
}

bool term_wait_quiet(struct term *t, int quiet_ms, int timeout_ms)
{
	long long start = now_ms();
	long long last_output = start;
	size_t seen = t->bytes;

	for (;;) {
		long long now = now_ms();

		if (t->bytes != seen) {
			seen = t->bytes;
			last_output = now;
		}
		if (now - last_output >= quiet_ms || t->eof)
			return true;
		if (now - start >= timeout_ms)
			break;
		long long until_quiet = last_output + quiet_ms - now;
		long long until_deadline = start + timeout_ms - now;
		term_pump(t, (int)(until_quiet < until_deadline ? until_quiet : until_deadline));
	}
	fprintf(stderr, "harness: output did not pause for %d ms within %d ms\n", quiet_ms, timeout_ms);
	term_dump(t, stderr);
	return false;
}

/* ---- environment and spawning */

static bool env_name_matches(const char *entry, const char *name, size_t name_len)
{
	return strncmp(entry, name, name_len) == 0 && entry[name_len] == '=';
}

/* Variables of the parent that must not reach the program. */
static bool env_is_filtered(const char *entry)
{
	static const char *const prefixes[] = { "LC_", "PG", "XDG_", NULL };
	static const char *const names[] = {
		"TERM", "TERMINFO", "LANG", "LANGUAGE", "TZ", "ESCDELAY", "HOME", "LINES",
		"COLUMNS", "HRMIS_CONFIG", "NO_COLOR", "COLORTERM", "COLORFGBG", "TMUX", "STY", NULL
	};

	for (size_t i = 0; prefixes[i]; i++)
		if (strncmp(entry, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	for (size_t i = 0; names[i]; i++)
		if (env_name_matches(entry, names[i], strlen(names[i])))
			return true;
	return false;
}

/* Add "NAME=value" to env (capacity checked by the caller), replacing NAME. */
static void env_put(char **env, size_t *count, const char *entry)
{
	const char *eq = strchr(entry, '=');
	size_t name_len = eq ? (size_t)(eq - entry) : strlen(entry);

	for (size_t i = 0; i < *count; i++) {
		if (env_name_matches(env[i], entry, name_len)) {
			free(env[i]);
			env[i] = xstrdup(entry);
			return;
		}
	}
	env[(*count)++] = xstrdup(entry);
}

static void env_put_path(char **env, size_t *count, const char *name, const char *home,
			 const char *suffix)
{
	size_t len = strlen(name) + strlen(home) + strlen(suffix) + 2;
	char *entry = xmalloc(len);

	snprintf(entry, len, "%s=%s%s", name, home, suffix);
	env_put(env, count, entry);
	free(entry);
}

/* Build the child's environment; a NULL-terminated array the caller frees with env_free. */
static char **env_build(const char *home, const char *const extra[])
{
	size_t parent = 0, extras = 0, count = 0;

	while (environ[parent])
		parent++;
	while (extra && extra[extras])
		extras++;
	char **env = xmalloc((parent + extras + 16) * sizeof *env);
	for (size_t i = 0; i < parent; i++)
		if (!env_is_filtered(environ[i]))
			env[count++] = xstrdup(environ[i]);
	env_put(env, &count, "TERM=xterm-256color");
	env_put(env, &count, "LC_ALL=C.UTF-8");
	env_put(env, &count, "TZ=UTC");
	env_put(env, &count, "ESCDELAY=100");
	env_put_path(env, &count, "HOME", home, "");
	env_put_path(env, &count, "XDG_CONFIG_HOME", home, "/.config");
	env_put_path(env, &count, "XDG_STATE_HOME", home, "/.local/state");
	env_put_path(env, &count, "XDG_DATA_HOME", home, "/.local/share");
	env_put_path(env, &count, "XDG_CACHE_HOME", home, "/.cache");
	for (size_t i = 0; i < extras; i++)
		env_put(env, &count, extra[i]);
	env[count] = NULL;
	return env;
}

static void env_free(char ***env)
{
	for (size_t i = 0; (*env)[i]; i++)
		free((*env)[i]);
	free(*env);
	*env = NULL;
}

/* In the child: undo what the test process changed, then exec. */
static void child_exec(const char *const argv[], char **env)
{
	static const int reset[] = { SIGPIPE, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH,
				     SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGALRM };
	sigset_t none;

	for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++)
		signal(reset[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	environ = env;
	execvp(argv[0], (char *const *)argv);
	dprintf(STDERR_FILENO, "harness: cannot execute %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

struct term *term_spawn(const char *const argv[], int cols, int rows, const char *const env[])
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	if (!argv || !argv[0] || cols <= 0 || rows <= 0) {
		fputs("harness: term_spawn needs a command and a positive size\n", stderr);
		return NULL;
	}
	char *home = term_tmpdir_create();
	if (!home)
		return NULL;
	char **child_env = env_build(home, env);
	int master;
	fflush(NULL);
	pid_t pid = forkpty(&master, NULL, NULL, &ws);
	if (pid == 0)
		child_exec(argv, child_env);
	env_free(&child_env);
	if (pid < 0) {
		fprintf(stderr, "harness: forkpty: %s\n", strerror(errno));
		term_tmpdir_remove(&home);
		return NULL;
	}
	fcntl(master, F_SETFD, FD_CLOEXEC);
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

	struct term *t = xmalloc(sizeof *t);
	*t = (struct term){ .pid = pid, .master = master, .pidfd = -1, .cols = cols, .rows = rows,
			    .home = home, .cursor_visible = true };
#if defined(SYS_pidfd_open) && !defined(HARNESS_NO_PIDFD)
	t->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (t->pidfd >= 0)
		fcntl(t->pidfd, F_SETFD, FD_CLOEXEC);
#endif
	t->vt = vterm_new(rows, cols);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, on_vterm_output, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_set_callbacks(t->screen, &screen_callbacks, t);
	vterm_screen_reset(t->screen, 1);
	return t;
}

void term_close(struct term **term)
{
	struct term *t = term ? *term : NULL;

	if (!t)
		return;
	/* The group outlives a reaped leader while its members run, so its id is still ours. */
	kill(-t->pid, SIGKILL);
	if (!t->exited) {
		kill(t->pid, SIGKILL);
		if (waitpid(t->pid, &t->status, 0) == t->pid)
			t->exited = true;
	}
	if (t->pidfd >= 0)
		close(t->pidfd);
	close(t->master);
	vterm_free(t->vt);
	term_tmpdir_remove(&t->home);
	free(t->outq);
	free(t);
	*term = NULL;
}

pid_t term_pid(const struct term *t)
{
	return t->pid;
}

const char *term_home(const struct term *t)
{
	return t->home;
}

/* ---- reading the screen */

void term_size(const struct term *t, int *cols, int *rows)
{
	if (cols)
		*cols = t->cols;
	if (rows)
		*rows = t->rows;
}

/* Encode c as UTF-8 into out (at least 4 bytes); returns the length. */
static size_t utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* The raw cell; false outside the screen. */
static bool get_cell(struct term *t, int row, int col, VTermScreenCell *cell)
{
	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols)
		return false;
	return vterm_screen_get_cell(t->screen, (VTermPos){ .row = row, .col = col }, cell) != 0;
}

bool term_cell_at(struct term *t, int row, int col, struct term_cell *out)
{
	VTermScreenCell cell;
	size_t len = 0;

	if (!get_cell(t, row, col, &cell))
		return false;
	*out = (struct term_cell){ .width = cell.width, .bold = cell.attrs.bold,
				   .reverse = cell.attrs.reverse,
				   .underline = cell.attrs.underline != 0 };
	if (cell.chars[0] == (uint32_t)-1)
		out->width = 0;	/* right half of a wide char */
	for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] && cell.chars[i] != (uint32_t)-1;
	     i++)
		len += utf8_encode(cell.chars[i], out->text + len);
	out->text[len] = '\0';
	return true;
}

char *term_row_text(struct term *t, int row)
{
	char *text = xmalloc((size_t)t->cols * VTERM_MAX_CHARS_PER_CELL * 4 + 1);
	size_t len = 0, kept = 0;
	VTermScreenCell cell;

	for (int col = 0; get_cell(t, row, col, &cell); col++) {
		if (cell.chars[0] == (uint32_t)-1)
			continue;
		if (cell.chars[0] == 0) {
			text[len++] = ' ';
			continue;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			len += utf8_encode(cell.chars[i], text + len);
		if (cell.chars[0] != ' ' || cell.chars[1] != 0)
			kept = len;	/* a written space is as blank as an erased cell */
	}
	text[kept] = '\0';
	return text;
}

int term_find_row(struct term *t, const char *substring, int from_row)
{
	for (int row = from_row < 0 ? 0 : from_row; row < t->rows; row++) {
		char *text = term_row_text(t, row);
		bool found = strstr(text, substring) != NULL;

		free(text);
		if (found)
			return row;
	}
	return -1;
}

int term_find_row_words(struct term *t, const char *const words[])
{
	for (int row = 0; row < t->rows; row++) {
		char *text = term_row_text(t, row);
		bool all = true;

		for (size_t i = 0; all && words[i]; i++)
			all = strstr(text, words[i]) != NULL;
		free(text);
		if (all)
			return row;
	}
	return -1;
}

bool term_has_text(struct term *t, const char *utf8)
{
	return term_find_row(t, utf8, 0) >= 0;
}

void term_cursor(const struct term *t, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
	if (row)
		*row = pos.row;
	if (col)
		*col = pos.col;
}

void term_dump(struct term *t, FILE *out)
{
	int crow, ccol;

	term_cursor(t, &crow, &ccol);
	fprintf(out, "--- screen %dx%d, cursor %d,%d %s, %s screen, %zu bytes read%s ---\n",
		t->cols, t->rows, crow, ccol, t->cursor_visible ? "visible" : "hidden",
		t->altscreen ? "alternate" : "normal", t->bytes,
		t->exited ? ", program exited" : "");
	for (int row = 0; row < t->rows; row++) {
		char *text = term_row_text(t, row);

		fprintf(out, "%2d|%s\n", row, text);
		free(text);
	}
	fputs("--- end of screen ---\n", out);
	fflush(out);
}

/* ---- input */

/* Flush the queue within SEND_TIMEOUT_MS, reading output meanwhile so neither side blocks. */
static bool outq_flush(struct term *t)
{
	long long deadline = now_ms() + SEND_TIMEOUT_MS;

	while (t->outq_len > 0) {
		if (t->eof || !outq_flush_once(t)) {
			fprintf(stderr, "harness: cannot write to the program: %s\n",
				t->eof ? "pty closed" : strerror(errno));
			t->outq_len = 0;
			return false;
		}
		if (t->outq_len == 0)
			break;
		long long remaining = deadline - now_ms();
		if (remaining <= 0) {
			fputs("harness: the program did not read its input in time\n", stderr);
			t->outq_len = 0;
			return false;
		}
		term_pump(t, (int)remaining);
	}
	return true;
}

bool term_send(struct term *t, const void *bytes, size_t len)
{
	outq_append(t, bytes, len);
	return outq_flush(t);
}

bool term_type(struct term *t, const char *utf8)
{
	return term_send(t, utf8, strlen(utf8));
}

struct named_key {
	const char *name;
	const char *sequence;	/* NULL: generated by libvterm from key */
	VTermKey key;
};

static const struct named_key named_keys[] = {
	{ "F1", "\033OP", 0 },	  { "F2", "\033OQ", 0 },    { "F3", "\033OR", 0 },
	{ "F4", "\033OS", 0 },	  { "F5", "\033[15~", 0 },  { "F6", "\033[17~", 0 },
	{ "F7", "\033[18~", 0 },  { "F8", "\033[19~", 0 },  { "F9", "\033[20~", 0 },
	{ "F10", "\033[21~", 0 }, { "F11", "\033[23~", 0 }, { "F12", "\033[24~", 0 },
	{ "Enter", "\r", 0 },	  { "Tab", "\t", 0 },	    { "BTab", "\033[Z", 0 },
	{ "Esc", "\033", 0 },	  { "Backspace", "\x7f", 0 }, { "PgUp", "\033[5~", 0 },
	{ "PgDn", "\033[6~", 0 }, { "Insert", "\033[2~", 0 }, { "Delete", "\033[3~", 0 },
	{ "Up", NULL, VTERM_KEY_UP },	    { "Down", NULL, VTERM_KEY_DOWN },
	{ "Left", NULL, VTERM_KEY_LEFT },   { "Right", NULL, VTERM_KEY_RIGHT },
	{ "Home", NULL, VTERM_KEY_HOME },   { "End", NULL, VTERM_KEY_END },
};

bool term_key(struct term *t, const char *name)
{
	if (strncmp(name, "C-", 2) == 0 && name[2] >= 'a' && name[2] <= 'z' && name[3] == '\0') {
		char control = (char)(name[2] - 'a' + 1);

		return term_send(t, &control, 1);
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
		if (strcmp(named_keys[i].name, name) != 0)
			continue;
		if (named_keys[i].sequence)
			return term_type(t, named_keys[i].sequence);
		vterm_keyboard_key(t->vt, named_keys[i].key, VTERM_MOD_NONE);
		return outq_flush(t);
	}
	fprintf(stderr, "harness: unknown key name \"%s\"\n", name);
	return false;
}

bool term_resize(struct term *t, int cols, int rows)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	if (cols <= 0 || rows <= 0)
		return false;
	read_available(t);	/* what was drawn for the old size lands at the old size */
	vterm_set_size(t->vt, rows, cols);
	t->cols = cols;
	t->rows = rows;
	if (ioctl(t->master, TIOCSWINSZ, &ws) < 0) {
		fprintf(stderr, "harness: TIOCSWINSZ: %s\n", strerror(errno));
		return false;
	}
	return true;
}

/* ---- bytes and terminal state */

size_t term_bytes_total(const struct term *t)
{
	return t->bytes;
}

bool term_altscreen_active(const struct term *t)
{
	return t->altscreen;
}

int term_altscreen_entered(const struct term *t)
{
	return t->altscreen_entered;
}

bool term_cursor_visible(const struct term *t)
{
	return t->cursor_visible;
}

bool term_restored(const struct term *t)
{
	return !t->altscreen && t->cursor_visible;
}

bool term_tty_sane(const struct term *t)
{
	struct termios tio;

	if (tcgetattr(t->master, &tio) < 0)
		return false;
	return (tio.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO) && (tio.c_iflag & ICRNL) &&
	       (tio.c_oflag & OPOST);
}

/* ---- fixtures */

char *term_tmpdir_create(void)
{
	const char *base = getenv("TMPDIR");
	size_t len;
	char *dir;

	if (!base || !*base)
		base = "/tmp";
	len = strlen(base) + sizeof "/hrmis-term-XXXXXX";
	dir = xmalloc(len);
	snprintf(dir, len, "%s/hrmis-term-XXXXXX", base);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "harness: mkdtemp %s: %s\n", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) < 0)
		fprintf(stderr, "harness: remove %s: %s\n", path, strerror(errno));
	return 0;
}

void term_tmpdir_remove(char **dir)
{
	if (!dir || !*dir)
		return;
	nftw(*dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(*dir);
	*dir = NULL;
}
