import { formatDate } from '../../i18n/format.js';

/**
 * The holder line of a verified certificate: each name part as written (`fn`, `gn`), else its
 * transliteration (`fnt`, `gnt`), which the schema requires while `fn` may be absent or empty.
 */
export function holderOf(payload: unknown): { name: string; dob: string } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as { nam?: { fn?: string; gn?: string; fnt?: string; gnt?: string }; dob?: string };
  if (typeof p.nam !== 'object' || p.nam === null) return null;
  const name = [p.nam.fn || p.nam.fnt, p.nam.gn || p.nam.gnt].filter(Boolean).join(' ');
  return { name, dob: formatDate(p.dob ?? '') };
}
