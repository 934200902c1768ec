/**
 * The one place the importer reaches into the shared domain rules (shared/domain, engineer C's):
 * dates, names, ids, the vaccine catalog and validation. Swapping an implementation is an edit
 * here, nowhere else.
 */
export { ageInYears, datesOfBirthAgree, daysBetween, excelSerialToIso, formatDayFirst, isValidIsoDate, parseDayFirstDate, parsePartialDate, partialDateBounds, VIETNAM_OFFSET_MS, vietnamDay } from '../../../shared/domain/dates.js';
export { error, required, warning } from '../../../shared/domain/findings.js';
export { decodeCccd, normalizeIdNumber } from '../../../shared/domain/identity.js';
export { familyInCapitalsLast, foldForSearch, normalizeName } from '../../../shared/domain/names.js';
export { COUNTRY_CODES, countryName, isCountryCode } from '../../../shared/domain/countries.js';
export { findVaccine, misspelledVaccine, vaccineByCode, vaccineKey, vaccinesNamedTogether, VACCINES } from '../../../shared/domain/vaccines.js';
export { PersonFindingsMemo, validateRecord } from '../../../shared/domain/validation.js';
export { canonicalPhone } from '../../../shared/domain/personValidation.js';
export { normalizeLot } from '../../../shared/domain/doseValidation.js';
export type { OtherDose, OtherPerson, ValidationContext } from '../../../shared/domain/validationContext.js';
export type { DoseInput, Finding, PersonInput } from '../../../shared/domain/types.js';
