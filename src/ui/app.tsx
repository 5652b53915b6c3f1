// The page: open a capture (drop anywhere, file picker, or the bundled sample), watch it being read, then
// the analysed capture (workspace.tsx). The analysis runs in the worker; this thread only shows results.

import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { Report } from '../core/report/schema.ts';
import type { SharedReport } from '../core/report/share-link-profile.ts';
import { decodeShareLink, isShareLink } from '../core/report/share-link.ts';
import type { OpenProgress, OpenResult } from '../worker/api.ts';
import { analysis, openCapture } from './analysis-client.ts';
import { clipForDisplay, displayText, forDisplay } from '../core/base/display-text.ts';
import { formatBytes, formatCount } from './format.ts';
import { loadBundledFile } from './offline/embedded-file.ts';
import { loadSettings, saveSettings, SettingsPanel, toOptions, type Settings } from './settings.tsx';
import { applyTheme, loadTheme, type ThemeChoice } from './theme.ts';
import { NO_DEFLATE_MESSAGE, pageDeflateRaw } from './share/deflate.ts';
import { SharedReportView } from './share/SharedReport.tsx';
import { ProvisionalView } from './provisional-view.tsx';
import { Workspace } from './workspace.tsx';

/** Relative, so the app works under any sub-path of a static server; the build embeds it in the page (file://). */
const SAMPLE_URL = './samples/tls-blackhole.pcapng';
const SAMPLE_NAME = 'tls-blackhole.pcapng';

type State =
  | { kind: 'idle' }
  /** `provisional`: the latest provisional report the worker sent, shown until the final one. */
  | { kind: 'reading'; name: string; size: number; progress: OpenProgress; provisional: Report | null }
  | { kind: 'done'; name: string; size: number; result: OpenResult; ms: number }
  | { kind: 'error'; name: string | null; message: string }
  /** A report opened from a share link (#r=…): no capture, no worker. */
  | { kind: 'shared'; shared: SharedReport };

function hasFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [settings, setSettingsState] = useState<Settings>(loadSettings);
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme);
  useEffect(() => applyTheme(theme), [theme]);
  const settingsRef = useRef(settings);
  /** The secrets typed in the settings: a share link must never hold one. */
  const forbidden = useMemo(() => toOptions(settings).options.secrets ?? [], [settings]);
  const setSettings = useCallback((s: Settings) => {
    settingsRef.current = s;
    setSettingsState(s);
    saveSettings(s);
  }, []);
  /** Only the latest open may update the page; an earlier one still finishing is ignored. */
  const seq = useRef(0);

  // A share link (#r=…) shows the report it carries, on load and whenever the fragment changes.
  useEffect(() => {
    const show = async () => {
      if (!isShareLink(location.hash)) return;
      const id = ++seq.current;
      if (pageDeflateRaw === null) {
        setState({ kind: 'error', name: 'Share link', message: NO_DEFLATE_MESSAGE });
        return;
      }
      const decoded = await decodeShareLink(location.hash, pageDeflateRaw);
      if (id !== seq.current) return;
      setState(decoded.ok ? { kind: 'shared', shared: clipForDisplay(forDisplay(decoded)) } : { kind: 'error', name: 'Share link', message: decoded.error.message });
    };
    void show();
    const onHash = () => void show();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const closeShared = useCallback(() => {
    history.replaceState(null, '', location.href.replace(/#.*$/s, ''));
    seq.current++;
    setState({ kind: 'idle' });
  }, []);

  const open = useCallback(async (file: File) => {
    // Opening a capture leaves a shared report: the address no longer names it.
    if (isShareLink(location.hash)) history.replaceState(null, '', location.href.replace(/#.*$/s, ''));
    const id = ++seq.current;
    const name = displayText(file.name); // a file name may hold control or bidi characters too
    const started = performance.now();
    setState({ kind: 'reading', name, size: file.size, progress: { bytes: 0, totalBytes: file.size, frames: 0 }, provisional: null });
    // Progress comes over its own MessagePort, so a last progress message can arrive after the result:
    // once this open has settled, progress must not put the page back into "reading".
    let settled = false;
    try {
      const result = await openCapture(file, toOptions(settingsRef.current).options, (progress) => {
        if (id !== seq.current || settled) return;
        const update = () => setState((s) => ({
          kind: 'reading',
          name,
          size: file.size,
          progress,
          provisional: progress.provisional ? clipForDisplay(progress.provisional) : s.kind === 'reading' ? s.provisional : null,
        }));
        // a new report renders a whole timeline: as a transition React renders it in slices between frames
        if (progress.provisional) startTransition(update);
        else update();
      });
      settled = true;
      if (id === seq.current) {
        const ms = performance.now() - started;
        startTransition(() => setState({ kind: 'done', name, size: file.size, result, ms }));
      }
    } catch (e) {
      settled = true;
      if (id === seq.current) setState({ kind: 'error', name, message: displayText(e instanceof Error ? e.message : String(e)) });
    }
  }, []);

  const openSample = useCallback(async () => {
    let file: File;
    try {
      file = await loadBundledFile(SAMPLE_URL, SAMPLE_NAME);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      setState({ kind: 'error', name: SAMPLE_NAME, message: `The sample capture could not be loaded (${why}).` });
      return;
    }
    await open(file);
  }, [open]);

  const onPick = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const file = e.target.files?.[0];
      e.target.value = ''; // choosing the same file again must open it again
      if (file) void open(file);
    },
    [open],
  );

  // The whole window is the drop zone.
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const onDragLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false); // left the window
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void open(file);
    };
    window.addEventListener('dragenter', onDragOver);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragOver);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [open]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>radscope</h1>
        <p className="tagline">Why did the RADIUS server not answer? Packet-capture analysis in your browser: the capture never leaves this computer.</p>
        <div className="header-tools">
          <label className="theme-choice">
            Theme{' '}
            <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)} aria-label="Theme">
              <option value="system">system</option>
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
          </label>
        </div>
      </header>

      <main>
        <section className="panel opener">
          <p className="drop-hint">Drop a pcap or pcapng file anywhere on this page (gzip-compressed is fine), or:</p>
          <div className="actions">
            <label className="picker">
              <span className="picker-label">Open a capture</span>
              <input type="file" onChange={onPick} />
            </label>
            <span className="or">or</span>
            <button type="button" onClick={() => void openSample()} disabled={state.kind === 'reading'}>
              Open the sample capture
            </button>
          </div>
          <SettingsPanel value={settings} onChange={setSettings} />
          <StatusLine state={state} />
          {state.kind === 'reading' && (
            <div className="progress-row">
              <progress max={Math.max(1, state.progress.totalBytes)} value={state.progress.bytes} aria-label="Reading the capture" />
              <button type="button" onClick={() => void analysis().cancel()}>
                Cancel
              </button>
            </div>
          )}
        </section>

        {state.kind === 'error' && (
          <div className="panel error" role="alert">
            {state.name !== null && <strong>{state.name}: </strong>}
            {state.message}
          </div>
        )}
        {/* a provisional report with no settled request yet has nothing to say */}
        {state.kind === 'reading' && state.provisional && state.provisional.transactions.length > 0 && (
          <ProvisionalView report={state.provisional} percent={Math.floor((100 * state.progress.bytes) / Math.max(1, state.progress.totalBytes))} />
        )}
        {state.kind === 'done' && <Workspace key={`${state.name}-${state.ms}`} name={state.name} result={state.result} forbidden={forbidden} />}
        {state.kind === 'shared' && <SharedReportView shared={state.shared} onClose={closeShared} />}
      </main>

      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop the capture to open it</p>
        </div>
      )}
    </div>
  );
}

function StatusLine({ state }: { state: State }) {
  let text = '';
  if (state.kind === 'reading') {
    const { bytes, frames } = state.progress;
    text = `Reading ${state.name} (${formatBytes(state.size)}): ${formatBytes(bytes)} and ${formatCount(frames)} frames so far…`;
  } else if (state.kind === 'done') {
    text = `Read ${state.name} (${formatBytes(state.size)}) in ${(state.ms / 1000).toFixed(2)} s.`;
  }
  return (
    <p className="status" role="status" data-testid="progress">
      {text}
    </p>
  );
}
