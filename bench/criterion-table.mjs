// Prints the criterion results of benches/validate.rs as Markdown tables
// with ratios (BENCHMARKS.md):  node bench/criterion-table.mjs TARGET/criterion
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir || !existsSync(dir)) {
  console.error('usage: node bench/criterion-table.mjs TARGET_DIR/criterion');
  process.exit(2);
}

const groups = new Map();
for (const g of readdirSync(dir)) {
  const gdir = join(dir, g);
  if (g === 'report' || !existsSync(gdir)) continue;
  for (const f of readdirSync(gdir)) {
    const est = join(gdir, f, 'new', 'estimates.json');
    const meta = join(gdir, f, 'new', 'benchmark.json');
    if (!existsSync(est) || !existsSync(meta)) continue;
    const e = JSON.parse(readFileSync(est, 'utf8'));
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    const bytes = m.throughput?.Bytes ?? null;
    if (!groups.has(m.group_id)) groups.set(m.group_id, []);
    groups.get(m.group_id).push({
      name: m.function_id,
      mean: e.mean.point_estimate,
      lo: e.mean.confidence_interval.lower_bound,
      hi: e.mean.confidence_interval.upper_bound,
      median: e.median.point_estimate,
      bytes,
    });
  }
}

const ORDER = [
  'serde_json-floor',
  'serde_json-syntax',
  'mfalint-parse',
  'mfalint-validate',
  'mfalint-is_valid',
  'jsonschema-is_valid',
  'jsonschema-iter_errors',
];
const ms = (ns) => (ns / 1e6).toFixed(2);
const names = [...groups.keys()].sort((a, b) => {
  const rank = (g) => (g === 'all' ? 0 : g === 'invalid' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
});
const summary = [];
for (const g of names) {
  const rows = groups.get(g).sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  const by = Object.fromEntries(rows.map((r) => [r.name, r]));
  const base = by['mfalint-validate'];
  console.log(`\n#### ${g}${rows[0].bytes ? ` (${rows[0].bytes} bytes per pass)` : ''}\n`);
  console.log('| harness | mean ms per pass [95% CI] | MB/s | time / mfalint-validate |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    const mbs = r.bytes ? (r.bytes / 1e6 / (r.mean / 1e9)).toFixed(1) : '';
    const ratio = base ? `${(r.mean / base.mean).toFixed(2)}x` : '';
    console.log(`| ${r.name} | ${ms(r.mean)} [${ms(r.lo)}, ${ms(r.hi)}] | ${mbs} | ${ratio} |`);
  }
  if (base) {
    // Each peer against the mfalint harness doing the same work: the
    // verdict (is_valid), every error (iter_errors and the full report).
    const parts = [];
    const pairs = [['mfalint-is_valid', 'jsonschema-is_valid'], ['mfalint-validate', 'jsonschema-iter_errors']];
    for (const [ours, peer] of pairs) {
      if (by[ours] && by[peer]) parts.push(`${ours} is ${(by[peer].mean / by[ours].mean).toFixed(2)}x faster than ${peer} (goal >= 5x)`);
    }
    if (by['serde_json-floor']) {
      parts.push(`mfalint-validate is ${(base.mean / by['serde_json-floor'].mean).toFixed(2)}x the serde_json floor (goal <= 1.5x)`);
    }
    const syn = by['serde_json-syntax'];
    const isValid = by['jsonschema-is_valid'];
    if (syn && isValid) {
      // 5x faster than is_valid leaves isValid.mean / 5 for all of mfalint's work.
      parts.push(`the 5x budget (${ms(isValid.mean / 5)} ms) is ${(isValid.mean / 5 / syn.mean).toFixed(2)}x serde_json's syntax check alone (${ms(syn.mean)} ms)`);
    }
    summary.push(`- ${g}: ${parts.join('; ')}`);
  }
}
console.log(`\n${summary.join('\n')}`);
