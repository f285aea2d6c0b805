#!/bin/bash
# test/fuzz/run.sh
#	Build the libFuzzer harness over the parser core (clang-14 with
#	-fsanitize=fuzzer,address,undefined) and run it for a bounded time with
#	a seed corpus from test/corpus and every kept crasher as regression input.
#	Usage: test/fuzz/run.sh [seconds]   (default 120)
#	Fails when the fuzzer finds a crash, a leak or undefined behaviour.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-120}
work=${GIP_FUZZ_DIR:-$(mktemp -d)}
mkdir -p "$work/corpus" test/fuzz/crashers
clang-14 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Isrc/core $(pkg-config --cflags libxml-2.0) \
	-o "$work/fuzz_parse" test/fuzz/fuzz_parse.c src/core/*.c \
	$(pkg-config --libs icu-uc icu-i18n libxml-2.0)
# seed corpus: each text file as text (0) and as bytes (1)
i=0
for f in test/seeds/*.txt test/corpus/*/*.txt test/corpus/*/*.html; do
	[ -f "$f" ] || continue
	{ printf '\x00'; cat "$f"; } > "$work/corpus/t$i"
	{ printf '\x01'; cat "$f"; } > "$work/corpus/b$i"
	i=$((i + 1))
done
# regression inputs first: every kept crasher must pass
if compgen -G "test/fuzz/crashers/*" > /dev/null; then
	"$work/fuzz_parse" test/fuzz/crashers/*
fi
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
"$work/fuzz_parse" -max_total_time="$seconds" -max_len=200000 -rss_limit_mb=2048 \
	-artifact_prefix=test/fuzz/crashers/ -print_final_stats=1 "$work/corpus" 2>&1 | tail -20
