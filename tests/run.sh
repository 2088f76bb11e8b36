#!/bin/sh
# tests/run.sh - runs every test layer of one or two build trees and ends
# with the line "N passed, N failed" (exit status 1 when anything failed).
#
#   tests/run.sh --build DIR [--asan-build DIR2] [--fuzz-build DIR3] [--layers unit,db,screen,fuzz]
#
# Layers: unit = DIR/tests/unit/test_*, db = DIR/tests/db/test_*,
# screen = DIR/tests/screen/test_*, fuzz = DIR/tests/fuzz/fuzz_* (libFuzzer,
# ${HRMIS_FUZZ_SECONDS:-5} s each from tests/fuzz/corpus/NAME; a crash, leak
# or hang is a failure).  --layers names the layers of --build (default
# unit,db,screen); --asan-build runs the same layers with sanitizers (the
# screen layer drives the sanitized hrmis); --fuzz-build runs the fuzz layer
# of that build last; --valgrind runs the screen layer's hrmis under valgrind
# (tests/screen/valgrind-hrmis: an error or a definite leak fails the binary).
# db and screen tests get a throwaway TLS cluster (scripts/devdb.sh) on port
# ${HRMIS_TEST_PORT:-54339}, migrated and seeded, removed again at the end.
# Each binary runs with TAP output under `timeout ${HRMIS_TEST_TIMEOUT:-300}`;
# its "ok"/"not ok" lines are counted, and a binary that fails without a
# "not ok" line (crash, sanitizer report, timeout) counts one more failure.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD='' ASAN_BUILD='' FUZZ_BUILD='' LAYERS='' VALGRIND=''
PASSED=0 FAILED=0 CLUSTER=none RUNS=0 CHILD=''

usage() {
	sed -n '4,5p' "$0" | sed 's/^# *//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--build) [ $# -ge 2 ] || usage; BUILD=$2; shift 2 ;;
	--asan-build) [ $# -ge 2 ] || usage; ASAN_BUILD=$2; shift 2 ;;
	--fuzz-build) [ $# -ge 2 ] || usage; FUZZ_BUILD=$2; shift 2 ;;
	--valgrind) VALGRIND=1; shift ;;
	--layers) [ $# -ge 2 ] || usage; LAYERS=$2; shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$BUILD" ] || usage
LAYERS=$(echo "${LAYERS:-unit,db,screen}" | tr ',' ' ')
for layer in $LAYERS; do
	case $layer in unit|db|screen|fuzz) ;; *) echo "run.sh: unknown layer \"$layer\"" >&2; usage ;; esac
done

# Absolute path (from the caller's directory) of a directory that may not exist.
absolute() {
	case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac
}
BUILD=$(absolute "$BUILD")
[ -n "$ASAN_BUILD" ] && ASAN_BUILD=$(absolute "$ASAN_BUILD")
[ -n "$FUZZ_BUILD" ] && FUZZ_BUILD=$(absolute "$FUZZ_BUILD")

TMP=$(mktemp -d /tmp/hrmis-test.XXXXXX) || { echo "run.sh: mktemp failed" >&2; exit 2; }
chmod 755 "$TMP"   # the postgres user must reach the cluster below it

cleanup() {
	if [ "$CLUSTER" != none ]; then
		sh "$ROOT/scripts/devdb.sh" destroy >/dev/null 2>&1 ||
			echo "run.sh: could not remove the test cluster in $HRMIS_DEVDB_DIR" >&2
	fi
	rm -rf "$TMP"
}
# A running test is stopped first; the EXIT trap then removes the cluster.
interrupted() {
	[ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null
	exit "$1"
}
trap cleanup EXIT
trap 'interrupted 130' INT
trap 'interrupted 143' TERM

# The same environment for every test, whatever the caller's shell holds.
export LC_ALL=C.UTF-8 TZ=UTC HRMIS_ROOT="$ROOT"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
unset HRMIS_CONFIG NO_COLOR PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD \
	PGPASSFILE PGSERVICE PGSERVICEFILE PGSSLMODE PGSSLROOTCERT PGSSLCERT PGSSLKEY \
	PGOPTIONS PGAPPNAME PGTARGETSESSIONATTRS LANG LANGUAGE
cd "$ROOT" || exit 2

# Starts the shared cluster once; returns non-zero (after showing why) if it
# cannot.  Uses the admin program of the normal build.
start_cluster() {
	case $CLUSTER in up) return 0 ;; failed) return 1 ;; esac
	CLUSTER=failed
	export HRMIS_DEVDB_DIR="$TMP/devdb" HRMIS_DEVDB_PORT="${HRMIS_TEST_PORT:-54339}"
	export HRMIS_ADMIN="$BUILD/hrmis-admin"
	log=$TMP/devdb.log
	echo "cluster: starting on 127.0.0.1:$HRMIS_DEVDB_PORT in $HRMIS_DEVDB_DIR"
	if [ ! -x "$HRMIS_ADMIN" ]; then
		echo "cluster: $HRMIS_ADMIN is missing; build it first (make tests)"
		return 1
	fi
	if sh scripts/devdb.sh start >"$log" 2>&1 &&
		sh scripts/devdb.sh admin migrate >>"$log" 2>&1 &&
		sh scripts/devdb.sh admin seed --demo >>"$log" 2>&1; then
		CLUSTER=up
		return 0
	fi
	echo "cluster: could not be prepared; last lines of its log:"
	tail -n 25 "$log" | sed 's/^/    | /'
	if [ -f "$HRMIS_DEVDB_DIR/server.log" ] && ! grep -q server.log "$log"; then
		echo "cluster: last lines of server.log:"
		tail -n 15 "$HRMIS_DEVDB_DIR/server.log" | sed 's/^/    | /'
	fi
	return 1
}

# Adds to the totals and prints one binary's line; shows `out` on failure.
report() {
	label=$1 ok=$2 bad=$3 note=$4 out=$5
	PASSED=$((PASSED + ok))
	FAILED=$((FAILED + bad))
	printf '  %-40s %4d passed, %d failed%s\n' "$label" "$ok" "$bad" "$note"
	if [ "$bad" -gt 0 ] && [ -s "$out" ]; then
		sed 's/^/    | /' "$out"
	fi
}

# run_binary LABEL BINARY
run_binary() {
	RUNS=$((RUNS + 1))
	work=$TMP/run.$RUNS
	mkdir -p "$work/home" "$work/config" "$work/state"
	out=$work/output
	# In the background so that a signal to this script is handled at once.
	HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" \
		CMOCKA_MESSAGE_OUTPUT=TAP \
		timeout -k 10 "${HRMIS_TEST_TIMEOUT:-300}" "$2" </dev/null >"$out" 2>&1 &
	CHILD=$!
	wait "$CHILD" 2>>"$out"
	rc=$?
	CHILD=
	ok=$(grep -c '^ok ' "$out")
	skipped=$(grep -c '^not ok [0-9]* # SKIP' "$out")
	bad=$(($(grep -c '^not ok ' "$out") - skipped))
	planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out" | awk '{ n += $1 } END { print n + 0 }')
	note=
	[ "$skipped" -gt 0 ] && note=" ($skipped skipped)"
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		case $rc in
		124|137) note="$note (timed out after ${HRMIS_TEST_TIMEOUT:-300} s)" ;;
		*) note="$note (exit status $rc without a failed test: crash or sanitizer report)" ;;
		esac
	elif [ $((ok + bad + skipped)) -lt "$planned" ]; then
		bad=$((bad + 1))
		note="$note ($planned planned, $((ok + bad + skipped - 1)) reported)"
	elif [ $((ok + bad + skipped)) -eq 0 ]; then
		bad=1
		note=" (no test results)"
	fi
	report "$1" "$ok" "$bad" "$note" "$out"
}

# run_fuzz BUILD_DIR TITLE: each fuzzer for HRMIS_FUZZ_SECONDS from its corpus
# (new inputs go to a scratch copy, the tree is left as it is).
run_fuzz() {
	found=
	for bin in "$1/tests/fuzz"/fuzz_*; do
		case ${bin##*/} in *.*) continue ;; esac
		[ -f "$bin" ] && [ -x "$bin" ] || continue
		found=1
		name=${bin##*/fuzz_}
		RUNS=$((RUNS + 1))
		work=$TMP/fuzz.$RUNS
		mkdir -p "$work/corpus"
		out=$work/output
		LSAN_OPTIONS="suppressions=$ROOT/tests/fuzz/lsan.supp:print_suppressions=0" \
		"$bin" -max_total_time="${HRMIS_FUZZ_SECONDS:-5}" -timeout=10 -rss_limit_mb=2048 \
			-print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" \
			"$ROOT/tests/fuzz/corpus/$name" </dev/null >"$out" 2>&1 &
		CHILD=$!
		wait "$CHILD"
		rc=$?
		CHILD=
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -n 1)
		if [ "$rc" -eq 0 ]; then
			report "$2/${bin##*/}" 1 0 " (${runs:-?} inputs)" "$out"
		else
			for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
				[ -f "$crash" ] && { echo "input (hex):"; od -An -tx1 "$crash" | head -n 8; } >>"$out"
			done
			report "$2/${bin##*/}" 0 1 " (exit status $rc)" "$out"
		fi
	done
	[ -n "$found" ] || report "$2/fuzz: no fuzzers in $1/tests/fuzz" 0 1 "" /dev/null
}

# run_layer BUILD_DIR LAYER TITLE
run_layer() {
	if [ "$2" = fuzz ]; then
		run_fuzz "$1" "$3"
		return
	fi
	bins=
	for bin in "$1/tests/$2"/test_*; do
		case ${bin##*/} in *.*) continue ;; esac
		[ -f "$bin" ] && [ -x "$bin" ] && bins="$bins $bin"
	done
	if [ -z "$bins" ]; then
		if [ "$2" = unit ]; then
			report "$3/unit: no test binaries in $1/tests/unit" 0 1 "" /dev/null
		fi
		return
	fi
	if [ "$2" != unit ] && ! start_cluster; then
		for bin in $bins; do
			report "$3/$2/${bin##*/}" 0 1 " (not run: no test cluster)" /dev/null
		done
		return
	fi
	export HRMIS_BIN="$1/hrmis"
	if [ -n "$VALGRIND" ] && [ "$2" = screen ]; then
		export HRMIS_VALGRIND_BIN="$1/hrmis" HRMIS_BIN="$ROOT/tests/screen/valgrind-hrmis"
		export TMPDIR="$TMP" HRMIS_TEST_TIMEOUT="${HRMIS_TEST_TIMEOUT:-900}"
	fi
	for bin in $bins; do
		# test_robust crashes and signals the client on purpose, which
		# valgrind intercepts and slows past the tests' deadlines.
		if [ -n "$VALGRIND" ] && [ "${bin##*/}" = test_robust ]; then
			echo "  $3/$2/${bin##*/}: not run under valgrind (it crashes the client on purpose)"
			continue
		fi
		run_binary "$3/$2/${bin##*/}" "$bin"
		if [ -n "$VALGRIND" ] && [ "$2" = screen ]; then
			for log in "$TMP"/hrmis-valgrind.*.log; do
				[ -s "$log" ] || { rm -f "$log"; continue; }
				report "$3/$2/${bin##*/}: valgrind, ${log##*/}" 0 1 "" "$log"
				rm -f "$log"
			done
		fi
	done
}

echo "== $BUILD: $(printf '%s' "$LAYERS" | tr ' ' ',')"
for layer in $LAYERS; do
	run_layer "$BUILD" "$layer" "${BUILD##*/}"
done
if [ -n "$ASAN_BUILD" ]; then
	asan_layers=
	for layer in $LAYERS; do
		case $layer in unit|db|screen) asan_layers="${asan_layers:+$asan_layers }$layer" ;; esac
	done
	echo "== $ASAN_BUILD (sanitizers): $(printf '%s' "$asan_layers" | tr ' ' ',')"
	for layer in $asan_layers; do
		run_layer "$ASAN_BUILD" "$layer" asan
	done
fi

if [ -n "$FUZZ_BUILD" ]; then
	echo "== $FUZZ_BUILD (libFuzzer, ${HRMIS_FUZZ_SECONDS:-5} s each): fuzz"
	run_fuzz "$FUZZ_BUILD" fuzz
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
