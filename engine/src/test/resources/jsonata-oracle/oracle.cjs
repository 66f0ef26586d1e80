// Evaluates every case of a corpus with @truto/truto-jsonata (Truto's engine) in one Node process.
// stdin: {"payloads": {...}, "cases": [{"id", "expr", "input", "bindings"?}]}; stdout: [{"id", "value"} | {"id", "error"}]
process.env.TZ = 'UTC';
const trutoJsonata = require('@truto/truto-jsonata').default;

function normalize(value) {
  // JSON.stringify semantics (toJSON, dropped functions, NaN -> null); undefined stays absent
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) ?? 'null');
}

async function main() {
  let raw = '';
  for await (const chunk of process.stdin) raw += chunk;
  const { payloads, cases } = JSON.parse(raw);
  const out = [];
  for (const c of cases) {
    try {
      const input = typeof c.input === 'string' ? payloads[c.input] : c.input;
      const value = await trutoJsonata(c.expr).evaluate(input === undefined ? {} : input, c.bindings);
      const n = normalize(value);
      out.push(n === undefined ? { id: c.id, undefined: true } : { id: c.id, value: n });
    } catch (e) {
      out.push({ id: c.id, error: String((e && (e.message || e.code)) || e).slice(0, 300) });
    }
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
