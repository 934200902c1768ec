#!/usr/bin/env node
// `npm run demo`: the whole station on one machine, ready to sign and sync.
//   1. prepares the machine like .ci/run (Debian packages, npm ci, tsc -b, renderer build);
//   2. makes (or re-uses) a demo folder: a SoftHSM token holding a facility key and certificate
//      from a demo CA, the platform simulator's data, the station's queue with a few dozen
//      realistic records ready to sign and three that need attention (a warning or an error);
//   3. starts the platform simulator, points the station at it (`station settings set`, the API
//      key through --key-stdin) and opens the station: in Electron when its runtime is installed,
//      else through `station serve`, printing the URL and the token PIN;
//   4. Ctrl+C stops everything (the station, its signer host, the simulator).
// The demo folder also holds `sample-files/`: a clinic's xlsx and csv to try the import on, the
// xlsx with one row in error to fix.
// The demo folder is re-used by later runs (records signed or synced stay so); `--fresh` deletes
// and recreates it.
//
// node scripts/demo.mjs [--dir DIR] [--fresh] [--no-open] [--json] [--no-setup] [--port N]
//   --no-open   serve only (never Electron); with --json prints one line {url, pin, ...} and serves
//   --no-setup  skip step 1 (tests, or a machine already prepared)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { electronBinary, ensureBuilt, ensureNodeModules, ensureSystemPackages, root, untilParentGone, untilSignal } from './bootstrap.mjs';

const { values: opts } = parseArgs({
  options: {
    dir: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'no-open': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'no-setup': { type: 'boolean', default: false },
    port: { type: 'string' },
  },
});
const demoDir = opts.dir ?? process.env.STATION_DEMO_DIR ?? join(tmpdir(), 'vaccine-passport-station-demo');
const paths = {
  manifest: join(demoDir, 'demo.json'),
  token: join(demoDir, 'token'),
  conf: join(demoDir, 'token', 'softhsm2.conf'),
  platform: join(demoDir, 'platform'),
  station: join(demoDir, 'station'),
  samples: join(demoDir, 'sample-files'),
  running: join(demoDir, 'demo.pid'),
};
const say = (text) => (opts.json ? process.stderr : process.stdout).write(`${text}\n`);

if (!opts['no-setup']) {
  ensureSystemPackages();
  ensureNodeModules();
  ensureBuilt(['dist/test/fixtures/softhsm.js', 'dist/test/platform/startPlatform.js', 'dist/electron/core/station.js', 'dist/electron/cli/main.js']);
}

const dist = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { startPlatform } = await dist('test/platform/startPlatform.js');
const { createSoftHsmToken, SOFTHSM_MODULE, TEST_FACILITY } = await dist('test/fixtures/softhsm.js');
const { generateRecords } = await dist('test/fixtures/records.js');
const { openStation } = await dist('electron/core/station.js');
const { systemStorePorts } = await dist('electron/core/store/ports.js');
const clinicFiles = await dist('test/fixtures/clinicFiles.js');

const FACILITY = { code: '79001', name: TEST_FACILITY.name, taxCode: TEST_FACILITY.taxCode };

/** A fresh demo folder: token (moved in from its temp folder), CA, manifest, seeded queue. */
async function createDemo() {
  rmSync(demoDir, { recursive: true, force: true });
  mkdirSync(demoDir, { recursive: true });
  const token = await createSoftHsmToken({ label: 'Demo facility token', keys: [{ type: 'EC', label: 'Demo signing key' }] });
  try {
    cpSync(join(token.dir, 'tokens'), join(paths.token, 'tokens'), { recursive: true });
  } finally {
    token.cleanup();
  }
  writeFileSync(paths.conf, [`directories.tokendir = ${join(paths.token, 'tokens')}`, 'objectstore.backend = file', 'log.level = ERROR', 'slots.removable = false', ''].join('\n'));
  const manifest = {
    version: 1,
    createdAt: new Date().toISOString(),
    facility: FACILITY,
    apiKey: `demo-${FACILITY.code}-${Math.random().toString(36).slice(2, 12)}`,
    pin: token.pin,
    tokenLabel: token.label,
    caPem: token.ca.pem,
  };
  await seedStation();
  writeFileSync(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Facility settings and records: 36 ready to sign, 3 that the facility must look at. */
async function seedStation() {
  const core = openStation({ dataDir: paths.station, ports: systemStorePorts('user:demo') });
  try {
    const s = core.store;
    s.setSetting('facility.code', FACILITY.code);
    s.setSetting('facility.name', FACILITY.name);
    s.setSetting('facility.taxCode', FACILITY.taxCode);
    s.setSetting('pkcs11.module', SOFTHSM_MODULE);
    s.createRecords(generateRecords(36, { seed: 2021, facilityCode: FACILITY.code }), { source: 'import', confirmWarnings: true });
    const dose = (vaccine, lot, doseNumber, vaccinationDate) => ({ vaccine, lot, doseNumber, vaccinationDate, facilityCode: FACILITY.code });
    const person = (idNumber, fullName, dob, sex) => ({ idType: 'CCCD', idNumber, fullName, dob, sex, nationality: 'VN', phone: null });
    const lan = person('079185004217', 'Trần Thị Lan', '1985-04-12', 'F');
    const needsAttention = [
      // Dose 2 nine days after dose 1 (Comirnaty needs 21): a warning to confirm or correct.
      { person: lan, dose: dose('PFIZER', 'FK8891', 1, '2021-09-01') },
      { person: lan, dose: dose('PFIZER', 'FK8891', 2, '2021-09-10') },
      // A lot typed as "chưa rõ" (unknown): a warning.
      { person: person('001090012345', 'Nguyễn Văn Hùng', '1990-11-02', 'M'), dose: dose('ASTRAZENECA', 'chưa rõ', 1, '2021-08-20') },
      // The CCCD says born in '85, the record says 1986: an error that blocks signing.
      { person: person('079085007731', 'Lê Minh Tuấn', '1986-02-17', 'M'), dose: dose('VERO_CELL', '202110A', 1, '2021-10-05') },
    ];
    s.createRecords(needsAttention, { source: 'import', confirmWarnings: false, saveInvalidAsDraft: true });
  } finally {
    await core.close();
  }
}

/**
 * Files to try the import screen on: without them a first-time user had the screen and nothing to
 * give it (probe 19). People of their own (not the seeded queue's), a title row as clinics write
 * it, and in the xlsx one date that does not exist: the row to fix. Written when missing, so a
 * demo folder from an older run gets them too.
 */
async function writeSampleFiles() {
  const xlsx = join(paths.samples, 'Danh sách tiêm tháng 10.xlsx');
  const csv = join(paths.samples, 'Danh sach tiem thang 11.csv');
  mkdirSync(paths.samples, { recursive: true });
  const { STANDARD_HEADER, makeDoses, standardRow, writeDelimited, writeXlsx } = clinicFiles;
  if (!existsSync(xlsx)) {
    const rows = makeDoses(6, 1910).map((d, i) => standardRow(d, i + 1));
    rows[4][9] = '31/02/2022'; // Excel row 8: February has no 31st.
    await writeXlsx(xlsx, [{ name: 'Tháng 10', rows: [['DANH SÁCH TIÊM CHỦNG COVID-19 — THÁNG 10'], [], STANDARD_HEADER, ...rows], merges: ['A1:J1'] }]);
  }
  if (!existsSync(csv)) {
    // "CSV UTF-8" as Excel saves it: with a byte-order mark.
    writeDelimited(csv, [STANDARD_HEADER, ...makeDoses(4, 1911).map((d, i) => standardRow(d, i + 1))], { encoding: 'utf-8-bom' });
  }
  return [xlsx, csv];
}

function loadManifest() {
  try {
    const m = JSON.parse(readFileSync(paths.manifest, 'utf8'));
    return m.version === 1 && existsSync(paths.conf) && existsSync(paths.station) ? m : null;
  } catch {
    return null;
  }
}

/** `station ...` (the product CLI) on the demo's data folder. */
function station(args, input) {
  const r = spawnSync(process.execPath, [join(root, 'bin/station.mjs'), '--data-dir', paths.station, '--json', ...args], {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, SOFTHSM2_CONF: paths.conf },
  });
  if (r.status !== 0) throw new Error(`station ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * The pid of a demo running on this folder, else null. A second `npm run demo` beside a first one
 * pointed the shared station at its own simulator, so the first one's window synced to a simulator
 * that went with the second (and `--fresh` would have deleted the folder under it). Probe 19. A
 * pid left by a demo killed with SIGKILL is not running, or not a demo, and does not count.
 */
function demoRunningHere() {
  let pid;
  try {
    pid = Number(readFileSync(paths.running, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return null;
  }
  // A pid reused by something else since (Linux tells; elsewhere a live pid counts).
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('demo.mjs')) return null;
  } catch {
    if (process.platform === 'linux') return null;
  }
  return pid;
}

const other = demoRunningHere();
if (other !== null) {
  say(`Một bản trình diễn khác đang chạy trên thư mục ${demoDir} (tiến trình ${other}): hãy dùng cửa sổ đó, hoặc dừng nó (Ctrl+C) trước.`);
  say(`Another demo is running on ${demoDir} (process ${other}): use that one, or stop it (Ctrl+C) first.`);
  process.exit(2);
}
const existing = opts.fresh ? null : loadManifest();
const manifest = existing ?? (await createDemo());
writeFileSync(paths.running, `${process.pid}\n`);
const samples = await writeSampleFiles();
const platform = await startPlatform({
  dataDir: paths.platform,
  trustCa: [manifest.caPem],
  facilities: [{ code: manifest.facility.code, apiKey: manifest.apiKey, taxCode: manifest.facility.taxCode }],
  seed: 7,
  populationSize: 200,
});
station(['settings', 'set', 'platform.url', platform.url]);
station(['settings', 'set', 'platform.key', '--key-stdin'], `${manifest.apiKey}\n`);

let child;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await platform.close();
  try {
    unlinkSync(paths.running);
  } catch {
    // Already gone: nothing to release.
  }
  say('Đã dừng bản trình diễn / Demo stopped.');
  process.exit(code);
}

const env = { ...process.env, SOFTHSM2_CONF: paths.conf };
const electron = opts['no-open'] ? null : electronBinary();
const banner = (open) =>
  [
    '',
    'Trạm ký hộ chiếu vắc xin — bản trình diễn / Vaccine passport station — demo',
    `  ${open}`,
    `  Mã PIN của token / Token PIN:  ${manifest.pin}`,
    `  Cơ sở / Facility:  ${manifest.facility.code} ${manifest.facility.name} (MST ${manifest.facility.taxCode})`,
    `  Nền tảng giả lập / Platform simulator:  ${platform.url}`,
    `  Thư mục / Folder:  ${demoDir}${existing ? '  (dùng lại / re-used; --fresh để làm mới / to recreate)' : '  (mới / new)'}`,
    `  Tệp mẫu để thử "Nhập từ tệp" / Sample files for "Import a file":  ${paths.samples}`,
    '  Ctrl+C để dừng / to stop',
    '',
  ].join('\n');

if (electron) {
  child = spawn(electron, [join(root, 'dist/electron/main/main.js'), `--data-dir=${paths.station}`], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  say(banner('Cửa sổ trạm đang mở (Electron) / The station window is opening (Electron)'));
} else {
  const args = [join(root, 'bin/station.mjs'), '--data-dir', paths.station, '--json', 'serve', ...(opts.port ? ['--port', opts.port] : [])];
  // The IPC channel is how `station serve` knows this script is gone, even killed with SIGKILL:
  // it then stops too, rather than keep the data folder and the port for the next demo to find.
  child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const firstLine = await new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', () => resolve(null));
  });
  const url = firstLine ? JSON.parse(firstLine).url : null;
  if (!url) {
    say('`station serve` did not start.');
    await stop(2);
  }
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ url, pin: manifest.pin, facility: manifest.facility, platformUrl: platform.url, dataDir: paths.station, demoDir, samples, reused: existing !== null })}\n`,
    );
  }
  say(banner(`Mở trong trình duyệt / Open in a browser:  ${url}`));
}

child.once('exit', (code) => void stop(code ?? 0));
await Promise.race([untilSignal(), untilParentGone()]);
await stop(0);
