/**
 * The one RPC protocol of DESIGN §2, on every transport (Electron MessagePort, WebSocket,
 * in-process): request `{id, method, params}`, reply `{id, ok, result | error}`, event
 * `{event, data}`. Everything that arrives is parsed with these schemas before it is trusted.
 */
import { z } from 'zod';
import { bilingual } from '../errors.js';

/** A request id: a positive integer or a short string, echoed in the reply. */
export const RequestId = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);
export type RequestId = z.infer<typeof RequestId>;

export const RpcRequest = z
  .object({
    id: RequestId,
    method: z.string().min(1).max(64),
    params: z.unknown().optional(),
  })
  .strict();
export type RpcRequest = z.infer<typeof RpcRequest>;

export const RpcErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  message_vi: z.string().optional(),
  message_en: z.string().optional(),
  details: z.unknown().optional(),
});
export type RpcErrorBody = z.infer<typeof RpcErrorBody>;

export const RpcReply = z.union([
  z.object({ id: RequestId.nullable(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: RequestId.nullable(), ok: z.literal(false), error: RpcErrorBody }),
]);
export type RpcReply = z.infer<typeof RpcReply>;

export const RpcEvent = z.object({ event: z.string().min(1).max(64), data: z.unknown() });
export type RpcEvent = z.infer<typeof RpcEvent>;

/** What a transport carries, in either direction. */
export type RpcMessage = RpcRequest | RpcReply | RpcEvent;

/**
 * A message as wire text. A reply that cannot be written (a BigInt a handler let through, a
 * string past V8's longest) becomes RPC_REPLY_UNSENDABLE for the same call, so the caller is
 * answered and the transport lives on; an event that cannot be written is dropped (null).
 */
export function wireText(message: unknown): string | null {
  try {
    return JSON.stringify(message);
  } catch {
    const m = message as { id?: unknown; ok?: unknown } | null;
    if (m === null || typeof m !== 'object' || !('ok' in m)) return null;
    const e = RPC_ERRORS.REPLY_UNSENDABLE;
    const id = typeof m.id === 'number' || typeof m.id === 'string' ? m.id : null;
    return JSON.stringify({ id, ok: false, error: { code: e.code, message: bilingual(e.vi, e.en), message_vi: e.vi, message_en: e.en } });
  }
}

/** Stable codes for protocol-level failures (domain errors carry their own codes). */
export const RPC_ERRORS = {
  BAD_MESSAGE: {
    code: 'RPC_BAD_MESSAGE',
    vi: 'Thông điệp không hợp lệ',
    en: 'Malformed message',
  },
  UNKNOWN_METHOD: {
    code: 'RPC_UNKNOWN_METHOD',
    vi: 'Phương thức không có trong hợp đồng',
    en: 'Method is not part of the contract',
  },
  INVALID_PARAMS: {
    code: 'RPC_INVALID_PARAMS',
    vi: 'Tham số không hợp lệ',
    en: 'Invalid parameters',
  },
  INVALID_RESULT: {
    code: 'RPC_INVALID_RESULT',
    vi: 'Kết quả không đúng hợp đồng',
    en: 'Result does not match the contract',
  },
  INTERNAL: {
    code: 'INTERNAL',
    vi: 'Lỗi nội bộ của trạm; dữ liệu đã lưu không bị ảnh hưởng',
    en: 'Internal station error; stored data is unaffected',
  },
  TEXT_MALFORMED: {
    code: 'RPC_TEXT_MALFORMED',
    vi: 'Văn bản có một ký tự hỏng (nửa cặp UTF-16), không thể lưu đúng như đã nhập',
    en: 'The text holds a broken character (half of a UTF-16 pair) and cannot be stored as typed',
  },
  REPLY_UNSENDABLE: {
    code: 'RPC_REPLY_UNSENDABLE',
    vi: 'Kết quả không gửi được (quá lớn hoặc có giá trị không biểu diễn được); dữ liệu đã lưu không bị ảnh hưởng',
    en: 'The result cannot be sent (too large, or holding a value that cannot be represented); stored data is unaffected',
  },
  TRANSPORT_CLOSED: {
    code: 'RPC_TRANSPORT_CLOSED',
    vi: 'Mất kết nối với trạm',
    en: 'Connection to the station was lost',
  },
  TIMEOUT: {
    code: 'RPC_TIMEOUT',
    vi: 'Trạm không trả lời kịp',
    en: 'The station did not answer in time',
  },
} as const;
