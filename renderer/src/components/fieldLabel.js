const FIELDS = {
    idType: 'field.idType',
    idNumber: 'field.idNumber',
    fullName: 'field.fullName',
    familyName: 'field.familyName',
    givenName: 'field.givenName',
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
};
/** The last path segment decides: `person.dob` and `dob` are the same field on screen. */
export function fieldKey(field) {
    return field.split('.').at(-1) ?? field;
}
export function fieldLabel(field, t) {
    const key = FIELDS[fieldKey(field)];
    return key === undefined ? field : t(key);
}
//# sourceMappingURL=fieldLabel.js.map