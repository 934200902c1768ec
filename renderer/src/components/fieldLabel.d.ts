/** The label of a finding's field (`person.idNumber`, `dob`, `vaccinationDate`, ...). */
import type { Translate } from '../i18n/translate.js';
/** The last path segment decides: `person.dob` and `dob` are the same field on screen. */
export declare function fieldKey(field: string): string;
export declare function fieldLabel(field: string, t: Translate): string;
