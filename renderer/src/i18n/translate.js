/** The dictionaries by language and `translate()`: pure, so tests and non-React code can use them. */
import { en } from './en.js';
import { vi } from './vi.js';
export const DICTIONARIES = { vi, en };
/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function translate(lang, key, vars) {
    const text = DICTIONARIES[lang][key];
    if (vars === undefined)
        return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}
//# sourceMappingURL=translate.js.map