/**
 * The queue: search (diacritic-insensitive, debounced), filters by state, vaccine and date, and the
 * virtualised table; a record id in the route shows that record's details instead.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { RECORD_STATES, type RecordState } from '../../../../shared/domain/types.js';
import { VACCINES } from '../../../../shared/domain/vaccines.js';
import { href, navigate } from '../../app/routes.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Loading, NotAvailable } from '../../components/Notices.js';
import { Screen } from '../../components/Screen.js';
import { formatNumber, parseDateField } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { isUnavailable } from '../../rpc/useCall.js';
import { useDebounced } from '../../hooks/useDebounced.js';
import { RecordDetail } from './RecordDetail.js';
import { useRecordPages, type RecordFilter } from './useRecordPages.js';
import { VirtualRecordTable } from './VirtualRecordTable.js';

interface FilterForm {
  search: string;
  state: RecordState | '';
  vaccine: string;
  dateFrom: string;
  dateTo: string;
}

const NO_FILTER: FilterForm = { search: '', state: '', vaccine: '', dateFrom: '', dateTo: '' };

/** Kept while the page lives, so coming back from a record's details finds the same list. */
let remembered: FilterForm = NO_FILTER;

/**
 * A link's filters (`#/records?state=draft`, the sign screen's drafts; `?search=079…`, a person's
 * doses from the duplicates screen): the list opens with those
 * alone, selected, whatever was typed before — the link promised those records. Null when the
 * link carries none this screen knows.
 */
export function filterFromQuery(query: Readonly<Record<string, string>>): FilterForm | null {
  const state = query.state !== undefined && (RECORD_STATES as readonly string[]).includes(query.state) ? (query.state as RecordState) : '';
  // A person's doses (the duplicates screen's link): their id number in the search box.
  const search = typeof query.search === 'string' ? query.search.slice(0, 200) : '';
  if (state === '' && search === '') return null;
  return { ...NO_FILTER, state, search };
}

export const SEARCH_DEBOUNCE_MS = 200;

function toFilter(form: FilterForm): RecordFilter {
  const filter: RecordFilter = {};
  const search = form.search.trim();
  if (search !== '') filter.search = search;
  if (form.state !== '') filter.state = form.state;
  if (form.vaccine !== '') filter.vaccine = form.vaccine;
  const from = parseDateField(form.dateFrom);
  const to = parseDateField(form.dateTo);
  if (from) filter.dateFrom = from;
  if (to) filter.dateTo = to;
  return filter;
}

function RecordList({ arrival }: { arrival: FilterForm | null }) {
  const { t, lang } = useI18n();
  const ids = useId();
  const [form, setForm] = useState<FilterForm>(arrival ?? remembered);
  useEffect(() => {
    remembered = form;
  }, [form]);
  // The link's filters are applied once: the address goes back to the plain list, so coming back
  // from a record's details (history back) finds the filters as the user left them, not the link's.
  const arrived = arrival !== null;
  useEffect(() => {
    if (arrived) window.history.replaceState(window.history.state, '', href('records'));
  }, [arrived]);
  const debouncedSearch = useDebounced(form.search, SEARCH_DEBOUNCE_MS);
  const filter = useMemo(() => toFilter({ ...form, search: debouncedSearch }), [form, debouncedSearch]);
  const pages = useRecordPages(filter);
  const set = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const badFrom = parseDateField(form.dateFrom) === null;
  const badTo = parseDateField(form.dateTo) === null;

  return (
    <Screen
      name="records"
      title={t('records.title')}
      actions={
        <a className="button" href={href('entry')}>
          {t('records.newRecord')}
        </a>
      }
    >
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('records.filters')}>
        <div className="field field-wide">
          <label htmlFor={`${ids}-search`}>{t('records.search')}</label>
          <input id={`${ids}-search`} type="search" value={form.search} onChange={(e) => set('search', e.target.value)} aria-describedby={`${ids}-search-hint`} autoComplete="off" />
          <p id={`${ids}-search-hint`} className="hint">
            {t('records.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-state`}>{t('col.state')}</label>
          <select id={`${ids}-state`} value={form.state} onChange={(e) => set('state', e.target.value as RecordState | '')}>
            <option value="">{t('state.all')}</option>
            {RECORD_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-vaccine`}>{t('col.vaccine')}</label>
          <select id={`${ids}-vaccine`} value={form.vaccine} onChange={(e) => set('vaccine', e.target.value)}>
            <option value="">{t('records.allVaccines')}</option>
            {VACCINES.map((v) => (
              <option key={v.code} value={v.code}>
                {lang === 'vi' ? v.nameVi : v.nameEn}
              </option>
            ))}
          </select>
        </div>
        {(['dateFrom', 'dateTo'] as const).map((key) => {
          const bad = key === 'dateFrom' ? badFrom : badTo;
          return (
            <div className="field field-date" key={key}>
              <label htmlFor={`${ids}-${key}`}>{t(key === 'dateFrom' ? 'records.dateFrom' : 'records.dateTo')}</label>
              <input
                id={`${ids}-${key}`}
                inputMode="numeric"
                placeholder="dd/mm/yyyy"
                value={form[key]}
                onChange={(e) => set(key, e.target.value)}
                aria-invalid={bad}
                aria-describedby={`${ids}-${key}-hint`}
              />
              <p id={`${ids}-${key}-hint`} className={bad ? 'hint hint-error' : 'hint'}>
                {bad ? t('common.badDate') : t('common.dateHint')}
              </p>
            </div>
          );
        })}
      </form>
      <p id={`${ids}-help`} className="hint">
        {t('records.tableHelp')}
      </p>
      {pages.error !== null && (isUnavailable(pages.error) ? <NotAvailable /> : <ErrorMessage error={pages.error} />)}
      <p role="status" aria-live="polite" className="records-total" data-testid="records-total">
        {pages.total === null ? '' : pages.total === 0 ? t('records.none') : t(pages.totalCapped ? 'records.totalAtLeast' : 'records.total', { n: formatNumber(pages.total, lang) })}
      </p>
      {pages.total === null && pages.error === null && <Loading />}
      <VirtualRecordTable pages={pages} helpId={`${ids}-help`} onOpen={(id) => navigate('records', id)} />
    </Screen>
  );
}

export function RecordsScreen({ recordId, query }: { recordId: string | null; query: Readonly<Record<string, string>> }) {
  const arrival = filterFromQuery(query);
  // A new link's filters open the list anew (the nav's plain link keeps what was there).
  return recordId === null ? <RecordList key={arrival === null ? '' : JSON.stringify(arrival)} arrival={arrival} /> : <RecordDetail key={recordId} id={recordId} />;
}
