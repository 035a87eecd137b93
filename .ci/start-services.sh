#!/usr/bin/env bash
# Starts PostgreSQL and CUPS (with a cups-pdf queue named CunbanPDF) for the tests, and writes
# their addresses to .ci/services.env.
set -euo pipefail
cd "$(dirname "$0")"
: > services.env

# PostgreSQL: a throwaway cluster owned by the postgres user on a private port.
PGVER=$(ls /usr/lib/postgresql | sort -V | tail -1)
PGBIN=/usr/lib/postgresql/$PGVER/bin
PGDATA=/tmp/cunban-pg
PGPORT=55432
if ! su postgres -c "$PGBIN/pg_isready -h 127.0.0.1 -p $PGPORT" >/dev/null 2>&1; then
  rm -rf "$PGDATA" && mkdir -p "$PGDATA" && chown postgres "$PGDATA"
  su postgres -c "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" >/dev/null
  su postgres -c "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/log -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' start" >/dev/null
  for _ in $(seq 30); do su postgres -c "$PGBIN/pg_isready -h 127.0.0.1 -p $PGPORT" >/dev/null 2>&1 && break; sleep 0.5; done
fi
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -tc \"SELECT 1 FROM pg_database WHERE datname='cunban_test'\"" | grep -q 1 \
  || su postgres -c "createdb -h 127.0.0.1 -p $PGPORT cunban_test"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/cunban_test" >> services.env

# CUPS with a cups-pdf queue; PDFs land in /var/spool/cups-pdf/ANONYMOUS (or ~/PDF).
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  (cupsd || /usr/sbin/cupsd) && sleep 1
fi
for _ in $(seq 20); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.5; done
if ! lpstat -p CunbanPDF >/dev/null 2>&1; then
  PPD=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF/ {print $1; exit}')
  lpadmin -p CunbanPDF -E -v cups-pdf:/ -m "${PPD:-lsb/usr/cups-pdf/CUPS-PDF_opt.ppd}"
fi
# cups-pdf only takes PostScript; the default ghostscript pdftops turns CJK text into Type 3 glyphs
# with no text layer, so render PDF→PS with poppler's cairo (the A4 test reads the text back).
lpadmin -p CunbanPDF -o pdftops-renderer-default=pdftocairo
echo "export CUNBAN_CUPS_QUEUE=CunbanPDF" >> services.env
echo "export CHROMIUM_PATH=/usr/bin/chromium" >> services.env
echo "services ready: $(cat services.env | tr '\n' ' ')"
