/**
 * The upload body of `PUT /v1/batches/{id}` (DESIGN §6), also what `station batches export`
 * writes: `{manifest: COSE_Sign1 bytes, items: [{record, index, proof}]}` as deterministic CBOR.
 * `record` is the byte string of the record's deterministic CBOR (the Merkle leaf is its hash);
 * `proof` is the RFC 9162 §2.1.3 audit path, leaf side first.
 */
import { z } from 'zod';
import { decodeCbor } from '../cbor/decodeCbor.js';
import { encodeCanonical } from '../cbor/encodeCanonical.js';
import { StationError } from '../errors.js';

/** Any Uint8Array (z.instanceof would narrow the type to an ArrayBuffer-backed one). */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');

export const UploadItemSchema = z
  .object({
    record: bytes.refine((b) => b.length > 0 && b.length <= 64 * 1024, 'record must be 1 byte to 64 KiB'),
    index: z.number().int().nonnegative(),
    proof: z.array(bytes.refine((b) => b.length === 32, 'proof hashes are 32 bytes')).max(64),
  })
  .strict();
export type UploadItem = z.infer<typeof UploadItemSchema>;

export const UploadBodySchema = z
  .object({
    manifest: bytes.refine((b) => b.length > 0 && b.length <= 64 * 1024, 'manifest must be 1 byte to 64 KiB'),
    items: z.array(UploadItemSchema).min(1).max(1_000_000),
  })
  .strict();
export type UploadBody = z.infer<typeof UploadBodySchema>;

export function encodeUploadBody(body: UploadBody): Uint8Array {
  return encodeCanonical(body);
}

export function decodeUploadBody(data: Uint8Array): UploadBody {
  const parsed = UploadBodySchema.safeParse(decodeCbor(data));
  if (!parsed.success) {
    throw new StationError(
      'UPLOAD_BODY_INVALID',
      'Nội dung tải lên không đúng định dạng',
      'Upload body is not in the expected format',
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}
