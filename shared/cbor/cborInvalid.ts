import { StationError } from '../errors.js';

/** The decoder's one error: CBOR_INVALID with the reason and the byte offset. */
export function invalid(reason: string, offset: number): StationError {
  return new StationError('CBOR_INVALID', 'Dữ liệu CBOR không hợp lệ', 'Invalid CBOR data', { reason, offset });
}
