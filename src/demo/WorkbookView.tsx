/** The demo's picture of the simulated workbook: sheet tabs, a grid of the first rows, selection, charts. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../engine/types';
import { t } from '../i18n';
import { ChartSvg } from './ChartSvg';
import {
  cellText,
  columnLetters,
  pivotCells,
  rectAddress,
  type Rect,
  type Workbook,
  type WorkbookState,
} from './simApi';

/** The pivot's cross-tab computed from its source (the simulator records pivots, it does not lay them out). */
function PivotGrid({ state, pivot }: { state: WorkbookState; pivot: Parameters<typeof pivotCells>[1] }) {
  const cells = pivotCells(state, pivot);
  if (!cells) return null;
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  const cell = { padding: '1px 6px', borderBottom: '1px solid #d8e8dd', textAlign: 'right' as const };
  return (
    <table style={{ borderCollapse: 'collapse', marginTop: 4, fontSize: 11 }}>
      <thead>
        <tr>
          <th />
          {cells.columns.map((c) => (
            <th key={c} style={cell}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.rows.map(([k, vals]) => (
          <tr key={k}>
            <th style={{ ...cell, textAlign: 'left', fontWeight: 400 }}>{k}</th>
            {vals.map((v, i) => (
              <td key={i} style={cell}>
                {fmt(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const MAX_ROWS = 200;
const MAX_COLS = 40;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
    height: '100%',
    backgroundColor: '#fff',
  },
  nameBar: {
    display: 'flex',
    gap: '8px',
    alignItems: 'center',
    padding: '4px 8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
  },
  nameBox: {
    minWidth: '140px',
    padding: '2px 6px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: '2px',
    fontFamily: tokens.fontFamilyMonospace,
  },
  gridWrap: { flexGrow: 1, overflow: 'auto', minHeight: 0, userSelect: 'none', position: 'relative' },
  grid: { borderCollapse: 'collapse', fontSize: '12px', tableLayout: 'fixed' },
  corner: {
    position: 'sticky',
    top: 0,
    left: 0,
    zIndex: 3,
    backgroundColor: '#f3f3f3',
    border: '1px solid #d4d4d4',
    width: '44px',
    cursor: 'pointer',
  },
  colHead: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: '#f3f3f3',
    border: '1px solid #d4d4d4',
    fontWeight: 400,
    color: '#555',
    height: '20px',
    width: '96px',
    cursor: 'pointer',
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: '#f3f3f3',
    border: '1px solid #d4d4d4',
    color: '#555',
    textAlign: 'center',
    fontWeight: 400,
    cursor: 'pointer',
  },
  cell: {
    border: '1px solid #e1e1e1',
    padding: '1px 4px',
    height: '20px',
    maxWidth: '160px',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    cursor: 'cell',
  },
  num: { textAlign: 'right' },
  selected: { backgroundColor: '#dbe9f7' },
  headSelected: { backgroundColor: '#d2d2d2', color: '#1d5a9e', fontWeight: 600 },
  tabs: {
    display: 'flex',
    gap: '2px',
    padding: '0 8px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: '#f3f3f3',
    overflowX: 'auto',
    flexShrink: 0,
  },
  tab: {
    border: 'none',
    borderBottom: '3px solid transparent',
    background: 'transparent',
    padding: '6px 12px',
    fontSize: '13px',
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    fontFamily: 'inherit',
  },
  tabActive: {
    backgroundColor: '#fff',
    borderBottom: '3px solid #107c41',
    color: '#107c41',
    fontWeight: 600,
  },
  charts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '12px',
    padding: '8px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: '#fafafa',
    flexShrink: 0,
    maxHeight: '260px',
    overflowY: 'auto',
  },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, padding: '4px 8px' },
  pivot: {
    fontSize: tokens.fontSizeBase200,
    border: '1px dashed #107c41',
    padding: '6px 10px',
    backgroundColor: '#f1faf4',
    alignSelf: 'flex-start',
  },
});

export interface WorkbookViewProps {
  wb: Workbook;
  lang: Lang;
  /** Bumped by the page whenever the workbook changed (a run, a selection from the pane). */
  version: number;
  onSelect(sheet: string, address: string): void;
  onActivate(sheet: string): void;
}

const inRect = (r: number, c: number, x: Rect | null) =>
  x !== null && r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1;
const norm = (a: { r: number; c: number }, b: { r: number; c: number }): Rect => ({
  r0: Math.min(a.r, b.r),
  c0: Math.min(a.c, b.c),
  r1: Math.max(a.r, b.r),
  c1: Math.max(a.c, b.c),
});

export function WorkbookView({ wb, lang, version, onSelect, onActivate }: WorkbookViewProps) {
  const s = useStyles();
  const state = wb.state;
  const sheets = state.liveSheets().filter((x) => x.visibility === 'Visible');
  const active = (state.activeSheetId && state.sheetById(state.activeSheetId)) || sheets[0];
  const [drag, setDrag] = useState<{ anchor: { r: number; c: number }; rect: Rect } | null>(null);
  const dragRef = useRef(drag);
  dragRef.current = drag;

  const used = active?.usedRect(true) ?? null;
  const rows = used ? Math.min(used.r1 + 1, MAX_ROWS) : 20;
  const cols = Math.max(used ? Math.min(used.c1 + 2, MAX_COLS) : 8, 8);
  const selected: Rect | null =
    drag?.rect ??
    (state.selection && active && state.selection.sheetId === active.id ? state.selection.rects[0] : null);

  useEffect(() => {
    const up = () => {
      const d = dragRef.current;
      if (d && active) onSelect(active.name, rectAddress(d.rect));
      setDrag(null);
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, [active, onSelect]);

  if (!active) return <div className={s.root} />;
  const lastUsedRow = used ? used.r1 : 0;
  const lastUsedCol = used ? used.c1 : 0;
  const selectWhole = (rect: Rect) => onSelect(active.name, rectAddress(rect));
  const charts = wb.charts().filter((c) => c.sheetId === active.id);
  const pivots = wb.pivots().filter((p) => p.sheetId === active.id);

  const cellsOf = (r: number) => {
    const out = [];
    for (let c = 0; c < cols; c++) {
      const text = cellText(active, r, c);
      const isNum = typeof active.get(r, c) === 'number';
      const sel = inRect(r, c, selected);
      out.push(
        <td
          key={c}
          className={`${s.cell} ${isNum ? s.num : ''} ${sel ? s.selected : ''}`}
          title={text.length > 14 ? text : undefined}
          data-cell={`${columnLetters(c)}${r + 1}`}
          onMouseDown={(e) => {
            e.preventDefault();
            const anchor = e.shiftKey && selected ? { r: selected.r0, c: selected.c0 } : { r, c };
            setDrag({ anchor, rect: norm(anchor, { r, c }) });
          }}
          onMouseEnter={() => {
            const d = dragRef.current;
            if (d) setDrag({ anchor: d.anchor, rect: norm(d.anchor, { r, c }) });
          }}
        >
          {text}
        </td>,
      );
    }
    return out;
  };

  return (
    <div className={s.root} data-testid="workbook" data-version={version}>
      <div className={s.nameBar}>
        <span>{t('pane.demo.selection', lang)}</span>
        <span className={s.nameBox} data-testid="namebox" translate="no">
          {selected ? rectAddress(selected) : ''}
        </span>
        {used && used.r1 + 1 > MAX_ROWS && (
          <span className={s.note}>
            {t('pane.demo.rowsShown', lang, { shown: MAX_ROWS, total: used.r1 + 1 })}
          </span>
        )}
      </div>
      <div className={s.gridWrap} translate="no">
        <table className={s.grid} data-testid="grid" data-sheet={active.name}>
          <thead>
            <tr>
              <th
                className={s.corner}
                title={t('pane.demo.selectAll', lang)}
                aria-label={t('pane.demo.selectAll', lang)}
                onClick={() => used && selectWhole({ r0: 0, c0: 0, r1: lastUsedRow, c1: lastUsedCol })}
                data-testid="select-all"
              />
              {Array.from({ length: cols }, (_, c) => (
                <th
                  key={c}
                  className={`${s.colHead} ${selected && c >= selected.c0 && c <= selected.c1 ? s.headSelected : ''}`}
                  onClick={() => selectWhole({ r0: 0, c0: c, r1: lastUsedRow, c1: c })}
                >
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th
                  className={`${s.rowHead} ${selected && r >= selected.r0 && r <= selected.r1 ? s.headSelected : ''}`}
                  onClick={() => selectWhole({ r0: r, c0: 0, r1: r, c1: lastUsedCol })}
                >
                  {r + 1}
                </th>
                {cellsOf(r)}
              </tr>
            ))}
          </tbody>
        </table>
        {!used && <div className={s.note}>{t('pane.demo.empty', lang)}</div>}
      </div>
      {(charts.length > 0 || pivots.length > 0) && (
        <div className={s.charts} aria-label={t('pane.demo.charts', lang)} role="region">
          {charts.map((c) => (
            <ChartSvg key={c.id} state={state} chart={c} />
          ))}
          {pivots.map((p) => (
            <div key={p.id} className={s.pivot} data-testid="pivot" translate="no">
              <strong>
                {t('pane.demo.pivot', lang)}: {p.name}
              </strong>
              <div>
                Σ {p.data.map((d) => `${d.name} (${d.summarizeBy})`).join(', ')} · ↓ {p.rows.join(', ')}
                {p.columns.length > 0 ? ` · → ${p.columns.join(', ')}` : ''}
              </div>
              <PivotGrid state={state} pivot={p} />
            </div>
          ))}
        </div>
      )}
      <div className={s.tabs} role="tablist" aria-label={t('pane.demo.sheets', lang)}>
        {sheets.map((sh) => (
          <button
            key={sh.id}
            role="tab"
            aria-selected={sh.id === active.id}
            className={`${s.tab} ${sh.id === active.id ? s.tabActive : ''}`}
            onClick={() => onActivate(sh.name)}
            translate="no"
          >
            {sh.name}
          </button>
        ))}
      </div>
    </div>
  );
}
