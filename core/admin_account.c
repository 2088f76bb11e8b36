/* admin_account.c - create and list hrmis logins (superuser side). */
#include "admin_account.h"

#include <stdlib.h>
#include <string.h>

static const char *const add_sql = "SELECT admin.create_login($1, $2, $3)";

static const char *const password_sql = "SELECT admin.set_password($1, $2)";

static const char *const list_sql =
        "SELECT a.role_name, a.kind, o.code, o.name, coalesce(r.rolcanlogin, false) "
        "FROM hr.account a JOIN hr.org o ON o.id = a.org_id "
        "LEFT JOIN pg_catalog.pg_roles r ON r.rolname = a.role_name "
        "ORDER BY o.code, a.role_name";

bool admin_account_valid_name(const char *name)
{
	size_t len = name ? strlen(name) : 0;

	if (len == 0 || len > 63 || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '_'))
			return false;
	return true;
}

bool admin_account_valid_kind(const char *kind)
{
	static const char *const kinds[] = { "clerk", "head", "ministry", "agency", "auditor" };

	for (size_t i = 0; kind != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

enum status admin_account_add(struct db *db, const char *name, const char *org_code,
                              const char *kind)
{
	const char *params[] = { name, org_code, kind };

	return db_command(db, add_sql, 3, params);
}

enum status admin_account_set_password(struct db *db, const char *name, const char *password)
{
	char *verifier = db_password_verifier(db, name, password);
	enum status status;

	if (verifier == NULL)
		return db_status(db);
	const char *params[] = { name, verifier };
	status = db_command(db, password_sql, 2, params);
	free(verifier);
	return status;
}

enum status admin_account_list(struct db *db, FILE *out)
{
	PGresult *res = db_exec(db, list_sql, 0, NULL);

	if (res == NULL)
		return db_status(db);
	for (int row = 0; row < PQntuples(res); row++)
		fprintf(out, "%-24s %-9s %-10s %s%s\n", db_value(res, row, 0),
		        db_value(res, row, 1), db_value(res, row, 2), db_value(res, row, 3),
		        strcmp(db_value(res, row, 4), "t") == 0 ? "" : "  (cannot log in)");
	db_result_free(&res);
	return STATUS_OK;
}
