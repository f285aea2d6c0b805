#!/bin/bash
# test/valgrind/run.sh
#	Run the parser core under valgrind (memcheck, full leak check) over
#	every seed and corpus file: each text file through gipcli (parse, JSON,
#	serialise and decode again), and each file also through replay (the
#	fuzz harness test/fuzz/fuzz_parse.c with a main(): parse, round trip,
#	validate) as text and, for the byte renderings (GBK, Big5, UTF-16 and
#	the web pages, the .docx archives good and hostile), as bytes, since
#	gipcli reads text only (but a ZIP).
#
#	bash test/valgrind/run.sh [FILE...]      (default: every file below)
#
#	icu.supp hides ICU's process-lifetime caches (possibly lost blocks
#	under the transliterator registry).
#	A run fails when valgrind reports an error or a leak (exit code 1 from
#	--error-exitcode=1 with "ERROR SUMMARY" above 0), or the driver finds a
#	round trip that lies.  A report that does not parse (not_report.txt) is
#	not a failure: gipcli then exits 1 too, so the valgrind log decides.
#	Prints one line per failure and "N passed, M failed"; exit 1 if M > 0.
#	VALGRIND_KEEP=1 keeps the logs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

command -v valgrind >/dev/null || { echo "test/valgrind/run.sh: valgrind not installed" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gip_valgrind.XXXXXX")
if [ "${VALGRIND_KEEP:-0}" = 1 ]; then
	trap 'echo "logs kept in $work" >&2' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi

# the drivers: gipcli from its Makefile, replay next to the fuzz harness
make -s -C test/tools gipcli
gipcli=$root/test/tools/gipcli
deps_cflags=$(pkg-config --cflags icu-uc icu-i18n libxml-2.0 libzip)
deps_libs=$(pkg-config --libs icu-uc icu-i18n libxml-2.0 libzip)
# shellcheck disable=SC2086
gcc -std=gnu11 -O1 -g -Isrc/core $deps_cflags -o "$work/replay" \
	test/valgrind/replay.c test/fuzz/fuzz_parse.c src/core/*.c $deps_libs

if [ $# -gt 0 ]; then
	text_files=("$@")
	byte_files=("$@")
else
	text_files=(test/seeds/*.txt test/corpus/real/*.txt test/corpus/cases/*.txt
		test/corpus/cases/*.html test/corpus/layout/*.txt test/corpus/tsv/*.txt
		test/corpus/trad/*.txt test/corpus/html/*.html test/corpus/md/*.md
		test/corpus/real/*.md test/corpus/glued/*.txt)
	byte_files=(test/corpus/gbk/* test/corpus/big5/* test/corpus/utf16/*
		test/corpus/html/*.html test/corpus/docx/*.docx
		test/corpus/docx/bad/*.docx test/corpus/docx/reader/*.docx)
fi

VG=(valgrind -q --error-exitcode=1 --leak-check=full --track-origins=yes
	--num-callers=30 --suppressions="$here/icu.supp")
passed=0
failed=0
n=0

# run one command under valgrind; label names it in the output
check() {
	local label=$1
	shift
	local log=$work/vg.$n.log out=$work/out.$n rc=0
	n=$((n + 1))
	"${VG[@]}" --log-file="$log" "$@" >"$out" 2>&1 || rc=$?
	if grep -q '"error": "round_trip"' "$out"; then
		echo "FAIL $label: round trip differs: $(grep round_trip "$out" | head -1)"
		failed=$((failed + 1))
	elif [ -s "$log" ]; then
		# -q: the log holds only errors and leaks
		echo "FAIL $label (exit $rc):"
		sed 's/^/    /' "$log" | head -40 || true
		failed=$((failed + 1))
	elif [ "$rc" -ne 0 ] && ! grep -q '"error"' "$out"; then
		echo "FAIL $label: exit $rc"
		sed 's/^/    /' "$out" | head -10 || true
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}

for f in "${text_files[@]}"; do
	[ -f "$f" ] || continue
	check "gipcli $f" "$gipcli" "$f"
	check "replay --text $f" "$work/replay" --text "$f"
done
for f in "${byte_files[@]}"; do
	[ -f "$f" ] || continue
	check "replay --bytes $f" "$work/replay" --bytes "$f"
done

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
