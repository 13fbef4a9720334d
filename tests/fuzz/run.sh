#!/bin/sh
# Runs libFuzzer targets built by `make fuzz` for SECONDS each.
#   sh tests/fuzz/run.sh SECONDS [TARGET...]     (default: every build-fuzz/fuzz_*)
# Seeds are copied at run time from the shared corpus (never committed) and
# taken from tests/fuzz/seeds/<target>/ (a few small hand-made ones). New inputs accumulate in
# build-fuzz/corpus/<target>/, crashes in build-fuzz/artifacts/<target>/.
# Fails on any crash, leak, timeout (> FUZZ_TIMEOUT s, default 1) or
# out-of-memory (> 2 GiB).
set -u
SECONDS_EACH=${1:?usage: run.sh SECONDS [TARGET...]}
shift
BF=${BUILD_FUZZ:-build-fuzz}
CORPUS=${CORPUS:-../shared/corpus}
here=$(cd "$(dirname "$0")" && pwd)
targets="$*"
[ -n "$targets" ] || targets=$(cd "$BF" && ls fuzz_* 2>/dev/null | grep -v '\.' )
[ -n "$targets" ] || { echo "run.sh: no fuzz targets in $BF (run make fuzz)"; exit 2; }

# DTS seeds: every source and header of the corpus under 64 KiB.
dts_seeds="$BF/seeds-dts"
if [ ! -d "$dts_seeds" ] && [ -d "$CORPUS" ]; then
	mkdir -p "$dts_seeds"
	find "$CORPUS" -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \
		-o -name '*.overlay' -o -name '*.keymap' -o -name '*.h' \) -size -64k |
	while IFS= read -r f; do
		cp "$f" "$dts_seeds/$(cksum < "$f" | cut -d' ' -f1)-$(basename "$f")"
	done
fi

# YAML seeds for the binding documents' reader: a few directories of the
# kernel's bindings and dt-schema's core schemas.
yaml_seeds="$BF/seeds-yaml"
if [ ! -d "$yaml_seeds" ] && [ -d "$CORPUS/Bindings" ]; then
	mkdir -p "$yaml_seeds"
	for f in "$CORPUS"/Bindings/serial/*.yaml "$CORPUS"/Bindings/i2c/*.yaml \
		"$CORPUS"/dt-schema/schemas/*.yaml; do
		[ -f "$f" ] && cp "$f" "$yaml_seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
	done
fi

status=0
for t in $targets; do
	bin="$BF/$t"
	[ -x "$bin" ] || { echo "run.sh: $bin missing"; status=1; continue; }
	work="$BF/corpus/$t"
	art="$BF/artifacts/$t"
	mkdir -p "$work" "$art"
	# DTS sources seed every target but the LSP's, whose input is framed
	# JSON-RPC, and the bindings reader's (YAML); tests/fuzz/seeds/<target>/
	# adds small hand-made seeds.
	seeds="$dts_seeds"
	[ "$t" = fuzz_lsp ] && seeds=""
	[ "$t" = fuzz_bindings ] && seeds="$yaml_seeds"
	[ "$t" = fuzz_yaml ] && seeds="$yaml_seeds"
	[ "$t" = fuzz_schema_cache ] && seeds=""
	[ -d "$here/seeds/$t" ] && seeds="$here/seeds/$t $seeds"
	dict="$here/dts.dict"
	[ -f "$here/$t.dict" ] && dict="$here/$t.dict"
	log="$BF/$t.log"
	echo "== $t: ${SECONDS_EACH}s"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$bin" -max_total_time="$SECONDS_EACH" -timeout="${FUZZ_TIMEOUT:-1}" -rss_limit_mb=2048 \
		-max_len=65536 -dict="$dict" -artifact_prefix="$art/" \
		-print_final_stats=1 "$work" $seeds >"$log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
	echo "   $t: ${runs:-?} executions, exit $rc"
	if [ $rc -ne 0 ]; then
		status=1
		echo "   FAILED: see $log; artifacts in $art/"
		grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | head -20 | sed 's/^/   /'
	fi
done
exit $status
