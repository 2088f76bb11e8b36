/*
 * seed.h - fixed demonstration data: the Civil Service Agency, three
 * ministries, two subordinate organisations, their departments, positions,
 * a few dozen people each, and seven demo logins.  Needs a superuser
 * connection (row-level security is forced even for the table owners).
 */
#ifndef HRMIS_SEED_H
#define HRMIS_SEED_H

#include <stdbool.h>

#include "db.h"
#include "status.h"

/*
 * Loads the demo data in one transaction.  When the data is already there
 * (organisation CSA exists) it changes nothing and sets *already_loaded.
 * Returns STATUS_OK or the database failure (db_detail(db) explains); after
 * a failure the transaction stays open and aborted, so nothing was loaded
 * and the caller closes the connection or rolls back.
 */
enum status seed_demo(struct db *db, bool *already_loaded);

#endif
