import type { ParamsOf, ResultOf } from '../../../../shared/rpc/contract.js';
export type PersonWire = ParamsOf<'records.validate'>['person'];
export type DoseWire = ParamsOf<'records.validate'>['dose'];
export type IdType = PersonWire['idType'];
export type Sex = PersonWire['sex'];
export interface PersonForm {
    idType: IdType;
    idNumber: string;
    fullName: string;
    /** Only used when `splitEdited`: otherwise the split is derived from the full name. */
    familyName: string;
    givenName: string;
    splitEdited: boolean;
    dob: string;
    sex: Sex | '';
    nationality: string;
    phone: string;
}
export interface DoseForm {
    vaccine: string;
    lot: string;
    doseNumber: string;
    vaccinationDate: string;
}
export declare const EMPTY_PERSON: PersonForm;
export declare const EMPTY_DOSE: DoseForm;
export declare function toPersonInput(f: PersonForm): PersonWire;
export declare function toDoseInput(f: DoseForm): DoseWire;
/** The split and ICAO transliteration shown while typing, before the core has answered. */
export declare function namePreview(f: PersonForm): {
    familyName: string;
    givenName: string;
    fnt: string;
    gnt: string;
};
export declare function isBlankPerson(f: PersonForm): boolean;
/** Form fields from a stored record (edit and correct). */
export declare function formsFromRecord(r: Pick<ResultOf<'records.get'>, 'person' | 'record'>): {
    person: PersonForm;
    dose: DoseForm;
};
/** After a save in "new record" mode: a fresh person, the same dose details (sticky). */
export declare function nextEntry(person: PersonForm): PersonForm;
