import { Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { useId } from 'react';
import type { Lang, MethodId } from '../../engine/types';
import { t } from '../../i18n';
import type { MethodInfo } from '../../worker/protocol';
import { fmtDate } from '../format';
import type { AnalysisPrefs } from '../settings';
import { usePaneStyles } from './styles';

export interface AnalysisStepProps {
  lang: Lang;
  busy: boolean;
  methods: MethodInfo[];
  prefs: AnalysisPrefs;
  /** Detected last date in the data, shown as the as-of placeholder. */
  detectedAsOf: string | null;
  onChange(patch: Partial<AnalysisPrefs>): void;
}

/** A number input that reports only valid numbers within bounds. */
function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  disabled: boolean;
  onValue(v: number): void;
}) {
  return (
    <Field label={props.label} size="small">
      <Input
        type="number"
        size="small"
        value={String(props.value)}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        disabled={props.disabled}
        onChange={(_, d) => {
          const v = Number(d.value);
          if (d.value !== '' && Number.isFinite(v) && v >= props.min && v <= props.max) props.onValue(v);
        }}
      />
    </Field>
  );
}

export function AnalysisStep(props: AnalysisStepProps) {
  const { lang, prefs, busy } = props;
  const s = usePaneStyles();
  const headingId = useId();
  const selected = new Set<MethodId>(
    prefs.methods ?? props.methods.filter((m) => m.byDefault).map((m) => m.id),
  );

  const toggle = (id: MethodId, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    // Keep the registry order so the stored list is stable.
    props.onChange({ methods: props.methods.map((m) => m.id).filter((m) => next.has(m)) });
  };

  const options = (id: MethodId) => {
    switch (id) {
      case 'rfm':
        return (
          <Field label={t('pane.opt.bins', lang)} size="small">
            <Select
              size="small"
              value={String(prefs.rfmBins)}
              disabled={busy}
              onChange={(_, d) => props.onChange({ rfmBins: Number(d.value) as 3 | 4 | 5 })}
            >
              {[5, 4, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
        );
      case 'rfm_class8':
        return (
          <Field label={t('pane.opt.class8', lang)} size="small">
            <Select
              size="small"
              value={prefs.class8}
              disabled={busy}
              onChange={(_, d) => props.onChange({ class8: d.value as 'mean' | 'median' })}
            >
              <option value="mean">{t('pane.opt.mean', lang)}</option>
              <option value="median">{t('pane.opt.median', lang)}</option>
            </Select>
          </Field>
        );
      case 'value_tiers':
        return (
          <>
            <NumberField
              label={t('pane.opt.tierA', lang)}
              value={prefs.tierA}
              min={1}
              max={99}
              disabled={busy}
              onValue={(v) => props.onChange({ tierA: v, tierB: Math.max(v + 1, prefs.tierB) })}
            />
            <NumberField
              label={t('pane.opt.tierB', lang)}
              value={prefs.tierB}
              min={2}
              max={100}
              disabled={busy}
              onValue={(v) => props.onChange({ tierB: v, tierA: Math.min(prefs.tierA, v - 1) })}
            />
          </>
        );
      case 'kmeans':
        return (
          <Field label={t('pane.opt.k', lang)} size="small">
            <Select
              size="small"
              value={String(prefs.k)}
              disabled={busy}
              onChange={(_, d) => props.onChange({ k: d.value === 'auto' ? 'auto' : Number(d.value) })}
            >
              <option value="auto">{t('pane.opt.kAuto', lang)}</option>
              {[2, 3, 4, 5, 6, 7, 8].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
        );
      case 'clv':
        return (
          <>
            <Field label={t('pane.opt.period', lang)} size="small">
              <Select
                size="small"
                value={prefs.clvPeriod}
                disabled={busy}
                onChange={(_, d) => props.onChange({ clvPeriod: d.value as AnalysisPrefs['clvPeriod'] })}
              >
                {(['day', 'week', 'month'] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`pane.opt.period.${p}`, lang)}
                  </option>
                ))}
              </Select>
            </Field>
            <NumberField
              label={t('pane.opt.horizon', lang)}
              value={prefs.clvHorizon}
              min={1}
              max={520}
              disabled={busy}
              onValue={(v) => props.onChange({ clvHorizon: v })}
            />
            <NumberField
              label={t('pane.opt.discount', lang)}
              value={prefs.clvDiscount}
              min={0}
              max={100}
              step={0.5}
              disabled={busy}
              onValue={(v) => props.onChange({ clvDiscount: v })}
            />
          </>
        );
      default:
        return null;
    }
  };

  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.sectionTitle}>
        {t('pane.step.analysis', lang)}
      </h2>
      <div role="group" aria-labelledby={headingId} style={{ display: 'flex', flexDirection: 'column' }}>
        {props.methods.map((m) => {
          const on = selected.has(m.id);
          const opts = on ? options(m.id) : null;
          return (
            <div key={m.id} data-method={m.id}>
              <Checkbox
                label={t(`pane.method.${m.id}`, lang)}
                checked={on}
                disabled={busy}
                onChange={(_, d) => toggle(m.id, d.checked === true)}
              />
              {opts && <div className={s.options}>{opts}</div>}
            </div>
          );
        })}
      </div>
      <Field
        label={t('pane.opt.asOf', lang)}
        hint={
          props.detectedAsOf
            ? t('pane.opt.asOfHintDate', lang, { date: fmtDate(lang, props.detectedAsOf) })
            : t('pane.opt.asOfHint', lang)
        }
        size="small"
      >
        <Input
          type="date"
          size="small"
          value={prefs.asOf || ''}
          placeholder={props.detectedAsOf ?? ''}
          disabled={busy}
          onChange={(_, d) => props.onChange({ asOf: d.value })}
        />
      </Field>
    </section>
  );
}
