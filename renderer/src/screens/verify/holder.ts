import type { Translate } from '../../i18n/translate.js';
// One reading of the holder for the screen and the CLI (shared/dcc/holderView.ts).
import { holderOf } from '../../../../shared/dcc/holderView.js';

/**
 * The holder line of a verified certificate. A date of birth the certificate leaves empty (hcert:
 * unknown) is said so, not "born " with nothing after it; a year or a month alone is said as such.
 */
export function holderText(payload: unknown, t: Translate): string | null {
  const holder = holderOf(payload);
  if (holder === null) return null;
  const { name, dob } = holder;
  if (dob === '') return t('verify.holderNoDob', { name });
  if (/^\d{4}$/.test(dob)) return t('verify.holderYear', { name, dob });
  if (/^\d{2}\/\d{4}$/.test(dob)) return t('verify.holderMonth', { name, dob });
  return t('verify.holder', { name, dob });
}
