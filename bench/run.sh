#!/bin/sh
# run.sh BUILD - `make bench`: measures hrmis on a throwaway TLS cluster and
# writes the figures, with the machine and date, into docs/PERFORMANCE.md
# (between the bench markers), next to the same SQL run through psql.
#
# Three clusters: the demo data (small queries, connecting, terminal
# output); one seeded with `hrmis-admin seed --orgs 4000 --employees 400000
# --seed 1` for the personnel register at scale (a couple of minutes to
# load); and the demo data with `bench_orders --setup` for personnel orders
# (under two minutes).  HRMIS_BENCH_PARTS="demo scale orders"
# (default) picks the parts.  A run of demo and scale rewrites the whole
# block of docs/PERFORMANCE.md (keeping the orders part there when it did
# not run); a run of orders without them rewrites only its part of the
# block.  HRMIS_BENCH_REGISTER_RUNS (default 30) samples per register case;
# HRMIS_BENCH_ORDER_RUNS (20) leave orders signed, HRMIS_BENCH_ORDER_SIGNERS
# (20, at most 20) concurrent signers of HRMIS_BENCH_ORDER_TOTAL (10000)
# committed orders.  Ports: HRMIS_BENCH_PORT (54338), HRMIS_BENCH_SCALE_PORT
# (54336), HRMIS_BENCH_ORDERS_PORT (54337); the directories are new each run.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$root/${1:-build}" && pwd)
runs=${HRMIS_BENCH_RUNS:-500}
parts=${HRMIS_BENCH_PARTS:-demo scale orders}
register_runs=${HRMIS_BENCH_REGISTER_RUNS:-30}
order_runs=${HRMIS_BENCH_ORDER_RUNS:-20}
order_signers=${HRMIS_BENCH_ORDER_SIGNERS:-20}
order_total=${HRMIS_BENCH_ORDER_TOTAL:-10000}
scale_port=${HRMIS_BENCH_SCALE_PORT:-54336}
scale_dir=$(mktemp -d /tmp/hrmis-bench-scale.XXXXXX)
orders_port=${HRMIS_BENCH_ORDERS_PORT:-54337}
orders_dir=$(mktemp -d /tmp/hrmis-bench-orders.XXXXXX)
chmod 755 "$scale_dir" "$orders_dir"
export HRMIS_DEVDB_PORT=${HRMIS_BENCH_PORT:-54338}
export HRMIS_DEVDB_DIR=$(mktemp -d /tmp/hrmis-bench.XXXXXX)
export HRMIS_ADMIN=$build/hrmis-admin
chmod 755 "$HRMIS_DEVDB_DIR"
devdb=$root/scripts/devdb.sh
out=$build/bench-results.md
orders_out=$build/bench-results-orders.md
trap '"$devdb" destroy >/dev/null 2>&1 || true
	HRMIS_DEVDB_DIR=$scale_dir HRMIS_DEVDB_PORT=$scale_port "$devdb" destroy >/dev/null 2>&1 || true
	HRMIS_DEVDB_DIR=$orders_dir HRMIS_DEVDB_PORT=$orders_port "$devdb" destroy >/dev/null 2>&1 || true
	rm -rf "$scale_dir" "$orders_dir"; rmdir "$HRMIS_DEVDB_DIR" 2>/dev/null || true' EXIT INT TERM
: >"$out"
: >"$orders_out"

# The machine and server, three lines for a "Measured ... on" sentence.
machine() {
	echo "$(uname -m), $(nproc) cores,"
	echo "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
	echo "$(free -g | awk '/Mem:/ { print $2 }') GiB RAM, $(psql --version | sed 's/psql //'),"
}

# p50 and p95 of the numbers on stdin (milliseconds).
percentiles() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "- -"; exit }
		i50 = int(0.50 * (NR - 1) + 0.5) + 1; i95 = int(0.95 * (NR - 1) + 0.5) + 1
		printf "%.3f %.3f\n", v[i50], v[i95] }'
}

# The same statement N times through psql, its own \timing per statement.
psql_times() {
	login=$1 sql=$2
	script=$HRMIS_DEVDB_DIR/bench.sql
	{ printf '%s\n' '\timing on'; i=0; while [ $i -lt "$runs" ]; do echo "$sql;"; i=$((i + 1)); done; } >"$script"
	"$devdb" psql "$login" -X -q -o /dev/null -f "$script" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' |
		percentiles
}

# psql started afresh each time: process start, TLS, certificate login, one query.
psql_connect_times() {
	login=$1
	eval "$("$devdb" env "$login")"
	i=0
	while [ $i -lt 40 ]; do
		t0=$(date +%s%N)
		psql -X -q -o /dev/null -c 'SELECT login FROM hr.whoami()'
		t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 1000 ))" | awk '{ printf "%.3f\n", $1 / 1000 }'
		i=$((i + 1))
	done | percentiles
}

sql_for() {
	case $1 in
	whoami) echo "SELECT login, kind, org_code, org_name FROM hr.whoami()" ;;
	count_person) echo "SELECT count(*) FROM hr.person" ;;
	list_person_50) echo "SELECT id, last_name, first_name FROM hr.person ORDER BY last_name, first_name, id LIMIT 50" ;;
	esac
}

case " $parts " in *" demo "*)
"$devdb" start >/dev/null
"$devdb" admin migrate >/dev/null
"$devdb" admin seed --demo >/dev/null
{
	machine | sed "1s/^/Measured $(date -u '+%Y-%m-%d %H:%M UTC') on /"
	echo "loopback TLS 1.3, certificate login, demo data ($runs samples per query)."
	echo
	echo "### Queries as real logins (milliseconds, client round trip)"
	echo
	echo "| login | statement | hrmis (libpq wrapper) p50 | p95 | psql \\\\timing p50 | p95 |"
	echo "|---|---|---|---|---|---|"
	for login in clerk_moe ministry_moe; do
		"$build/bench/bench_query" "$login" "$runs" >"$HRMIS_DEVDB_DIR/q.txt"
		while read -r name p50 p95 n; do
			case $name in connect_tls_whoami | profile_open_*) continue ;; esac
			set -- $(psql_times "$login" "$(sql_for "$name")")
			echo "| $login | \`$(sql_for "$name")\` | $p50 | $p95 | $1 | $2 |"
		done <"$HRMIS_DEVDB_DIR/q.txt"
	done
	echo
	echo "### Connecting (milliseconds)"
	echo
	echo "| what | p50 | p95 |"
	echo "|---|---|---|"
	set -- $(grep '^connect_tls_whoami' "$HRMIS_DEVDB_DIR/q.txt" | cut -d' ' -f2,3)
	echo "| TLS connect + certificate login + whoami, in-process (libpq wrapper) | $1 | $2 |"
	set -- $(psql_connect_times clerk_moe)
	echo "| the same with a fresh \`psql -c\` process each time | $1 | $2 |"
	conf=$("$devdb" conf clerk_moe)
	"$build/bench/bench_screen" "$build/hrmis" "$conf" 20 >"$HRMIS_DEVDB_DIR/s.txt"
	set -- $(grep '^start_to_home_p50' "$HRMIS_DEVDB_DIR/s.txt" | cut -d' ' -f2) \
		$(grep '^start_to_home_p95' "$HRMIS_DEVDB_DIR/s.txt" | cut -d' ' -f2)
	echo "| \`hrmis\` start on a pty until Home is on screen | $1 | $2 |"
	echo
	echo "### Terminal output and memory (80x24, xterm-256color)"
	echo
	echo "| what | value |"
	echo "|---|---|"
	grep -v '^start_to_home' "$HRMIS_DEVDB_DIR/s.txt" | while read -r name value unit; do
		echo "| $name | $value $unit |"
	done
} >>"$out"
;; esac

# ---- the personnel file at scale ----------------------------------------
# The register query of core/person/person.c as bench_clerk (an organisation of
# about 100 people) and bench_ministry (the largest ministry, about 200
# organisations), each case beside the same SQL through psql.
scale() {
	export HRMIS_DEVDB_DIR=$scale_dir HRMIS_DEVDB_PORT=$scale_port
	"$devdb" start >/dev/null
	"$devdb" admin migrate >/dev/null
	t0=$(date +%s%N)
	"$devdb" admin seed --orgs 4000 --employees 400000 --seed 1 >"$scale_dir/logins.txt" 2>"$scale_dir/seed.txt"
	t1=$(date +%s%N)
	for login in bench_clerk bench_ministry; do
		"$devdb" cert "$login" >/dev/null
	done
	su=$(cat "$scale_dir/superuser")
	size=$(psql -X -At -h "$scale_dir/run" -p "$scale_port" -U "$su" -d hrmis \
		-c "SELECT pg_size_pretty(pg_database_size('hrmis'))")
	echo
	echo "### Personnel file at scale (400,000 people, 4,000 organisations)"
	echo
	echo "\`hrmis-admin seed --orgs 4000 --employees 400000 --seed 1\`: $(( (t1 - t0) / 1000000000 )) s" \
		"(database $size); $register_runs samples per case; search typed character by character."
	echo
	sed 's/^/    /' "$scale_dir/logins.txt"
	echo
	echo "| login | search | page | rows | hrmis round trip p50 | p95 | server plan+exec p50 | p95 | psql \\\\timing p50 | p95 |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	for login in bench_clerk bench_ministry; do
		mkdir -p "$scale_dir/sql-$login"
		"$build/bench/bench_register" "$login" "$register_runs" "$scale_dir/sql-$login" >"$scale_dir/r-$login.txt"
		while read -r name rows c50 c95 s50 s95 n; do
			case $name in
			empty) what="(none) | 1" ;;
			empty_page2) what="(none) | 2" ;;
			empty_page11) what="(none) | 11" ;;
			latin_1_page2) what="a | 2" ;;
			*) what="$(search_of "$name") | 1" ;;
			esac
			if [ "$n" = 0 ]; then
				echo "| $login | $what | - | - | - | - | - | - | - |"
				continue
			fi
			set -- $(runs=$register_runs psql_times "$login" "$(cat "$scale_dir/sql-$login/$name.sql")")
			echo "| $login | $what | $rows | $c50 | $c95 | $s50 | $s95 | $1 | $2 |"
		done <"$scale_dir/r-$login.txt"
	done
	# ---- profile open at scale ------------------------------------------
	# A whole file (every section and the service periods) as the profile
	# screen reads it: one pipelined round trip, beside the same statements
	# one round trip each.
	echo
	echo "Opening a file (13 statements), milliseconds, client round trip:"
	echo
	echo "| login | pipelined p50 | p95 | one trip per statement p50 | p95 |"
	echo "|---|---|---|---|---|"
	for login in bench_clerk bench_ministry; do
		"$build/bench/bench_query" "$login" 200 >"$scale_dir/q-$login.txt"
		set -- $(grep '^profile_open_pipelined' "$scale_dir/q-$login.txt" | cut -d' ' -f2,3) \
			$(grep '^profile_open_sequential' "$scale_dir/q-$login.txt" | cut -d' ' -f2,3)
		echo "| $login | $1 | $2 | $3 | $4 |"
	done
	# ---- structure and staffing table at scale --------------------------
	# One organisation of 300 departments and 5,000 positions, added by
	# bench_structure --setup under bench_ministry's ministry, as its clerk;
	# the staffing totals of the ministry's organisations as bench_ministry.
	"$build/bench/bench_structure" --setup >"$scale_dir/structure-setup.txt"
	"$devdb" cert bench_struct_clerk >/dev/null
	mkdir -p "$scale_dir/sql-structure"
	"$build/bench/bench_structure" bench_struct_clerk bench_ministry "$register_runs" \
		"$scale_dir/sql-structure" >"$scale_dir/structure.txt"
	echo
	echo "### Structure and staffing table at scale (milliseconds)"
	echo
	sed 's/^/    /' "$scale_dir/structure-setup.txt"
	echo
	echo "| login | query | rows | hrmis round trip p50 | p95 | server plan+exec p50 | p95 | psql \\\\timing p50 | p95 |"
	echo "|---|---|---|---|---|---|---|---|---|"
	while read -r name login rows c50 c95 s50 s95 n; do
		set -- $(runs=$register_runs psql_times "$login" "$(cat "$scale_dir/sql-structure/$name.sql")")
		echo "| $login | $(structure_case "$name") | $rows | $c50 | $c95 | $s50 | $s95 | $1 | $2 |"
	done <"$scale_dir/structure.txt"
	echo
	echo "Seed phases:"
	echo
	sed 's/^/    /' "$scale_dir/seed.txt"
}

# What a bench_structure case reads.
structure_case() {
	case $1 in
	tree) echo "department tree, today" ;;
	tree_2023) echo "department tree as of 2023-01-01" ;;
	staffing) echo "staffing table, today (positions, department and org totals)" ;;
	vacancies) echo "vacancy list" ;;
	vacancies_grade) echo "vacancy list, one grade" ;;
	by_org) echo "staffing totals of every organisation it sees" ;;
	staffing_ministry) echo "staffing table of the large organisation" ;;
	*) echo "$1" ;;
	esac
}

# The search text of a case, as bench_register types it.
search_of() {
	case $1 in
	latin_1) echo "a" ;; latin_2) echo "ah" ;; latin_3) echo "ahm" ;; latin_5) echo "ahmet" ;;
	cyrillic_1) echo "и" ;; cyrillic_2) echo "ив" ;; cyrillic_3) echo "ива" ;; cyrillic_5) echo "ивано" ;;
	hangul_1) echo "남" ;; hangul_2) echo "남궁" ;; hangul_3) echo "남궁␠" ;; hangul_5) echo "남궁 민준" ;;
	personnel_no) echo "00004 (personnel no.)" ;;
	position_common) echo "specialist (a title most people hold)" ;;
	department_word) echo "finance (a department name)" ;;
	*) echo "$1" ;;
	esac
}

case " $parts " in *" scale "*) (scale) >>"$out" ;; esac

# ---- personnel orders ------------------------------------------------------
# The demo data and bench_orders --setup (100 people employed in MOE, the
# heads head_b01..head_b20): a leave order of 100 employees signed as
# head_moe beside the same absence rows by one INSERT as the superuser, then
# award orders signed by one head alone and by concurrent heads, each on its
# own connection, with the register's numbers checked afterwards; then the
# leave orders again with 4,000 more organisations in the service.
orders() {
	export HRMIS_DEVDB_DIR=$orders_dir HRMIS_DEVDB_PORT=$orders_port
	"$devdb" start >/dev/null
	"$devdb" admin migrate >/dev/null
	"$devdb" admin seed --demo >/dev/null
	"$build/bench/bench_orders" --setup >"$orders_dir/setup.txt"
	i=1
	while [ $i -le 20 ]; do
		"$devdb" cert "$(printf 'head_b%02d' $i)" >/dev/null &
		i=$((i + 1))
	done
	wait
	"$build/bench/bench_orders" leave "$order_runs" >"$orders_dir/leave.txt"
	"$build/bench/bench_orders" numbering 1 500 >"$orders_dir/numbering.txt"
	"$build/bench/bench_orders" numbering "$order_signers" "$order_total" \
		>>"$orders_dir/numbering.txt"
	# The leave orders again with as many organisations as the scale seed's.
	"$build/bench/bench_orders" orgs 4000 >"$orders_dir/orgs.txt"
	"$build/bench/bench_orders" leave "$order_runs" >"$orders_dir/leave-orgs.txt"
	orgs=$(cut -d' ' -f2 "$orders_dir/orgs.txt")
	echo "<!-- bench:orders:begin -->"
	echo "### Personnel orders (milliseconds)"
	echo
	machine | sed "1s/^/Measured $(date -u '+%Y-%m-%d %H:%M UTC') on /"
	echo "loopback TLS 1.3, certificate logins, demo data and \`bench_orders --setup\`"
	echo "(100 people employed in MOE); the cluster runs with \`fsync = off\`."
	echo
	echo "A leave order of 100 employees (annual leave, a future fortnight each), signed as"
	echo "head_moe; $order_runs orders, client round trip; on the demo data, then again after"
	echo "\`bench_orders orgs 4000\` (as many organisations as the scale seed's):"
	echo
	echo "| what | $((orgs - 4000)) organisations p50 | p95 | $orgs organisations p50 | p95 | samples |"
	echo "|---|---|---|---|---|---|"
	order_row "\`hr.order_problems\` of the draft (none found)" problems
	order_row "\`hr.order_preview\` of the draft (100 effects)" preview
	order_row "\`hr.order_render\` of the draft" render
	order_row "**\`hr.order_sign\`** in BEGIN ... COMMIT (number, 100 absences, effects, text)" sign
	order_row "its COMMIT" sign_commit
	order_row "reference: the 100 absence rows by one \`INSERT ... SELECT\` as the superuser (triggers fire)" insert
	order_row "its COMMIT" insert_commit
	order_row "reference: the same with \`session_replication_role = replica\` (no trigger, no foreign-key check)" insert_replica
	order_row "its COMMIT" insert_replica_commit
	echo
	echo "The first \`hr.order_sign\` on a new connection (plans prepared): $(grep '^sign_first ' \
		"$orders_dir/leave.txt" | cut -d' ' -f2) ms, with $orgs organisations $(grep \
		'^sign_first ' "$orders_dir/leave-orgs.txt" | cut -d' ' -f2) ms."
	echo
	echo "Numbering (demo data): one-line award orders in register P of MOE, drafts made beforehand by"
	echo "the superuser as if keyed by clerk_moe ($(grep '^drafts_seconds ' "$orders_dir/numbering.txt" |
		tail -n 1 | cut -d' ' -f2) s for the last set); each signer a head login of its own"
	echo "with its own connection; every 20th order rolled back after signing:"
	echo
	echo "| signers | committed | rolled back | run time s | orders/s | order_sign p50 | p95 | COMMIT p50 | p95 | numbers in register P this year |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	while read -r name signers committed rolled seconds rate s50 s95 c50 c95 count check; do
		[ "$name" = numbering ] || continue
		# bench_orders fails the run when the numbers do not hold; only "ok" gets here.
		[ "$check" = ok ] || exit 1
		echo "| $signers | $committed | $rolled | $seconds | $rate | $s50 | $s95 | $c50 | $c95 |" \
			"1..$count, no gap or duplicate, counter $count |"
	done <"$orders_dir/numbering.txt"
	echo "<!-- bench:orders:end -->"
}

# A table row: what ($1), then p50 and p95 of step $2 of bench_orders leave on
# the demo data and with the added organisations, and the samples.
order_row() {
	set -- "$1" $(grep "^$2 " "$orders_dir/leave.txt") $(grep "^$2 " "$orders_dir/leave-orgs.txt")
	echo "| $1 | $3 | $4 | $7 | $8 | $5 |"
}

case " $parts " in *" orders "*) (orders) >"$orders_out" ;; esac

cat "$out" "$orders_out"
doc=$root/docs/PERFORMANCE.md
# Replaces the lines from the BEGIN marker to the END marker (both included)
# of docs/PERFORMANCE.md by the file FILE.
splice() {
	awk -v begin="$1" -v end="$2" -v file="$3" '
		index($0, begin) { while ((getline line < file) > 0) print line; skip = 1; next }
		skip && index($0, end) { skip = 0; next }
		!skip' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
}
# True when part $1 runs.
has_part() { case " $parts " in *" $1 "*) return 0 ;; esac; return 1; }
if has_part demo && has_part scale; then
	if grep -q '<!-- bench:begin -->' "$doc" 2>/dev/null; then
		# An orders part that did not run stays as it was.
		[ -s "$orders_out" ] || sed -n '/<!-- bench:orders:begin -->/,/<!-- bench:orders:end -->/p' \
			"$doc" >"$orders_out"
		{
			echo "<!-- bench:begin -->"
			cat "$out"
			[ -s "$orders_out" ] && { echo; cat "$orders_out"; }
			echo "<!-- bench:end -->"
		} >"$build/bench-block.md"
		splice '<!-- bench:begin -->' '<!-- bench:end -->' "$build/bench-block.md"
		echo "bench: figures written to docs/PERFORMANCE.md"
	fi
elif has_part orders && grep -q '<!-- bench:orders:begin -->' "$doc" 2>/dev/null; then
	splice '<!-- bench:orders:begin -->' '<!-- bench:orders:end -->' "$orders_out"
	echo "bench: the orders figures written to docs/PERFORMANCE.md"
fi
