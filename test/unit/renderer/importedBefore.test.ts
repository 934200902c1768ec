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
let ImportedBefore: FunctionComponent<{ runs: readonly EarlierImport[]; total: number }>;
let I18nProvider: FunctionComponent<{ initial: Language; children?: ReactNode }>;
beforeAll(async () => {
  ImportedBefore = (await loadComponent('../../../renderer/src/screens/import/ImportedBefore.js')).ImportedBefore as typeof ImportedBefore;
  I18nProvider = (await loadComponent('../../../renderer/src/i18n/I18nContext.js')).I18nProvider as typeof I18nProvider;
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

function mount(lang: Language, runs: readonly EarlierImport[], total = runs.length): string {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  act(() => root.render(createElement(I18nProvider, { initial: lang }, createElement(ImportedBefore, { runs, total }))));
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

  // Session 22: the three newest could all be imports that created nothing.
  it('for a file imported five times, says so and names the first import, which created the records, then the newest', () => {
    const runs = [run('2026-11-24T01:00:00.000Z', 'e.xlsx', 0), run('2026-11-23T01:00:00.000Z', 'd.xlsx', 0), first];
    expect(mount('vi', runs, 5)).toBe(
      'Tệp này đã được nhập 5 lần.' +
        'Lần đầu vào ngày 20/11/2026 lúc 14:05 (tên tệp "DS tiêm tháng 11.xlsx"): 99.992 hồ sơ đã tạo.' +
        '2 lần nhập khác sau đó không liệt kê ở đây.' +
        'Sau đó vào ngày 23/11/2026 lúc 08:00 (tên tệp "d.xlsx"): 0 hồ sơ đã tạo.' +
        'Lần gần nhất vào ngày 24/11/2026 lúc 08:00 (tên tệp "e.xlsx"): 0 hồ sơ đã tạo.' +
        'Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.',
    );
  });

  it('in English, counts one import and one record in the singular', () => {
    const runs = [run('2026-11-24T01:00:00.000Z', 'e.xlsx', 0), run('2026-11-23T01:00:00.000Z', 'd.xlsx', 0), { ...first, created: 1 }];
    expect(mount('en', runs, 4)).toBe(
      'This file was already imported 4 times.' +
        'First on 20/11/2026 at 14:05 (file name "DS tiêm tháng 11.xlsx"): 1 record created.' +
        '1 more import followed, not listed here.' +
        'Then on 23/11/2026 at 08:00 (file name "d.xlsx"): 0 records created.' +
        'Last on 24/11/2026 at 08:00 (file name "e.xlsx"): 0 records created.' +
        'Duplicate rows are not imported again; only new rows are.',
    );
  });

  it('shows nothing for a file new to the station', () => {
    expect(mount('vi', [])).toBe('');
    expect(container.querySelector('[data-testid="import-imported-before"]')).toBeNull();
  });
});
