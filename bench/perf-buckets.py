#!/usr/bin/env python3
# Attribute perf samples (perf script output, callchains) of Ferry's event-loop threads to named buckets:
# the first matching rule walking from the leaf towards the root decides.
import sys, re, collections
RULES = [
  ("JSON parse (upstream body)", r"UpstreamResponse\.parse|DatabindCodec\.fromParser|ProxyRoutes\.body"),
  ("JSON encode (answer)", r"Json\.encodeToBuffer|JacksonCodec\.toBuffer|writeValueAsBytes"),
  ("rate-limit + error decision", r"ConfigInterpreterVerticle\.decide|RateLimitRules|ErrorRules|FastExpressions"),
  ("request build (placeholders, auth)", r"RequestBuilder|Placeholders|Authorizer|ConfigInterpreter\.buildRequest|ConfigInterpreter\.pageState"),
  ("SSRF guard", r"SsrfGuard|HostLiteral|Authority\.of"),
  ("rate-limit gate", r"AccountRateLimits|LocalAccountRateLimits|SharedAccountRateLimits"),
  ("breaker + retry budget", r"UpstreamHosts|CircuitBreakerImpl"),
  ("token check + account cache", r"TokenRefresher|AccountCache|OAuthTokens|EffectiveConfigs"),
  ("answer shaping + metrics", r"ProxyAnswers|FerryMetrics|ProxyNode"),
  ("edge: principal, request log, call parse", r"Principals|RequestLog|ProxyRoutes\.call|ConnectionGuard|ProxyRoutes\.lambda"),
  ("vertx-web router", r"io\.vertx\.ext\.web"),
  ("upstream HTTP client (Vert.x)", r"io\.vertx\.core\.http\.impl\.(HttpClient|Http1xClient|SharedHttpClient|ClientHttp)|UpstreamClient"),
  ("HTTP server (Vert.x)", r"io\.vertx\.core\.http\.impl\.(Http1xServer|HttpServer)"),
  ("Netty codec + channel", r"io\.netty\."),
  ("Vert.x core (futures, context)", r"io\.vertx\.core"),
]
def bucket(frames, kernel):
  if kernel:
    return "kernel (syscalls, TCP, scheduling)"
  for i, f in enumerate(frames):
    if re.search(r"com\.fasterxml\.jackson|io\.vertx\.core\.json\.jackson|io\.vertx\.core\.json\.Json\.|JsonObject\.(encode|toBuffer)", f):
      near = " ".join(frames[:i + 12])
      return "JSON parse (upstream body, caller body)" if re.search(r"Parser|Deserializ|decode|fromParser|parse", near) \
          else "JSON encode (answer)"
    for name, pat in RULES:
      if re.search(pat, f):
        return name
  return "other JVM (JIT code w/o frame, GC, runtime)"
counts = collections.Counter(); total = 0
cur = []; thread = ""; leafkernel = False
def flush():
  global total
  if cur and thread.startswith("vert.x-eventloo"):
    counts[bucket(cur, leafkernel)] += 1
    total += 1
for line in sys.stdin:
  if line and not line[0].isspace():
    flush(); cur = []; thread = line.split()[0] if line.split() else ""; leafkernel = None
  elif line.strip():
    parts = line.strip().split(None, 1)
    sym = parts[1] if len(parts) > 1 else ""
    if leafkernel is None:
      leafkernel = "kernel" in sym or "[k]" in sym or sym.endswith("([kernel.kallsyms])")
    cur.append(sym)
flush()
for k, v in counts.most_common():
  print(f"{100*v/total:5.1f}%  {k}")
print("samples", total)
