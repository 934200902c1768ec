/**
 * The entry form (DESIGN §8): keyboard first (Tab order follows the paper form, Ctrl+Enter saves),
 * the dose details stay for the next person (a session gives one vaccine, lot and date), live
 * validation by the core, the name split and its ICAO form previewed while typing. With a record
 * id it edits a draft/ready record, or corrects a signed one with a reason (a new record).
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Finding, RecordState } from '../../../../shared/domain/types.js';
import { VACCINES } from '../../../../shared/domain/vaccines.js';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { href, navigate } from '../../app/routes.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { fieldKey } from '../../components/fieldLabel.js';
import { FindingsList } from '../../components/FindingsList.js';
import { NotAvailable, Notice } from '../../components/Notices.js';
import { Pending } from '../../components/Pending.js';
import { Screen } from '../../components/Screen.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { useCall } from '../../rpc/useCall.js';
import { EMPTY_DOSE, EMPTY_PERSON, formsFromRecord, isBlankPerson, namePreview, nextEntry, toDoseInput, toPersonInput, type DoseForm, type PersonForm } from './entryModel.js';
import { rememberAlsoCorrected } from '../records/alsoCorrected.js';
import { useLiveValidation } from './useLiveValidation.js';

type Mode = 'create' | 'edit' | 'correct';
const EDITABLE: ReadonlySet<RecordState> = new Set(['draft', 'ready']);

/** Dose details survive leaving the screen: the next visit in the same session continues. */
let stickyDose: DoseForm = EMPTY_DOSE;
/** So does a person half typed when the clerk looked something up on another screen. */
let unsavedPerson: PersonForm = EMPTY_PERSON;

/** The form control a finding's field is shown on, where its id differs from the field's name. */
const CONTROL_OF_FIELD: Readonly<Record<string, string>> = { vaccinationDate: 'date', familyName: 'family', givenName: 'given', fnt: 'fullName', gnt: 'fullName', person: 'idNumber' };

/**
 * Enter in a field moves on, as clerks expect: in a text field, a list (instead of opening it) or
 * a checkbox. Only in the last field, in the warnings' confirmation box (the last step before
 * saving), on the Save button and with Ctrl+Enter does it save; a save with errors asks first.
 */
function nextFieldOnEnter(e: KeyboardEvent): boolean {
  const target = e.target;
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return false;
  // Enter that ends an input method's composition (a Vietnamese IME) belongs to the IME.
  if (e.nativeEvent.isComposing || e.keyCode === 229) return false;
  if (target instanceof HTMLInputElement && target.dataset.saveOnEnter !== undefined) return false;
  const form = target.form;
  if (form === null) return false;
  const fields = [...form.querySelectorAll<HTMLElement>('input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])')];
  const next = fields[fields.indexOf(target) + 1];
  // The last field: the record is typed, and Enter saves it (as the end of a paper form).
  if (next === undefined) return false;
  e.preventDefault();
  next.focus();
  return true;
}

function byField(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = fieldKey(f.field);
    map.set(key, [...(map.get(key) ?? []), f]);
  }
  return map;
}

function EntryForm({ mode, recordId, initial }: { mode: Mode; recordId: string | null; initial: { person: PersonForm; dose: DoseForm } }) {
  const { t, lang } = useI18n();
  const client = useRpc();
  const ids = useId();
  const [person, setPerson] = useState<PersonForm>(initial.person);
  const [dose, setDose] = useState<DoseForm>(initial.dose);
  const [confirm, setConfirm] = useState(false);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<ResultOf<'records.create'> | null>(null);
  // What was saved as a draft on purpose: Save with errors asks once, the second Save keeps it.
  const [draftAsked, setDraftAsked] = useState<string | null>(null);
  const savingNow = useRef(false);
  const [sexMissing, setSexMissing] = useState(false);
  // What the clerk was told no longer holds once they change something: the notice goes, and a
  // Save with errors asks again.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setProblem(null);
    setDraftAsked(null);
  }, [person, dose]);
  const firstField = useRef<HTMLInputElement>(null);
  const confirmBox = useRef<HTMLInputElement>(null);
  const reasonBox = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (mode === 'create') stickyDose = dose;
  }, [mode, dose]);
  useEffect(() => {
    if (mode === 'create') unsavedPerson = person;
  }, [mode, person]);
  // A reload or closing the window would lose what is typed: the browser asks first.
  const dirty = mode === 'create' ? !isBlankPerson(person) : JSON.stringify({ person, dose }) !== JSON.stringify(initial) || reason !== '';
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const input = useMemo(() => {
    if (isBlankPerson(person)) return null;
    // The record being edited or corrected is not another dose of this person.
    return { person: toPersonInput(person), dose: toDoseInput(dose), ...(recordId !== null ? { recordId } : {}) };
  }, [person, dose, recordId, mode]);
  const live = useLiveValidation(input);
  const findings = live.result?.findings ?? [];
  const fieldFindings = byField(findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const preview = namePreview(person);

  const setP = <K extends keyof PersonForm>(key: K, value: PersonForm[K]) => setPerson((p) => ({ ...p, [key]: value }));
  const setD = <K extends keyof DoseForm>(key: K, value: DoseForm[K]) => setDose((d) => ({ ...d, [key]: value }));

  const focusFirstError = (list: readonly Finding[]) => {
    const first = list.find((x) => x.severity === 'error');
    if (first === undefined) return;
    const key = fieldKey(first.field);
    document.getElementById(`${ids}-${CONTROL_OF_FIELD[key] ?? key}`)?.focus();
  };

  const save = async () => {
    // One save at a time: a second Ctrl+Enter while the first is on its way does nothing.
    if (savingNow.current) return;
    // Nothing typed: right after a save (a second press, the form just cleared) nothing to do;
    // else say what is missing rather than nothing.
    if (mode === 'create' && isBlankPerson(person)) {
      if (saved === null) {
        setProblem(t('entry.nothingTyped'));
        firstField.current?.focus();
      }
      return;
    }
    setProblem(null);
    setError(null);
    setSaved(null);
    if (person.sex === '') {
      setSexMissing(true);
      setProblem(t('entry.needSex'));
      document.getElementById(`${ids}-sex`)?.focus();
      return;
    }
    if (mode === 'correct' && reason.trim() === '') {
      setProblem(t('entry.needReason'));
      reasonBox.current?.focus();
      return;
    }
    const personInput = toPersonInput(person);
    const doseInput = toDoseInput(dose);
    savingNow.current = true;
    setSaving(true);
    try {
      // Check again with exactly what is saved: the live answer may be a keystroke behind.
      const check = await client.call('records.validate', { person: personInput, dose: doseInput, ...(recordId !== null ? { recordId } : {}) });
      const hasErrors = check.findings.some((f) => f.severity === 'error');
      const hasWarnings = check.findings.some((f) => f.severity === 'warning');
      // A correction replaces a signed record at once: it must be signable, never a draft.
      if (hasErrors && mode === 'correct') {
        setProblem(t('entry.correctionHasErrors'));
        focusFirstError(check.findings);
        return;
      }
      // A record with errors becomes a draft: asked once, kept on the second Save of the same text.
      const asIs = JSON.stringify({ personInput, doseInput });
      if (hasErrors && draftAsked !== asIs) {
        setDraftAsked(asIs);
        setProblem(t('entry.errorsSaveAsDraft', { n: check.findings.filter((x) => x.severity === 'error').length }));
        focusFirstError(check.findings);
        return;
      }
      if (!hasErrors && hasWarnings && !confirm) {
        setProblem(t('entry.needConfirm'));
        confirmBox.current?.focus();
        return;
      }
      const common = { person: personInput, dose: doseInput, confirmWarnings: confirm };
      const result =
        mode === 'create'
          ? await client.call('records.create', common)
          : mode === 'edit'
            ? await client.call('records.update', { id: recordId!, ...common })
            : await client.call('records.correct', { id: recordId!, ...common, reason: reason.trim() });
      setSaved(result);
      setConfirm(false);
      setDraftAsked(null);
      if (mode === 'create') {
        unsavedPerson = nextEntry(person);
        setPerson(unsavedPerson);
        firstField.current?.focus();
      } else {
        if (mode === 'correct') rememberAlsoCorrected(result.record.id, (result as ResultOf<'records.correct'>).alsoCorrected);
        navigate('records', result.record.id);
      }
    } catch (err) {
      setError(err);
    } finally {
      savingNow.current = false;
      setSaving(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (nextFieldOnEnter(e)) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  const f = (name: string) => fieldFindings.get(name) ?? [];

  return (
    <form className="entry-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate aria-describedby={`${ids}-savehint`}>
      {mode === 'correct' && <Notice kind="info">{t('entry.correctIntro')}</Notice>}
      {mode === 'correct' && JSON.stringify(person) !== JSON.stringify(initial.person) && <Notice kind="info">{t('entry.correctPersonAll')}</Notice>}
      <fieldset>
        <legend>{t('entry.person')}</legend>
        <div className="form-grid">
          <Field id={`${ids}-idType`} label={t('field.idType')} findings={f('idType')} required>
            {(p) => (
              <select {...p} value={person.idType} onChange={(e) => setP('idType', e.target.value as PersonForm['idType'])}>
                {(['CCCD', 'CMND', 'PASSPORT'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`idType.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${ids}-idNumber`} label={t('field.idNumber')} findings={f('idNumber')} required>
            {(p) => <input {...p} ref={firstField} value={person.idNumber} onChange={(e) => setP('idNumber', e.target.value)} inputMode={person.idType === 'PASSPORT' ? 'text' : 'numeric'} autoComplete="off" />}
          </Field>
          <Field
            id={`${ids}-fullName`}
            className="field-wide"
            label={t('field.fullName')}
            findings={[...f('fullName'), ...f('fnt'), ...f('gnt')]}
            hint={`${t('entry.namePreview', { family: preview.familyName || '—', given: preview.givenName || '—' })} · ${t('entry.translitPreview', { fnt: preview.fnt || '—', gnt: preview.gnt || '—' })}`}
            required
          >
            {(p) => <input {...p} value={person.fullName} onChange={(e) => setP('fullName', e.target.value)} autoComplete="off" lang="vi" />}
          </Field>
          <div className="field field-wide">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={person.splitEdited}
                onChange={(e) => {
                  const split = namePreview({ ...person, splitEdited: false });
                  setPerson((p) => ({ ...p, splitEdited: e.target.checked, familyName: split.familyName, givenName: split.givenName }));
                }}
              />{' '}
              {t('entry.editSplit')}
            </label>
          </div>
          {person.splitEdited && (
            <>
              <Field id={`${ids}-family`} label={t('field.familyName')} findings={f('familyName')}>
                {(p) => <input {...p} value={person.familyName} onChange={(e) => setP('familyName', e.target.value)} autoComplete="off" />}
              </Field>
              <Field id={`${ids}-given`} label={t('field.givenName')} findings={f('givenName')}>
                {(p) => <input {...p} value={person.givenName} onChange={(e) => setP('givenName', e.target.value)} autoComplete="off" />}
              </Field>
            </>
          )}
          <Field id={`${ids}-dob`} label={t('field.dob')} hint={t('entry.dobHint')} findings={f('dob')} required>
            {(p) => <input {...p} value={person.dob} onChange={(e) => setP('dob', e.target.value)} placeholder="dd/mm/yyyy" inputMode="numeric" autoComplete="off" />}
          </Field>
          <Field id={`${ids}-sex`} label={t('field.sex')} findings={f('sex')} invalid={sexMissing && person.sex === ''} describedBy={`${ids}-problem`} required>
            {(p) => (
              <select {...p} value={person.sex} onChange={(e) => setP('sex', e.target.value as PersonForm['sex'])}>
                <option value="">—</option>
                {(['M', 'F', 'X'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`sex.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${ids}-nationality`} label={t('field.nationality')} findings={f('nationality')}>
            {(p) => <input {...p} value={person.nationality} onChange={(e) => setP('nationality', e.target.value.toUpperCase())} maxLength={2} autoComplete="off" className="input-short" />}
          </Field>
          <Field id={`${ids}-phone`} label={t('field.phone')} findings={f('phone')}>
            {(p) => <input {...p} type="tel" value={person.phone} onChange={(e) => setP('phone', e.target.value)} autoComplete="off" />}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{mode === 'create' ? t('entry.dose') : t('entry.doseOfRecord')}</legend>
        <div className="form-grid">
          <Field id={`${ids}-vaccine`} label={t('field.vaccine')} findings={f('vaccine')} required>
            {(p) => (
              <select {...p} value={dose.vaccine} onChange={(e) => setD('vaccine', e.target.value)}>
                <option value="">{t('entry.chooseVaccine')}</option>
                {VACCINES.map((v) => (
                  <option key={v.code} value={v.code}>
                    {/* Without the field's own word in front, so that typing a letter ("P", "M") picks a vaccine. */}
                    {lang === 'vi' ? v.nameVi.replace(/^Vắc xin /, '') : v.nameEn}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${ids}-lot`} label={t('field.lot')} findings={f('lot')} required>
            {(p) => <input {...p} value={dose.lot} onChange={(e) => setD('lot', e.target.value)} autoComplete="off" />}
          </Field>
          <Field id={`${ids}-doseNumber`} label={t('field.doseNumber')} findings={f('doseNumber')} required>
            {(p) => <input {...p} value={dose.doseNumber} onChange={(e) => setD('doseNumber', e.target.value)} inputMode="numeric" className="input-short" autoComplete="off" />}
          </Field>
          <Field id={`${ids}-date`} label={t('field.vaccinationDate')} hint={t('common.dateHint')} findings={f('vaccinationDate')} required>
            {(p) => <input {...p} value={dose.vaccinationDate} onChange={(e) => setD('vaccinationDate', e.target.value)} placeholder="dd/mm/yyyy" inputMode="numeric" autoComplete="off" />}
          </Field>
        </div>
      </fieldset>

      <section className="live-check" aria-labelledby={`${ids}-live`}>
        <h2 id={`${ids}-live`}>{t('entry.findingsTitle')}</h2>
        {live.unavailable ? (
          <NotAvailable />
        ) : (
          <div aria-live="polite" data-testid="live-check">
            {input === null ? null : live.checking && live.result === null ? (
              <p className="muted">{t('entry.checking')}</p>
            ) : findings.length === 0 && live.result !== null ? (
              <p className="ok-text">{t('entry.ok')}</p>
            ) : (
              <>
                <p>{t('entry.summary', { errors, warnings })}</p>
                <FindingsList findings={findings} />
              </>
            )}
          </div>
        )}
      </section>

      {warnings > 0 && errors === 0 && (
        <div className="field">
          <label className="checkbox">
            <input ref={confirmBox} type="checkbox" data-save-on-enter checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> {t('entry.confirmWarnings')}
          </label>
        </div>
      )}
      {mode === 'correct' && (
        <div className="field field-wide">
          <label htmlFor={`${ids}-reason`}>
            {t('entry.reason')} <span className="required">{t('common.required')}</span>
          </label>
          <textarea id={`${ids}-reason`} ref={reasonBox} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
        </div>
      )}

      {problem !== null && (
        <div id={`${ids}-problem`}>
          <Notice kind="warning">{problem}</Notice>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} keptInput />}
      {saved !== null && mode === 'create' && (
        <Notice kind={saved.record.state === 'draft' ? 'warning' : 'ok'}>
          <p>{t('entry.saved', { name: saved.person.fullName, state: t(`state.${saved.record.state}`) })}</p>
          {saved.record.state === 'draft' && <p>{t('entry.savedDraft')}</p>}
          <p>
            <a href={href('records', saved.record.id)}>{t('entry.openSaved')}</a>
          </p>
        </Notice>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {mode === 'correct' ? t('entry.saveCorrection') : t('entry.save')}
        </button>
        {mode === 'create' && (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              unsavedPerson = nextEntry(person);
              setPerson(unsavedPerson);
              setSaved(null);
              setError(null);
              firstField.current?.focus();
            }}
          >
            {t('entry.clear')}
          </button>
        )}
        <span id={`${ids}-savehint`} className="hint">
          {t('entry.saveHint')}
        </span>
      </div>
    </form>
  );
}

export function EntryScreen({ recordId }: { recordId: string | null }) {
  const { t } = useI18n();
  const [state] = useCall('records.get', { id: recordId ?? '-' }, { skip: recordId === null });
  if (recordId === null) {
    return (
      <Screen name="entry" title={t('entry.title')}>
        <EntryForm key="create" mode="create" recordId={null} initial={{ person: unsavedPerson, dose: stickyDose }} />
      </Screen>
    );
  }
  return (
    <Pending state={state}>
      {(r) => {
        const mode: Mode = EDITABLE.has(r.record.state) ? 'edit' : 'correct';
        return (
          <Screen name="entry" title={t(mode === 'edit' ? 'entry.titleEdit' : 'entry.titleCorrect')}>
            <EntryForm key={`${mode}-${recordId}`} mode={mode} recordId={recordId} initial={formsFromRecord(r)} />
          </Screen>
        );
      }}
    </Pending>
  );
}
