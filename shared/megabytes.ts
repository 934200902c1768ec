/**
 * A file's or a disk's size in megabytes (MiB), one decimal, as `lang` writes numbers: "1.536,4 MB"
 * in Vietnamese, "1,536.4 MB" in English (a comma is the Vietnamese decimal point: "1,536 MB" reads
 * there as one and a half). A size above 0 too small to show is "< 0,1 MB" / "< 0.1 MB", not "0,0 MB"
 * as if nothing were there. `grouping: false` for a line read in both languages at once (the
 * command line's "vi / en" labels): "1536.4 MB". The settings screen, `station backup status` and
 * the daily copy's low-space notice all say sizes with it.
 */
export function formatMegabytes(bytes: number, lang: 'vi' | 'en', opts: { grouping?: boolean } = {}): string {
  const shown = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: opts.grouping ?? true,
  });
  const mb = bytes / 1024 ** 2;
  return bytes > 0 && mb < 0.05 ? `< ${shown(0.1)} MB` : `${shown(mb)} MB`;
}
