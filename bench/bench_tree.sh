#!/bin/sh
# The model against cpp + dtc on the largest Linux board of the corpus (by
# preprocessed size): time of `dtidy tree` (preprocess, parse, merge, print)
# against `cpp ... | dtc -I dts -O dts`, and the model's memory against the
# size of the preprocessed text. dtidy must be faster and the model under
# 10x the text. Env: DTIDY, CORPUS (bench/run.sh).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
RUNS=10
for tool in cpp dtc awk; do
	command -v "$tool" >/dev/null || { echo "bench_tree: $tool not installed (make deps)" >&2; exit 2; }
done

incs_of() {
	rest=${1#src/}
	arch=${rest%%/*}
	echo "-I $CORPUS/$(dirname "$1") -I $CORPUS/src/$arch -I $CORPUS/src -I $CORPUS/include"
}

# the largest board, by preprocessed bytes (dtidy tree --stats reports them)
best=""
best_bytes=0
while read -r f; do
	# shellcheck disable=SC2046
	line=$("$DTIDY" tree --stats $(incs_of "$f") "$CORPUS/$f" 2>&1 >/dev/null | grep '^dtidy tree:')
	bytes=$(echo "$line" | awk '{print $5}')
	[ -n "$bytes" ] && [ "$bytes" -gt "$best_bytes" ] && { best=$f; best_bytes=$bytes; }
done < "$CORPUS/linux-toplevel.txt"
[ -n "$best" ] || { echo "bench_tree: no board found" >&2; exit 2; }
incs=$(incs_of "$best")
echo "board: $best ($best_bytes bytes preprocessed)"

now() { date +%s%N; }
t0=$(now)
i=0
while [ $i -lt $RUNS ]; do
	# shellcheck disable=SC2086
	"$DTIDY" tree $incs "$CORPUS/$best" >/dev/null 2>&1
	i=$((i + 1))
done
t1=$(now)
i=0
while [ $i -lt $RUNS ]; do
	# shellcheck disable=SC2086
	cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp $incs "$CORPUS/$best" 2>/dev/null |
		dtc -q -I dts -O dts -o /dev/null - 2>/dev/null
	i=$((i + 1))
done
t2=$(now)
dtidy_ms=$(( (t1 - t0) / 1000000 / RUNS ))
ref_ms=$(( (t2 - t1) / 1000000 / RUNS ))
ratio=$(awk -v a="$ref_ms" -v b="$dtidy_ms" 'BEGIN { printf "%.1f", (b > 0 ? a / b : a) }')
echo "dtidy tree: ${dtidy_ms} ms; cpp | dtc -O dts: ${ref_ms} ms; dtidy is ${ratio}x faster"

# shellcheck disable=SC2086
stats=$("$DTIDY" tree --stats $incs "$CORPUS/$best" 2>&1 >/dev/null | grep '^dtidy tree:')
held=$(echo "$stats" | awk '{print $9}')
used=$(echo "$stats" | awk '{print $11}' | tr -d '(')
mem_ratio=$(awk -v m="$held" -v p="$best_bytes" 'BEGIN { printf "%.1f", m / p }')
used_ratio=$(awk -v m="$used" -v p="$best_bytes" 'BEGIN { printf "%.1f", m / p }')
echo "model memory: $held bytes held (${mem_ratio}x the preprocessed text), $used in use (${used_ratio}x)"

fail=0
[ "$dtidy_ms" -lt "$ref_ms" ] || { echo "bench_tree: dtidy tree is not faster than cpp | dtc"; fail=1; }
awk -v r="$mem_ratio" 'BEGIN { exit !(r < 10) }' || { echo "bench_tree: model over 10x the preprocessed text"; fail=1; }
exit $fail
