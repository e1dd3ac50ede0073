import { Field, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { useId } from 'react';
import type { Lang } from '../../engine/types';
import { t } from '../../i18n';
import type { OutputPrefs } from '../settings';
import { usePaneStyles } from './styles';

export function OutputStep(props: {
  lang: Lang;
  busy: boolean;
  prefs: OutputPrefs;
  onChange(p: Partial<OutputPrefs>): void;
}) {
  const { lang, prefs, busy } = props;
  const s = usePaneStyles();
  const headingId = useId();
  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.sectionTitle}>
        {t('pane.step.output', lang)}
      </h2>
      <Field label={t('pane.out.placement', lang)} size="small">
        <RadioGroup
          value={prefs.placement}
          disabled={busy}
          onChange={(_, d) => props.onChange({ placement: d.value as OutputPrefs['placement'] })}
        >
          <Radio value="auto" label={t('pane.out.auto', lang)} />
          <Radio value="new-sheet" label={t('pane.out.newSheet', lang)} />
        </RadioGroup>
      </Field>
      <div role="group" aria-labelledby={headingId} style={{ display: 'flex', flexDirection: 'column' }}>
        {(['summary', 'charts', 'pivot'] as const).map((k) => (
          <Switch
            key={k}
            label={t(`pane.out.${k}`, lang)}
            checked={prefs[k]}
            disabled={busy}
            onChange={(_, d) => props.onChange({ [k]: d.checked })}
          />
        ))}
      </div>
    </section>
  );
}
