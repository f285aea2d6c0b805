#!/bin/bash
# test/clients/run.sh
#	Real BI clients against the views: psqlODBC (Debian's odbc-postgresql,
#	through unixODBC and python3-pyodbc) and JDBC (libpostgresql-jdbc-java,
#	a small Java program compiled with javac here).  Starts its own
#	throwaway cluster listening on 127.0.0.1 (scram-sha-256 for TCP),
#	stores a few reports (test/clients/setup.sql), creates the read-only
#	login role gip_bi as the README documents it (gip_grant_reader), and
#	runs test/clients/odbc_check.py and test/clients/JdbcCheck.java as that
#	role over TCP.  Each prints "N passed, M failed".
#
#	Run as an ordinary user (initdb refuses root) with gipreport installed
#	into the server of PG_CONFIG.  GIP_CLIENTS_KEEP=1 keeps the scratch
#	directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
bindir=$("$PG_CONFIG" --bindir)
jdbc_jar=${GIP_JDBC_JAR:-/usr/share/java/postgresql.jar}
# Debian's python3, where python3-pyodbc is (not a pyenv or venv one)
python=${GIP_PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}

if [ "$(id -u)" -eq 0 ]; then
	echo "test/clients/run.sh: run it as an ordinary user (initdb refuses root)" >&2
	exit 1
fi
missing=
"$python" -c 'import pyodbc' 2>/dev/null || missing="$missing python3-pyodbc"
odbcinst -q -d 2>/dev/null | grep -q 'PostgreSQL Unicode' || missing="$missing odbc-postgresql/unixodbc"
[ -f "$jdbc_jar" ] || missing="$missing libpostgresql-jdbc-java"
command -v javac >/dev/null || missing="$missing openjdk-17-jdk-headless"
if [ -n "$missing" ]; then
	echo "test/clients/run.sh: missing:$missing" >&2
	exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/gip_clients.XXXXXX")
port=$((40000 + RANDOM % 10000))
finish() {
	local rc=$?
	"$bindir/pg_ctl" -D "$scratch/data" -m fast -w stop >/dev/null 2>&1 || true
	if [ $rc -ne 0 ] || [ -n "${GIP_CLIENTS_KEEP:-}" ]; then
		echo "test/clients/run.sh: kept $scratch (server.log)" >&2
	else
		rm -rf "$scratch"
	fi
	exit $rc
}
trap finish EXIT

"$bindir/initdb" -D "$scratch/data" -E UTF8 --no-locale -U postgres >"$scratch/initdb.log" 2>&1 ||
	{ cat "$scratch/initdb.log" >&2; exit 1; }
# the superuser by socket only; every TCP login with a password
cat >"$scratch/data/pg_hba.conf" <<HBA
local all postgres trust
host all all 127.0.0.1/32 scram-sha-256
HBA
"$bindir/pg_ctl" -D "$scratch/data" -w -l "$scratch/server.log" \
	-o "-p $port -k $scratch -c listen_addresses=127.0.0.1 -c password_encryption=scram-sha-256" \
	start >/dev/null || { cat "$scratch/server.log" >&2; exit 1; }

password=gip-bi-$RANDOM$RANDOM
(cd "$root" && "$bindir/psql" -X -q -h "$scratch" -p "$port" -U postgres -d postgres \
	-v ON_ERROR_STOP=1 -v password="$password" -f test/clients/setup.sql) >"$scratch/setup.log" 2>&1 ||
	{ cat "$scratch/setup.log" >&2; exit 1; }

export GIP_HOST=127.0.0.1 GIP_PORT=$port GIP_DB=postgres GIP_USER=gip_bi GIP_PASSWORD=$password

echo "--> psqlODBC (unixODBC, pyodbc)"
odbc_rc=0
"$python" "$here/odbc_check.py" || odbc_rc=$?

echo "--> JDBC (pgjdbc $(basename "$(readlink -f "$jdbc_jar")"))"
mkdir "$scratch/classes"
javac -d "$scratch/classes" "$here/JdbcCheck.java"
jdbc_rc=0
java -cp "$scratch/classes:$jdbc_jar" JdbcCheck || jdbc_rc=$?

[ $odbc_rc -eq 0 ] && [ $jdbc_rc -eq 0 ]
