/**
 * The batch manifest that the token signs (DESIGN §5): one signature per batch, covering the
 * Merkle root of the records' deterministic CBOR.
 */
import { z } from 'zod';
import { decodeCbor } from '../cbor/decodeCbor.js';
import { encodeCanonical } from '../cbor/encodeCanonical.js';
import { StationError } from '../errors.js';

export const MANIFEST_VERSION = 1;

export const ManifestSchema = z
  .object({
    v: z.literal(MANIFEST_VERSION),
    batch: z.string().min(1).max(64),
    facility: z.string().min(1).max(40),
    station: z.string().min(1).max(64),
    count: z.number().int().min(1).max(1_000_000),
    root: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes').refine((r) => r.length === 32, 'root must be 32 bytes'),
    created: z.number().int().nonnegative(),
  })
  .strict();
export type BatchManifest = z.infer<typeof ManifestSchema>;

export function encodeManifest(manifest: BatchManifest): Uint8Array {
  return encodeCanonical(ManifestSchema.parse(manifest));
}

export function decodeManifest(bytes: Uint8Array): BatchManifest {
  const value = decodeCbor(bytes);
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success) {
    throw new StationError(
      'MANIFEST_INVALID',
      'Bản kê lô ký không đúng định dạng',
      'Batch manifest is not in the expected format',
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}
