import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang } from '../engine/types';
import { t } from '../i18n';
import { App } from '../taskpane/components/App';
import { simHost, type PaneHost } from '../taskpane/host';
import { langFromLocale, loadUserLang, saveUserLang } from '../taskpane/settings';
import { emptyWorkbook, openFile, rectAddress, saveFile, type Workbook } from './simApi';
import { WorkbookView } from './WorkbookView';

declare const __SAMPLES__: string[];
const SAMPLES: string[] = typeof __SAMPLES__ !== 'undefined' ? __SAMPLES__ : [];

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', height: '100vh' },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    padding: '6px 12px',
    backgroundColor: '#107c41',
    color: '#fff',
    flexShrink: 0,
  },
  barTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  barNote: {
    fontSize: tokens.fontSizeBase200,
    opacity: 0.9,
    flexGrow: 1,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  book: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  pane: {
    width: '380px',
    flexShrink: 0,
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    minHeight: 0,
  },
  hidden: { display: 'none' },
});

/** Selects the sheet's used range, so that one click on Run analyses the loaded list. */
function selectUsed(wb: Workbook): void {
  const sheet = wb.state.liveSheets()[0];
  const used = sheet?.usedRect(true);
  if (sheet && used) {
    wb.state.activeSheetId = sheet.id;
    wb.select(sheet.name, rectAddress(used));
  }
}

interface Loaded {
  wb: Workbook;
  name: string;
  /** Changes with every file opened, so the pane starts afresh for a new workbook. */
  id: number;
}
let loads = 0;

export function DemoApp() {
  const s = useStyles();
  const [lang, setLangState] = useState<Lang>(
    () => loadUserLang() ?? langFromLocale(navigator.language || 'zh-CN'),
  );
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [sample, setSample] = useState(SAMPLES[0] ?? '');
  const fileInput = useRef<HTMLInputElement>(null);
  const selectionListeners = useRef(new Set<() => void>());
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const setLang = (l: Lang) => {
    saveUserLang(l);
    setLangState(l);
  };

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const load = useCallback(async (name: string, bytes: Uint8Array) => {
    setLoading(true);
    setError(null);
    try {
      const wb = await openFile(name, bytes);
      selectUsed(wb);
      setLoaded({ wb, name, id: ++loads });
    } catch (err) {
      setError(t('pane.demo.loadError', lang, { message: (err as Error).message ?? String(err) }));
    } finally {
      setLoading(false);
    }
    // lang only shapes the error text: a language switch must not reload the workbook.
  }, []);

  const loadSample = useCallback(
    async (file: string) => {
      if (!file) {
        setLoaded({ wb: emptyWorkbook(), name: 'Book1', id: ++loads });
        setLoading(false);
        setError(t('pane.demo.noSample', lang));
        return;
      }
      const res = await fetch(`samples/${encodeURIComponent(file)}`);
      await load(file, new Uint8Array(await res.arrayBuffer()));
    },
    [load],
  );

  useEffect(() => {
    void loadSample(SAMPLES[0] ?? '');
  }, [loadSample]);

  const host: PaneHost | null = useMemo(() => {
    if (!loaded) return null;
    const { wb } = loaded;
    return simHost(wb, {
      activateSheet: async (sheet) => {
        const sh = wb.state.sheetByName(sheet);
        if (sh) wb.state.activeSheetId = sh.id;
        bump();
      },
      selectRange: async (sheet, address) => {
        const sh = wb.state.sheetByName(sheet);
        if (sh) wb.state.activeSheetId = sh.id;
        wb.select(sheet, address);
        bump();
      },
      workbookChanged: bump,
    });
  }, [loaded, bump]);

  const onSelect = useCallback(
    (sheet: string, address: string) => {
      if (!loaded) return;
      loaded.wb.select(sheet, address);
      bump();
      for (const l of selectionListeners.current) l();
    },
    [loaded, bump],
  );
  const onActivate = useCallback(
    (sheet: string) => {
      if (!loaded) return;
      const sh = loaded.wb.state.sheetByName(sheet);
      if (sh) loaded.wb.state.activeSheetId = sh.id;
      bump();
    },
    [loaded, bump],
  );
  const subscribeSelection = useCallback((listener: () => void) => {
    selectionListeners.current.add(listener);
    return () => selectionListeners.current.delete(listener);
  }, []);

  // Tests read the simulated workbook through this handle (the page is a demo, not a product surface).
  useEffect(() => {
    (window as unknown as { __demo?: unknown }).__demo = loaded
      ? { wb: loaded.wb, name: loaded.name }
      : undefined;
  }, [loaded]);

  const download = async () => {
    if (!loaded) return;
    const bytes = await saveFile(loaded.wb);
    const blob = new Blob([bytes as BlobPart], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${loaded.name.replace(/\.[^.]+$/, '')}.segmented.xlsx`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    // Layout classes stay off FluentProvider: Fluent copies its classes onto popup portals, and a 100vh
    // portal covers the page with white.
    <FluentProvider theme={webLightTheme}>
      <div className={s.page}>
        <header className={s.bar}>
          <span className={s.barTitle}>{t('pane.demo.title', lang)}</span>
          <span className={s.barNote}>{t('pane.demo.note', lang)}</span>
          {SAMPLES.length > 1 && (
            <Select
              size="small"
              aria-label={t('pane.demo.sample', lang)}
              value={sample}
              onChange={(_, d) => {
                setSample(d.value);
                void loadSample(d.value);
              }}
            >
              {SAMPLES.map((f) => (
                <option key={f} value={f} translate="no">
                  {f}
                </option>
              ))}
            </Select>
          )}
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,.csv,.txt"
            className={s.hidden}
            aria-label={t('pane.demo.open', lang)}
            data-testid="file-input"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) await load(f.name, new Uint8Array(await f.arrayBuffer()));
              e.target.value = '';
            }}
          />
          <Button size="small" onClick={() => fileInput.current?.click()}>
            {t('pane.demo.open', lang)}
          </Button>
          <Button
            size="small"
            appearance="primary"
            onClick={download}
            disabled={!loaded}
            data-testid="download"
          >
            {t('pane.demo.download', lang)}
          </Button>
        </header>
        {error && (
          <MessageBar intent="warning">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <div className={s.body}>
          <div className={s.book}>
            {loading && !loaded ? (
              <Spinner label={t('pane.demo.loading', lang)} style={{ margin: 40 }} />
            ) : loaded ? (
              <WorkbookView
                wb={loaded.wb}
                lang={lang}
                version={version}
                onSelect={onSelect}
                onActivate={onActivate}
              />
            ) : null}
          </div>
          <aside className={s.pane} aria-label={t('pane.title', lang)}>
            {host && loaded && (
              <App
                key={loaded.id}
                host={host}
                lang={lang}
                onLangChange={setLang}
                subscribeSelection={subscribeSelection}
              />
            )}
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}
