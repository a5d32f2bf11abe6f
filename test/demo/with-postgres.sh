#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: initdb on a temporary data directory, a
# server bound to 127.0.0.1 on a free port (as the `postgres` user: PostgreSQL refuses to run as
# root), DATABASE_URL exported for the command, and the server stopped and its files removed after,
# whatever the command's outcome. Needs Debian's `postgresql` package (apt-get install -y postgresql).
#   bash test/demo/with-postgres.sh npx vitest run --project unit test/demo/accountStore.test.ts
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ -z "$PGBIN" ]; then
  echo "with-postgres: no PostgreSQL server binaries (apt-get install -y postgresql)" >&2
  exit 1
fi
PGTMP=$(mktemp -d /tmp/pgci.XXXXXX)
# initdb runs as `postgres`, which must own the directory (else "Permission denied").
chown postgres:postgres "$PGTMP"
PGPORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  (cd / && as_postgres "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1) || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT
# From / : the postgres user may not be allowed into the current directory.
(cd / && as_postgres "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null &&
  as_postgres "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 \
    -o "-k $PGTMP -c listen_addresses=127.0.0.1 -p $PGPORT -c fsync=off" start >/dev/null) || {
  echo "with-postgres: the server did not start:" >&2
  cat "$PGTMP/log" >&2 2>/dev/null || true
  exit 1
}
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "with-postgres: $("$PGBIN/postgres" --version) on 127.0.0.1:$PGPORT"
"$@"
