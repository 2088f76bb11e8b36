#!/bin/sh
# bench/compare_orders.sh - signing measured on two versions of the schema
# in the same minutes: this tree's build and another checkout's (OTHER, a
# tree with its own build/), each on a cluster of its own, the runs
# alternating A B A B so that the machine's drift falls on both alike.
#
#   sh bench/compare_orders.sh OTHER [ROUNDS]
#
# Per round: `bench_orders leave 10` (a 100-line leave order signed as
# head_moe, ten times) on each, then `bench_orders numbering 20 2000` (20
# concurrent signers) on each.  Prints per round and version the p50 of
# hr.order_sign and the orders a second, then the medians.  Loopback only;
# both clusters are removed at the end.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
other=$(cd "${1:?usage: compare_orders.sh OTHER [ROUNDS]}" && pwd)
rounds=${2:-5}
devdb=$here/scripts/devdb.sh
work=$(mktemp -d /tmp/hrmis-compare.XXXXXX)
chmod 755 "$work"

# tree:port of each version
versions="$other:54361 $here:54362"

cleanup() {
	for v in $versions; do
		HRMIS_DEVDB_DIR=$work/${v##*:} HRMIS_DEVDB_PORT=${v##*:} "$devdb" destroy \
			>/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

prepare() {
	tree=$1 port=$2
	export HRMIS_DEVDB_DIR=$work/$port HRMIS_DEVDB_PORT=$port HRMIS_ADMIN=$tree/build/hrmis-admin
	"$devdb" start >/dev/null
	"$devdb" admin migrate >/dev/null
	"$devdb" admin seed --demo >/dev/null
	"$tree/build/bench/bench_orders" --setup >/dev/null
	i=1
	while [ $i -le 20 ]; do
		"$devdb" cert "$(printf 'head_b%02d' $i)" >/dev/null
		i=$((i + 1))
	done
}

for v in $versions; do
	prepare "${v%:*}" "${v##*:}"
done

round=1
while [ "$round" -le "$rounds" ]; do
	for v in $versions; do
		tree=${v%:*} port=${v##*:}
		export HRMIS_DEVDB_DIR=$work/$port HRMIS_DEVDB_PORT=$port
		sign=$("$tree/build/bench/bench_orders" leave 10 | awk '$1 == "sign" { print $2 }')
		rate=$("$tree/build/bench/bench_orders" numbering 20 2000 |
			awk '$1 == "numbering" { print $6 }')
		echo "$round $port $sign $rate" | tee -a "$work/rounds.txt"
	done
	round=$((round + 1))
done

median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for v in $versions; do
	port=${v##*:}
	s=$(awk -v p="$port" '$2 == p { print $3 }' "$work/rounds.txt" | median)
	r=$(awk -v p="$port" '$2 == p { print $4 }' "$work/rounds.txt" | median)
	echo "median ${v%:*}: order_sign p50 $s ms, 20 signers $r orders/s"
done
