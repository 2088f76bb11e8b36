/*
 * admin_account.h - hrmis logins: one PostgreSQL LOGIN role per person,
 * member of hr_login and of the group of its kind, with a row in
 * hr.account naming its organisation.  Needs a superuser connection.
 */
#ifndef HRMIS_ADMIN_ACCOUNT_H
#define HRMIS_ADMIN_ACCOUNT_H

#include <stdbool.h>
#include <stdio.h>

#include "db.h"
#include "status.h"

/* True when `name` is a valid login name: ^[a-z_][a-z0-9_]{0,62}$. */
bool admin_account_valid_name(const char *name);

/* True when `kind` is clerk, head, ministry, agency or auditor. */
bool admin_account_valid_kind(const char *kind);

/*
 * Creates login `name` of `kind` for the organisation with code `org_code`
 * (in one transaction, through admin.create_login()).  Returns STATUS_OK or
 * the database failure (db_detail(db) explains: name taken, unknown org ...).
 */
enum status admin_account_add(struct db *db, const char *name, const char *org_code,
                              const char *kind);

/*
 * Gives login `name` a password on top of its certificate (two factors):
 * the SCRAM verifier is computed here and stored through
 * admin.set_password().  Returns STATUS_OK or the database failure.
 */
enum status admin_account_set_password(struct db *db, const char *name, const char *password);

/* Writes one line per account (login, kind, org code, org name, whether the
 * role may log in) to `out`.  Returns STATUS_OK or the database failure. */
enum status admin_account_list(struct db *db, FILE *out);

#endif
