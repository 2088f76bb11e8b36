/*
 * app.h - the running program: connection, screen stack, message line,
 * and the event loop that ties the terminal, the keys and the database.
 */
#ifndef HRMIS_APP_H
#define HRMIS_APP_H

#include <stdbool.h>
#include <libpq-fe.h>

#include "config.h"
#include "db.h"
#include "field.h"
#include "keymap.h"
#include "screen.h"
#include "status.h"

/* Called with the result of a query (NULL on failure, status says why);
 * the result is freed by the caller after the callback returns.  The
 * reaction applies to the screen whose state is `owner`. */
typedef struct reaction (*app_result_fn)(struct app *app, void *owner, const PGresult *result,
                                         enum status status);

/* Called with the results of a batch (results[i] NULL where statement i
 * failed or was skipped; status is the first failure); the caller frees
 * the results after the callback returns. */
typedef struct reaction (*app_batch_fn)(struct app *app, void *owner, PGresult *const *results,
                                        int count, enum status status);

/* Who is logged in, from hr.whoami(). */
struct identity {
	char *login;
	char *kind;
	char *org_code;
	char *org_name;
};

enum connection_state {
	CONNECTION_IDLE,
	CONNECTION_CONNECTING,
	CONNECTION_IDENTIFYING, /* connected, asking hr.whoami() */
	CONNECTION_READY,
	CONNECTION_FAILED,
};

/* Creates the program state; config and keymap stay owned by the caller. */
struct app *app_new(struct config *config, struct keymap *keymap);
void app_free(struct app **app);

/* Opens `first` and runs until the clerk quits or the terminal goes away;
 * returns the exit status (0, or 129 after a hang-up, 143 after SIGTERM). */
int app_run(struct app *app, const struct screen_ops *first);

/* Connection. */
void app_connect(struct app *app);
void app_set_password(struct app *app, const char *password);
enum connection_state app_connection_state(const struct app *app);
bool app_needs_password(const struct app *app);
const struct identity *app_identity(const struct app *app);
/* "localhost:54329" and the TLS version ("TLSv1.3"), "" if unknown. */
const char *app_server(const struct app *app);
const char *app_tls(const struct app *app);
/* Where the connection goes: "localhost:54329", or "service hr". */
const char *app_target(const struct app *app);
/* What field checks need: date format, ID scheme, today. */
void app_field_context(const struct app *app, struct field_context *ctx);
/* True for logins that may not change the file (ministry, agency, auditor). */
bool app_read_only(const struct app *app);
/* A text setting of the configuration (owned by the configuration). */
const char *app_setting_text(const struct app *app, enum setting setting);
/* The user name the connection uses (from the settings or libpq defaults). */
const char *app_user(const struct app *app);

/* Sends a query on behalf of `owner`; fn is called when it finishes.
 * Queries go out at once, pipelined behind those in flight, and are
 * answered in the order given. */
void app_query(struct app *app, void *owner, const char *sql, int nparams,
               const char *const *params, app_result_fn fn);

/* Like app_query(), for a statement whose answer has `columns` columns (the
 * enum of its columns beside it in core/): an answer with another count (the
 * statement and its enum out of step) reaches fn as STATUS_DB_ERROR, with
 * both counts in the detail, instead of a row read at the wrong column. */
void app_query_n(struct app *app, void *owner, const char *sql, int columns, int nparams,
                 const char *const *params, app_result_fn fn);

/*
 * Like app_query(), with `cookie` handed back: app_answer_cookie() returns
 * it inside fn, so a screen with several such queries in flight (a step
 * being withdrawn, an entry being deleted) knows which one answered.
 * statement->columns, when set, is checked as by app_query_n().
 */
void app_query_cookie(struct app *app, void *owner, long cookie,
                      const struct db_statement *statement, app_result_fn fn);
/* The cookie of the query whose callback is running; 0 outside one. */
long app_answer_cookie(const struct app *app);

/* Like app_query(), for a statement that may carry binary parameters (and
 * statement->columns checked as by app_query_n()). */
void app_query_with(struct app *app, void *owner, const struct db_statement *statement,
                    app_result_fn fn);

/* Like app_query(), for search as you type: `owner`'s queries with the
 * same `tag` not sent yet are dropped, the one in flight answers nobody
 * (and is cancelled, without waiting, only if it is slow); the newest goes
 * out at once behind it, so it is answered about one round trip after the
 * key.  At most two of a tag are in flight.  Other queries of the owner (a
 * save) are never touched. */
void app_query_latest(struct app *app, void *owner, const void *tag, const char *sql,
                      int nparams, const char *const *params, app_result_fn fn);
/* app_query_latest() with the column check of app_query_n(). */
void app_query_latest_n(struct app *app, void *owner, const void *tag, const char *sql,
                        int columns, int nparams, const char *const *params, app_result_fn fn);

/* Sends statements as one pipelined batch (one round trip, one
 * transaction: all succeed or none); fn gets all the results.  A statement
 * whose `columns` is set and whose answer has another count fails the
 * batch for fn (STATUS_DB_ERROR), as app_query_n() does. */
void app_batch(struct app *app, void *owner, const struct db_statement *statements, int count,
               app_batch_fn fn);

/* Runs one statement and waits (at most a few seconds): only for keeping a
 * draft when the session ends.  Returns the status. */
enum status app_exec_now(struct app *app, const char *sql, int nparams, const char *const *params);

/* Screens open and close by the reactions their handlers and callbacks
 * return (screen.h); the app alone changes the stack. */
void app_quit(struct app *app, int exit_status);
const struct keymap *app_keymap(const struct app *app);
/* Key map context of the screen below the top (what Help explains). */
const char *app_previous_context(const struct app *app);

/* What the app handles itself whatever the screen (help, back, quit, the
 * menu, details, cancel, ':', redraw), ACTION_NONE-ended. */
extern const enum action app_global_actions[];

/* Message line: one sentence, with optional technical detail (F8). */
void app_message(struct app *app, const char *text);
void app_error(struct app *app, enum status status, const char *detail);
void app_clear_message(struct app *app);
/* The last statement failed with `status`: shows the database's own
 * sentence when it wrote one for clerks (the rules of the schema do),
 * else the status's sentence; the full text is the detail (F8). */
void app_error_db(struct app *app, enum status status);
/* The message has more to show on F8: a technical detail, or its own text
 * when it is wider than the message line. */
bool app_has_detail(const struct app *app);
/* The sentence on the message line ("" when none). */
const char *app_current_message(const struct app *app);

/* Asks for a redraw at the end of this pass. */
void app_dirty(struct app *app);

#endif
