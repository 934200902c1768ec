/**
 * `dcc.verify` (DESIGN §8 verify screen): a pasted HC1 text, the RGBA pixels of a camera frame or
 * picture the renderer read, or a file's bytes — checked against the cached trust list. Never
 * throws for a bad input: an image without a code, a broken file or a forged certificate is a
 * report with the failed step and a coded bilingual error, like `station dcc verify`.
 */
import { dccError } from '../../../shared/dcc/dccErrors.js';
import { emptyReport, finishReport, type DccReport } from '../../../shared/dcc/report.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import { passedOverWarning } from '../../../shared/dcc/otherCode.js';
import { isStationError } from '../../../shared/errors.js';
import { MAX_HC1_LENGTH } from '../../../shared/dcc/hc1.js';
import type { Hc1Input } from '../image/hc1FromInput.js';
import { scanForHc1 } from '../image/qrScan.js';
import { trustMaybeStale, trustNotCached } from './trustCache.js';

export type DccInput =
  | { text: string }
  | { image: { width: number; height: number; rgbaBase64: string } }
  | { file: { name: string; base64: string } };

function base64Bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** The HC1 text of the input; pictures and files are searched off the core's thread (qrScan.ts). */
async function readInput(input: DccInput): Promise<Hc1Input> {
  if ('text' in input) return { text: input.text.trim(), fromImage: false };
  if ('image' in input) {
    const { width, height, rgbaBase64 } = input.image;
    const data = base64Bytes(rgbaBase64);
    if (data.length !== width * height * 4) {
      throw dccError('IMAGE_INVALID', { vi: 'kích thước ảnh không khớp dữ liệu', en: 'image size does not match its pixel data' });
    }
    return scanForHc1({ kind: 'rgba', data, width, height });
  }
  return scanForHc1({ kind: 'bytes', bytes: base64Bytes(input.file.base64), name: input.file.name });
}

/** `trustRefreshedAt`: when the cached list was fetched, for the hint beside an unknown key. */
export async function verifyDccInput(input: DccInput, trust: readonly TrustEntry[] | null, at: Date, trustRefreshedAt: string | null = null): Promise<DccReport & { text: string | null }> {
  let hc1: Hc1Input;
  try {
    hc1 = await readInput(input);
  } catch (err) {
    if (!isStationError(err)) throw err;
    const report = emptyReport();
    report.steps.image = err.code === 'QR_NOT_FOUND' || err.code === 'IMAGE_INVALID' ? false : null;
    report.errors.push(err.toInfo());
    return { ...finishReport(report), text: null };
  }
  const report = await verifyHc1(hc1.text, { trust: trust ?? [], at });
  report.steps.image = hc1.fromImage ? true : null;
  const passedOver = passedOverWarning(hc1.passedOver ?? []);
  if (passedOver !== null) report.warnings.push(passedOver);
  if (trust === null) {
    report.errors.push(trustNotCached());
  } else if (report.errors.some((e) => e.code === 'KID_UNKNOWN')) {
    report.errors.push(trustMaybeStale(trustRefreshedAt));
  }
  // The text read is shown back (the screen keeps it beside the report), as the check saw it:
  // trimmed, and not at all past the longest HC1 (a 10 MB file was sent back whole).
  const text = hc1.text.trim();
  return { ...finishReport(report), text: text.length <= MAX_HC1_LENGTH ? text : null };
}
