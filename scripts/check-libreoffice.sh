#!/usr/bin/env bash
# Manual / CI-optional check (not part of npm test): LibreOffice opens the workbooks the CLI writes, finds
# their named Tables, and shows the customer and summary values. Skips (exit 0) when soffice is absent.
#
#   scripts/check-libreoffice.sh [INPUT.csv|xlsx …]   (default: samples/orders-zh.csv and the Chinese Superstore)
#   SEGMENT_ARGS="--methods rfm_segments,kmeans,clv,adopter" scripts/check-libreoffice.sh   (extra CLI options)
#
# Per input: segment INPUT --out OUT.xlsx, then soffice converts OUT.xlsx to flat ODS (tables become database
# ranges) and every sheet to CSV as displayed (so number formats are applied by LibreOffice itself).
set -euo pipefail

cd "$(dirname "$0")/.."
SOFFICE="${SOFFICE:-$(command -v soffice || command -v libreoffice || true)}"
if [ -z "$SOFFICE" ]; then
  echo "check-libreoffice: soffice not found, skipped (apt-get install libreoffice-calc-nogui to run it)"
  exit 0
fi

inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(samples/orders-zh.csv)
  superstore="${DATASETS:-../shared/datasets}/chinese_superstore/orders.csv"
  [ -f "$superstore" ] && inputs+=("$superstore")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private profile so a running LibreOffice or a locked default profile cannot interfere.
profile="-env:UserInstallation=file://$work/profile"
failures=0

fail() {
  echo "  FAIL: $*"
  failures=$((failures + 1))
}

for input in "${inputs[@]}"; do
  name="$(basename "${input%.*}")"
  out="$work/$name.xlsx"
  echo "== $input"
  if ! npm run --silent segment -- "$input" --out "$out" --lang zh ${SEGMENT_ARGS:-} >"$work/$name.cli.txt" 2>&1; then
    cat "$work/$name.cli.txt"
    fail "segment failed"
    continue
  fi
  dir="$work/$name"
  mkdir -p "$dir"
  if ! timeout 300 "$SOFFICE" "$profile" --headless --convert-to fods --outdir "$dir" "$out" >"$dir/fods.log" 2>&1 ||
    [ ! -s "$dir/$name.fods" ]; then
    cat "$dir/fods.log"
    fail "LibreOffice could not open $out"
    continue
  fi
  # Every sheet as CSV, values as displayed (token 9 = true), UTF-8 (76), sheet -1 = all sheets.
  timeout 300 "$SOFFICE" "$profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
    --outdir "$dir" "$out" >"$dir/csv.log" 2>&1 || true

  node - "$dir/$name.fods" "$dir" "$name" <<'EOF' || failures=$((failures + 1))
const fs = require('node:fs');
const path = require('node:path');
const [fods, dir, name] = process.argv.slice(2);
const xml = fs.readFileSync(fods, 'utf8');
const sheets = [...xml.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) => m[1]);
const ranges = [...xml.matchAll(/<table:database-range table:name="([^"]*)"/g)].map((m) => m[1]);
const problems = [];
const need = (cond, what) => { if (!cond) problems.push(what); };
console.log(`  sheets: ${sheets.join(', ')}`);
console.log(`  tables: ${ranges.length} (${ranges.slice(0, 6).join(', ')}${ranges.length > 6 ? ', …' : ''})`);
need(sheets.includes('客户细分'), 'customer sheet 客户细分');
need(sheets.includes('细分汇总'), 'summary sheet 细分汇总');
need(ranges.includes('客户细分'), 'customer Table 客户细分');
need(ranges.some((r) => r.startsWith('细分_')), 'segment Tables 细分_*');
const csv = (sheet) => {
  const file = path.join(dir, `${name}-${sheet}.csv`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};
const customers = csv('客户细分').split('\n').filter((l) => l.trim() !== '');
console.log(`  customer rows: ${customers.length - 1}; header: ${(customers[0] || '').slice(0, 100)}`);
need(customers.length > 1, 'customer rows in LibreOffice');
const summary = csv('细分汇总');
need(/冠军客户/.test(summary), 'segment names on the summary');
// Number formats applied by LibreOffice: percentages and thousands separators as displayed.
need(/\d+\.\d%/.test(summary), 'percent-formatted shares on the summary');
need(/\d{1,3},\d{3}\.\d{2}/.test(summary), 'currency-formatted revenue on the summary');
const segLine = summary.split('\n').find((l) => l.startsWith('冠军客户'));
if (segLine) console.log(`  summary: ${segLine.slice(0, 120)}`);
if (problems.length) {
  console.log(`  FAIL: missing ${problems.join('; ')}`);
  process.exit(1);
}
console.log('  ok: LibreOffice opened the workbook, its Tables and values');
EOF
done

if [ "$failures" -gt 0 ]; then
  echo "check-libreoffice: $failures failure(s)"
  exit 1
fi
echo "check-libreoffice: all workbooks open in LibreOffice"
