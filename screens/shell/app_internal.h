/*
 * app_internal.h - the program state shared by app.c (screens, keys, the
 * loop) and connection.c (connecting, the query queue).  Screens use app.h.
 */
#ifndef HRMIS_APP_INTERNAL_H
#define HRMIS_APP_INTERNAL_H

#include "app.h"
#include "editline.h"
#include "personal_id.h"

enum { MAX_DEPTH = 8, MAX_QUEUE = 16, MAX_EVENTS = 64, MAX_QUERY_PARAMS = 32, MAX_BATCH = 16 };

/* A superseded search still running after this long is cancelled; at
 * most this many searches of one owner and tag are in flight (the one
 * answering and the newest). */
enum { SLOW_SEARCH_MS = 600, MAX_SEARCHES_IN_FLIGHT = 2 };

struct frame {
	const struct screen_ops *ops;
	void *state;
	bool closing; /* a reaction closed it: closed once the handler returned */
};

struct query_statement {
	const char *sql; /* static text of a module */
	int nparams;
	char *params[MAX_QUERY_PARAMS]; /* owned copies, NULL = SQL NULL */
	int lengths[MAX_QUERY_PARAMS];  /* of binary parameters */
	int formats[MAX_QUERY_PARAMS];  /* 1: binary */
	bool binary;                    /* any parameter is binary */
	int columns;                    /* of its answer, 0: not checked */
};

/* A statement, or a batch sent as one unit, on behalf of a screen.  Queries
 * go out as soon as they are queued, pipelined behind the ones in flight,
 * and are answered in order. */
struct query {
	void *owner;
	const void *tag;       /* what app_query_latest() replaces; NULL: never */
	app_result_fn fn;      /* one statement */
	app_batch_fn batch_fn; /* a batch */
	int count;
	struct query_statement statements[MAX_BATCH];
	bool sent;             /* in flight: its answer comes in turn */
	long sent_seq;         /* order of sending: answers come in this order */
	long sent_at;          /* monotonic ms */
	bool superseded;       /* a newer query of its owner and tag replaced it */
	bool cancel_sent;      /* the server was asked to cancel it */
	bool cancel_may_hit;   /* a cancel meant for an older one may stop it: resend */
	long cookie;           /* handed back to the callback (app_answer_cookie) */
};

struct app {
	struct config *config;
	struct keymap *keymap;
	struct db *db;
	enum connection_state connection;
	enum db_wait connect_wait;
	long connect_deadline; /* monotonic ms; libpq does not time out a non-blocking connect */
	struct identity identity;
	enum personal_id_scheme id_scheme;
	char server[128], tls[32];

	struct frame stack[MAX_DEPTH];
	int depth;

	struct query *queue[MAX_QUEUE];
	int queued;     /* in the order asked; sent ones are answered by sent_seq */
	long sent_seq;  /* of the last query sent */
	long answering; /* cookie of the query whose callback runs */

	char message[512];
	long message_seq; /* counts the sentences said (app_message, app_error) */
	char detail[1024];
	bool message_is_error;
	bool show_detail;

	bool jumping; /* ':' prompt open on the message line */
	struct editline jump;

	bool quit, dirty;
	bool closing; /* app_free(): screens close, nothing more is sent */
	int exit_status;
};

/* Monotonic clock in milliseconds. */
long app_now_ms(void);

/* The screen on top of the stack, or NULL. */
struct frame *app_top(struct app *app);

/* The app's own changes of the stack (its keys: Back, the menu, ':'; the
 * connection).  Screens return reactions instead. */
void app_push(struct app *app, const struct screen_ops *ops);
/* Opens a screen on top, passing `arg` to its open(). */
void app_push_with(struct app *app, const struct screen_ops *ops, void *arg);
/* Closes the top screen now. */
void app_pop(struct app *app);
void app_replace(struct app *app, const struct screen_ops *ops);

/*
 * Applies what a handler or callback of the screen whose state is `owner`
 * (or, with owner NULL, of frame `index`) returned: closing marks the
 * frame (closed by app_settle() once nothing runs on its behalf), opening
 * puts the new screen just above the owner, replacing does both.  A
 * reaction of a screen already closing, other than REACTION_PASS and
 * REACTION_DONE, is dropped (what it would have opened is freed).
 */
void app_react(struct app *app, void *owner, int index, struct reaction reaction);

/* Closes the screens reactions asked to close; resumes the screen then on
 * top if it changed.  Runs after every key and every answer. */
void app_settle(struct app *app);

/* connection.c: frees a finished or dropped query; sets *query to NULL. */
void app_query_free(struct query **query);
/* Drops every query (reporting `status` to the owners still listening). */
void app_queries_drop(struct app *app, enum status status);
void app_identity_clear(struct identity *identity);
/* The database socket is ready: continue connecting or collect a result. */
void app_on_db_ready(struct app *app);
/* Milliseconds the loop may sleep before the connect deadline or before a
 * superseded search counts as slow; -1 for ever. */
int app_wait_budget(const struct app *app);
/* Cancels a superseded search that has run too long (without waiting). */
void app_check_slow(struct app *app);
/* Ends a connect that took longer than database.connect_timeout. */
void app_check_connect_deadline(struct app *app);

#endif
