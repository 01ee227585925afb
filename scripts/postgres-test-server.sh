#!/bin/sh
# A throwaway PostgreSQL for Vigil's tests, from Debian's postgresql package: initdb into a
# directory, listening on 127.0.0.1 only (and a socket inside the directory), password
# authentication over TCP for the role vigil, database vigil.
#   postgres-test-server.sh start DIR PORT PASSWORD   prints nothing; exits non-zero saying why
#   postgres-test-server.sh stop DIR
# PostgreSQL refuses to run as root: as root the server runs as the postgres user.
set -eu
cmd=${1:?start or stop}
dir=${2:?directory}
pgbin=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do pgbin=$d; done
if [ -z "$pgbin" ] && command -v pg_ctl >/dev/null 2>&1; then
  pgbin=$(dirname "$(command -v pg_ctl)")
fi
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "PostgreSQL is not installed (Debian package postgresql; scripts/install-test-servers.sh installs it)" >&2
  exit 3
fi
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
case "$cmd" in
  start)
    port=${3:?port}
    password=${4:?password}
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "no postgres user to run PostgreSQL as" >&2; exit 3; }
      chown postgres "$dir"
    fi
    printf '%s\n' "$password" > "$dir/pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pwfile"
    as_owner "$pgbin/initdb" -D "$dir/data" -U vigil --pwfile="$dir/pwfile" -E UTF8 \
      --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=50" start \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$pgbin/createdb" -h "$dir" -p "$port" -U vigil vigil
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start DIR PORT PASSWORD | stop DIR" >&2
    exit 2
    ;;
esac
