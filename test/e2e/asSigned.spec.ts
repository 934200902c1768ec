// A signed record whose person was corrected since (here through the person's other dose) shows
// the person as it was signed, beside the person now: what its signature and passport say.
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, setLanguage, test } from './support/station.js';
import { openStationWithPlatform, type StationWithPlatform } from './support/withPlatform.js';

let world: StationWithPlatform;

test.beforeAll(async () => {
  world = await openStationWithPlatform({ seed: { count: 0, seed: 1 } });
});
test.afterAll(async () => {
  await world?.close();
});

test('the record detail shows the person as signed after a correction', async ({ page }) => {
  const { station } = world;
  const person = { idType: 'CCCD' as const, idNumber: '079090004321', fullName: 'Trần Văn Hai', dob: '1990-05-12', sex: 'M' as const };
  const ids: string[] = [];
  for (const [doseNumber, vaccinationDate] of [[1, '2021-08-02'], [2, '2021-10-20']] as const) {
    ids.push((await station.client.call('records.create', { person, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber, vaccinationDate }, confirmWarnings: true })).record.id);
  }
  await station.core.signing.sign({});
  await station.client.call('records.correct', { id: ids[1]!, person: { ...person, fullName: 'Trần Văn Hải' }, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber: 2, vaccinationDate: '2021-10-20' }, reason: 'Sai dấu', confirmWarnings: true });

  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, `records/${ids[0]}`);
  const signed = page.getByRole('region', { name: 'Thông tin người khi ký' });
  await expect(signed).toContainText('Trần Văn Hai');
  await expect(page.getByRole('region', { name: 'Người được tiêm' })).toContainText('Trần Văn Hải');
  expect(await seriousAxeViolations(page)).toEqual([]);
});
