#!/bin/bash
# scripts/test.sh
#	Build gipreport with -Werror, install it, and run the regression tests
#	(make installcheck) against a throwaway cluster; then the extra test
#	stages if present.  Run as root: sudo bash scripts/test.sh
#	GIP_KEEP_TMP=1 keeps the scratch directory for inspection.
set -euo pipefail

. "$(dirname "$0")/lib.sh"

gip_need_root
gip_install_deps
gip_make_tmp
gip_copy_tree
gip_build_install PG_CFLAGS=-Werror
gip_start_cluster

gip_say "make installcheck"
if ! gip_as_postgres make -C "$GIP_SRC" -s PG_CFLAGS=-Werror installcheck; then
	if [ -f "$GIP_SRC/regression.diffs" ]; then
		echo "---- regression.diffs ----" >&2
		cat "$GIP_SRC/regression.diffs" >&2
	fi
	exit 1
fi

# Later stages (TAP tests under test/t, the core unit tests...) live in
# test/run-extra.sh; it runs as postgres in the scratch copy, with the
# cluster in PGHOST/PGPORT and the installed server's PG_CONFIG.
if [ -f "$GIP_SRC/test/run-extra.sh" ]; then
	gip_say "test/run-extra.sh"
	gip_as_postgres bash -c 'cd "$1" && bash test/run-extra.sh' _ "$GIP_SRC"
fi

gip_say "all tests passed"
