/**
 * An age column beside the date of birth ("Tuổi", "Age"), as hospital systems export it: the age
 * is no field of the passport, but it is the row's own check of the date of birth. A date of birth
 * typed wrong (1958 for 1985) gives another age at the vaccination date: said, a warning naming
 * both. Systems write the age as the years since the birthday or as the year's difference, one more
 * before the birthday: either is the same person. An age in months ("18 tháng") is not compared.
 */
import { ageInYears, formatDayFirst, partialDateBounds, warning, type Finding } from './domainPort.js';
import { textOf } from './parseTextCells.js';
import type { CellValue } from './sheetData.js';

/** "45", "45 tuổi", "45t", "45 T", "45 years", "45y", "45 yrs": years. */
const AGE_IN_YEARS = /^(\d{1,3})\s*(?:tuổi|tuoi|t|năm|nam|years?|yrs?|y)?\.?$/iu;

function yearsOf(cell: CellValue | undefined): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 && cell < 150 ? cell : null;
  if (typeof cell !== 'string') return null;
  const m = AGE_IN_YEARS.exec(textOf(cell).normalize('NFC'));
  return m === null ? null : Number(m[1]);
}

/** The age written against the date of birth (ISO, or a year, a month) at the vaccination date (ISO). */
export function ageDiffers(cell: CellValue | undefined, dob: string | undefined, vaccinationDate: string | undefined): Finding | null {
  const written = yearsOf(cell);
  if (written === null || dob === undefined || vaccinationDate === undefined) return null;
  const bounds = partialDateBounds(dob);
  if (bounds === null) return null;
  const youngest = ageInYears(bounds.latest, vaccinationDate);
  const oldest = ageInYears(bounds.earliest, vaccinationDate);
  if (Number.isNaN(youngest) || Number.isNaN(oldest) || (written >= youngest && written <= oldest + 1)) return null;
  const shown = formatDayFirst(dob);
  const day = formatDayFirst(vaccinationDate);
  const age = youngest === oldest ? String(oldest) : `${youngest}–${oldest}`;
  const text = textOf(cell);
  return warning(
    'dob',
    'IMPORT_AGE_DIFFERS',
    `Cột tuổi ghi "${text}" nhưng ngày sinh ${shown} cho ${age} tuổi vào ngày tiêm ${day}: một trong hai ô bị gõ sai. Hãy kiểm tra ngày sinh trước khi ký.`,
    `The age column says "${text}" but the date of birth ${shown} gives ${age} on the vaccination date ${day}: one of the two cells is mistyped. Check the date of birth before signing.`,
  );
}
