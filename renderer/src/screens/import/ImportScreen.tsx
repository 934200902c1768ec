/**
 * The import wizard (DESIGN §8): choose a file → the core checks every row (`import.preview`) →
 * per-row findings, the failed rows downloadable as an xlsx in the file's own layout → commit in
 * one transaction, with progress and a Stop button. The file stays chosen throughout: a failed
 * step loses nothing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { fieldLabel } from '../../components/fieldLabel.js';
import { NotAvailable, Notice } from '../../components/Notices.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { Screen } from '../../components/Screen.js';
import { XLSX_TYPE, fileToBase64, saveBase64 } from '../../hooks/files.js';
import { shellError } from '../../hooks/shell.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { newTaskId } from '../../rpc/tasks.js';
import { isUnavailable } from '../../rpc/useCall.js';
import { useTaskProgress } from '../../rpc/useTaskProgress.js';
import { ImportedBefore } from './ImportedBefore.js';

type Summary = ResultOf<'import.preview'>;
type Phase = 'choose' | 'reading' | 'previewing' | 'previewed' | 'committing' | 'committed';

/** Findings shown in the table; the rest are in the failed-rows file. */
const SHOWN_FINDINGS = 500;

/** The sheets a preview reads as one list (its choice and the days after it under one header). */
function readTogether(summary: Summary): string[] {
  return summary.sheetsRead.length > 0 ? summary.sheetsRead : summary.sheet === null ? [] : [summary.sheet];
}

function SummaryLine({ summary }: { summary: Summary }) {
  const { t } = useI18n();
  return (
    <p data-testid="import-summary">
      {t('import.summary', { rows: summary.rows, ready: summary.ready, warnings: summary.warnings, errors: summary.errors, duplicates: summary.duplicates })}
    </p>
  );
}

export function ImportScreen() {
  const { t, pick } = useI18n();
  const client = useRpc();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [sheet, setSheet] = useState('');
  const [phase, setPhase] = useState<Phase>('choose');
  const [preview, setPreview] = useState<Summary | null>(null);
  const [committed, setCommitted] = useState<Summary | null>(null);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [taskId, setTaskId] = useState<string | null>(null);
  // A workbook with a list per tab (a month each), one import each: the tabs of `file` not yet
  // dealt with (committed, or checked with nothing to import), the workbook's own choice first,
  // offered in turn. Forgotten when another file is chosen.
  const [sheetsLeft, setSheetsLeft] = useState<string[]>([]);
  // The sheet box was filled by that walk, not typed: another file must not inherit the tab name.
  const [sheetFromWalk, setSheetFromWalk] = useState(false);
  const progress = useTaskProgress(taskId);
  // The Import button goes with its step once the rows are in: the focus goes to what happened
  // (and "Import another file" after it), not to the page.
  const committedNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (phase === 'committed') committedNotice.current?.focus();
  }, [phase]);

  const fail = (err: unknown, back: Phase) => {
    if (isUnavailable(err)) setUnavailable(true);
    else setError(err);
    setPhase(back);
  };
  const fileRef = () => ({ file: file!, ...(sheet.trim() !== '' ? { sheet: sheet.trim() } : {}) });

  /** `sameFile`: the file already read, whatever the file box now holds (the walk of its tabs). */
  const runPreview = async (named: string = sheet.trim(), sameFile = false) => {
    setError(null);
    setNotice(null);
    const chosen = sameFile ? undefined : fileInput.current?.files?.[0];
    if (chosen === undefined && file === null) {
      setNotice(t('import.noFile'));
      fileInput.current?.focus();
      return;
    }
    let current = file;
    const newFile = chosen !== undefined && chosen.name !== file?.name;
    if (newFile) {
      setPhase('reading');
      try {
        current = { name: chosen.name, base64: await fileToBase64(chosen) };
      } catch (err) {
        fail(err, 'choose');
        return;
      }
      setFile(current);
    }
    const id = newTaskId('import');
    setTaskId(id);
    setPhase('previewing');
    try {
      const result = await client.call('import.preview', { file: current!, ...(named !== '' ? { sheet: named } : {}), taskId: id });
      // Only a preview of the workbook's own choice names its later lists; a named tab keeps them.
      // The sheets it reads together (a sheet per day under one header) are walked as one step.
      const read = readTogether(result);
      if (named === '') setSheetsLeft(result.sheet === null ? [] : [...read, ...result.otherLists.filter((name) => !read.includes(name))]);
      // A tab with nothing to import is dealt with: the walk goes on past it.
      if (result.ready + result.warnings === 0) setSheetsLeft((left) => left.filter((name) => !read.includes(name)));
      setPreview(result);
      setPhase('previewed');
    } catch (err) {
      fail(err, 'choose');
    }
  };

  const exportFailed = async () => {
    setError(null);
    try {
      const out = await client.call('import.exportFailed', fileRef());
      const saved = await saveBase64(out.name, out.base64, XLSX_TYPE, 'xlsx');
      if (saved.status === 'done') setNotice(t('import.exported', { rows: out.rows }));
      else if (saved.status === 'failed') setError(shellError(saved));
    } catch (err) {
      fail(err, 'previewed');
    }
  };

  const commit = async () => {
    setError(null);
    setNotice(null);
    const id = newTaskId('import');
    setTaskId(id);
    setPhase('committing');
    try {
      const result = await client.call('import.commit', { ...fileRef(), confirmWarnings, taskId: id });
      setCommitted(result);
      const read = preview === null ? (result.sheet === null ? [] : [result.sheet]) : readTogether(preview);
      setSheetsLeft((left) => left.filter((name) => name !== result.sheet && !read.includes(name)));
      setPhase('committed');
    } catch (err) {
      if (typeof err === 'object' && err !== null && /CANCEL/.test(String((err as { code?: unknown }).code))) {
        setNotice(t('import.cancelled'));
        setPhase('previewed');
      } else fail(err, 'previewed');
    }
  };

  const cancel = () => {
    if (taskId !== null) client.call('tasks.cancel', { taskId }).catch(() => undefined);
  };

  const restart = () => {
    setSheetsLeft([]);
    setSheet('');
    setSheetFromWalk(false);
    setFile(null);
    setPreview(null);
    setCommitted(null);
    setPhase('choose');
    setNotice(null);
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  };

  // The same file, the next tab: previewed at once, as if chosen in the sheet box.
  const nextSheet = (name: string) => {
    setSheet(name);
    setSheetFromWalk(true);
    setCommitted(null);
    setConfirmWarnings(false);
    void runPreview(name, true);
  };

  // Another file: its tabs are its own, and a tab name the walk filled in is not the clerk's.
  const fileChanged = () => {
    setSheetsLeft([]);
    if (sheetFromWalk) {
      setSheet('');
      setSheetFromWalk(false);
    }
  };

  const nextSheetButton = sheetsLeft.length > 0 && (
    <p>
      <button type="button" className="button" data-testid="import-next-sheet" onClick={() => nextSheet(sheetsLeft[0]!)}>
        {sheetsLeft.length > 1 ? t('import.nextSheetMore', { sheet: sheetsLeft[0]!, n: sheetsLeft.length - 1 }) : t('import.nextSheet', { sheet: sheetsLeft[0]! })}
      </button>
    </p>
  );

  if (unavailable) {
    return (
      <Screen name="import" title={t('import.title')}>
        <NotAvailable />
      </Screen>
    );
  }
  const busy = phase === 'reading' || phase === 'previewing' || phase === 'committing';

  return (
    <Screen name="import" title={t('import.title')}>
      <section aria-labelledby={`${ids}-s1`} className="step">
        <h2 id={`${ids}-s1`}>{t('import.step1')}</h2>
        <div className="form-grid">
          <div className="field field-wide">
            <label htmlFor={`${ids}-file`}>{t('import.file')}</label>
            <input id={`${ids}-file`} ref={fileInput} type="file" onChange={fileChanged} accept=".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" disabled={busy} />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-sheet`}>{t('import.sheet')}</label>
            <input id={`${ids}-sheet`} value={sheet} onChange={(e) => {
                setSheet(e.target.value);
                setSheetFromWalk(false);
              }} disabled={busy} autoComplete="off" list={`${ids}-sheets`} />
            {/* The workbook's sheets, once the core has read them: pick one and check again. */}
            <datalist id={`${ids}-sheets`}>
              {(preview?.sheets ?? []).map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </div>
        </div>
        <BusyButton busy={busy} onClick={() => void runPreview()}>
          {t('import.preview')}
        </BusyButton>
      </section>

      {phase === 'reading' && <ProgressBar label={t('import.reading')} progress={null} />}
      {phase === 'previewing' && <ProgressBar label={t('import.preview')} progress={progress} onCancel={cancel} />}
      {notice !== null && <Notice kind="info">{notice}</Notice>}
      {error !== null && <ErrorMessage error={error} keptInput />}

      {preview !== null && phase !== 'choose' && (
        <section aria-labelledby={`${ids}-s2`} className="step">
          <h2 id={`${ids}-s2`}>{t('import.step2')}</h2>
          {preview.sheet !== null && <p>{preview.sheetsRead.length > 1 ? t('import.sheetsUsed', { sheets: preview.sheetsRead.join(', ') }) : t('import.sheetUsed', { sheet: preview.sheet })}</p>}
          <SummaryLine summary={preview} />
          <ImportedBefore runs={preview.importedBefore} total={preview.importedBeforeTotal} />
          {preview.columns.length > 0 && (
            <details className="columns-map">
              <summary>{t('import.columns')}</summary>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('col.field')}</th>
                    <th scope="col">{t('col.header')}</th>
                    <th scope="col">{t('col.mappedTo')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.columns.map((c) => (
                    <tr key={c.column}>
                      <td>{c.column}</td>
                      <td>{c.header}</td>
                      <td>{c.field === null ? <span className="muted">{t('import.columnIgnored')}</span> : fieldLabel(c.field, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          {preview.findings.length > 0 && (
            <>
              <p className="muted">{t('import.findingsShown', { shown: Math.min(SHOWN_FINDINGS, preview.findings.length), total: preview.findingsTotal })}</p>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('import.findingsTable')}>
                <table className="table" data-testid="import-findings">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.row')}</th>
                      <th scope="col">{t('col.field')}</th>
                      <th scope="col">{t('col.severity')}</th>
                      <th scope="col">{t('col.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.findings.slice(0, SHOWN_FINDINGS).map((f, i) => (
                      <tr key={`${f.row}-${f.code}-${i}`} className={`finding-${f.severity}`}>
                        <td className="number">{f.sheet !== undefined ? `${f.sheet}: ${f.row}` : f.row}</td>
                        <td>{fieldLabel(f.field, t)}</td>
                        <td>{t(`severity.${f.severity}`)}</td>
                        <td>{pick(f.message_vi, f.message_en) || f.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {preview.errors > 0 && (
            <button type="button" className="button secondary" onClick={() => void exportFailed()} disabled={busy}>
              {t('import.exportFailed')}
            </button>
          )}
        </section>
      )}

      {preview !== null && (phase === 'previewed' || phase === 'committing') && (
        <section aria-labelledby={`${ids}-s3`} className="step">
          <h2 id={`${ids}-s3`}>{t('import.step3')}</h2>
          {preview.warnings > 0 && (
            <label className="checkbox">
              <input type="checkbox" checked={confirmWarnings} onChange={(e) => setConfirmWarnings(e.target.checked)} disabled={busy} /> {t('import.confirmWarnings')}
            </label>
          )}
          {preview.ready + preview.warnings === 0 ? (
            // Nothing to add: the button once ran and said "Imported 0 records", read as done (probe 19).
            <>
              <p data-testid="import-nothing">{t(preview.errors > 0 ? 'import.nothingButErrors' : 'import.nothingNew')}</p>
              {nextSheetButton}
            </>
          ) : (
            <p>
              <BusyButton busy={busy} onClick={() => void commit()}>
                {t('import.commit')}
              </BusyButton>
            </p>
          )}
          {phase === 'committing' && <ProgressBar label={t('import.commit')} progress={progress} onCancel={cancel} />}
        </section>
      )}

      {phase === 'committed' && committed !== null && (
        <div ref={committedNotice} tabIndex={-1}>
          <Notice kind="ok">
            <p>{t('import.committed', { n: committed.committed })}</p>
            <SummaryLine summary={committed} />
            {nextSheetButton}
            <button type="button" className="button secondary" onClick={restart}>
              {t('import.another')}
            </button>
          </Notice>
        </div>
      )}
    </Screen>
  );
}
