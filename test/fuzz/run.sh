#!/bin/bash
# test/fuzz/run.sh
#	Build the libFuzzer harness over the parser core (clang-14 with
#	-fsanitize=fuzzer,address,undefined) and run it for a bounded time with
#	a seed corpus from test/corpus and every kept crasher as regression input.
#	Usage: test/fuzz/run.sh [seconds]   (default 120)
#	Fails when the fuzzer finds a crash, a leak or undefined behaviour.
#
#	A long run on every core (how the executions in the README were made):
#	  GIP_FUZZ_JOBS=2 GIP_FUZZ_MAX_LEN=16384 GIP_FUZZ_OPT=-O2 \
#	  ASAN_OPTIONS=malloc_context_size=0 GIP_FUZZ_DIR=/tmp/fz \
#	      test/fuzz/run.sh 8400
#	GIP_FUZZ_JOBS runs that many fuzzers side by side on one shared corpus
#	(each logs to $GIP_FUZZ_DIR/fuzz-N.log) and prints their executions in
#	all; GIP_FUZZ_MAX_LEN caps the input size (smaller inputs run faster:
#	16 kB holds a whole text report); GIP_FUZZ_DIR keeps the work directory
#	and its corpus between runs (a temporary one is removed at the end); GIP_FUZZ_OPT is the optimisation level
#	(default -O1); ASAN_OPTIONS adds to the options set here.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-120}
# the work directory: GIP_FUZZ_DIR is kept, a temporary one removed
if [ -n "${GIP_FUZZ_DIR:-}" ]; then
	work=$GIP_FUZZ_DIR
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/gip_fuzz.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/corpus" test/fuzz/crashers
clang-14 -g ${GIP_FUZZ_OPT:--O1} -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Isrc/core $(pkg-config --cflags libxml-2.0) \
	-o "$work/fuzz_parse" test/fuzz/fuzz_parse.c src/core/*.c \
	$(pkg-config --libs icu-uc icu-i18n libxml-2.0 libzip)
# seed corpus: each text file as text (0) and as bytes (1)
i=0
for f in test/seeds/*.txt test/corpus/*/*.txt test/corpus/*/*.html test/corpus/*/*.md; do
	[ -f "$f" ] || continue
	{ printf '\x00'; cat "$f"; } > "$work/corpus/t$i"
	{ printf '\x01'; cat "$f"; } > "$work/corpus/b$i"
	i=$((i + 1))
done
# each .docx as bytes (1), and its word/document.xml alone (3)
for f in test/corpus/docx/*.docx test/corpus/docx/reader/*.docx; do
	[ -f "$f" ] || continue
	{ printf '\x01'; cat "$f"; } > "$work/corpus/d$i"
	{ printf '\x03'; python3 -c 'import sys, zipfile
sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' "$f"; } \
		> "$work/corpus/x$i"
	i=$((i + 1))
done
# regression inputs first: every kept crasher must pass
if compgen -G "test/fuzz/crashers/*" > /dev/null; then
	"$work/fuzz_parse" test/fuzz/crashers/*
fi
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}
jobs=${GIP_FUZZ_JOBS:-1}
max_len=${GIP_FUZZ_MAX_LEN:-200000}
if [ "$jobs" -le 1 ]; then
	"$work/fuzz_parse" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 \
		-artifact_prefix=test/fuzz/crashers/ -print_final_stats=1 "$work/corpus" 2>&1 | tail -20
	exit "${PIPESTATUS[0]}"
fi
# several fuzzers: libFuzzer's -jobs writes fuzz-N.log into the current
# directory; a finding is in some log, and every crasher in test/fuzz/crashers
repo=$(pwd)
rm -f "$work"/fuzz-*.log
(cd "$work" && "$work/fuzz_parse" -jobs="$jobs" -workers="$jobs" \
	-max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 \
	-artifact_prefix="$repo/test/fuzz/crashers/" -print_final_stats=1 \
	"$work/corpus" > "$work/main.log" 2>&1) || true
total=$(cat "$work"/fuzz-*.log | sed -n 's/^stat::number_of_executed_units: *//p' |
	awk '{ s += $1 } END { print s + 0 }')
echo "fuzz: $jobs jobs, $total executions in all"
if [ "$total" -eq 0 ]; then
	echo "fuzz: no input was executed (see $work/main.log)" >&2
	cat "$work/main.log" >&2 || true
	exit 1
fi
if grep -lE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|deadly signal' \
	"$work"/fuzz-*.log; then
	echo "fuzz: a finding (see the logs above and test/fuzz/crashers/)" >&2
	exit 1
fi
