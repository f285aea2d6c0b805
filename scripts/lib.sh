# scripts/lib.sh
#	Shared by scripts/test.sh and scripts/demo.sh (source it, do not run it):
#	install the build dependencies, copy the checkout to a postgres-owned
#	scratch directory, build and install the extension there, and run a
#	throwaway PostgreSQL 15 cluster whose only socket is in that directory.

GIP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GIP_PG_MAJOR=${GIP_PG_MAJOR:-15}
GIP_APT_PACKAGES="postgresql-$GIP_PG_MAJOR postgresql-server-dev-$GIP_PG_MAJOR \
libicu-dev libxml2-dev libzip-dev icu-devtools python3 libclang-rt-14-dev valgrind pkg-config make gcc clang-14 llvm-14 libipc-run-perl \
locales gettext poppler-utils libssl-dev \
odbc-postgresql unixodbc python3-pyodbc libpostgresql-jdbc-java openjdk-17-jdk-headless"

# Print a progress line, with the seconds since the script started.
gip_say() {
	printf '==> [%4ds] %s\n' "$SECONDS" "$*" >&2
}

# Stop unless we are root (apt, make install and runuser need it).
gip_need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		cat >&2 <<EOF
$0 needs root (it installs packages with apt and runs the cluster as postgres).
As root (a minimal Debian 12 has no sudo; su - gives a root shell):
    bash $0
With sudo, keep the variables (GIP_KEEP_TMP=1 and the like) with -E or env:
    sudo -E bash $0
    sudo env GIP_KEEP_TMP=1 bash $0
EOF
		exit 1
	fi
}

# Install the apt packages that are missing (does nothing when all are there).
gip_install_deps() {
	local missing=() p
	for p in $GIP_APT_PACKAGES; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$p")
		fi
	done
	if [ ${#missing[@]} -gt 0 ]; then
		gip_say "installing ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -q
		apt-get install -y -q --no-install-recommends "${missing[@]}"
	fi
	gip_make_locale
	export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$GIP_PG_MAJOR/bin/pg_config}
	GIP_BINDIR=$("$PG_CONFIG" --bindir)
}

# Generate the zh_CN.UTF-8 locale (the test of the Chinese messages needs
# it) when it is missing: enable it in /etc/locale.gen, run locale-gen.
gip_make_locale() {
	if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
		return 0
	fi
	gip_say "generating the zh_CN.UTF-8 locale"
	if grep -q '^# *zh_CN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null; then
		sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
	elif ! grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null; then
		echo 'zh_CN.UTF-8 UTF-8' >>/etc/locale.gen
	fi
	locale-gen >/dev/null
}

# Make the scratch directory GIP_TMP (owned by postgres) and the EXIT trap.
gip_make_tmp() {
	GIP_TMP=$(mktemp -d /tmp/gipreport.XXXXXX)
	chown postgres: "$GIP_TMP"
	chmod 700 "$GIP_TMP"
	trap gip_cleanup EXIT
}

# Stop the cluster (if any) and remove the scratch directory.
gip_cleanup() {
	local rc=$?
	if [ -n "${GIP_TMP:-}" ] && [ -f "$GIP_TMP/data/postmaster.pid" ]; then
		runuser -u postgres -- "$GIP_BINDIR/pg_ctl" -D "$GIP_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	if [ -n "${GIP_TMP:-}" ]; then
		if [ -n "${GIP_KEEP_TMP:-}" ]; then
			gip_say "kept $GIP_TMP"
		else
			rm -rf "$GIP_TMP"
		fi
	fi
	exit $rc
}

# Copy the checkout (without .git and build output) to $GIP_TMP/src.
gip_copy_tree() {
	mkdir "$GIP_TMP/src"
	tar -C "$GIP_ROOT" --exclude=./.git --exclude=./results \
		--exclude=./regression.diffs --exclude=./regression.out \
		--exclude='*.o' --exclude='*.so' --exclude='*.bc' -cf - . |
		tar -C "$GIP_TMP/src" -xf -
	chown -R postgres: "$GIP_TMP/src"
	GIP_SRC=$GIP_TMP/src
}

# Build as postgres (extra make arguments pass through), install as root.
gip_build_install() {
	gip_say "building in $GIP_SRC $*"
	runuser -u postgres -- make -C "$GIP_SRC" -s PG_CONFIG="$PG_CONFIG" "$@"
	gip_say "installing"
	make -C "$GIP_SRC" -s PG_CONFIG="$PG_CONFIG" "$@" install
}

# initdb and start a cluster listening only on a socket in $GIP_TMP.
gip_start_cluster() {
	export PGHOST=$GIP_TMP
	export PGPORT=${GIP_PGPORT:-$((50000 + RANDOM % 10000))}
	export PGUSER=postgres
	gip_say "starting a throwaway cluster (socket $PGHOST, port $PGPORT)"
	runuser -u postgres -- "$GIP_BINDIR/initdb" -D "$GIP_TMP/data" -E UTF8 \
		--no-locale -A trust -U postgres >"$GIP_TMP/initdb.log" 2>&1 ||
		{ cat "$GIP_TMP/initdb.log" >&2; return 1; }
	runuser -u postgres -- "$GIP_BINDIR/pg_ctl" -D "$GIP_TMP/data" -w \
		-l "$GIP_TMP/server.log" \
		-o "-p $PGPORT -k $GIP_TMP -c listen_addresses=''" start >/dev/null ||
		{ cat "$GIP_TMP/server.log" >&2; return 1; }
}

# Run a command as postgres with the cluster's connection settings; its
# temporary files go into the scratch directory (removed at the end).
gip_as_postgres() {
	runuser -u postgres -- env PGHOST="$PGHOST" PGPORT="$PGPORT" \
		PGUSER=postgres PG_CONFIG="$PG_CONFIG" PATH="$GIP_BINDIR:$PATH" \
		TMPDIR="$GIP_TMP" "$@"
}
