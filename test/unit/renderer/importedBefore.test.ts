// @vitest-environment happy-dom
// Session 21: the import screen says the previewed file was imported before, in the language
// chosen, with the day and time in Viet Nam (dd/mm/yyyy, hh:mm) and the clinic's number format.
import { createElement, act, type FunctionComponent, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../renderer/src/i18n/translate.js';
import type { ResultOf } from '../../../shared/rpc/contract.js';

type EarlierImport = ResultOf<'import.preview'>['importedBefore'][number];

// As in signerStatusBanner.test.ts: the renderer's .tsx files are imported by a path tsc does not follow (TS6305).
const loadComponent = (path: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ path);
let ImportedBefore: FunctionComponent<{ runs: readonly EarlierImport[] }>;
let I18nProvider: FunctionComponent<{ initial: Language; children?: ReactNode }>;
beforeAll(async () => {
  ImportedBefore = (await loadComponent('../../../renderer/src/screens/import/ImportedBefore.js')).ImportedBefore as typeof ImportedBefore;
  I18nProvider = (await loadComponent('../../../renderer/src/i18n/I18nContext.js')).I18nProvider as typeof I18nProvider;
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

function mount(lang: Language, runs: readonly EarlierImport[]): string {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  act(() => root.render(createElement(I18nProvider, { initial: lang }, createElement(ImportedBefore, { runs }))));
  return container.textContent ?? '';
}
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const run = (committedAt: string, fileName: string, created: number): EarlierImport => ({ committedAt, fileName, rows: created, created, duplicates: 0, invalid: 0 });
const first = run('2026-11-20T07:05:00.000Z', 'DS tiêm tháng 11.xlsx', 99_992);

describe('the import screen names a file imported before', () => {
  it('in Vietnamese: the Viet Nam day and time, the name, the records created, and that only new rows are imported', () => {
    expect(mount('vi', [first])).toBe(
      'Tệp này đã được nhập ngày 20/11/2026 lúc 14:05 (tên tệp "DS tiêm tháng 11.xlsx"): 99.992 hồ sơ đã tạo.' +
        'Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.',
    );
    // A notice the clerk cannot miss, but no refusal (nothing here disables the commit).
    expect(container.querySelector('.notice-warning[role="alert"]')).not.toBeNull();
  });

  it('in English, with its number format', () => {
    expect(mount('en', [first])).toContain('This file was already imported on 20/11/2026 at 14:05 (file name "DS tiêm tháng 11.xlsx"): 99,992 records created.');
  });

  it('names three imports, newest first, and says there were more', () => {
    const runs = [run('2026-11-22T01:00:00.000Z', 'c.xlsx', 0), run('2026-11-21T01:00:00.000Z', 'b.xlsx', 0), first, run('2026-11-19T01:00:00.000Z', 'a.xlsx', 5)];
    const text = mount('vi', runs);
    expect(text).toContain('Tệp này đã được nhập ngày 22/11/2026 lúc 08:00 (tên tệp "c.xlsx"): 0 hồ sơ đã tạo.');
    expect(text).toContain('Cũng đã được nhập ngày 20/11/2026 lúc 14:05');
    expect(text).not.toContain('a.xlsx');
    expect(text).toContain('Tệp còn được nhập cả trước đó.');
  });

  it('shows nothing for a file new to the station', () => {
    expect(mount('vi', [])).toBe('');
    expect(container.querySelector('[data-testid="import-imported-before"]')).toBeNull();
  });
});
