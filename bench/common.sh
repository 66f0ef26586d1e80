# Shared by the bench scripts (sourced): a free loopback port, and waiting for a URL to answer 2xx.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# await_url URL...: until every URL answers (at most 30 s)
await_url() {
  for _ in $(seq 1 150); do
    local ok=1
    for u in "$@"; do curl -sf "$u" >/dev/null 2>&1 || { ok=0; break; }; done
    [ $ok = 1 ] && return 0
    sleep 0.2
  done
  echo "not answering: $*" >&2
}
