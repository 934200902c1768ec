// Every string of the interface exists in both languages (DESIGN §8: Vietnamese first, English
// second): the same keys, no empty value, the same placeholders on both sides.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en.js';
import { translate } from '../../../renderer/src/i18n/translate.js';
import { vi } from '../../../renderer/src/i18n/vi.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('interface dictionaries', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('have no empty value in either language', () => {
    for (const dict of [vi, en] as Record<string, string>[]) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
  });

  it('are Vietnamese on the Vietnamese side (diacritics present in most entries)', () => {
    const withMarks = Object.values(vi).filter((v) => /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i.test(v));
    expect(withMarks.length / Object.keys(vi).length).toBeGreaterThan(0.8);
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(translate('vi', 'records.total', { n: '12.000' })).toBe('12.000 hồ sơ');
    expect(translate('en', 'records.total', { n: '12,000' })).toBe('12,000 records');
    expect(translate('en', 'records.total')).toBe('{n} {n|record|records}');
  });

  it('chooses an English count\'s word by the count, as a number or as formatNumber wrote it; Vietnamese has one form', () => {
    expect(translate('en', 'records.total', { n: '1' })).toBe('1 record');
    expect(translate('en', 'records.total', { n: 1 })).toBe('1 record');
    for (const n of ['0', '2', '11', '1,000', 21]) expect(translate('en', 'records.total', { n })).toBe(`${n} records`);
    expect(translate('en', 'sign.drafts', { count: '1' })).toBe('1 record is a draft and is not signed until its errors are fixed or its warnings confirmed.');
    expect(translate('en', 'sign.drafts', { count: '3' })).toBe('3 records are drafts and are not signed until their errors are fixed or their warnings confirmed.');
    expect(translate('vi', 'records.total', { n: '1' })).toBe('1 hồ sơ');
    // Every plural form names a placeholder the Vietnamese text fills too.
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      for (const m of en[key].matchAll(/\{(\w+)\|[^|{}]*\|[^|{}]*\}/g)) expect(placeholders(vi[key]), key).toContain(m[1]);
    }
  });

  it('cover every key the screens use with a literal t(...) call', () => {
    const root = resolve(import.meta.dirname, '../../../renderer/src');
    const used = new Set<string>();
    for (const file of sources(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !(k in vi))).toEqual([]);
  });
});
