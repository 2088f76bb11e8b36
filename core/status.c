/* status.c - sentences for statuses and mapping of database failures to them. */
#include "status.h"

#include <string.h>

static const char *const messages[] = {
#define STATUS(sym, text) text,
#include "status.def"
#undef STATUS
};

static const char *const names[] = {
#define STATUS(sym, text) #sym,
#include "status.def"
#undef STATUS
};

const char *status_message(enum status status)
{
	if ((unsigned)status >= STATUS_COUNT)
		return "Unknown error.";
	return messages[status];
}

const char *status_name(enum status status)
{
	if ((unsigned)status >= STATUS_COUNT)
		return "UNKNOWN";
	return names[status];
}

enum status status_from_sqlstate(const char *sqlstate)
{
	static const struct {
		const char *prefix;
		enum status status;
	} map[] = {
		{ "42501", STATUS_DB_PERMISSION }, /* insufficient privilege, RLS */
		{ "23505", STATUS_DB_DUPLICATE },
		{ "23503", STATUS_DB_REFERENCE },
		{ "23P01", STATUS_DB_INVALID }, /* exclusion: overlapping period */
		{ "23", STATUS_DB_INVALID },    /* other integrity violations */
		{ "22", STATUS_DB_INVALID },    /* data exceptions: bad dates ... */
		{ "40001", STATUS_DB_BUSY },
		{ "40P01", STATUS_DB_BUSY },
		{ "55P03", STATUS_DB_BUSY },      /* lock not available */
		{ "57014", STATUS_DB_CANCELLED }, /* query_canceled */
		{ "57P01", STATUS_DB_LOST },      /* admin shutdown */
		{ "08", STATUS_DB_LOST },
		{ "28000", STATUS_DB_LOGIN_UNKNOWN },
		{ "28P01", STATUS_DB_PASSWORD },
		{ "42P01", STATUS_DB_SCHEMA }, /* undefined table */
		{ "42883", STATUS_DB_SCHEMA }, /* undefined function */
		{ "3F000", STATUS_DB_SCHEMA }, /* undefined schema */
	};

	if (sqlstate == NULL || strlen(sqlstate) != 5)
		return STATUS_DB_ERROR;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strncmp(sqlstate, map[i].prefix, strlen(map[i].prefix)) == 0)
			return map[i].status;
	return STATUS_DB_ERROR;
}

enum status status_from_connect_error(const char *message)
{
	/* Order matters: the most specific phrases first. */
	static const struct {
		const char *phrase;
		enum status status;
	} map[] = {
		{ "does not match host name", STATUS_DB_TLS_NAME },
		{ "server certificate for", STATUS_DB_TLS_NAME },
		{ "certificate verify failed", STATUS_DB_TLS_UNTRUSTED },
		{ "root certificate file", STATUS_DB_TLS_UNTRUSTED },
		{ "could not read root certificate", STATUS_DB_TLS_UNTRUSTED },
		{ "certificate authentication failed", STATUS_DB_CLIENT_CERT },
		{ "connection requires a valid client certificate", STATUS_DB_CLIENT_CERT },
		{ "certificate file", STATUS_DB_CLIENT_CERT },
		{ "private key file", STATUS_DB_CLIENT_CERT },
		{ "tlsv13 alert certificate required", STATUS_DB_CLIENT_CERT },
		{ "sslv3 alert", STATUS_DB_CLIENT_CERT },
		{ "no pg_hba.conf entry", STATUS_DB_LOGIN_UNKNOWN },
		{ "pg_hba.conf rejects connection", STATUS_DB_LOGIN_UNKNOWN },
		{ "FATAL:  database \"", STATUS_DB_NO_DATABASE },
		{ "does not exist", STATUS_DB_LOGIN_UNKNOWN },
		{ "not permitted to log in", STATUS_DB_LOGIN_UNKNOWN },
		{ "password authentication failed", STATUS_DB_PASSWORD },
		{ "no password supplied", STATUS_DB_PASSWORD },
		{ "timeout expired", STATUS_DB_TIMEOUT },
		{ "Connection refused", STATUS_DB_UNREACHABLE },
		{ "could not translate host name", STATUS_DB_UNREACHABLE },
		{ "No route to host", STATUS_DB_UNREACHABLE },
		{ "Network is unreachable", STATUS_DB_UNREACHABLE },
		{ "server closed the connection", STATUS_DB_LOST },
	};

	if (message == NULL)
		return STATUS_DB_ERROR;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strstr(message, map[i].phrase) != NULL)
			return map[i].status;
	return STATUS_DB_ERROR;
}
