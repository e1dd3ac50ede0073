import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SelectionData, WriteReport } from '../../excel/api';
import type { AnalysisResult, Lang, ListKind, Role } from '../../engine/types';
import { CancelledError } from '../../engine/types';
import { t } from '../../i18n';
import { describeMethods } from '../../worker/client';
import type { MethodInfo } from '../../worker/protocol';
import { columnLetters, errorText, fmtPct } from '../format';
import type { PaneHost } from '../host';
import { analyzeInput, readInput, writeResult, type StageProgress } from '../pipeline';
import {
  defaultPrefs,
  langFromLocale,
  loadUserLang,
  saveUserLang,
  toAnalyzeOptions,
  type AnalysisPrefs,
  type OutputPrefs,
  type WorkbookPrefs,
} from '../settings';
import { AnalysisStep } from './AnalysisStep';
import { DataStep } from './DataStep';
import { OutputStep } from './OutputStep';
import { ResultCard } from './ResultCard';
import { usePaneStyles } from './styles';

// Shown until the worker has told us the registry (and if it never does).
const FALLBACK_METHODS: MethodInfo[] = [
  { id: 'rfm', byDefault: true },
  { id: 'rfm_segments', byDefault: true },
  { id: 'rfm_class8', byDefault: true },
  { id: 'value_tiers', byDefault: true },
  { id: 'fm_quadrants', byDefault: true },
  { id: 'contributions', byDefault: true },
];

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; progress: StageProgress }
  | { kind: 'done'; result: AnalysisResult; report: WriteReport; elapsedMs: number }
  | { kind: 'cancelled' };

export interface AppProps {
  host: PaneHost;
  /** Controlled language (the demo page shares it); otherwise the pane keeps its own. */
  lang?: Lang;
  onLangChange?(lang: Lang): void;
  /** Lets the host say the sheet selection changed (the pane marks its data step stale). */
  subscribeSelection?(listener: () => void): () => void;
  /** i18n key of a note above the steps (e.g. "not inside Excel"). */
  bannerKey?: string;
}

function isCancel(err: unknown): boolean {
  return (
    err instanceof CancelledError ||
    (err as Error | null)?.name === 'CancelledError' ||
    (err as Error | null)?.name === 'AbortError'
  );
}

export function App(props: AppProps) {
  const { host } = props;
  const s = usePaneStyles();
  const [ownLang, setOwnLang] = useState<Lang>(() => loadUserLang() ?? langFromLocale(host.displayLanguage));
  const lang = props.lang ?? ownLang;
  const setLang = (l: Lang) => {
    saveUserLang(l);
    setOwnLang(l);
    props.onLangChange?.(l);
  };

  const [prefs, setPrefs] = useState<WorkbookPrefs>(defaultPrefs);
  const [methods, setMethods] = useState<MethodInfo[]>(FALLBACK_METHODS);
  const [selection, setSelection] = useState<SelectionData | null>(null);
  const [preview, setPreview] = useState<AnalysisResult | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [stale, setStale] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [notices, setNotices] = useState<{ key: string; params?: Record<string, string | number> }[]>([]);
  const abortRef = useRef<AbortController | null>(null);
  const previewAbort = useRef<AbortController | null>(null);
  const prefsLoaded = useRef(false);
  const busy = phase.kind === 'running';

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('pane.title', lang);
  }, [lang]);

  useEffect(() => {
    let live = true;
    host.loadPrefs().then((p) => {
      if (!live) return;
      prefsLoaded.current = true;
      setPrefs(p);
    });
    describeMethods().then(
      (m) => live && m.length > 0 && setMethods(m),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [host]);

  useEffect(() => props.subscribeSelection?.(() => setStale(true)), [props.subscribeSelection]);

  const updatePrefs = useCallback(
    (next: WorkbookPrefs) => {
      setPrefs(next);
      void host.savePrefs(next);
    },
    [host],
  );

  /** Ingest only (no methods) to show roles, kind and issues for this selection and mapping. */
  const runPreview = useCallback(async (sel: SelectionData, p: WorkbookPrefs) => {
    previewAbort.current?.abort();
    const ac = new AbortController();
    previewAbort.current = ac;
    setPreviewing(true);
    try {
      const result = await analyzeInput(sel, { ...toAnalyzeOptions(p), methods: [] }, () => {}, ac.signal);
      if (!ac.signal.aborted) {
        setPreview(result);
        setError(null);
      }
    } catch (err) {
      if (!isCancel(err)) {
        setPreview(null);
        setError(err);
      }
    } finally {
      if (previewAbort.current === ac) setPreviewing(false);
    }
  }, []);

  const takeSelection = async () => {
    setError(null);
    setPreviewing(true);
    try {
      const sel = await readInput(host, () => {});
      setSelection(sel);
      setNotices(sel.notices);
      setStale(false);
      await runPreview(sel, prefs);
    } catch (err) {
      setPreviewing(false);
      setSelection(null);
      setPreview(null);
      setError(err);
    }
  };

  const changeMap = (role: Role, value: string | number | null | undefined) => {
    const map = { ...prefs.map };
    if (value === undefined) delete map[role];
    else map[role] = value as string | null;
    const next = { ...prefs, map };
    updatePrefs(next);
    if (selection) void runPreview(selection, next);
  };
  const resetMap = () => {
    const next = { ...prefs, map: {}, kind: null };
    updatePrefs(next);
    if (selection) void runPreview(selection, next);
  };
  const changeKind = (kind: ListKind | null) => {
    const next = { ...prefs, kind };
    updatePrefs(next);
    if (selection) void runPreview(selection, next);
  };

  const [confirmReplace, setConfirmReplace] = useState(false);

  /** Run, after asking whether to replace an earlier run's outputs when there are any. */
  const requestRun = async () => {
    setError(null);
    if (await host.hasPreviousOutputs().catch(() => false)) setConfirmReplace(true);
    else void run(false);
  };

  const run = async (replacePrevious: boolean) => {
    setConfirmReplace(false);
    previewAbort.current?.abort();
    const ac = new AbortController();
    abortRef.current = ac;
    setError(null);
    const started = performance.now();
    const onProgress = (p: StageProgress) => {
      if (!ac.signal.aborted) setPhase({ kind: 'running', progress: p });
    };
    setPhase({ kind: 'running', progress: { stage: 'start', fraction: 0 } });
    try {
      void host.savePrefs(prefs);
      let sel = selection;
      if (!sel || stale) {
        sel = await readInput(host, onProgress, ac.signal);
        setSelection(sel);
        setStale(false);
      }
      const result = await analyzeInput(sel, toAnalyzeOptions(prefs), onProgress, ac.signal);
      if (ac.signal.aborted) throw new CancelledError();
      setPreview(result);
      const report = await writeResult(host, sel, result, lang, prefs.output, onProgress, replacePrevious);
      host.workbookChanged();
      setNotices([
        ...sel.notices,
        ...result.skippedMethods.map((m) => m.notice),
        ...result.methods.flatMap((m) => m.notices ?? []),
        ...report.notices,
      ]);
      setPhase({ kind: 'done', result, report, elapsedMs: performance.now() - started });
    } catch (err) {
      if (isCancel(err) || ac.signal.aborted) {
        host.workbookChanged();
        setPhase({ kind: 'cancelled' });
      } else {
        setPhase({ kind: 'idle' });
        setError(err);
      }
    } finally {
      if (abortRef.current === ac) abortRef.current = null;
    }
  };

  const cancel = () => abortRef.current?.abort();

  // Keyboard users land where the next action is: Cancel while running, the result (or Run) afterwards.
  const paneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = paneRef.current;
    if (!root || (!root.contains(document.activeElement) && document.activeElement !== document.body)) return;
    const target =
      phase.kind === 'running'
        ? root.querySelector<HTMLElement>('[data-testid=cancel]')
        : phase.kind === 'done'
          ? root.querySelector<HTMLElement>('[data-testid=result] h2')
          : root.querySelector<HTMLElement>('[data-testid=run]');
    target?.focus({ preventScroll: true });
  }, [phase.kind]);

  // Results, questions and errors appear at the top of the steps: bring them into view.
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (phase.kind !== 'running' && phase.kind !== 'idle') mainRef.current?.scrollTo({ top: 0 });
  }, [phase.kind]);
  useEffect(() => {
    if (confirmReplace || error !== null) mainRef.current?.scrollTo({ top: 0 });
  }, [confirmReplace, error]);

  const gotoRow = (row: number) => {
    if (!selection) return;
    const first = selection.input.firstColumn ?? 1;
    const last = first + Math.max(1, selection.columnCount) - 1;
    void host
      .selectRange(selection.sheet, `${columnLetters(first)}${row}:${columnLetters(last)}${row}`)
      .catch((err) => setError(err));
  };

  const noticeTexts = useMemo(() => notices.map((n) => t(n.key, lang, n.params)), [notices, lang]);
  const progress = phase.kind === 'running' ? phase.progress : null;
  const stageLabel = progress
    ? progress.stage === 'methods' && progress.method
      ? `${t('pane.stage.methods', lang)}: ${t(`pane.method.${progress.method}`, lang)}`
      : t(`pane.stage.${progress.stage}`, lang)
    : '';

  return (
    <div className={s.root} data-testid="pane" data-phase={phase.kind} ref={paneRef}>
      <header className={s.header}>
        <img src="assets/icon-32.png" width={28} height={28} alt="" style={{ marginTop: 2 }} />
        <div className={s.headerText}>
          <h1 className={s.title} style={{ margin: 0 }}>
            {t('pane.title', lang)}
          </h1>
          <span className={s.subtitle}>{t('pane.subtitle', lang)}</span>
        </div>
        <Select
          className={s.langSelect}
          size="small"
          aria-label={t('pane.language', lang)}
          value={lang}
          onChange={(_, d) => setLang(d.value as Lang)}
          data-testid="lang"
        >
          <option value="zh" lang="zh-CN" translate="no">
            中文
          </option>
          <option value="en" lang="en" translate="no">
            English
          </option>
        </Select>
      </header>

      <main className={s.scroll} ref={mainRef}>
        {props.bannerKey && (
          <MessageBar intent="info">
            <MessageBarBody>{t(props.bannerKey, lang)}</MessageBarBody>
          </MessageBar>
        )}
        {confirmReplace && (
          <MessageBar intent="warning" layout="multiline" data-testid="confirm-replace">
            <MessageBarBody>
              <MessageBarTitle>{t('pane.replace.title', lang)}</MessageBarTitle>
              {t('pane.replace.body', lang)}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="primary" onClick={() => void run(true)}>
                {t('pane.replace.yes', lang)}
              </Button>
              <Button size="small" onClick={() => void run(false)}>
                {t('pane.replace.keep', lang)}
              </Button>
              <Button size="small" appearance="subtle" onClick={() => setConfirmReplace(false)}>
                {t('pane.cancel', lang)}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {error !== null && (
          <MessageBar intent="error" layout="multiline" data-testid="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{t('pane.error.title', lang)}</MessageBarTitle>
              {errorText(error, lang)}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => setError(null)}>
                {t('pane.error.dismiss', lang)}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {phase.kind === 'cancelled' && (
          <MessageBar intent="warning" data-testid="cancelled">
            <MessageBarBody>{t('pane.cancelled', lang)}</MessageBarBody>
          </MessageBar>
        )}
        {phase.kind === 'done' && (
          <ResultCard
            lang={lang}
            result={phase.result}
            report={phase.report}
            elapsedMs={phase.elapsedMs}
            notices={noticeTexts}
            onOpenSheet={(sheet) => void host.activateSheet(sheet).catch((err) => setError(err))}
          />
        )}
        <DataStep
          lang={lang}
          busy={busy}
          selection={selection}
          preview={preview}
          previewing={previewing}
          selectionStale={stale}
          map={prefs.map}
          kind={prefs.kind}
          onUseSelection={takeSelection}
          onMap={changeMap}
          onResetMap={resetMap}
          onKind={changeKind}
          onGotoRow={gotoRow}
        />
        <AnalysisStep
          lang={lang}
          busy={busy}
          methods={methods}
          prefs={prefs.analysis}
          detectedAsOf={preview?.asOf ?? null}
          onChange={(patch: Partial<AnalysisPrefs>) =>
            updatePrefs({ ...prefs, analysis: { ...prefs.analysis, ...patch } })
          }
        />
        <OutputStep
          lang={lang}
          busy={busy}
          prefs={prefs.output}
          onChange={(patch: Partial<OutputPrefs>) =>
            updatePrefs({ ...prefs, output: { ...prefs.output, ...patch } })
          }
        />
      </main>

      <footer className={s.footer}>
        {progress ? (
          <div data-testid="progress" aria-live="polite">
            <div className={s.progressLine}>
              <span data-testid="stage">{stageLabel}…</span>
              <span>{fmtPct(lang, progress.fraction)}</span>
            </div>
            <ProgressBar
              value={progress.fraction}
              max={1}
              thickness="large"
              aria-label={t('pane.progress', lang)}
            />
            <Button
              style={{ marginTop: 8, width: '100%' }}
              onClick={cancel}
              disabled={progress.stage === 'write'}
              data-testid="cancel"
            >
              {t(progress.stage === 'write' ? 'pane.stage.writeNoCancel' : 'pane.cancel', lang)}
            </Button>
          </div>
        ) : (
          <Button
            appearance="primary"
            size="large"
            className={s.runButton}
            onClick={requestRun}
            data-testid="run"
          >
            {t('pane.run', lang)}
          </Button>
        )}
      </footer>
    </div>
  );
}

/** The pane inside Fluent's provider (the Office light theme's tokens). */
export function Pane(props: AppProps) {
  return (
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <App {...props} />
    </FluentProvider>
  );
}
