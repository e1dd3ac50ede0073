import { Badge, Button, Dropdown, Option, Select, Spinner, Link } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { SelectionData } from '../../excel/api';
import { issueCounts, issueList } from '../../engine/issues';
import type { AnalysisResult, DataIssue, IssueReason, Lang, ListKind, Role } from '../../engine/types';
import { t } from '../../i18n';
import { columnLetters, fmtDate, fmtInt } from '../format';
import { usePaneStyles } from './styles';

const TX_ROLES: Role[] = [
  'customer_id',
  'customer_name',
  'order_id',
  'order_date',
  'amount',
  'quantity',
  'unit_price',
  'profit',
  'region',
  'product',
  'category',
  'channel',
];
const CUSTOMER_ROLES: Role[] = [
  'customer_id',
  'customer_name',
  'recency',
  'frequency',
  'monetary',
  'first_purchase',
  'last_purchase',
  'profit',
  'region',
  'category',
  'channel',
];
// Always listed, mapped or not: what a run cannot do without.
const CORE: Record<ListKind, Role[]> = {
  transactions: ['customer_id', 'order_date', 'amount', 'order_id'],
  customers: ['customer_id', 'recency', 'frequency', 'monetary', 'last_purchase'],
};
const NONE = '__none__';
const MAX_ISSUES_SHOWN = 6;

export interface DataStepProps {
  lang: Lang;
  busy: boolean;
  selection: SelectionData | null;
  preview: AnalysisResult | null;
  previewing: boolean;
  selectionStale: boolean;
  map: Partial<Record<Role, string | number | null>>;
  kind: ListKind | null;
  onUseSelection(): void;
  onMap(role: Role, value: string | number | null | undefined): void;
  onResetMap(): void;
  onKind(kind: ListKind | null): void;
  onGotoRow(row: number): void;
}

function ConfidenceBadge({ lang, confidence, user }: { lang: Lang; confidence: number; user: boolean }) {
  if (user)
    return (
      <Badge appearance="tint" color="brand">
        {t('pane.roles.user', lang)}
      </Badge>
    );
  if (confidence >= 0.8)
    return (
      <Badge appearance="tint" color="success">
        {t('pane.roles.high', lang)}
      </Badge>
    );
  if (confidence >= 0.5)
    return (
      <Badge appearance="tint" color="warning">
        {t('pane.roles.medium', lang)}
      </Badge>
    );
  return (
    <Badge appearance="tint" color="danger">
      {t('pane.roles.low', lang)}
    </Badge>
  );
}

export function DataStep(props: DataStepProps) {
  const { lang, selection, preview } = props;
  const s = usePaneStyles();
  const headingId = useId();
  const [allRoles, setAllRoles] = useState(false);
  const kind: ListKind = props.kind ?? preview?.input.kind ?? 'transactions';

  const headers = preview?.headers ?? [];
  const headerLabel = (i: number) =>
    headers[i] || `(${columnLetters((preview?.input.firstColumn ?? 1) + i)})`;
  const detected = new Map((preview?.roles ?? []).map((r) => [r.role, r] as const));

  /** Column index currently mapped to a role (the user's override first), or -1. */
  const columnOf = (role: Role): number => {
    if (Object.prototype.hasOwnProperty.call(props.map, role)) {
      const v = props.map[role];
      if (v === null || v === undefined) return -1;
      return typeof v === 'number' ? v : headers.indexOf(v);
    }
    return detected.get(role)?.column ?? -1;
  };

  const roleList = (kind === 'customers' ? CUSTOMER_ROLES : TX_ROLES).filter(
    (r) => allRoles || CORE[kind].includes(r) || columnOf(r) >= 0,
  );

  // Title rows above the header are not problems with the data.
  const listed = (reason: IssueReason): boolean => reason !== 'above_header';
  const counts = preview ? issueCounts(preview.issues, listed) : new Map<IssueReason, number>();
  const issues = preview ? issueList(preview.issues, listed, MAX_ISSUES_SHOWN) : [];

  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.sectionTitle}>
        {t('pane.step.data', lang)}
      </h2>
      {!selection && <p className={s.hint}>{t('pane.data.hint', lang)}</p>}
      <div className={s.row}>
        <Button
          appearance={selection ? 'secondary' : 'primary'}
          onClick={props.onUseSelection}
          disabled={props.busy}
        >
          {t('pane.data.use', lang)}
        </Button>
        {props.previewing && <Spinner size="tiny" label={t('pane.data.reading', lang)} />}
      </div>
      {props.selectionStale && selection && <p className={s.hint}>{t('pane.data.changed', lang)}</p>}

      {selection && (
        <dl className={s.facts} data-testid="selection-facts">
          <dt>{t('pane.data.address', lang)}</dt>
          <dd translate="no">{selection.address}</dd>
          {preview && (
            <>
              <dt>{t('pane.data.rows', lang)}</dt>
              <dd>
                {fmtInt(lang, preview.input.rows)} ·{' '}
                {t('pane.data.used', lang, {
                  used: fmtInt(lang, preview.input.used),
                  skipped: fmtInt(lang, preview.input.skipped),
                })}
              </dd>
              <dt>{t('pane.data.kind', lang)}</dt>
              <dd>
                <Select
                  size="small"
                  aria-label={t('pane.data.kind', lang)}
                  value={kind}
                  onChange={(_, d) =>
                    props.onKind(d.value === preview.input.kind ? null : (d.value as ListKind))
                  }
                  disabled={props.busy}
                >
                  <option value="transactions">{t('pane.data.kind.transactions', lang)}</option>
                  <option value="customers">{t('pane.data.kind.customers', lang)}</option>
                </Select>
              </dd>
              <dt />
              <dd className={s.hint}>
                {t('pane.data.header', lang, { row: preview.input.headerRow })}
                {preview.asOf ? ` · ${t('pane.data.asof', lang, { date: fmtDate(lang, preview.asOf) })}` : ''}
              </dd>
            </>
          )}
        </dl>
      )}

      {preview && (
        <>
          <table className={s.table} aria-label={t('pane.roles.title', lang)} data-testid="role-table">
            <thead>
              <tr>
                <th className={s.th} scope="col">
                  {t('pane.roles.role', lang)}
                </th>
                <th className={s.th} scope="col">
                  {t('pane.roles.column', lang)}
                </th>
                <th className={s.th} scope="col">
                  {t('pane.roles.confidence', lang)}
                </th>
              </tr>
            </thead>
            <tbody>
              {roleList.map((role) => {
                const col = columnOf(role);
                const user = Object.prototype.hasOwnProperty.call(props.map, role);
                const roleName = t(`pane.role.${role}`, lang);
                return (
                  <tr key={role} data-role={role}>
                    <th className={s.td} scope="row" style={{ fontWeight: 'normal' }}>
                      {roleName}
                    </th>
                    <td className={s.td} style={{ width: '55%' }}>
                      <Dropdown
                        size="small"
                        className={s.dropdown}
                        aria-label={roleName}
                        // Header names are data, not UI text: keep them out of translation (and the e2e check).
                        translate={col >= 0 ? 'no' : undefined}
                        disabled={props.busy}
                        value={col >= 0 ? headerLabel(col) : t('pane.roles.none', lang)}
                        selectedOptions={[col >= 0 ? String(col) : NONE]}
                        onOptionSelect={(_, d) => {
                          const v = d.optionValue;
                          if (v === undefined) return;
                          const i = v === NONE ? -1 : Number(v);
                          const det = detected.get(role);
                          const detCol = det && det.source !== 'user' ? det.column : -1;
                          // Choosing what was detected anyway removes the override.
                          if (i === detCol && !props.map[role]) props.onMap(role, undefined);
                          else props.onMap(role, i < 0 ? null : headers[i] ? headers[i] : i);
                        }}
                      >
                        <Option value={NONE}>{t('pane.roles.none', lang)}</Option>
                        {headers.map((_, i) => (
                          <Option key={i} value={String(i)} text={headerLabel(i)}>
                            <span translate="no">{headerLabel(i)}</span>
                          </Option>
                        ))}
                      </Dropdown>
                    </td>
                    <td className={s.td}>
                      {col >= 0 && (
                        <ConfidenceBadge
                          lang={lang}
                          user={user}
                          confidence={detected.get(role)?.confidence ?? 0}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className={s.row}>
            <Link as="button" onClick={() => setAllRoles(!allRoles)}>
              {t(allRoles ? 'pane.roles.fewer' : 'pane.roles.more', lang)}
            </Link>
            {Object.keys(props.map).length > 0 && (
              <Link as="button" onClick={props.onResetMap} disabled={props.busy}>
                {t('pane.roles.reset', lang)}
              </Link>
            )}
          </div>
          <IssuesList lang={lang} issues={issues} counts={counts} onGotoRow={props.onGotoRow} />
        </>
      )}
    </section>
  );
}

function IssuesList(props: {
  lang: Lang;
  /** The first issues (at most MAX_ISSUES_SHOWN). */
  issues: DataIssue[];
  /** How many issues there are of each reason (all of them, not only those shown). */
  counts: Map<IssueReason, number>;
  onGotoRow(row: number): void;
}) {
  const { lang, issues: shown } = props;
  let total = 0;
  for (const n of props.counts.values()) total += n;
  const s = usePaneStyles();
  const headingId = useId();
  if (total === 0) return <p className={s.hint}>{t('pane.issues.none', lang)}</p>;
  return (
    <div aria-labelledby={headingId} role="group" data-testid="issues">
      <h3 id={headingId} className={s.bigNumber} style={{ margin: '4px 0' }}>
        {t('pane.issues.title', lang, { count: fmtInt(lang, total) })}
      </h3>
      <div className={s.row} style={{ marginBottom: 4 }}>
        {[...props.counts].map(([reason, n]) => (
          <Badge key={reason} appearance="outline" color="informative">
            {t(`pane.reason.${reason}`, lang)}: {fmtInt(lang, n)}
          </Badge>
        ))}
      </div>
      <ul className={s.issueList}>
        {shown.map((issue, k) => (
          <li key={k} className={s.issueItem}>
            <span className={s.issueText}>
              {t('pane.issues.row', lang, { row: issue.row })} · {t(`pane.reason.${issue.reason}`, lang)}
              {issue.value ? <span translate="no"> · {issue.value}</span> : null}
            </span>
            <Button
              size="small"
              appearance="subtle"
              aria-label={t('pane.issues.goto', lang, { row: issue.row })}
              onClick={() => props.onGotoRow(issue.row)}
            >
              {t('pane.issues.gotoShort', lang)}
            </Button>
          </li>
        ))}
      </ul>
      {total > shown.length && (
        <p className={s.hint}>{t('pane.issues.more', lang, { count: fmtInt(lang, total - shown.length) })}</p>
      )}
    </div>
  );
}
