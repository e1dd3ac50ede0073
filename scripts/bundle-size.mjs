// Prints the task pane's initial JavaScript size from a production build in dist/: every <script> that
// taskpane.html loads (office.js excluded: it is Microsoft's, served from their CDN in production), raw
// and gzipped. Lazy chunks (the engine's worker, the simulator) are listed separately.
//   node scripts/bundle-size.mjs [--json] [--dist DIR]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const DIST = resolve(args.includes('--dist') ? args[args.indexOf('--dist') + 1] : join(ROOT, 'dist'));
const BUDGET_GZIP = 350 * 1024;

const html = join(DIST, 'taskpane.html');
if (!existsSync(html)) {
  console.error(`no ${html}: run \`npx webpack --mode production\` (or npm run build) first`);
  process.exit(1);
}
const scripts = [...readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)]
  .map((m) => m[1])
  .filter((src) => !/office-js\//.test(src) && !/^https?:/.test(src));
const size = (file) => {
  const bytes = readFileSync(join(DIST, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const initial = scripts.map(size);
const lazy = readdirSync(DIST)
  .filter((f) => f.endsWith('.js') && !scripts.includes(f) && !/^(commands|demo)\./.test(f))
  .map(size);
const total = initial.reduce((a, x) => ({ raw: a.raw + x.raw, gzip: a.gzip + x.gzip }), { raw: 0, gzip: 0 });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (args.includes('--json')) {
  console.log(
    JSON.stringify(
      { initial, total, budgetGzip: BUDGET_GZIP, withinBudget: total.gzip <= BUDGET_GZIP, lazy },
      null,
      2,
    ),
  );
} else {
  for (const x of initial)
    console.log(`initial  ${x.file.padEnd(32)} ${kb(x.raw).padStart(10)}  gzip ${kb(x.gzip).padStart(9)}`);
  for (const x of lazy)
    console.log(`lazy     ${x.file.padEnd(32)} ${kb(x.raw).padStart(10)}  gzip ${kb(x.gzip).padStart(9)}`);
  console.log(
    `task pane initial JavaScript: ${kb(total.raw)} raw, ${kb(total.gzip)} gzipped (budget ${kb(BUDGET_GZIP)}: ${total.gzip <= BUDGET_GZIP ? 'ok' : 'OVER'})`,
  );
}
process.exit(total.gzip <= BUDGET_GZIP ? 0 : 1);
