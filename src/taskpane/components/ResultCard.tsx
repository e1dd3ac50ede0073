import { Link, MessageBar, MessageBarBody, Select, Field } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { WriteReport } from '../../excel/api';
import type { AnalysisResult, Lang, MethodId, SegmentSummary } from '../../engine/types';
import { segmentName, segmentText, t } from '../../i18n';
import { fmtDate, fmtInt, fmtMoney, fmtPct, fmtSeconds } from '../format';
import { SEGMENT_COLORS, usePaneStyles } from './styles';

export interface ResultCardProps {
  lang: Lang;
  result: AnalysisResult;
  report: WriteReport;
  elapsedMs: number;
  notices: string[];
  onOpenSheet(sheet: string): void;
}

export function ResultCard(props: ResultCardProps) {
  const { lang, result, report } = props;
  const s = usePaneStyles();
  const headingId = useId();
  const byMethod = new Map<MethodId, SegmentSummary[]>();
  for (const seg of result.segments) {
    const list = byMethod.get(seg.method) ?? [];
    list.push(seg);
    byMethod.set(seg.method, list);
  }
  // The engine runs methods in the order a sales manager recognises them (R×F map first).
  const available = result.methods.filter((m) => m.segmentColumn && byMethod.has(m.id)).map((m) => m.id);
  const [chosen, setChosen] = useState<MethodId | null>(null);
  const method = chosen && byMethod.has(chosen) ? chosen : available[0];
  const order = result.methods.find((m) => m.id === method)?.segmentIds;
  const segments = (byMethod.get(method) ?? [])
    .filter((x) => x.customers > 0)
    .sort((a, b) => (order ? order.indexOf(a.id) - order.indexOf(b.id) : b.customers - a.customers));
  const customers = segments.reduce((a, x) => a + x.customers, 0);
  const revenue = segments.reduce((a, x) => a + x.revenue, 0);
  const maxShare = Math.max(0.0001, ...segments.map((x) => x.customerShare));

  return (
    <section className={s.section} aria-labelledby={headingId} data-testid="result">
      <h2 id={headingId} className={s.sectionTitle} tabIndex={-1}>
        {t('pane.result.title', lang)}
      </h2>
      <p style={{ margin: 0 }}>
        {t('pane.result.summary', lang, {
          customers: fmtInt(lang, customers || result.facts.n),
          revenue: fmtMoney(lang, revenue || result.amounts.used),
          asOf: fmtDate(lang, result.asOf),
        })}{' '}
        <span className={s.hint}>
          {t('pane.result.time', lang, { seconds: fmtSeconds(lang, props.elapsedMs) })}
        </span>
      </p>
      {available.length > 1 && (
        <Field label={t('pane.result.method', lang)} size="small" orientation="horizontal">
          <Select size="small" value={method} onChange={(_, d) => setChosen(d.value as MethodId)}>
            {available.map((m) => (
              <option key={m} value={m}>
                {t(`pane.method.${m}`, lang)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {segments.length > 0 && (
        <table className={s.table} data-testid="segment-table" aria-describedby={headingId}>
          <thead>
            <tr>
              <th className={s.th} scope="col">
                {t('pane.result.segment', lang)}
              </th>
              <th className={`${s.th} ${s.num}`} scope="col">
                {t('pane.result.customers', lang)}
              </th>
              <th className={`${s.th} ${s.num}`} scope="col">
                {t('pane.result.revenue', lang)}
              </th>
              <th className={s.th} scope="col">
                <span
                  style={{
                    position: 'absolute',
                    width: 1,
                    height: 1,
                    overflow: 'hidden',
                    clip: 'rect(0 0 0 0)',
                  }}
                >
                  {t('pane.result.share', lang)}
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {segments.map((seg, i) => {
              const text = segmentText(method, seg.id);
              const color = SEGMENT_COLORS[i % SEGMENT_COLORS.length];
              return (
                <tr
                  key={seg.id}
                  data-segment={seg.id}
                  title={text ? t('pane.result.action', lang, { action: text.action[lang] }) : undefined}
                >
                  <td className={s.td}>
                    <span className={s.segName}>
                      <span className={s.swatch} style={{ backgroundColor: color }} aria-hidden="true" />
                      {segmentName(method, seg.id, lang)}
                    </span>
                  </td>
                  <td className={`${s.td} ${s.num}`}>{fmtInt(lang, seg.customers)}</td>
                  <td className={`${s.td} ${s.num}`}>{fmtMoney(lang, seg.revenue)}</td>
                  <td className={`${s.td} ${s.barCell}`}>
                    <div
                      className={s.barTrack}
                      role="img"
                      aria-label={`${t('pane.result.share', lang)} ${fmtPct(lang, seg.customerShare)}`}
                    >
                      <div
                        style={{
                          width: `${(seg.customerShare / maxShare) * 100}%`,
                          height: '100%',
                          backgroundColor: color,
                        }}
                      />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {report.sheets.length > 0 && (
        <nav aria-label={t('pane.result.sheets', lang)}>
          <div className={s.hint} style={{ marginBottom: 2 }}>
            {t('pane.result.sheets', lang)}
          </div>
          <div className={s.links}>
            {report.sheets.map((sheet) => (
              <Link
                key={sheet}
                as="button"
                aria-label={t('pane.result.open', lang, { sheet })}
                onClick={() => props.onOpenSheet(sheet)}
              >
                <span translate="no">{sheet}</span>
              </Link>
            ))}
          </div>
        </nav>
      )}
      {props.notices.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {props.notices.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
