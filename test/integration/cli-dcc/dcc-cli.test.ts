// `station dcc decode|verify` as scripts and facility IT run it (DESIGN §10): a real process over
// the built CLI (`npx tsc -b` first; `npm test` does), every input kind, every trust file kind,
// --at, and the exit codes 0 / 1 / 2.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webCryptoSigner } from '../../../shared/cose/index.js';
import { bytesToBase64 } from '../../../shared/crypto/bytes.js';
import { encodeHc1 } from '../../../shared/dcc/hc1.js';
import { trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import { qrToPng } from '../../../shared/qr/encode.js';
import { createDccChain, type IssuedCert } from '../../fixtures/pki.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const VN = resolve(ROOT, '../shared/testdata/dcc/vn');
const DAY = 86400_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const atValid = new Date(now + DAY).toISOString();
const atExpired = new Date(now + 250 * DAY).toISOString();

let dir: string;
let dsc: IssuedCert;
let hc1: string;
const files: Record<string, string> = {};

/** Runs `node bin/station.mjs …` and resolves with its exit code, output and parsed JSON. */
function station(args: string[], stdin?: string | Uint8Array): Promise<{ code: number | null; stdout: string; json: any }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/station.mjs'), ...args], { cwd: ROOT });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      let json: any = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        /* text mode */
      }
      done({ code, stdout, json });
    });
    child.stdin.end(stdin ?? '');
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/electron/cli/main.js'))) spawnSync('npx', ['--no-install', 'tsc', '-b'], { cwd: ROOT, stdio: 'ignore' });
  expect(existsSync(join(ROOT, 'dist/electron/cli/main.js')), 'build the CLI first: npx tsc -b').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'station-dcc-cli-'));
  ({ dsc } = await createDccChain('EC'));
  const trust = await trustEntryFromCertificate(dsc.der);
  hc1 = await encodeHc1({
    payload: {
      ver: '1.3.0',
      nam: { fn: 'Phạm', fnt: 'PHAM', gn: 'Minh Đức', gnt: 'MINH<DUC' },
      dob: '1979-12',
      v: [
        { tg: '840539006', vp: '1157024006', mp: 'BBIBP-CorV', ma: 'ORG-100020693', dn: 2, sd: 2, dt: '2021-08-20', co: 'VN', is: 'Bộ Y tế Việt Nam', ci: 'URN:UVCI:01:VN:CLI1' },
      ],
    },
    signer: webCryptoSigner(dsc.keys.privateKey, -7),
    kid: trust.kid,
    iss: 'VN',
    iat: new Date(now),
    exp: new Date(now + 200 * DAY),
  });
  const write = (name: string, data: string | Uint8Array) => {
    files[name] = join(dir, name);
    writeFileSync(files[name]!, data);
  };
  write('cert.png', qrToPng(hc1));
  write('cert.txt', `${hc1}\r\n`);
  write('dsc.pem', dsc.pem);
  write('dsc.der', dsc.der);
  write('trust-list.json', JSON.stringify({ certificates: [{ kid: bytesToBase64(trust.kid), country: 'VN', certificate: bytesToBase64(dsc.der) }] }));
  write('blank.png', qrToPng('x', { margin: 0, scale: 1 }).slice(0, 60));
  write('photo.jpg', 'not really a jpeg');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('station dcc decode', () => {
  it('decodes the Vietnamese sample QR image (the README command)', async () => {
    const r = await station(['--json', 'dcc', 'decode', '../shared/testdata/dcc/vn/VAC_VN.png']);
    expect(r.code).toBe(0);
    expect(r.json.steps).toMatchObject({ image: true, prefix: true, base45: true, zlib: true, cose: true, signature: null, expiry: null, keyUsage: null });
    expect(r.json).toMatchObject({ valid: false, alg: 'PS256', kid: 'f30da46716f7882d', claims: { iss: 'VN', iat: 1649950687, exp: 1738195200 } });
    expect(r.json.payload.nam).toEqual({ fn: 'Nguyễn', gn: 'Bảo Duy', fnt: 'NGUYEN', gnt: 'BAO<DUY' });
  });

  it('decodes a text file, the HC1 text argument and stdin alike', async () => {
    const [fromFile, fromArg, fromStdin, imageOnStdin] = await Promise.all([
      station(['dcc', 'decode', join(VN, 'VAC_VN.hc1.txt'), '--json']),
      station(['--json', 'dcc', 'decode', hc1]),
      station(['--json', 'dcc', 'decode', '-'], hc1),
      station(['--json', 'dcc', 'decode', '-'], qrToPng(hc1)),
    ]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.json.steps.image).toBeNull();
    expect(fromFile.json.payload.v[0].ci).toBe('URN:UVCI:01:VN:FFFE3D31FABD035899134A9D3BAE9BCF');
    for (const r of [fromArg, fromStdin, imageOnStdin]) {
      expect(r.code).toBe(0);
      expect(r.json.payload.nam.gn).toBe('Minh Đức');
    }
    expect(imageOnStdin.json.steps.image).toBe(true);
  });

  it("decodes the HC1 inside a verifier's web address given as the argument, not \"file not found\"", async () => {
    // Probe 26: the link a verifier app shares was looked for as a file (exit 2).
    const r = await station(['--json', 'dcc', 'decode', `https://verify.example.vn/check?hc1=${encodeURIComponent(hc1)}`]);
    expect(r.code).toBe(0);
    expect(r.json.payload.nam.gn).toBe('Minh Đức');
  });

  it('reads a text file as Windows Notepad saves it (UTF-16, with or without a byte-order mark) and a code wrapped over lines', async () => {
    const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
    const wrapped = hc1.match(/.{1,76}/g)!.join('\r\n');
    const inputs: [string, Uint8Array | string][] = [
      ['utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${hc1}\r\n`, 'utf16le')])],
      ['utf16le.txt', Buffer.from(hc1, 'utf16le')],
      ['utf16be-bom.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(hc1)])],
      ['wrapped.txt', `${wrapped}\r\n`],
    ];
    const runs = await Promise.all(
      inputs.map(([name, data]) => {
        writeFileSync(join(dir, name), data);
        return station(['--json', 'dcc', 'decode', join(dir, name)]);
      }),
    );
    for (const [i, r] of runs.entries()) {
      expect(r.code, inputs[i]![0]).toBe(0);
      expect(r.json.payload.nam.gn, inputs[i]![0]).toBe('Minh Đức');
    }
  });

  it('prints a readable summary without --json', async () => {
    const r = await station(['dcc', 'decode', files['cert.txt']!]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('decoded, not verified');
    expect(r.stdout).toContain('Minh Đức');
    // The content, named, in both languages, the codes beside.
    expect(r.stdout).toContain('Vaccination certificate / Chứng nhận tiêm chủng');
    expect(r.stdout).toMatch(/Manufacturer \/ [^:]+: China Sinopharm International Corp\. - Beijing location \(ORG-100020693\)/);
    expect(r.stdout).toMatch(/Dose number \/ [^:]+: 2\/2/);
    expect(r.stdout).toContain('Date of vaccination / Ngày tiêm: 20/08/2021');
  });

  it('exit 1 with the code for a broken certificate or picture', async () => {
    const [prefix, truncated, fake, empty] = await Promise.all([
      station(['--json', 'dcc', 'decode', 'HC2:6BFOXN']),
      station(['--json', 'dcc', 'decode', files['blank.png']!]),
      station(['--json', 'dcc', 'decode', files['photo.jpg']!]),
      station(['--json', 'dcc', 'decode', '-'], ''),
    ]);
    expect(prefix.code).toBe(1);
    expect(prefix.json.errors.map((e: { code: string }) => e.code)).toEqual(['HC1_PREFIX_MISSING']);
    expect(truncated.code).toBe(1);
    expect(truncated.json.steps.image).toBe(false);
    expect(truncated.json.errors[0].code).toBe('IMAGE_INVALID');
    expect(fake.json.errors[0].code).toBe('IMAGE_INVALID');
    expect(empty.code).toBe(1);
    expect(empty.json.errors[0].code).toBe('INPUT_EMPTY');
  });

  it('a payload JSON cannot carry (an integer past 2^53) is a coded finding in valid JSON, not an I/O error', async () => {
    const odd = await encodeHc1({
      payload: { ver: '1.3.0', nam: { fn: 'A', fnt: 'A' }, dob: '1990-01-01', x: 2n ** 64n - 1n } as never,
      signer: webCryptoSigner(dsc.keys.privateKey, -7), kid: new Uint8Array(8), iss: 'VN', iat: new Date(now), exp: new Date(now + DAY),
    });
    const r = await station(['--json', 'dcc', 'decode', odd]);
    expect(r.code).not.toBe(2);
    expect(r.json.payload.x).toBe('18446744073709551615');
    expect(r.json.errors).toContainEqual(expect.objectContaining({ code: 'SCHEMA_INVALID', path: 'x' }));
  });
});

describe('station dcc verify', () => {
  it('is valid (exit 0) with a PEM, a DER or a trust-list JSON trust file, for image, text file and stdin', async () => {
    const runs = await Promise.all([
      station(['--json', 'dcc', 'verify', files['cert.png']!, '--trust', files['dsc.pem']!, '--at', atValid]),
      station(['--json', 'dcc', 'verify', files['cert.txt']!, '--trust', files['dsc.der']!, '--at', atValid]),
      station(['--json', 'dcc', 'verify', '-', '--trust', files['trust-list.json']!, '--at', atValid], hc1),
      // --trust repeated and in --name=value form
      station(['--json', 'dcc', 'verify', hc1, `--trust=${files['dsc.der']}`, `--trust=${files['trust-list.json']}`, `--at=${atValid}`]),
    ]);
    for (const r of runs) {
      expect(r.json.errors).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.json.valid).toBe(true);
      expect(r.json.steps).toMatchObject({ kid: true, signature: true, expiry: true, keyUsage: true, schema: true });
    }
    expect(runs[0]!.json.steps.image).toBe(true);
    expect(runs[1]!.json.steps.image).toBeNull();
  });

  it('exit 1 when expired at --at, or when the signer is not trusted', async () => {
    const [expired, untrusted, vnSample] = await Promise.all([
      station(['--json', 'dcc', 'verify', files['cert.png']!, '--trust', files['dsc.pem']!, '--at', atExpired]),
      // No --trust, and a data folder without a station: no list at all, and said so.
      station(['--json', '--data-dir', join(dir, 'no-station'), 'dcc', 'verify', files['cert.png']!]),
      station(['--json', 'dcc', 'verify', join(VN, 'VAC_VN.png'), '--trust', files['dsc.pem']!, '--at', '2023-01-01']),
    ]);
    expect(expired.code).toBe(1);
    expect(expired.json.steps.expiry).toBe(false);
    expect(expired.json.errors.map((e: { code: string }) => e.code)).toEqual(['CWT_EXPIRED']);
    expect(untrusted.code).toBe(1);
    expect(untrusted.json.errors.map((e: { code: string }) => e.code)).toEqual(['KID_UNKNOWN', 'TRUST_LIST_NONE']);
    expect(untrusted.json.trustSource).toEqual({ kind: 'none' });
    expect(vnSample.code).toBe(1);
    expect(vnSample.json.steps.kid).toBe(false);
  });

  it("without --trust, verifies with the trust list the station in the data folder keeps, and says when it was fetched (probe 17, F9, F8)", async () => {
    const { openStationStore } = await import('../../../electron/core/store/openStationStore.js');
    const { systemStorePorts } = await import('../../../electron/core/store/ports.js');
    const { syncState, SYNC_KEYS } = await import('../../../electron/core/sync/syncState.js');
    const fetchedAt = new Date('2026-03-02T01:30:00Z');
    const stationWithList = (name: string, list: unknown): string => {
      const dataDir = join(dir, name);
      const opened = openStationStore(dataDir, systemStorePorts('test'), { create: true });
      syncState(opened.store.db, () => fetchedAt).set(SYNC_KEYS.trustList, JSON.stringify(list));
      opened.close();
      return dataDir;
    };
    const own = stationWithList('station-own', JSON.parse(`${readFileSync(files['trust-list.json']!, 'utf8')}`));
    const { dsc: other } = await createDccChain('EC');
    const otherTrust = await trustEntryFromCertificate(other.der);
    const stale = stationWithList('station-stale', { certificates: [{ kid: bytesToBase64(otherTrust.kid), country: 'VN', certificate: bytesToBase64(other.der) }] });
    const [valid, text, older] = await Promise.all([
      station(['--json', '--data-dir', own, 'dcc', 'verify', hc1, '--at', atValid]),
      station(['--data-dir', own, 'dcc', 'verify', hc1, '--at', atValid]),
      station(['--json', '--data-dir', stale, 'dcc', 'verify', hc1, '--at', atValid]),
    ]);
    expect(valid.code).toBe(0);
    expect(valid.json).toMatchObject({ valid: true, trustSource: { kind: 'station', refreshedAt: fetchedAt.toISOString() } });
    // The text names the list, the time checked and the labels in both languages.
    expect(text.stdout).toContain("trust: the station's trust list of 08:30 02/03/2026 (UTC+7)");
    expect(text.stdout).toMatch(/checked at \/ kiểm tra lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(UTC\+7\)/);
    expect(text.stdout).toMatch(/Date of vaccination \/ Ngày tiêm/);
    expect(older.code).toBe(1);
    expect(older.json.errors.map((e: { code: string }) => e.code)).toEqual(['KID_UNKNOWN', 'TRUST_LIST_MAYBE_STALE']);
    const hint = older.json.errors[1];
    expect(hint.message_en).toContain('was last updated at 08:30 02/03/2026 (UTC+7)');
    expect(hint.message_en).toMatch(/Sync, then verify again/);
    expect(hint.message_vi).toMatch(/Hãy đồng bộ rồi kiểm tra lại/);
  });

  it('reads an --at without an offset as Viet Nam time (UTC+7), not UTC', async () => {
    // The clinic's wall clock one hour before the certificate expires, typed without an offset:
    // valid. Read as UTC it would be six hours after the expiry.
    const exp = now + 200 * DAY;
    const vnWall = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19);
    const [before, after, utc, text] = await Promise.all([
      station(['--json', 'dcc', 'verify', hc1, '--trust', files['dsc.pem']!, '--at', vnWall(exp - 3600_000)]),
      station(['--json', 'dcc', 'verify', hc1, '--trust', files['dsc.pem']!, '--at', vnWall(exp + 3600_000)]),
      station(['--json', 'dcc', 'verify', hc1, '--trust', files['dsc.pem']!, '--at', `${vnWall(exp - 3600_000)}Z`]),
      station(['dcc', 'verify', hc1, '--trust', files['dsc.pem']!, '--at', vnWall(exp - 3600_000)]),
    ]);
    expect(before.json.errors).toEqual([]);
    expect(before.code).toBe(0);
    expect(after.code).toBe(1);
    expect(after.json.errors.map((e: { code: string }) => e.code)).toEqual(['CWT_EXPIRED']);
    // An explicit Z is still UTC.
    expect(utc.json.errors.map((e: { code: string }) => e.code)).toEqual(['CWT_EXPIRED']);
    // The text summary gives iat and exp in Viet Nam time, not raw UTC ISO.
    const e = vnWall(exp);
    expect(text.stdout).toContain(`exp ${e.slice(11, 16)} ${e.slice(8, 10)}/${e.slice(5, 7)}/${e.slice(0, 4)} (UTC+7)`);
  });

  it('exit 2 for usage and I/O errors', async () => {
    const cases: [string[], string][] = [
      [['dcc', 'verify', join(dir, 'missing.png')], 'FILE_NOT_FOUND'],
      [['dcc', 'verify', files['cert.txt']!, '--at', 'yesterday'], 'USAGE'],
      [['dcc', 'verify', files['cert.txt']!, '--trust', join(dir, 'nope.pem')], 'FILE_NOT_FOUND'],
      [['dcc', 'verify', files['cert.txt']!, '--trust', join(VN, 'LICENSE')], 'TRUST_INVALID'],
      [['dcc', 'verify'], 'USAGE'],
      [['dcc', 'sign', files['cert.txt']!], 'USAGE'],
    ];
    const runs = await Promise.all(cases.map(([args]) => station(['--json', ...args])));
    for (const [i, [args, code]] of cases.entries()) {
      const r = runs[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.json.errors[0].code, args.join(' ')).toBe(code);
      // Said in both languages: a Vietnamese message that is the English one is not.
      expect(r.json.errors[0].message_vi, args.join(' ')).not.toBe(r.json.errors[0].message_en);
    }
  });
});
