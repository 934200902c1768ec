// The duplicates screen in Chromium: a person entered twice (an old CMND and a new CCCD, the same
// name, date of birth and phone) is shown as a pair with the core's reason; the clerk keeps one,
// gives a reason, and the other's dose moves to them, audited. A merge the core refuses (the
// person merged away has a signed dose) is said in the dialog, and nothing changes.
import { gotoScreen, saveScreenshot, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, pageErrors, setLanguage, test } from './support/station.js';
import { openStationWithPlatform, type StationWithPlatform } from './support/withPlatform.js';

let world: StationWithPlatform;

test.beforeAll(async () => {
  world = await openStationWithPlatform({ seed: { count: 0, seed: 1 } });
});
test.afterAll(async () => {
  await world?.close();
});

type Person = { idType: 'CCCD' | 'CMND'; idNumber: string; fullName: string; dob: string; sex: 'M' | 'F'; phone: string };

async function dose(person: Person, doseNumber: number, vaccinationDate: string): Promise<string> {
  const r = await world.station.client.call('records.create', { person, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber, vaccinationDate }, confirmWarnings: true });
  return r.record.id;
}

test('a person entered twice is merged from the duplicates screen; a refused merge changes nothing', async ({ page }) => {
  const { station } = world;
  // Signed first: the pair whose second person holds a signed dose cannot be merged that way round.
  const signedOld: Person = { idType: 'CMND', idNumber: '025123456', fullName: 'Lê Thị Mai', dob: '1975-03-08', sex: 'F', phone: '0912000111' };
  const signedNew: Person = { ...signedOld, idType: 'CCCD', idNumber: '079175001234' };
  await dose(signedOld, 1, '2021-08-02');
  await station.core.signing.sign({});
  await dose(signedNew, 2, '2021-10-20');

  const old: Person = { idType: 'CMND', idNumber: '025987654', fullName: 'Trần Văn Hùng', dob: '1968-11-20', sex: 'M', phone: '0903000222' };
  const current: Person = { ...old, idType: 'CCCD', idNumber: '079068004321' };
  // Dose 1 typed under both papers (the same lot): the merge keeps one and discards the other.
  await dose(old, 1, '2021-08-02');
  await dose(old, 2, '2021-10-20');
  await dose(current, 1, '2021-08-02');

  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'people');
  const pairs = page.getByTestId('duplicate-pair');
  await expect(pairs).toHaveCount(2);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'people-pairs-vi');

  // The signed pair, the wrong way round: keep the new CCCD person, merge away the one signed.
  await page.getByRole('button', { name: 'Giữ người này: Lê Thị Mai (079175001234), gộp Lê Thị Mai (025123456) vào' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gộp hai người' });
  await dialog.getByLabel('Lý do gộp').fill('Cùng một người, CMND cũ và CCCD mới');
  await dialog.getByRole('button', { name: 'Gộp', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('MERGE_PERSON_SIGNED');
  await expect(dialog.getByLabel('Lý do gộp')).toHaveValue('Cùng một người, CMND cũ và CCCD mới');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(pairs).toHaveCount(2);

  // The other pair: keep the CCCD person; the CMND person's dose 1 moves to them.
  const oldId = (await station.client.call('records.list', { search: old.idNumber })).items[0]!.person.id;
  await page.getByRole('button', { name: 'Giữ người này: Trần Văn Hùng (079068004321), gộp Trần Văn Hùng (025987654) vào' }).click();
  await expect(dialog.getByTestId('merge-what')).toContainText('Giữ Trần Văn Hùng (079068004321)');
  // Without a reason nothing is sent.
  await dialog.getByRole('button', { name: 'Gộp', exact: true }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Lý do gộp').fill('Cùng một người, CMND cũ và CCCD mới');
  await dialog.getByRole('button', { name: 'Gộp', exact: true }).click();
  await expect(page.getByTestId('merged')).toHaveText('Đã gộp: 1 mũi tiêm được chuyển sang Trần Văn Hùng.');
  await expect(page.getByTestId('merged-discarded')).toContainText('1 mũi tiêm của người kia đã có ở người được giữ');
  await expect(pairs).toHaveCount(1);

  // In the store: both doses under the kept person, the merged one marked, the merge audited.
  const doses = (await station.client.call('records.list', { search: current.idNumber })).items;
  expect(doses.map((d) => [d.person.idNumber, d.record.doseNumber]).sort()).toEqual([[current.idNumber, 1], [current.idNumber, 2]]);
  const audit = (await station.client.call('audit.list', { limit: 20 })).entries;
  expect(audit.some((e) => e.action === 'person.merged' && e.entityId === oldId)).toBe(true);
  expect(audit.filter((e) => e.action === 'record.discard')).toHaveLength(1);

  // The discarded copy's address (an old link, an id from the import's result) says it was a copy
  // and leads to the record kept.
  const discarded = audit.find((e) => e.action === 'record.discard')!;
  await gotoScreen(page, `records/${discarded.entityId}`);
  await expect(page.getByRole('alert')).toContainText('đã bị loại bỏ');
  await page.getByRole('link', { name: 'Mở bản ghi được giữ' }).click();
  await expect(page.locator('section[aria-labelledby="detail-person"]')).toContainText('079068004321');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // "See the doses" opens the records with the person's id number searched.
  await gotoScreen(page, 'people');
  await page.getByRole('region', { name: 'Lê Thị Mai' }).first().getByRole('link', { name: 'Xem các mũi tiêm' }).click();
  await expect(page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh')).toHaveValue(/^(025123456|079175001234)$/);
  await expect(page.getByTestId('records-total')).toHaveText('1 hồ sơ');
  expect(pageErrors(page)).toEqual([]);
});

test('an unsigned record is discarded from its details with a reason; a signed one offers no such button', async ({ page }) => {
  const { station } = world;
  const person: Person = { idType: 'CCCD', idNumber: '079190005555', fullName: 'Phạm Thu Trang', dob: '1990-02-14', sex: 'F', phone: '0987000333' };
  const signed = await dose({ ...person, idNumber: '079090006666', fullName: 'Phạm Văn Nam', sex: 'M' }, 1, '2021-09-15');
  await station.core.signing.sign({});
  const id = await dose(person, 1, '2021-09-15');
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, `records/${id}`);
  await page.getByRole('button', { name: 'Loại bỏ bản ghi này' }).click();
  const dialog = page.getByRole('dialog', { name: 'Loại bỏ bản ghi chưa ký' });
  expect(await seriousAxeViolations(page)).toEqual([]);
  await dialog.getByLabel('Lý do loại bỏ').fill('Nhập nhầm người');
  await dialog.getByRole('button', { name: 'Loại bỏ', exact: true }).click();
  await expect(page.getByTestId('discarded')).toHaveText(`Đã loại bỏ bản ghi ${id} (Nhập nhầm người). Bản ghi vẫn được lưu trong nhật ký.`);
  // Gone from the queue, kept: its address says when and why, in both languages.
  await expect(station.client.call('records.get', { id })).rejects.toMatchObject({ code: 'RECORD_DISCARDED' });
  expect((await station.client.call('records.list', { search: person.idNumber })).items).toHaveLength(0);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('đã bị loại bỏ');
  await expect(page.getByRole('alert')).toContainText('Nhập nhầm người');

  // A signed record: corrected, never discarded.
  await gotoScreen(page, `records/${signed}`);
  await expect(page.getByRole('link', { name: 'Đính chính hồ sơ đã ký' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Loại bỏ bản ghi này' })).toHaveCount(0);

  // Its correction, not yet signed: edited, never discarded (the signed one is already superseded
  // by it; review of session 28).
  const fix = await station.client.call('records.correct', {
    id: signed,
    person: { ...person, idNumber: '079090006666', fullName: 'Phạm Văn Nam', sex: 'M' },
    dose: { vaccine: 'ASTRAZENECA', lot: 'ABV9999', doseNumber: 1, vaccinationDate: '2021-09-15' },
    reason: 'Sai số lô',
    confirmWarnings: true,
  });
  await gotoScreen(page, `records/${fix.record.id}`);
  await expect(page.getByRole('link', { name: 'Sửa hồ sơ' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Loại bỏ bản ghi này' })).toHaveCount(0);
  expect(pageErrors(page)).toEqual([]);
});

test('a pair made stale by another merge is refused naming the people, and the list reloads behind the dialog (English screen)', async ({ page }) => {
  const { station } = world;
  // One person typed three times: an old CMND, a CCCD, the CCCD with two digits swapped.
  const cmnd: Person = { idType: 'CMND', idNumber: '025444555', fullName: 'Võ Minh Tâm', dob: '1982-07-09', sex: 'M', phone: '0977000444' };
  const cccd: Person = { ...cmnd, idType: 'CCCD', idNumber: '079082004455' };
  const slip: Person = { ...cccd, idNumber: '079082004545' };
  await dose(cmnd, 1, '2021-08-02');
  await dose(cccd, 2, '2021-10-20');
  await dose(slip, 3, '2022-03-20');
  const idOf = async (p: Person) => (await station.client.call('records.list', { search: p.idNumber })).items.find((i) => i.person.idNumber === p.idNumber)!.person.id;

  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'people');
  const ours = page.getByTestId('duplicate-pair').filter({ hasText: 'Võ Minh Tâm' });
  await expect(ours).toHaveCount(3);

  // Meanwhile, from another window: the CMND person is merged into the CCCD one.
  await station.client.call('people.merge', { keepId: await idOf(cccd), mergeId: await idOf(cmnd), reason: 'CMND changed for a CCCD' });

  // The stale pair (CMND, slip): refused, saying who, and the list is read again behind the dialog.
  await page.getByRole('button', { name: 'Keep this person: Võ Minh Tâm (079082004545), merging Võ Minh Tâm (025444555) into them' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge two people' });
  await dialog.getByLabel('Reason for the merge').fill('Same person');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Võ Minh Tâm (CMND 025444555) was already merged into Võ Minh Tâm (CCCD 079082004455)');
  await expect(dialog.getByTestId('pairs-reloaded')).toHaveText('The duplicates list has been reloaded. Close this box and choose again from the new list.');
  await expect(ours).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  expect(pageErrors(page)).toEqual([]);
});

test('a merge is done from the keyboard alone: Enter on "Keep this person", the reason typed, Enter', async ({ page }) => {
  const { station } = world;
  const old: Person = { idType: 'CMND', idNumber: '025666777', fullName: 'Đỗ Thị Hạnh', dob: '1979-01-30', sex: 'F', phone: '0966000555' };
  const current: Person = { ...old, idType: 'CCCD', idNumber: '079179006677' };
  await dose(old, 1, '2021-08-02');
  await dose(current, 2, '2021-10-20');
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'people');
  const ours = page.getByTestId('duplicate-pair').filter({ hasText: 'Đỗ Thị Hạnh' });
  await expect(ours).toHaveCount(1);
  await page.getByRole('button', { name: 'Giữ người này: Đỗ Thị Hạnh (079179006677), gộp Đỗ Thị Hạnh (025666777) vào' }).focus();
  await page.keyboard.press('Enter');
  const reason = page.getByRole('dialog', { name: 'Gộp hai người' }).getByLabel('Lý do gộp');
  await expect(reason).toBeFocused();
  await page.keyboard.type('Cùng một người, CMND cũ');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('merged')).toHaveText('Đã gộp: 1 mũi tiêm được chuyển sang Đỗ Thị Hạnh.');
  await expect(ours).toHaveCount(0);
  const entry = (await station.client.call('audit.list', { limit: 10 })).entries.find((e) => e.action === 'person.merged');
  expect(entry?.details).toMatchObject({ reason: 'Cùng một người, CMND cũ' });
  expect(pageErrors(page)).toEqual([]);
});

test('past the first 100 pairs: a pair marked "not the same person" leaves the list and the next pair comes up', async ({ page }) => {
  const { station } = world;
  // 101 namesakes born the same day, each once with a CMND and once with a CCCD, no phone: listed
  // as papers changed, and here two people each.
  const names: string[] = [];
  for (const f of ['Phan', 'Lý', 'Hồ', 'Dương', 'Tạ']) for (const m of ['Văn', 'Thị', 'Minh', 'Ngọc', 'Quang']) for (const g of ['An', 'Bảo', 'Cường', 'Dũng', 'Giang']) names.push(`${f} ${m} ${g}`);
  for (const [i, fullName] of names.slice(0, 101).entries()) {
    const n = String(i).padStart(3, '0');
    const p = { fullName, dob: '1980-01-01', sex: 'M' as const };
    await station.client.call('records.create', { person: { ...p, idType: 'CMND', idNumber: `025100${n}` }, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber: 1, vaccinationDate: '2021-08-02' }, confirmWarnings: true });
    await station.client.call('records.create', { person: { ...p, idType: 'CCCD', idNumber: `079080000${n}` }, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber: 1, vaccinationDate: '2021-08-03' }, confirmWarnings: true });
  }
  const listed = (await station.client.call('people.duplicates', { limit: 100 })).pairs;
  expect(listed).toHaveLength(100);
  const first = listed[0]!;
  const hidden = names.filter((n) => !listed.some((p) => p.a.fullName === n));
  expect(hidden.length).toBeGreaterThan(0);

  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'people');
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(100);
  await expect(page.getByText('Đang hiện 100 cặp đầu tiên; gộp các cặp này, hoặc ghi nhận "Không phải cùng một người", để thấy các cặp tiếp theo.')).toBeVisible();
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: hidden[0]! })).toHaveCount(0);

  // Keyboard: the pair's "not the same person", the reason, Enter.
  await page.getByRole('button', { name: `Không phải cùng một người: ${first.a.fullName} (${first.a.idNumber}) và ${first.b.fullName} (${first.b.idNumber})` }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Hai người khác nhau' });
  await expect(dialog.getByLabel('Vì sao là hai người')).toBeFocused();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.keyboard.type('Khác quê quán, đã gọi điện xác nhận');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('marked-distinct')).toHaveText('Đã ghi nhận là hai người khác nhau; cặp này không còn được liệt kê.');
  await expect(page.getByRole('button', { name: new RegExp(`^Không phải cùng một người: ${first.a.fullName} \\(${first.a.idNumber}\\)`) })).toHaveCount(0);
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: hidden[0]! })).toHaveCount(1);
  const entry = (await station.client.call('audit.list', { limit: 5 })).entries.find((e) => e.action === 'person.distinct');
  expect(entry?.details).toMatchObject({ reason: 'Khác quê quán, đã gọi điện xác nhận' });
  expect(pageErrors(page)).toEqual([]);
});

test('a merge that sends ready records back to draft says so, with a link to those drafts', async ({ page }) => {
  const { station } = world;
  // Dose 2 typed on two dates, one under each paper: together, two dose 2 (to check before signing).
  const old: Person = { idType: 'CMND', idNumber: '025888999', fullName: 'Mai Văn Sơn', dob: '1965-12-01', sex: 'M', phone: '0988000666' };
  const current: Person = { ...old, idType: 'CCCD', idNumber: '079065008899' };
  await dose(old, 1, '2021-08-02');
  await dose(old, 2, '2021-10-02');
  await dose(current, 1, '2021-08-02');
  await dose(current, 2, '2021-11-20');
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'people');
  await page.getByRole('button', { name: 'Giữ người này: Mai Văn Sơn (079065008899), gộp Mai Văn Sơn (025888999) vào' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gộp hai người' });
  await dialog.getByLabel('Lý do gộp').fill('CMND cũ, CCCD mới');
  await dialog.getByRole('button', { name: 'Gộp', exact: true }).click();
  await expect(page.getByTestId('merged')).toHaveText('Đã gộp: 1 mũi tiêm được chuyển sang Mai Văn Sơn.');
  await expect(page.getByTestId('merged-drafts')).toContainText('2 hồ sơ đã sẵn sàng ký nay trở lại bản nháp');
  await page.getByTestId('merged-drafts').getByRole('link', { name: 'Xem các bản nháp này' }).click();
  await expect(page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh')).toHaveValue('079065008899');
  await expect(page.getByTestId('records-total')).toHaveText('2 hồ sơ');
  const drafts = (await station.client.call('records.list', { search: current.idNumber, state: 'draft' })).items;
  expect(drafts.map((d) => d.record.doseNumber)).toEqual([2, 2]);
  expect(pageErrors(page)).toEqual([]);
});

test('"See the doses" of a person sharing an id number with the other of the pair lists that person\'s doses alone', async ({ page }) => {
  const { station } = world;
  // The same CCCD typed for two people (one number mistyped): the pair is SAME_ID_NUMBER.
  const one: Person = { idType: 'CCCD', idNumber: '079201007788', fullName: 'Lâm Thị Yến', dob: '2001-04-05', sex: 'F', phone: '0911000777' };
  const other: Person = { ...one, fullName: 'Lâm Văn Khoa', dob: '1999-09-09', sex: 'M', phone: '0911000888' };
  await dose(one, 1, '2021-08-02');
  await dose(other, 1, '2021-08-03');
  await dose(other, 2, '2021-11-03');
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'people');
  await page.getByRole('region', { name: 'Lâm Văn Khoa' }).getByRole('link', { name: 'Xem các mũi tiêm' }).click();
  await expect(page.getByTestId('records-total')).toHaveText('2 hồ sơ');
  await expect(page.getByRole('cell', { name: 'Lâm Thị Yến' })).toHaveCount(0);
  expect(pageErrors(page)).toEqual([]);
});
