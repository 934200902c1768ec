/** One record: the person, the dose, its findings, its correction chain and its audit history. */
import { useState, type ReactNode } from 'react';
import { vaccineByCode } from '../../../../shared/domain/vaccines.js';
import { RpcError } from '../../../../shared/rpc/client.js';
import { href } from '../../app/routes.js';
import { AuditAction } from '../../components/AuditAction.js';
import { FindingsList } from '../../components/FindingsList.js';
import { Pending } from '../../components/Pending.js';
import { Screen } from '../../components/Screen.js';
import { StateBadge } from '../../components/StateBadge.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/vi.js';
import { useCall } from '../../rpc/useCall.js';
import { takeAlsoCorrected } from './alsoCorrected.js';
import { DiscardDialog } from './DiscardDialog.js';
import { Notice } from '../../components/Notices.js';

const EDITABLE = new Set(['draft', 'ready']);

/**
 * The record a discarded one was a copy of (a merge folded the double entry, session 28): an old
 * link or an id from an import's result then leads to the dose as it is kept.
 */
function keptRecordOf(error: unknown): string | null {
  if (!(error instanceof RpcError) || error.code !== 'RECORD_DISCARDED') return null;
  const kept = (error.details as { duplicateOf?: unknown } | undefined)?.duplicateOf;
  return typeof kept === 'string' && kept !== '' ? kept : null;
}
/** Stands for the replaced record's id in the "replaces record …" sentence, where its link goes. */
const ID_MARK = '\u0000';

function Facts({ items }: { items: [MessageKey, ReactNode][] }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      {items.map(([key, value]) => (
        <div key={key} className="fact">
          <dt>{t(key)}</dt>
          <dd>{value === '' || value === null ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RecordDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [state] = useCall('records.get', { id });
  // Right after a correction that changed the person: the other signed doses corrected with it.
  const [also] = useState(() => takeAlsoCorrected(id));
  const [discarding, setDiscarding] = useState(false);
  const [discarded, setDiscarded] = useState<string | null>(null);
  if (discarded !== null) {
    return (
      <Screen name="record-detail" title={t('detail.title')} actions={<a className="button secondary" href={href('records')}>{t('detail.back')}</a>}>
        <Notice kind="ok">
          <p data-testid="discarded">{t('discard.done', { id, reason: discarded })}</p>
        </Notice>
      </Screen>
    );
  }
  return (
    <Screen
      name="record-detail"
      title={t('detail.title')}
      actions={
        <a className="button secondary" href={href('records')}>
          {t('detail.back')}
        </a>
      }
    >
      <Pending state={state}>
        {({ record, person, history, chain, asSigned }) => {
          const vaccine = vaccineByCode(record.vaccine);
          return (
            <>
              <p>
                <StateBadge state={record.state} />{' '}
                {EDITABLE.has(record.state) ? (
                  <>
                    <a className="button" href={href('entry', record.id)}>
                      {t('detail.edit')}
                    </a>
                    {/* A correction is never discarded: its signed original is already superseded (recordDiscard.ts). */}
                    {record.supersedes === null && (
                      <>
                        {' '}
                        <button type="button" className="button secondary" onClick={() => setDiscarding(true)}>
                          {t('discard.open')}
                        </button>
                      </>
                    )}
                  </>
                ) : record.state !== 'superseded' ? (
                  <a className="button" href={href('entry', record.id)}>
                    {t('detail.correct')}
                  </a>
                ) : null}
              </p>
              {also.length > 0 && (
                <div className="notice notice-info" role="status">
                  <p>{t('detail.alsoCorrected', { n: also.length })}</p>
                  <ul>
                    {also.map((other) => (
                      <li key={other}>
                        <a href={href('records', other)}>{other}</a>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {record.supersedes !== null && (
                <p className="notice notice-info">
                  {/* The replaced record's id is a link to it (the sentence is split where the id goes). */}
                  {t('detail.supersedes', { id: ID_MARK, reason: record.supersedeReason ?? '' })
                    .split(ID_MARK)
                    .flatMap((part, i) => (i === 0 ? [part] : [<a key="superseded" href={href('records', record.supersedes!)}>{record.supersedes}</a>, part]))}
                </p>
              )}
              <div className="columns">
                <section aria-labelledby="detail-person">
                  <h2 id="detail-person">{t('detail.person')}</h2>
                  <Facts
                    items={[
                      ['field.fullName', person.fullName],
                      ['field.familyName', person.familyName],
                      ['field.givenName', person.givenName],
                      ['field.transliteration', `${person.fnt} / ${person.gnt}`],
                      ['field.idType', t(`idType.${person.idType}`)],
                      ['field.idNumber', person.idNumber],
                      ['field.dob', formatDate(person.dob)],
                      ['field.sex', t(`sex.${person.sex}`)],
                      ['field.nationality', person.nationality],
                      ['field.phone', person.phone ?? ''],
                      ['field.identity', t(`identity.${person.identityStatus}`)],
                    ]}
                  />
                </section>
                {asSigned != null && (
                  <section aria-labelledby="detail-as-signed">
                    <h2 id="detail-as-signed">{t('detail.asSigned')}</h2>
                    <p className="muted">{t('detail.asSignedHint')}</p>
                    <Facts
                      items={[
                        ['field.fullName', asSigned.fullName],
                        ['field.idType', t(`idType.${asSigned.idType as 'CCCD'}`)],
                        ['field.idNumber', asSigned.idNumber],
                        ['field.dob', formatDate(asSigned.dob)],
                        ['field.sex', t(`sex.${asSigned.sex as 'M'}`)],
                      ]}
                    />
                  </section>
                )}
                <section aria-labelledby="detail-dose">
                  <h2 id="detail-dose">{t('detail.dose')}</h2>
                  <Facts
                    items={[
                      ['field.vaccine', vaccine ? (lang === 'vi' ? vaccine.nameVi : vaccine.nameEn) : record.vaccine],
                      ['field.lot', record.lot],
                      ['field.doseNumber', record.doseNumber],
                      ['field.vaccinationDate', formatDate(record.vaccinationDate)],
                      ['field.facilityCode', record.facilityCode],
                      ['field.recordId', <code key="id">{record.id}</code>],
                      ['field.createdAt', formatDateTime(record.createdAt)],
                      ['field.updatedAt', formatDateTime(record.updatedAt)],
                    ]}
                  />
                </section>
              </div>
              <section aria-labelledby="detail-findings">
                <h2 id="detail-findings">{t('detail.findings')}</h2>
                {record.findings.length === 0 ? <p>{t('detail.noFindings')}</p> : <FindingsList findings={record.findings} />}
              </section>
              {chain.length > 1 && (
                <section aria-labelledby="detail-chain">
                  <h2 id="detail-chain">{t('detail.chain')}</h2>
                  <ol className="chain">
                    {chain.map((r) => (
                      <li key={r.id}>
                        {r.id === record.id ? (
                          <span>
                            <code>{r.id}</code> {t('detail.current')}
                          </span>
                        ) : (
                          <a href={href('records', r.id)}>
                            <code>{r.id}</code>
                          </a>
                        )}{' '}
                        <StateBadge state={r.state} /> {formatDateTime(r.createdAt)}
                        {r.supersedeReason !== null && ` — ${r.supersedeReason}`}
                      </li>
                    ))}
                  </ol>
                </section>
              )}
              <section aria-labelledby="detail-history">
                <h2 id="detail-history">{t('detail.history')}</h2>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.at')}</th>
                      <th scope="col">{t('col.actor')}</th>
                      <th scope="col">{t('col.action')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.map((e) => (
                      <tr key={e.seq}>
                        <td>{formatDateTime(e.at)}</td>
                        <td>{e.actor}</td>
                        <td>
                          <AuditAction action={e.action} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          );
        }}
      </Pending>
      {state.status === 'error' && keptRecordOf(state.error) !== null && (
        <p>
          <a className="button" href={href('records', keptRecordOf(state.error)!)}>
            {t('detail.openKept')}
          </a>
        </p>
      )}
      {discarding && <DiscardDialog recordId={id} onClose={() => setDiscarding(false)} onDiscarded={(r) => setDiscarded(r.reason)} />}
    </Screen>
  );
}
