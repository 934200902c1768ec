/** What validation needs beyond the record itself: the clock and the neighbours to compare with. */
import type { PersonFindingsMemo } from './personFindingsMemo.js';
import type { IdType } from './types.js';

export interface OtherDose {
  id: string;
  doseNumber: number;
  vaccinationDate: string;
  vaccine: string;
  /** The lot as stored (normalizeLot), when the caller has it: the likely-same-person dose check reads it. */
  lot?: string;
  /** Superseded records are ignored even if a caller passes them. */
  state?: string;
  /** Another row of the file being imported (not a stored record): findings name the row. */
  row?: number;
  /** That row's sheet, when the file's rows come from several sheets (a sheet per day): named when not the record's own. */
  sheet?: string;
}

export interface OtherPerson {
  id: string;
  idType: IdType;
  idNumber: string;
  fullName: string;
  dob: string;
  phone: string | null;
  /** Another row of the file being imported (not a stored person): findings name the row. */
  row?: number;
  /** That row's sheet, when the file's rows come from several sheets (a sheet per day): named when not the record's own. */
  sheet?: string;
  /**
   * The person's live doses, when the caller has them (the store gives them for a likely duplicate
   * under another id number): the same dose recorded for them is not recorded again (likelySameDose.ts).
   */
  doses?: readonly OtherDose[];
}

export interface PersonValidationContext {
  /** Today as an ISO date: the clock is passed in, never read. */
  today: string;
  /** Candidates for the duplicate-person checks (same id number, or same name + dob + phone). */
  otherPeople?: readonly OtherPerson[];
  /** Remembers the findings of a person seen before in the same pass (a bulk caller's). */
  personMemo?: PersonFindingsMemo;
  /** The sheet of the record checked, when the file's rows come from several sheets: another row's sheet is named when it differs. */
  sheet?: string;
}

/**
 * "row 3 of this file", or "row 3 of sheet "Ngày 1" of this file" when the other row is on another
 * sheet than the record's (row numbers repeat from one day's sheet to the next).
 */
export function fileRow(row: number, sheet: string | undefined, ownSheet: string | undefined): { vi: string; en: string } {
  return sheet !== undefined && sheet !== ownSheet
    ? { vi: `dòng ${row} trang "${sheet}" của tệp này`, en: `row ${row} of sheet "${sheet}" of this file` }
    : { vi: `dòng ${row} của tệp này`, en: `row ${row} of this file` };
}

export interface ValidationContext extends PersonValidationContext {
  /** This person's other (non-superseded) doses. */
  otherDoses: readonly OtherDose[];
}
