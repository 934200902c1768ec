/**
 * People who may have been entered twice (`people.duplicates`: the same id number with another
 * name or date of birth; the same name, date of birth and phone under two id numbers), side by
 * side with the reason. The station never merges by itself: the clerk chooses whom to keep, gives
 * a reason, and `people.merge` moves the other's doses, audited. A refusal (the other has a signed
 * dose, the same dose with another lot) is shown as the core says it, nothing changed.
 */
import { useState } from 'react';
import { RpcError } from '../../../../shared/rpc/client.js';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { href } from '../../app/routes.js';
import { NotAvailable, Notice } from '../../components/Notices.js';
import { Pending } from '../../components/Pending.js';
import { ReasonDialog } from '../../components/ReasonDialog.js';
import { Screen } from '../../components/Screen.js';
import { formatDate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { useCall } from '../../rpc/useCall.js';
import { DistinctDialog } from './DistinctDialog.js';

type Pair = ResultOf<'people.duplicates'>['pairs'][number];
type Person = Pair['a'];

/**
 * A refusal saying the pair on screen is out of date (one of the two merged from another pair,
 * or another window, meanwhile): the list is read again behind the dialog.
 */
const OUT_OF_DATE = new Set(['PERSON_ALREADY_MERGED', 'PERSON_NOT_FOUND']);

/** Pairs listed at once: the core's default; a clinic with more works through these first. */
const PAIRS = 100;

function PersonFacts({ person }: { person: Person }) {
  const { t } = useI18n();
  const items: [string, string][] = [
    [t('field.idType'), t(`idType.${person.idType}`)],
    [t('field.idNumber'), person.idNumber],
    [t('field.dob'), formatDate(person.dob)],
    [t('field.sex'), t(`sex.${person.sex}`)],
    [t('field.phone'), person.phone ?? ''],
  ];
  return (
    <dl className="facts">
      {items.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The records search that finds one person's doses: the id number, or, when the other of the pair
 * has the same one (SAME_ID_NUMBER), the name, date of birth and number together (the search reads
 * a name with a date and a number as that person): the number alone listed both people's doses
 * under either's link.
 */
function dosesSearch(person: Person, other: Person): string {
  if (person.idNumber !== other.idNumber) return person.idNumber;
  return `${person.fullName} ${formatDate(person.dob)} ${person.idNumber}`;
}

interface Choice {
  keep: Person;
  merge: Person;
}

function MergeDialog({ choice, onClose, onMerged, onOutOfDate }: { choice: Choice; onClose: () => void; onMerged: (r: ResultOf<'people.merge'>) => void; onOutOfDate: () => void }) {
  const { t } = useI18n();
  const client = useRpc();
  const [reloaded, setReloaded] = useState(false);
  const { keep, merge } = choice;
  return (
    <ReasonDialog
      title={t('people.mergeTitle')}
      what={<p data-testid="merge-what">{t('people.mergeWhat', { keep: `${keep.fullName} (${keep.idNumber})`, merge: `${merge.fullName} (${merge.idNumber})` })}</p>}
      label={t('people.reason')}
      hint={t('people.reasonHint')}
      confirm={t('people.merge')}
      tone="primary"
      send={async (reason) => {
        try {
          onMerged(await client.call('people.merge', { keepId: keep.id, mergeId: merge.id, reason }));
        } catch (err) {
          if (err instanceof RpcError && OUT_OF_DATE.has(err.code)) {
            setReloaded(true);
            onOutOfDate();
          }
          throw err;
        }
      }}
      errorNote={
        reloaded ? (
          <p className="hint" data-testid="pairs-reloaded">
            {t('people.reloaded')}
          </p>
        ) : null
      }
      onClose={onClose}
    />
  );
}

export function PeopleScreen() {
  const { t, pick } = useI18n();
  const [state, reload] = useCall('people.duplicates', { limit: PAIRS });
  const [choice, setChoice] = useState<Choice | null>(null);
  const [distinct, setDistinct] = useState<Pair | null>(null);
  const [marked, setMarked] = useState(false);
  const [merged, setMerged] = useState<{ name: string; idNumber: string; moved: number; discarded: number; drafts: number } | null>(null);
  if (state.status === 'unavailable') {
    return (
      <Screen name="people" title={t('people.title')}>
        <NotAvailable />
      </Screen>
    );
  }
  return (
    <Screen name="people" title={t('people.title')}>
      <p className="muted">{t('people.intro')}</p>
      {marked && (
        <Notice kind="ok">
          <p data-testid="marked-distinct">{t('people.distinctDone')}</p>
        </Notice>
      )}
      {merged !== null && (
        <Notice kind="ok">
          <p data-testid="merged">{t('people.merged', { n: merged.moved, name: merged.name })}</p>
          {merged.discarded > 0 && <p data-testid="merged-discarded">{t('people.mergedDiscarded', { n: merged.discarded })}</p>}
          {merged.drafts > 0 && (
            <p data-testid="merged-drafts">
              {t('people.mergedDrafts', { n: merged.drafts })}{' '}
              <a href={href('records', undefined, { search: merged.idNumber, state: 'draft' })}>{t('people.mergedDraftsLink')}</a>
            </p>
          )}
        </Notice>
      )}
      <Pending state={state}>
        {({ pairs }) =>
          pairs.length === 0 ? (
            <p data-testid="no-duplicates">{t('people.empty')}</p>
          ) : (
            <>
              {pairs.length === PAIRS && <p className="muted">{t('people.more', { n: PAIRS })}</p>}
              <ol className="duplicate-pairs">
                {pairs.map((pair) => (
                  <li key={`${pair.a.id}-${pair.b.id}`} data-testid="duplicate-pair">
                    <p className="notice-title">{pick(pair.reason_vi, pair.reason_en)}</p>
                    <p>
                      <button type="button" className="button secondary" onClick={() => setDistinct(pair)} aria-label={t('people.distinctLabel', { a: `${pair.a.fullName} (${pair.a.idNumber})`, b: `${pair.b.fullName} (${pair.b.idNumber})` })}>
                        {t('people.distinct')}
                      </button>
                    </p>
                    <div className="columns">
                      {([[pair.a, pair.b], [pair.b, pair.a]] as const).map(([person, other]) => (
                        <section key={person.id} aria-label={person.fullName}>
                          <h2>{person.fullName}</h2>
                          <PersonFacts person={person} />
                          <p>
                            <a className="button secondary" href={href('records', undefined, { search: dosesSearch(person, other) })}>
                              {t('people.doses')}
                            </a>{' '}
                            <button type="button" className="button" onClick={() => setChoice({ keep: person, merge: other })} aria-label={t('people.keepLabel', { keep: `${person.fullName} (${person.idNumber})`, merge: `${other.fullName} (${other.idNumber})` })}>
                              {t('people.keep')}
                            </button>
                          </p>
                        </section>
                      ))}
                    </div>
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </Pending>
      {distinct !== null && (
        <DistinctDialog
          a={distinct.a}
          b={distinct.b}
          outOfDate={OUT_OF_DATE}
          onClose={() => setDistinct(null)}
          onDone={(done) => {
            if (done) {
              setDistinct(null);
              setMerged(null);
              setMarked(true);
            }
            reload();
          }}
        />
      )}
      {choice !== null && (
        <MergeDialog
          choice={choice}
          onClose={() => setChoice(null)}
          onMerged={(r) => {
            setChoice(null);
            setMarked(false);
            // movedDoses counts the discarded copies too: they were moved, then found to be the kept person's.
            setMerged({ name: r.person.fullName, idNumber: r.person.idNumber, moved: r.movedDoses - r.discardedDoses.length, discarded: r.discardedDoses.length, drafts: r.backToDraft.length });
            reload();
          }}
          onOutOfDate={reload}
        />
      )}
    </Screen>
  );
}
