/** The label of a finding's field (`person.idNumber`, `dob`, `vaccinationDate`, ...). */
import type { Translate } from '../i18n/translate.js';
import type { MessageKey } from '../i18n/vi.js';

const FIELDS: Readonly<Record<string, MessageKey>> = {
  idType: 'field.idType',
  idNumber: 'field.idNumber',
  fullName: 'field.fullName',
  familyName: 'field.familyName',
  givenName: 'field.givenName',
  // Columns an import reads but does not store: shown in the preview's map of columns.
  middleName: 'field.middleName',
  birthYear: 'field.birthYear',
  birthMonth: 'field.birthMonth',
  manufacturer: 'field.manufacturer',
  age: 'field.age',
  fnt: 'field.transliteration',
  gnt: 'field.transliteration',
  dob: 'field.dob',
  sex: 'field.sex',
  nationality: 'field.nationality',
  phone: 'field.phone',
  vaccine: 'field.vaccine',
  lot: 'field.lot',
  doseNumber: 'field.doseNumber',
  vaccinationDate: 'field.vaccinationDate',
  person: 'field.person',
  // A finding about the whole row (a dose already imported, a row after the totals): the import
  // table once showed the bare word "row" in its Vietnamese column (probe 19).
  row: 'field.row',
  // Where the list says the dose was given (import placeColumn.ts).
  facility: 'field.facility',
};

/** The last path segment decides: `person.dob` and `dob` are the same field on screen. */
export function fieldKey(field: string): string {
  return field.split('.').at(-1) ?? field;
}

export function fieldLabel(field: string, t: Translate): string {
  const key = FIELDS[fieldKey(field)];
  return key === undefined ? field : t(key);
}
