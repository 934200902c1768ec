/**
 * The one place the store reaches into the shared domain rules (validation, names, ids): swapping
 * an implementation is an edit here, nowhere else.
 */
export { uuidv7 } from '../../../shared/domain/ids.js';
export { normalizeLot } from '../../../shared/domain/doseValidation.js';
export { normalizeIdNumber } from '../../../shared/domain/identity.js';
export { foldForSearch, normalizeName, sameName } from '../../../shared/domain/names.js';
export { canonicalPhone, hasErrors, resolveNames, validateDose, validateRecord } from '../../../shared/domain/validation.js';
export { validateDoseAmongOthers } from '../../../shared/domain/doseValidation.js';
export type { DoseInput, OtherDose, OtherPerson, PersonInput } from '../../../shared/domain/validation.js';
export { datesOfBirthAgree, formatDayFirst, isValidIsoDate } from '../../../shared/domain/dates.js';
export { warning } from '../../../shared/domain/findings.js';
export { cmndAndCccd, oneSlipApart } from '../../../shared/domain/personValidation.js';
