/* status.h - the single error vocabulary shared by every layer. */
#ifndef HRMIS_STATUS_H
#define HRMIS_STATUS_H

enum status {
#define STATUS(sym, text) STATUS_##sym,
#include "status.def"
#undef STATUS
	STATUS_COUNT
};

/* Returns the plain sentence for `status` (static storage, never NULL). */
const char *status_message(enum status status);

/* Returns the symbolic name, e.g. "DB_LOST" (static storage, never NULL). */
const char *status_name(enum status status);

/*
 * Maps a five-character SQLSTATE to the status a clerk should see.
 * NULL or unknown codes give STATUS_DB_ERROR.
 */
enum status status_from_sqlstate(const char *sqlstate);

/*
 * Maps the text libpq gives for a failed connection (PQerrorMessage) to a
 * status.  The text is the only information libpq offers about why a
 * connection failed, so this matches its known phrases.
 */
enum status status_from_connect_error(const char *message);

#endif
