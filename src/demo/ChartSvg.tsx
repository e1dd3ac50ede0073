/** Draws a chart the simulator recorded (type, series addresses) as a small SVG, from the cells it points at. */
import type { ChartState, WorkbookState } from './simApi';
import { parseAddress, readAddress, splitSheet } from './simApi';
import { SEGMENT_COLORS } from '../taskpane/components/styles';

// The pane's segment palette, so a segment has the same colour in the chart and in the result card.
const COLORS = SEGMENT_COLORS;
const W = 340;
const H = 220;

interface Series {
  name: string;
  values: number[];
  line: boolean;
  secondary: boolean;
}

/** Series and categories of a chart: its explicit series, or (charts.add(type, source)) its source block. */
function chartData(state: WorkbookState, chart: ChartState): { categories: string[]; series: Series[] } {
  const sheet = state.sheetById(chart.sheetId);
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);
  if (chart.series.length > 0) {
    const categories = chart.series[0].categories
      ? readAddress(state, chart.series[0].categories, sheet).map(String)
      : [];
    const series = chart.series.map((s) => ({
      name: s.name,
      values: readAddress(state, s.values, sheet).map(num),
      line: /line/i.test(s.chartType ?? chart.type),
      secondary: s.axisGroup === 'Secondary',
    }));
    return { categories, series };
  }
  const { sheet: sheetName } = splitSheet(chart.source);
  const src = sheetName ? state.sheetByName(sheetName) : sheet;
  const rect = parseAddress(chart.source);
  if (!src || !rect) return { categories: [], series: [] };
  const categories: string[] = [];
  const series: Series[] = [];
  for (let c = rect.c0 + 1; c <= rect.c1; c++) {
    series.push({
      name: String(src.get(rect.r0, c) ?? ''),
      values: [],
      line: /line/i.test(chart.type),
      secondary: false,
    });
  }
  for (let r = rect.r0 + 1; r <= rect.r1; r++) {
    categories.push(String(src.get(r, rect.c0) ?? ''));
    series.forEach((s, k) => {
      const v = src.get(r, rect.c0 + 1 + k);
      s.values.push(typeof v === 'number' ? v : 0);
    });
  }
  return { categories, series };
}

const short = (s: string, n = 10) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const fmt = (v: number) =>
  Math.abs(v) >= 1e6
    ? `${(v / 1e6).toFixed(1)}M`
    : Math.abs(v) >= 1e3
      ? `${(v / 1e3).toFixed(0)}k`
      : v <= 1 && v > 0
        ? `${Math.round(v * 100)}%`
        : String(Math.round(v));

function Pie({ values, categories, hole }: { values: number[]; categories: string[]; hole: boolean }) {
  const total = values.reduce((a, v) => a + Math.max(0, v), 0) || 1;
  let angle = -Math.PI / 2;
  const cx = 95;
  const cy = H / 2 + 8;
  const r = 78;
  return (
    <g>
      {values.map((v, i) => {
        const a = (Math.max(0, v) / total) * Math.PI * 2;
        const x0 = cx + r * Math.cos(angle);
        const y0 = cy + r * Math.sin(angle);
        angle += a;
        const x1 = cx + r * Math.cos(angle);
        const y1 = cy + r * Math.sin(angle);
        const d =
          a >= Math.PI * 2 - 1e-9
            ? `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`
            : `M${cx},${cy}L${x0},${y0}A${r},${r} 0 ${a > Math.PI ? 1 : 0},1 ${x1},${y1}Z`;
        return <path key={i} d={d} fill={COLORS[i % COLORS.length]} stroke="#fff" strokeWidth={1} />;
      })}
      {hole && <circle cx={cx} cy={cy} r={r * 0.5} fill="#fff" />}
      {categories.slice(0, 10).map((c, i) => (
        <g key={i} transform={`translate(190, ${30 + i * 17})`}>
          <rect width={10} height={10} fill={COLORS[i % COLORS.length]} />
          <text x={14} y={9} fontSize={10}>
            {short(c, 12)} {Math.round((Math.max(0, values[i] ?? 0) / total) * 100)}%
          </text>
        </g>
      ))}
    </g>
  );
}

function Bars({
  categories,
  series,
  horizontal,
}: {
  categories: string[];
  series: Series[];
  horizontal: boolean;
}) {
  const bars = series.filter((s) => !s.line);
  const lines = series.filter((s) => s.line);
  const n = Math.max(categories.length, ...series.map((s) => s.values.length), 1);
  const max = Math.max(1e-9, ...bars.flatMap((s) => s.values));
  const max2 = Math.max(1e-9, ...lines.flatMap((s) => s.values));
  const left = horizontal ? 80 : 36;
  const top = 28;
  const plotW = W - left - (lines.some((l) => l.secondary) ? 34 : 10);
  const plotH = H - top - (horizontal ? 14 : 40);
  const band = (horizontal ? plotH : plotW) / n;
  const bw = (band * 0.75) / Math.max(1, bars.length);
  return (
    <g>
      <line x1={left} y1={top} x2={left} y2={top + plotH} stroke="#999" />
      <line x1={left} y1={top + plotH} x2={left + plotW} y2={top + plotH} stroke="#999" />
      {!horizontal && (
        <text x={left - 4} y={top + 4} fontSize={9} textAnchor="end" fill="#666">
          {fmt(max)}
        </text>
      )}
      {bars.map((s, k) =>
        s.values.map((v, i) => {
          const len = (Math.max(0, v) / max) * (horizontal ? plotW : plotH);
          const color =
            bars.length === 1 && horizontal ? COLORS[i % COLORS.length] : COLORS[k % COLORS.length];
          return horizontal ? (
            <rect
              key={`${k}-${i}`}
              x={left}
              y={top + i * band + band * 0.125 + k * bw}
              width={len}
              height={bw}
              fill={color}
            />
          ) : (
            <rect
              key={`${k}-${i}`}
              x={left + i * band + band * 0.125 + k * bw}
              y={top + plotH - len}
              width={bw}
              height={len}
              fill={color}
            />
          );
        }),
      )}
      {lines.map((s, k) => {
        const m = s.secondary ? max2 : max;
        const pts = s.values
          .map((v, i) => `${left + (i + 0.5) * band},${top + plotH - (v / m) * plotH}`)
          .join(' ');
        return (
          <polyline
            key={k}
            points={pts}
            fill="none"
            stroke={COLORS[(k + 1) % COLORS.length]}
            strokeWidth={2}
          />
        );
      })}
      {lines.some((l) => l.secondary) && (
        <text x={left + plotW + 4} y={top + 4} fontSize={9} fill="#666">
          {fmt(max2)}
        </text>
      )}
      {n <= 16 &&
        categories.map((c, i) =>
          horizontal ? (
            <text key={i} x={left - 4} y={top + (i + 0.5) * band + 3} fontSize={9} textAnchor="end">
              {short(c)}
            </text>
          ) : (
            <text
              key={i}
              transform={`translate(${left + (i + 0.5) * band}, ${top + plotH + 10}) rotate(30)`}
              fontSize={9}
            >
              {short(c, 8)}
            </text>
          ),
        )}
    </g>
  );
}

function Scatter({ series }: { series: Series[] }) {
  const pts = series.flatMap((s, k) => s.values.map((v, i) => ({ x: i, y: v, k })));
  const maxY = Math.max(1e-9, ...pts.map((p) => p.y));
  const maxX = Math.max(1, ...pts.map((p) => p.x));
  return (
    <g>
      {pts.slice(0, 2000).map((p, i) => (
        <circle
          key={i}
          cx={36 + (p.x / maxX) * (W - 50)}
          cy={H - 20 - (p.y / maxY) * (H - 60)}
          r={2.5}
          fill={COLORS[p.k % COLORS.length]}
        />
      ))}
    </g>
  );
}

export function ChartSvg({ state, chart }: { state: WorkbookState; chart: ChartState }) {
  const { categories, series } = chartData(state, chart);
  const type = chart.type.toLowerCase();
  return (
    <figure style={{ margin: 0 }} data-testid="chart" data-chart-type={chart.type}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={chart.title || chart.name}>
        <rect width={W} height={H} fill="#fff" stroke="#d0d0d0" />
        <text x={W / 2} y={17} textAnchor="middle" fontSize={12} fontWeight={600}>
          {short(chart.title || chart.name, 40)}
        </text>
        {type.includes('pie') || type.includes('doughnut') ? (
          <Pie values={series[0]?.values ?? []} categories={categories} hole={type.includes('doughnut')} />
        ) : type.includes('scatter') || type.includes('xy') ? (
          <Scatter series={series} />
        ) : (
          <Bars categories={categories} series={series} horizontal={type.startsWith('bar')} />
        )}
      </svg>
    </figure>
  );
}
