// A new user's first day, through the interface only: set up the station, import a messy clinic
// spreadsheet, download the rows that failed, enter the failing row again by hand, sign with the
// facility token (a real PKCS#11 module: SoftHSM) after a wrong PIN, sync to the national platform
// simulator, open a certificate in both languages, print it to PDF (A4 and A6), and read the QR
// code back from the screen: it decodes to an HC1 that verifies.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { readQrFromRgba } from '../../shared/qr/decode.js';
import { forkSignerHost } from '../../electron/core/signer-client/index.js';
import { STANDARD_HEADER, dmy, makeDoses, makeTempDir, standardRow, writeXlsx } from '../fixtures/clinicFiles.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../fixtures/softhsm.js';
import { startPlatform, type RunningPlatform } from '../platform/startPlatform.js';
import { SCREENS_DIR, gotoScreen, saveScreenshot, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, openTestStation, pageErrors, setLanguage, test, type Station } from './support/station.js';

const API_KEY = 'api-key-79001-e2e';
const DOSES = makeDoses(4, 42);
/** rows[2] (Excel row 6: title, blank, header first) gets an impossible vaccination date. */
const BAD_INDEX = 2;

let token: SoftHsmToken;
let platform: RunningPlatform;
let station: Station & { close(): Promise<void> };
let tmp: ReturnType<typeof makeTempDir>;
let xlsxPath: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  tmp = makeTempDir('station-journey-');
  token = await createSoftHsmToken({ label: 'Token co so', keys: [{ type: 'EC' }] });
  platform = await startPlatform({
    dataDir: tmp.file('platform'),
    trustCa: [token.ca.pem],
    facilities: [{ code: '79001', apiKey: API_KEY, taxCode: TEST_FACILITY.taxCode }],
    seed: 5,
    populationSize: 50,
  });
  station = await openTestStation({ signing: { spawn: forkSignerHost({ env: token.env }) } });
  // A clinic's spreadsheet: a merged title, a blank line, the header, one impossible date, and
  // a birth date typed as a real Excel date instead of text.
  const rows: (string | Date)[][] = DOSES.map((d, i) => standardRow(d, i + 1));
  rows[BAD_INDEX]![9] = '31/02/2021';
  rows[0]![2] = new Date(`${DOSES[0]!.person.dob}T00:00:00Z`);
  xlsxPath = tmp.file('Danh sách tiêm tháng 9.xlsx');
  await writeXlsx(xlsxPath, [{ name: 'Tháng 9', rows: [['DANH SÁCH TIÊM CHỦNG COVID-19 — TRẠM Y TẾ PHƯỜNG'], [], STANDARD_HEADER, ...rows], merges: ['A1:J1'] }]);
});

test.afterAll(async () => {
  await station?.close();
  await platform?.close();
  token?.cleanup();
  tmp?.cleanup();
});

test('import, fix, sign, sync, print and verify — through the interface', async ({ page }) => {
  test.setTimeout(150_000);
  await openStationPage(page, station);
  await setLanguage(page, 'vi');

  await test.step('settings: facility, national platform, token library', async () => {
    await gotoScreen(page, 'settings');
    await page.getByLabel('Mã số thuế (MST trên chứng thư số)').fill(TEST_FACILITY.taxCode);
    await page.getByLabel('Địa chỉ (URL)').fill(platform.url);
    await page.getByLabel('Khóa API').fill(API_KEY);
    await page.getByLabel(/Thư viện PKCS#11/).fill(token.modulePath);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();
    await expect(page.getByLabel('Khóa API')).toHaveValue('');
    await expect(page.getByText('Đã có khóa. Nhập khóa mới nếu muốn thay.')).toBeVisible();
  });

  const bad = DOSES[BAD_INDEX]!;
  await test.step('import: preview with the failing row, download it, commit the rest', async () => {
    await gotoScreen(page, 'import');
    await page.getByLabel('Tệp .xlsx hoặc .csv').setInputFiles(xlsxPath);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await expect(page.getByTestId('import-summary')).toContainText(`Số dòng: ${DOSES.length}`);
    await expect(page.getByTestId('import-summary')).toContainText('Có lỗi: 1');
    const findings = page.getByTestId('import-findings');
    await expect(findings.locator('tr', { hasText: 'Ngày tiêm' }).first()).toContainText('6');
    await saveScreenshot(page, 'import-preview-vi');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải các dòng lỗi (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = resolve(tmp.dir, 'failed.xlsx');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    await expect(page.getByText('Đã tải 1 dòng lỗi')).toBeVisible();
    const confirm = page.getByLabel('Nhập cả các dòng có cảnh báo');
    if (await confirm.isVisible()) await confirm.check();
    await page.getByRole('button', { name: 'Nhập vào hàng đợi' }).click();
    await expect(page.getByText(`Đã nhập ${DOSES.length - 1} hồ sơ vào hàng đợi.`)).toBeVisible();
  });

  await test.step('the failing row, typed again with the right date', async () => {
    await gotoScreen(page, 'entry');
    await page.getByLabel('Số giấy tờ').fill(bad.person.cccd);
    await page.getByLabel('Họ và tên', { exact: false }).first().fill(bad.person.fullName);
    await page.getByLabel('Ngày sinh').fill(dmy(bad.person.dob));
    await page.getByLabel('Giới tính').selectOption(bad.person.sex);
    await page.getByLabel('Số điện thoại').fill(bad.person.phone);
    await page.getByLabel('Vắc xin', { exact: false }).first().selectOption(bad.vaccine);
    await page.getByLabel('Số lô').fill(bad.lot);
    await page.getByLabel('Mũi thứ').fill(String(bad.dose));
    await page.getByLabel('Ngày tiêm').fill(dmy(bad.date));
    await expect(page.getByTestId('live-check')).toContainText(/Không thấy lỗi nào|Lỗi: 0/);
    const confirm = page.getByLabel('Tôi đã đọc các cảnh báo và vẫn muốn lưu');
    if (await confirm.isVisible()) await confirm.check();
    await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await expect(page.getByText(`Đã lưu hồ sơ của ${bad.person.fullName}: Sẵn sàng ký.`)).toBeVisible();
  });

  await test.step('sign: a wrong PIN first, then the right one', async () => {
    await gotoScreen(page, 'sign');
    await expect(page.getByTestId('sign-preview')).toContainText(`${DOSES.length} hồ sơ sẵn sàng`);
    await expect(page.getByText('Dùng được', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: `Ký ${DOSES.length} hồ sơ…` }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập mã PIN của token' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Mã PIN').fill('000000');
    await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Mã PIN không đúng' })).toBeVisible();
    await expect(dialog.getByText('Mã lỗi: PIN_INCORRECT')).toBeVisible();
    // The token now reports the failed attempt (CKF_USER_PIN_COUNT_LOW): the dialog says so.
    await expect(dialog.getByText('Lần nhập PIN trước đã sai. Hãy nhập thật cẩn thận.')).toBeVisible();
    await saveScreenshot(page, 'sign-wrong-pin-vi');
    // The PIN never stays on the page.
    await expect(dialog.getByLabel('Mã PIN')).toHaveValue('');
    await dialog.getByLabel('Mã PIN').fill(token.pin);
    await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
    await expect(page.getByTestId('sign-result')).toContainText(`${DOSES.length} hồ sơ`);
    await expect(dialog).toBeHidden();
    // The good PIN cleared the token's warning; it no longer says the last PIN was wrong.
    await expect(page.getByText('Lần nhập PIN trước đã sai. Hãy nhập thật cẩn thận.')).toHaveCount(0);
    expect(await page.content()).not.toContain(token.pin === '123456' ? 'value="123456"' : token.pin);
  });

  await test.step('sync with the platform: accepted, certificates pulled back', async () => {
    await gotoScreen(page, 'sync');
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect(page.getByTestId('sync-result')).toContainText(`chấp nhận ${DOSES.length}`, { timeout: 30_000 });
    await expect(page.getByTestId('sync-result')).toContainText('nhận về 4 chứng nhận');
    await expect(page.locator('[data-batch-state="submitted"]')).toHaveText('Đã gửi');
    await saveScreenshot(page, 'sync-done-vi');
  });

  let recordId = '';
  await test.step('a certificate: the 11 fields in both languages and its QR', async () => {
    await gotoScreen(page, 'certificates');
    const first = page.getByRole('link', { name: /Xem chứng nhận của/ }).first();
    await first.click();
    await expect(page.locator('main h1')).toHaveText('Chứng nhận tiêm chủng COVID-19');
    await expect(page.getByText('Chữ ký số của chứng nhận hợp lệ.')).toBeVisible();
    await expect(page.locator('.certificate-field')).toHaveCount(11);
    recordId = decodeURIComponent(page.url().split('/').at(-1)!);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'certificate-detail-vi');
    await setLanguage(page, 'en');
    await expect(page.getByText('The certificate’s digital signature is valid.')).toBeVisible();
    await saveScreenshot(page, 'certificate-detail-en');
    await setLanguage(page, 'vi');
  });

  await test.step('print to PDF: A4 sheet and A6 card', async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    const mediaBox = (pdf: Buffer) => {
      const m = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      return m ? [Math.round(Number(m[1])), Math.round(Number(m[2]))] : null;
    };
    const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    // No value runs out of its field (probe 15: the 49-character certificate id always did, and a
    // long unbroken name ran over the QR code), on screen and on paper.
    const overflowing = () => page.locator('.certificate-field dd').evaluateAll((dds) => dds.filter((d) => d.scrollWidth > d.clientWidth + 1).map((d) => d.textContent));
    expect(await overflowing()).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await overflowing()).toEqual([]);
    // Back to no emulation: page.pdf() uses print media only when none is emulated.
    await page.emulateMedia({ media: null });
    const a4 = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(resolve(SCREENS_DIR, 'certificate-a4.pdf'), a4);
    expect(a4.subarray(0, 5).toString()).toBe('%PDF-');
    expect(mediaBox(a4)).toEqual([595, 842]);
    expect(pages(a4)).toBe(1);
    await page.getByLabel('A6 (bỏ túi)').check();
    const a6 = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(resolve(SCREENS_DIR, 'certificate-a6.pdf'), a6);
    expect(mediaBox(a6)).toEqual([298, 420]);
    expect(pages(a6)).toBe(1);
    await page.getByLabel('A4').check();
  });

  await test.step('the QR on the screen decodes to an HC1 that verifies', async () => {
    const png = PNG.sync.read(await page.getByTestId('certificate-qr').screenshot());
    const hc1 = readQrFromRgba(png.data, png.width, png.height);
    expect(hc1).toMatch(/^HC1:/);
    const stored = await station.client.call('certificates.get', { recordId });
    expect(hc1).toBe(stored.hc1);
    await gotoScreen(page, 'verify');
    await page.getByLabel('Dán nội dung mã QR (bắt đầu bằng HC1:)').fill(hc1);
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await expect(page.getByTestId('verify-verdict')).toHaveText('HỢP LỆ');
    // What the certificate says, not only that it verifies: the kind, the dose, its identifier.
    await expect(page.getByRole('heading', { name: 'Chứng nhận tiêm chủng' })).toBeVisible();
    await expect(page.getByTestId('verify-entry-v')).toContainText('Mũi tiêm');
    await expect(page.getByTestId('verify-entry-v')).toContainText(stored.uvci);
    await saveScreenshot(page, 'verify-valid-vi');
    // The same QR as a picture file, read in the page (jsQR) and verified by the core.
    await page.getByLabel('Dán nội dung mã QR (bắt đầu bằng HC1:)').fill('');
    await page.getByLabel(/^Mở ảnh hoặc tệp PDF có mã QR/).setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: PNG.sync.write(png) });
    await expect(page.getByLabel('Dán nội dung mã QR (bắt đầu bằng HC1:)')).toHaveValue(hc1);
    await expect(page.getByTestId('verify-verdict')).toHaveText('HỢP LỆ');
    // Probe 19: the picture was read, yet its step said "not reached / not applicable".
    await expect(page.locator('.steps li', { hasText: 'Đọc ảnh' })).toHaveText('Đọc ảnh: đạt');
  });

  expect(pageErrors(page)).toEqual([]);
});
