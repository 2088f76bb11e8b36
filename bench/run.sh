#!/bin/sh
# run.sh BUILD - `make bench`: measures hrmis on a throwaway TLS cluster and
# writes the figures, with the machine and date, into docs/PERFORMANCE.md
# (between the bench markers), next to the same SQL run through psql.
#
# Two clusters: the demo data (small queries, connecting, terminal output),
# then a second one seeded with `hrmis-admin seed --orgs 4000 --employees
# 400000 --seed 1` for the personnel register at scale (a couple of minutes
# to load).  HRMIS_BENCH_PARTS="demo scale" (default) picks the parts; only
# a run of both rewrites docs/PERFORMANCE.md.  HRMIS_BENCH_REGISTER_RUNS
# (default 30) samples per register case.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$root/${1:-build}" && pwd)
runs=${HRMIS_BENCH_RUNS:-500}
parts=${HRMIS_BENCH_PARTS:-demo scale}
register_runs=${HRMIS_BENCH_REGISTER_RUNS:-30}
scale_port=${HRMIS_BENCH_SCALE_PORT:-54336}
scale_dir=$(mktemp -d /tmp/hrmis-bench-scale.XXXXXX)
chmod 755 "$scale_dir"
export HRMIS_DEVDB_PORT=${HRMIS_BENCH_PORT:-54338}
export HRMIS_DEVDB_DIR=$(mktemp -d /tmp/hrmis-bench.XXXXXX)
export HRMIS_ADMIN=$build/hrmis-admin
chmod 755 "$HRMIS_DEVDB_DIR"
devdb=$root/scripts/devdb.sh
out=$build/bench-results.md
trap '"$devdb" destroy >/dev/null 2>&1 || true
	HRMIS_DEVDB_DIR=$scale_dir HRMIS_DEVDB_PORT=$scale_port "$devdb" destroy >/dev/null 2>&1 || true
	rm -rf "$scale_dir"; rmdir "$HRMIS_DEVDB_DIR" 2>/dev/null || true' EXIT INT TERM
: >"$out"

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
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -m), $(nproc) cores,"
	echo "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
	echo "$(free -g | awk '/Mem:/ { print $2 }') GiB RAM, $(psql --version | sed 's/psql //'),"
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
# The register query of core/person.c as bench_clerk (an organisation of
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

cat "$out"
doc=$root/docs/PERFORMANCE.md
if [ "$parts" = "demo scale" ] && grep -q '<!-- bench:begin -->' "$doc" 2>/dev/null; then
	awk -v file="$out" '
		/<!-- bench:begin -->/ { print; while ((getline line < file) > 0) print line; skip = 1; next }
		/<!-- bench:end -->/ { skip = 0 }
		!skip' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
	echo "bench: figures written to docs/PERFORMANCE.md"
fi
