#!/bin/sh
# devdb.sh - a throwaway PostgreSQL 15 with TLS and certificate logins for
# development and the db tests.  Listens on 127.0.0.1 only; the superuser
# reaches it only through a unix socket in a private directory.
#
#   devdb.sh start | stop | status | destroy
#   devdb.sh cert LOGIN | env [LOGIN] | psql LOGIN [ARGS] | conf LOGIN | admin ARGS
#
# HRMIS_DEVDB_DIR (default <repo>/.devdb), HRMIS_DEVDB_PORT (default 54329),
# HRMIS_ADMIN (default <repo>/build/hrmis-admin).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${HRMIS_DEVDB_DIR:-$ROOT/.devdb}
PORT=${HRMIS_DEVDB_PORT:-54329}
PGBIN=/usr/lib/postgresql/15/bin
DEMO_LOGINS="clerk_moe head_moe clerk_for clerk_mwa ministry_moe agency_csa auditor_csa"

die() {
	echo "devdb: $*" >&2
	if [ -f "$DIR/server.log" ]; then
		echo "--- last lines of $DIR/server.log ---" >&2
		tail -n 15 "$DIR/server.log" >&2
	fi
	exit 1
}

usage() {
	sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# Absolute path of DIR (created on demand by start).
case $DIR in /*) ;; *) DIR=$(pwd)/$DIR ;; esac
DATA=$DIR/data
RUNDIR=$DIR/run
TLS=$DIR/tls

# As root the server runs as "postgres" (initdb refuses root).
if [ "$(id -u)" = 0 ]; then
	AS_SERVER="runuser -u postgres --"
	SUPERUSER=postgres
else
	AS_SERVER=""
	SUPERUSER=$(id -un)
fi

valid_login() {
	printf '%s\n' "$1" | grep -Eq '^[a-z_][a-z0-9_]{0,62}$' ||
		{ echo "devdb: \"$1\" is not a valid login name" >&2; exit 2; }
}

running() {
	[ -f "$DATA/PG_VERSION" ] && $AS_SERVER "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# issue STEM CN EXTENSIONS: key + certificate signed by the dev CA.  A random
# serial (no shared serial file) lets several certificates be issued at once.
issue() {
	openssl req -new -nodes -newkey rsa:2048 -subj "/CN=$2" \
		-keyout "$TLS/$1.key" -out "$TLS/$1.csr" 2>/dev/null || die "openssl req failed for $1"
	printf '%b\n' "$3" >"$TLS/$1.ext"
	openssl x509 -req -in "$TLS/$1.csr" -CA "$TLS/ca.crt" -CAkey "$TLS/ca.key" \
		-set_serial "0x$(openssl rand -hex 16)" -days 365 -extfile "$TLS/$1.ext" -out "$TLS/$1.crt" 2>/dev/null ||
		die "openssl x509 failed for $1"
	chmod 600 "$TLS/$1.key"
	rm -f "$TLS/$1.csr" "$TLS/$1.ext"
}

issue_client() {
	valid_login "$1"
	[ -f "$TLS/$1.crt" ] && [ -f "$TLS/$1.key" ] && return 0
	issue "$1" "$1" 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth'
}

make_tls() {
	mkdir -p "$TLS"
	chmod 755 "$TLS"
	openssl req -new -x509 -days 365 -nodes -newkey rsa:2048 -subj "/CN=hrmis-devdb-ca" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" \
		-keyout "$TLS/ca.key" -out "$TLS/ca.crt" 2>/dev/null || die "cannot create the CA"
	chmod 600 "$TLS/ca.key"
	issue server localhost \
		'subjectAltName=DNS:localhost,IP:127.0.0.1\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth'
	for login in $DEMO_LOGINS; do
		issue_client "$login"
	done
}

create() {
	mkdir -p "$DIR" || die "cannot create $DIR"
	chmod 755 "$DIR"
	touch "$DIR/.hrmis-devdb"
	if [ -n "$AS_SERVER" ] && ! $AS_SERVER test -x "$DIR"; then
		echo "devdb: user postgres cannot reach $DIR (a parent directory is not" \
			"searchable by others, e.g. /root); set HRMIS_DEVDB_DIR to a path under /tmp" >&2
		exit 1
	fi
	make_tls
	mkdir -p "$DATA" "$RUNDIR"
	cp "$TLS/server.crt" "$TLS/server.key" "$TLS/ca.crt" "$DIR/"
	touch "$DIR/server.log"
	if [ -n "$AS_SERVER" ]; then
		chown postgres: "$DATA" "$RUNDIR" "$DIR/server.crt" "$DIR/server.key" \
			"$DIR/ca.crt" "$DIR/server.log"
	fi
	chmod 700 "$DATA" "$RUNDIR"
	chmod 600 "$DIR/server.key"
	$AS_SERVER "$PGBIN/initdb" -D "$DATA" -U "$SUPERUSER" -E UTF8 --locale=C.UTF-8 \
		--auth-local=trust --auth-host=reject >"$DIR/initdb.log" 2>&1 ||
		{ cat "$DIR/initdb.log" >&2; die "initdb failed"; }
	$AS_SERVER sh -c "cat >>'$DATA/postgresql.conf'" <<CONF
# hrmis devdb
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$RUNDIR'
unix_socket_permissions = 0700
ssl = on
ssl_cert_file = '$DIR/server.crt'
ssl_key_file = '$DIR/server.key'
ssl_ca_file = '$DIR/ca.crt'
ssl_min_protocol_version = 'TLSv1.3'
password_encryption = 'scram-sha-256'
log_connections = on
fsync = off
CONF
	$AS_SERVER sh -c "cat >'$DATA/pg_hba.conf'" <<HBA
# TYPE   DATABASE USER       ADDRESS       METHOD
local    all      $SUPERUSER               trust
local    all      all                      reject
hostssl  hrmis    +hr_password 127.0.0.1/32 scram-sha-256 clientcert=verify-full
hostssl  hrmis    +hr_login  127.0.0.1/32  cert map=hrcert
hostssl  all      all        0.0.0.0/0     reject
host     all      all        0.0.0.0/0     reject
host     all      all        ::/0          reject
HBA
	$AS_SERVER sh -c "cat >'$DATA/pg_ident.conf'" <<'IDENT'
# The certificate's CN is the role name.
hrcert  /^([a-z_][a-z0-9_]*)$  \1
IDENT
	echo "$SUPERUSER" >"$DIR/superuser"
	pg_start
	$AS_SERVER "$PGBIN/psql" -X -q -h "$RUNDIR" -p "$PORT" -U "$SUPERUSER" -d postgres \
		-c "CREATE DATABASE hrmis" >/dev/null || die "cannot create database hrmis"
}

pg_start() {
	$AS_SERVER "$PGBIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 30 start >/dev/null ||
		die "the server did not start"
}

cmd_start() {
	if [ ! -f "$DATA/PG_VERSION" ]; then
		[ -e "$DIR" ] && [ ! -f "$DIR/.hrmis-devdb" ] && [ -n "$(ls -A "$DIR")" ] &&
			die "$DIR exists and is not a devdb directory"
		create
		echo "devdb: created and started on 127.0.0.1:$PORT ($DIR)"
	elif running; then
		echo "devdb: already running on 127.0.0.1:$PORT"
	else
		pg_start
		echo "devdb: started on 127.0.0.1:$PORT"
	fi
}

cmd_stop() {
	if running; then
		$AS_SERVER "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null || die "stop failed"
		echo "devdb: stopped"
	fi
}

need_cluster() {
	[ -f "$DATA/PG_VERSION" ] || { echo "devdb: no cluster in $DIR; run start first" >&2; exit 1; }
}

client_env() {
	echo "export PGHOST=localhost PGPORT=$PORT PGDATABASE=hrmis PGSSLMODE=verify-full"
	echo "export PGSSLROOTCERT=$TLS/ca.crt"
	if [ $# -gt 0 ]; then
		echo "export PGUSER=$1 PGSSLCERT=$TLS/$1.crt PGSSLKEY=$TLS/$1.key"
	fi
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
start) cmd_start ;;
stop) cmd_stop ;;
status)
	if running; then echo "devdb: running on 127.0.0.1:$PORT ($DIR)"; else
		echo "devdb: not running ($DIR)"; exit 3; fi ;;
destroy)
	if [ -e "$DIR" ]; then
		[ -f "$DIR/.hrmis-devdb" ] || die "$DIR is not a devdb directory; not removing it"
		cmd_stop
		rm -rf "$DIR"
		echo "devdb: removed $DIR"
	fi ;;
cert)
	[ $# -eq 1 ] || usage
	need_cluster
	issue_client "$1"
	echo "$TLS/$1.crt" ;;
env)
	[ $# -le 1 ] || usage
	[ $# -eq 1 ] && valid_login "$1"
	client_env "$@" ;;
psql)
	[ $# -ge 1 ] || usage
	valid_login "$1"
	need_cluster
	login=$1
	shift
	[ -f "$TLS/$login.crt" ] || die "no certificate for $login; run: devdb.sh cert $login"
	eval "$(client_env "$login")"
	exec psql -X "$@" ;;
conf)
	[ $# -eq 1 ] || usage
	valid_login "$1"
	need_cluster
	umask 077
	cat >"$DIR/$1.conf" <<CONF
# hrmis client configuration for $1 (written by devdb.sh)
database = {
  host = "localhost"; port = $PORT; dbname = "hrmis"; user = "$1";
  sslmode = "verify-full"; sslrootcert = "$TLS/ca.crt";
  sslcert = "$TLS/$1.crt"; sslkey = "$TLS/$1.key";
};
CONF
	echo "$DIR/$1.conf" ;;
admin)
	need_cluster
	running || die "the server is not running; run start first"
	PGHOST=$RUNDIR PGPORT=$PORT PGUSER=$SUPERUSER PGDATABASE=hrmis PGSSLMODE=disable \
		exec "${HRMIS_ADMIN:-$ROOT/build/hrmis-admin}" "$@" ;;
*) usage ;;
esac
