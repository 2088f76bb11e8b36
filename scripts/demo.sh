#!/bin/sh
# demo.sh - `make demo`: a throwaway TLS PostgreSQL under .devdb/ with the
# demo data, then hrmis as the demo clerk of the Ministry of Environment.
# HRMIS_DEMO_LOGIN picks another demo login (head_moe, clerk_for, clerk_mwa,
# ministry_moe, agency_csa, auditor_csa).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
devdb="$root/scripts/devdb.sh"
login=${HRMIS_DEMO_LOGIN:-clerk_moe}

# As root the server runs as postgres, which must reach the data directory;
# a checkout under /root is out of its reach, so the cluster goes to /tmp.
if [ -z "${HRMIS_DEVDB_DIR:-}" ] && [ "$(id -u)" = 0 ] &&
	! runuser -u postgres -- test -x "$root" 2>/dev/null; then
	export HRMIS_DEVDB_DIR=/tmp/hrmis-devdb
fi
"$devdb" start
"$devdb" admin migrate >/dev/null
"$devdb" admin seed --demo >/dev/null
# A few orders to look at: keyed by the clerk, two of them signed by the head.
"$devdb" psql clerk_moe -q -v ON_ERROR_STOP=1 -f "$root/scripts/demo_orders.sql" >/dev/null
"$devdb" psql head_moe -q -v ON_ERROR_STOP=1 -f "$root/scripts/demo_sign.sql" >/dev/null
conf=$("$devdb" conf "$login")
if [ ! -t 0 ] || [ ! -t 1 ]; then
	echo "demo database ready; run: $root/build/hrmis --config $conf"
	exit 0
fi
status=0
"$root/build/hrmis" --config "$conf" || status=$?
echo "hrmis exited with status $status. The demo database keeps running:"
echo "  scripts/devdb.sh psql $login      SQL as $login, with its certificate"
echo "  HRMIS_DEMO_LOGIN=ministry_moe make demo   the same as another login"
echo "  scripts/devdb.sh stop              stop it (destroy removes it)"
exit "$status"
