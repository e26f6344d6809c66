#!/bin/sh
# bench/run.sh: how fast warden is on a large marketplace.  Timing lives
# here, never in a test.  Prints one line per measurement; bench/REPORT.md
# keeps the numbers of the last full run and the machine they came from.
#
#   BENCH_ACCOUNTS=100000 sh bench/run.sh     (default 100,000 accounts)
#   BENCH_ACCOUNTS=1000000 sh bench/run.sh    (the full size; ~30 min, 5.1 GB)
#   BENCH_DB=path  reuse a demo made before (its size is what it is)
#   WARDEN=path    the binary to time (default: the one built here)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
w=${WARDEN:-$top/warden}
n=${BENCH_ACCOUNTS:-100000}
dir=${BENCH_DIR:-$top/build/bench}
mkdir -p "$dir"
db=${BENCH_DB:-$dir/demo-$n.db}
export WARDEN_MODERATOR=alice
unset WARDEN_DB WARDEN_API WARDEN_TOKEN NO_COLOR

now_ns() { date +%s%N; }

# runs "$@" R times, prints the mean in milliseconds
mean_ms() {
	r=$1; shift
	i=0
	start=$(now_ns)
	while [ $i -lt "$r" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	end=$(now_ns)
	echo $(( (end - start) / r / 1000000 ))
}

# runs "$@" once, prints how long it took in milliseconds
once_ms() {
	start=$(now_ns)
	"$@" >/dev/null
	end=$(now_ns)
	echo $(( (end - start) / 1000000 ))
}

echo "warden bench: $(uname -srm), $(nproc) cores, sqlite $(sqlite3 --version | cut -d' ' -f1)"

if [ ! -f "$db" ]; then
	start=$(now_ns)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "demo: max resident %M KB" "$w" demo "$db" --accounts "$n" 2>"$dir/demo.err" || { cat "$dir/demo.err"; exit 1; }
		grep -e 'max resident' -e '^warden demo:' "$dir/demo.err"
	else
		"$w" demo "$db" --accounts "$n" 2>/dev/null
	fi
	end=$(now_ns)
	echo "demo: $n accounts in $(( (end - start) / 1000000000 )) s, $(du -h "$db" | cut -f1) on disk"
fi

accounts=$("$w" -d "$db" -c stats --format json | jq -r .accounts)
echo "database: $accounts accounts"
echo "queue, first page (50 rows):      $(mean_ms 20 "$w" -d "$db" -c queue --format tsv) ms per run (whole process)"
cursor=$("$w" -d "$db" -c 'queue --limit 500' --format json 2>&1 >/dev/null | sed -n "s/.*--cursor '\([^']*\)'.*/\1/p" | head -1)
if [ -n "$cursor" ]; then
	echo "queue, a later page:              $(mean_ms 20 "$w" -d "$db" -c "queue --cursor $cursor" --format tsv) ms per run"
fi
top=$("$w" -q -d "$db" -c 'queue --limit 1' --format json | jq -r .id)
echo "show ACCOUNT:                     $(mean_ms 20 "$w" -d "$db" -c "show $top" --format tsv) ms per run"
echo "search (FTS, 'sofa'):             $(mean_ms 10 "$w" -d "$db" -c 'search sofa' --format tsv) ms per run"
echo "log (audit, first page):          $(mean_ms 20 "$w" -d "$db" -c log --format tsv) ms per run"
echo "queue --status suspended:         $(mean_ms 10 "$w" -d "$db" -c 'queue --status suspended' --format tsv) ms per run"
echo "log --action ban:                 $(mean_ms 10 "$w" -d "$db" -c 'log --action ban' --format tsv) ms per run"
echo "escalations, first page:          $(mean_ms 20 "$w" -d "$db" -c escalations --format tsv) ms per run"
echo "stats:                            $(mean_ms 10 "$w" -d "$db" -c stats --format tsv) ms per run"

# writes: a batch of notes, one transaction each, then atomic
batch="$dir/notes.txt"
i=0
: >"$batch"
while [ $i -lt 1000 ]; do echo "note $top 'bench note $i'" >>"$batch"; i=$((i + 1)); done
cp "$db" "$dir/w.db"
ms=$(once_ms "$w" -d "$dir/w.db" -q --batch "$batch")
echo "1,000 notes, a transaction each:  $ms ms ($(( 1000 * 1000 / (ms + 1) )) actions/s, fsync each)"
cp "$db" "$dir/w.db"
echo "1,000 notes, --atomic:            $(once_ms "$w" -d "$dir/w.db" -q --batch "$batch" --atomic) ms"
echo "verify the audit chain:           $(once_ms "$w" -d "$dir/w.db" -q -c verify) ms"
# the demo's last sweep was six hours ago: the first one now catches up,
# the second finds nothing due (what cron every 5 minutes costs)
echo "sweep, six hours due:             $(once_ms "$w" -d "$dir/w.db" -q -c sweep) ms"
echo "sweep, nothing due:               $(once_ms "$w" -d "$dir/w.db" -q -c sweep) ms"
rm -f "$dir/w.db" "$dir/w.db-wal" "$dir/w.db-shm"
