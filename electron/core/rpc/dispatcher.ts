/**
 * The core's side of the RPC: every incoming message is parsed against the protocol and the
 * contract before a handler sees it (STYLE rule 3). A bad message gets a stable error code and a
 * log line with the method and code only — params may hold personal data.
 */
import { StationError } from '../../../shared/errors.js';
import {
  contract,
  events,
  isMethodName,
  type EventData,
  type EventName,
  type MethodName,
  type ParsedParamsOf,
  type ResultOf,
} from '../../../shared/rpc/contract.js';
import { RPC_ERRORS, RpcRequest, type RpcErrorBody, type RpcReply } from '../../../shared/rpc/protocol.js';
import { storageError } from '../db/storageErrors.js';
import type { Logger } from '../logger.js';

export interface CallContext {
  /** Pushes an event to the client that made the call. */
  emit<E extends EventName>(event: E, data: EventData<E>): void;
}

export type Handler<M extends MethodName> = (params: ParsedParamsOf<M>, ctx: CallContext) => Promise<ResultOf<M>> | ResultOf<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export interface DispatcherOptions {
  logger: Logger;
  /** Check every result against the contract too: on in tests, off in production (large lists). */
  validateResults?: boolean;
  /** The station's data folder, named in the messages of storage faults (a damaged database). */
  dataDir?: string;
  /**
   * Runs before every handler; a StationError it throws is the call's answer and the handler
   * does not run (the station: the database file is still where it was opened, DB_MOVED).
   */
  beforeCall?: () => void;
  /** Told of each storage fault answered (the station: a damaged file stops every later call). */
  onStorageFault?: (fault: StationError) => void;
}

export interface Dispatcher {
  /** Handles one raw message (already JSON-parsed) and returns the reply to send. */
  handle(raw: unknown, ctx: CallContext): Promise<RpcReply>;
}

/** A StationError as a refusal's body (its messages already shown safely: shared/errors.ts). */
function bodyOf(err: StationError): RpcErrorBody {
  const body: RpcErrorBody = { code: err.code, message: err.message, message_vi: err.messageVi, message_en: err.messageEn };
  if (err.details !== undefined) body.details = err.details;
  return body;
}

/** The dispatcher's own refusal (a field name sent may be quoted): made a StationError, so shown safely as every one is. */
function errorBody(code: string, vi: string, en: string, details?: unknown): RpcErrorBody {
  return bodyOf(new StationError(code, vi, en, details));
}

/** Half a surrogate pair: a high one not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string that is not well-formed UTF-16 in a call's params, or null. */
function illFormedAt(value: unknown, path = 'params', depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 16) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = illFormedAt(value[i], `${path}[${i}]`, depth + 1);
      if (at !== null) return at;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const at = illFormedAt(v, path === 'params' ? k : `${path}.${k}`, depth + 1);
    if (at !== null) return at;
  }
  return null;
}

const TYPE_NAMES: Readonly<Record<string, [string, string]>> = {
  string: ['chuỗi ký tự', 'text'], number: ['số', 'a number'], int: ['số nguyên', 'a whole number'], boolean: ['đúng/sai', 'true or false'],
  object: ['đối tượng', 'an object'], array: ['danh sách', 'a list'], null: ['null', 'null'],
};

type Issue = { code: string; path: PropertyKey[]; message?: string } & Record<string, unknown>;

/**
 * Of the issues zod gives one field for one reason, the one to say: the tightest bound. A number
 * past 2^53 breaks both zod's safe-integer bound (listed first) and the contract's, and "at most
 * 9007199254740991" told nothing about a dose number that may be at most 99 (fuzz of session 27).
 */
function tightest(first: Issue, same: readonly Issue[]): Issue {
  if (first.code !== 'too_big' && first.code !== 'too_small') return first;
  const bound = (i: Issue) => Number(first.code === 'too_big' ? i.maximum : i.minimum);
  return same.reduce((best, i) => ((first.code === 'too_big' ? bound(i) < bound(best) : bound(i) > bound(best)) ? i : best), first);
}

/** The first problem of a call's params in each language (which field, and why); how many more. */
function paramsProblem(issues: readonly { code: string; path: PropertyKey[] }[]): { vi: string; en: string } {
  const all = issues as readonly Issue[];
  const head = all[0];
  if (head === undefined) return { vi: 'không rõ', en: 'unknown' };
  const field = head.path.map(String).join('.') || 'params';
  const same = all.filter((i) => i.code === head.code && (i.path.map(String).join('.') || 'params') === field);
  const first = tightest(head, same);
  let why: [string, string];
  switch (first.code) {
    case 'invalid_type': {
      // zod says "received undefined" of a field left out: missing, not of another type.
      if (/received undefined$/.test(String(first.message ?? ''))) {
        why = ['thiếu', 'missing'];
        break;
      }
      const [vi, en] = TYPE_NAMES[String(first.expected)] ?? [String(first.expected), String(first.expected)];
      why = [`sai kiểu, cần ${vi}`, `wrong type, ${en} expected`];
      break;
    }
    case 'too_big':
      why = [`quá dài hoặc quá lớn (tối đa ${String(first.maximum)})`, `too long or too large (at most ${String(first.maximum)})`];
      break;
    case 'too_small':
      why = [`quá ngắn hoặc quá nhỏ (tối thiểu ${String(first.minimum)})`, `too short or too small (at least ${String(first.minimum)})`];
      break;
    case 'invalid_format': {
      // The contract's own name of the format ('YYYY-MM-DD'), not zod's "Invalid string: …".
      const own = typeof first.message === 'string' && !/^invalid\b/i.test(first.message) ? ` (${first.message})` : '';
      why = [`sai định dạng${own}`, `wrong format${own}`];
      break;
    }
    case 'invalid_value': {
      // Which values are allowed, when they are few enough to read (session 28).
      const values = Array.isArray(first.values) && first.values.length <= 12 ? ` (${first.values.map(String).join(', ')})` : '';
      why = [`không phải một giá trị được phép${values}`, `not one of the allowed values${values}`];
      break;
    }
    case 'unrecognized_keys': {
      const keys = (first.keys as unknown[] | undefined)?.map(String).join(', ') ?? '';
      why = [`có trường không được phép (${keys})`, `has fields not allowed (${keys})`];
      break;
    }
    default:
      why = ['không hợp lệ', 'not valid'];
  }
  const more = issues.length - same.length;
  return {
    vi: `${field}: ${why[0]}${more > 0 ? ` (và ${more} lỗi khác)` : ''}`,
    en: `${field}: ${why[1]}${more > 0 ? ` (and ${more} more)` : ''}`,
  };
}

export function createDispatcher(handlers: Partial<Handlers>, options: DispatcherOptions): Dispatcher {
  const { logger } = options;
  return {
    async handle(raw, ctx) {
      const request = RpcRequest.safeParse(raw);
      if (!request.success) {
        const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : null;
        const safeId = typeof id === 'number' || typeof id === 'string' ? id : null;
        logger.log('warn', 'rpc: malformed message', { code: RPC_ERRORS.BAD_MESSAGE.code });
        const e = RPC_ERRORS.BAD_MESSAGE;
        return { id: safeId, ok: false, error: errorBody(e.code, e.vi, e.en, request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)) };
      }
      const { id, method } = request.data;
      const handler = isMethodName(method) ? (handlers[method] as Handler<MethodName> | undefined) : undefined;
      if (!isMethodName(method) || handler === undefined) {
        logger.log('warn', 'rpc: unknown method', { method: method.slice(0, 64), code: RPC_ERRORS.UNKNOWN_METHOD.code });
        const e = RPC_ERRORS.UNKNOWN_METHOD;
        return { id, ok: false, error: errorBody(e.code, e.vi, e.en, { method }) };
      }
      const spec = contract[method];
      const params = spec.params.safeParse(request.data.params ?? {});
      if (!params.success) {
        logger.log('warn', 'rpc: invalid params', { method, code: RPC_ERRORS.INVALID_PARAMS.code });
        const e = RPC_ERRORS.INVALID_PARAMS;
        const issues = params.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        const said = paramsProblem(params.error.issues);
        return { id, ok: false, error: errorBody(e.code, `${e.vi}: ${said.vi}`, `${e.en}: ${said.en}`, issues) };
      }
      // Half a surrogate pair is stored as three U+FFFD (SQLite's UTF-8): what was checked and
      // confirmed would not be what is kept. Refused whatever the field (probe 15).
      const broken = illFormedAt(params.data);
      if (broken !== null) {
        logger.log('warn', 'rpc: ill-formed text', { method, code: RPC_ERRORS.TEXT_MALFORMED.code });
        const e = RPC_ERRORS.TEXT_MALFORMED;
        return { id, ok: false, error: errorBody(e.code, `${e.vi}: ${broken}`, `${e.en}: ${broken}`, { path: broken }) };
      }
      try {
        options.beforeCall?.();
        const result: unknown = await handler(params.data as never, ctx);
        if (options.validateResults) {
          const checked = spec.result.safeParse(result);
          if (!checked.success) {
            logger.log('error', 'rpc: result breaks the contract', { method, code: RPC_ERRORS.INVALID_RESULT.code });
            const e = RPC_ERRORS.INVALID_RESULT;
            return { id, ok: false, error: errorBody(e.code, e.vi, e.en, checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`)) };
          }
        }
        return { id, ok: true, result };
      } catch (err) {
        if (err instanceof StationError) {
          logger.log('info', 'rpc: refused', { method, code: err.code });
          return { id, ok: false, error: bodyOf(err) };
        }
        // The disk or the database file failed (full, locked, read-only, damaged): the user is
        // told which, in both languages (storageErrors.ts), not "internal error".
        const storage = storageError(err, options.dataDir !== undefined ? { dataDir: options.dataDir } : {});
        if (storage !== null) {
          logger.log('error', 'rpc: storage fault', { method, code: storage.code, error: err instanceof Error ? err.message : String(err) });
          options.onStorageFault?.(storage);
          return { id, ok: false, error: bodyOf(storage) };
        }
        // An unexpected failure: log it for the developers, tell the user nothing was lost.
        logger.log('error', 'rpc: handler failed', { method, error: err instanceof Error ? err.message : String(err) });
        const e = RPC_ERRORS.INTERNAL;
        return { id, ok: false, error: errorBody(e.code, e.vi, e.en) };
      }
    },
  };
}

/** Validates an event before it leaves the core (a bug here must not reach the renderer). */
export function checkEvent<E extends EventName>(event: E, data: EventData<E>): boolean {
  return events[event].safeParse(data).success;
}
