/**
 * Validation of a record (DESIGN §3): the station, the importer and the platform simulator all
 * run these rules. Findings carry a stable code and a Vietnamese and English message; errors block
 * signing, warnings need an explicit confirm.
 */
import { validateDose } from './doseValidation.js';
import { likelySameDoseFindings } from './likelySameDose.js';
import { validatePerson } from './personValidation.js';
import type { DoseInput, Finding, PersonInput } from './types.js';
import type { ValidationContext } from './validationContext.js';

export { hasErrors } from './findings.js';
export { validateDose, FIRST_VACCINATION_DATE, MAX_DOSE_NUMBER, parseDoseNumber } from './doseValidation.js';
export { validatePerson, resolveNames, canonicalPhone } from './personValidation.js';
export { PersonFindingsMemo } from './personFindingsMemo.js';
export type { OtherDose, OtherPerson, PersonValidationContext, ValidationContext } from './validationContext.js';
export type { DoseInput, PersonInput } from './types.js';

/** The person's findings, then the dose's. */
export function validateRecord(p: PersonInput, d: DoseInput, ctx: ValidationContext): Finding[] {
  // validatePerson's list is the caller's own (a fresh array): the dose's are appended to it.
  const out = validatePerson(p, ctx);
  for (const f of validateDose(d, p, ctx)) out.push(f);
  for (const f of likelySameDoseFindings(d, p, ctx.otherPeople, ctx.sheet)) out.push(f);
  return out;
}
