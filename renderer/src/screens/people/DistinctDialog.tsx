/**
 * "Not the same person": a listed pair the clerk has checked and says are two people (namesakes
 * born the same day). With a reason, `people.distinct` keeps it (audited) and the pair leaves the
 * list, so the pairs behind the first 100 come up. Nothing else changes; either may be merged later.
 */
import { RpcError } from '../../../../shared/rpc/client.js';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { ReasonDialog } from '../../components/ReasonDialog.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';

type Person = ResultOf<'people.duplicates'>['pairs'][number]['a'];

export function DistinctDialog({ a, b, outOfDate, onClose, onDone }: {
  a: Person;
  b: Person;
  /** The codes that say the pair on screen is out of date: the list is read again (onDone). */
  outOfDate: ReadonlySet<string>;
  onClose: () => void;
  onDone: (marked: boolean) => void;
}) {
  const { t } = useI18n();
  const client = useRpc();
  const who = (p: Person) => `${p.fullName} (${p.idNumber})`;
  return (
    <ReasonDialog
      title={t('people.distinctTitle')}
      what={<p data-testid="distinct-what">{t('people.distinctWhat', { a: who(a), b: who(b) })}</p>}
      label={t('people.distinctReason')}
      hint={t('people.distinctHint')}
      confirm={t('people.distinctConfirm')}
      tone="primary"
      send={async (reason) => {
        try {
          await client.call('people.distinct', { aId: a.id, bId: b.id, reason });
          onDone(true);
        } catch (err) {
          if (err instanceof RpcError && outOfDate.has(err.code)) onDone(false);
          throw err;
        }
      }}
      onClose={onClose}
    />
  );
}
