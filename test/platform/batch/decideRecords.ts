/**
 * The per-record answers of an upload (DESIGN §6): accepted, rejected + code + message, or
 * duplicate + the id the platform already holds. The platform knows more than any one station:
 * the person's doses from EVERY facility, so it runs the station's own validation
 * (shared/domain) with that knowledge. Warnings do not reject (the facility confirmed them before
 * signing); errors do, with the first error's code.
 *
 * Pure decisions over a read-only view of the store: nothing is written here, the caller commits
 * everything of one upload in one transaction.
 */
import type { RecordResult } from '../../../shared/platform/api.js';
import { equalBytes } from '../../../shared/crypto/bytes.js';
import { validateDose, validatePerson } from '../../../shared/domain/validation.js';
import type { Finding, PersonInput } from '../../../shared/domain/types.js';
import { vaccineByCode } from '../../../shared/domain/vaccines.js';
import { bilingual } from '../../../shared/errors.js';
import { personKey } from '../identityCheck.js';
import type { HeldRecord, PlatformStore } from '../platformStore.js';
import { doseInputOf, personInputOf } from '../recordModel.js';
import type { CheckedItem } from './verifyUpload.js';

const REJECTIONS = {
  RECORD_FACILITY_MISMATCH: ['Bản ghi thuộc cơ sở khác với lô ký', 'The record belongs to another facility than the batch'],
  RECORD_ID_REUSED: ['Mã bản ghi đã được dùng cho một bản ghi khác', 'The record id was already used for a different record'],
  VACCINE_CODES_MISMATCH: ['Mã EU (mp/ma/vp) của vắc xin khác với danh mục quốc gia', 'The EU codes (mp/ma/vp) differ from the national vaccine catalog'],
  SUPERSEDES_UNKNOWN: ['Bản ghi được đính chính không có trên hệ thống', 'The corrected record is not held by the platform'],
  SUPERSEDES_OTHER_FACILITY: ['Chỉ cơ sở đã gửi bản ghi mới được đính chính nó', 'Only the facility that sent a record may correct it'],
  SUPERSEDES_ALREADY_SUPERSEDED: ['Bản ghi này đã được đính chính trước đó', 'That record was already corrected'],
} as const;

type RejectionCode = keyof typeof REJECTIONS;

export interface Decisions {
  results: RecordResult[];
  accepted: Omit<HeldRecord, 'supersededBy'>[];
  superseded: { id: string; by: string }[];
}

function rejected(recordId: string, code: string, vi: string, en: string): RecordResult {
  return { recordId, status: 'rejected', code, message: bilingual(vi, en), message_vi: vi, message_en: en };
}

function reject(recordId: string, code: RejectionCode): RecordResult {
  const [vi, en] = REJECTIONS[code];
  return rejected(recordId, code, vi, en);
}

type Accepted = Omit<HeldRecord, 'supersededBy'>;
const NONE: readonly Accepted[] = [];

/**
 * A view of the store with this upload's own decisions applied on top, in index order. What the
 * store holds for the upload's record ids (and the ids they supersede) and for its people is read
 * up front, in two statements instead of two per record; nothing writes to the store while an
 * upload is decided (serialQueue.ts). So an id or person missing from those reads is not held.
 */
class PendingView {
  readonly accepted = new Map<string, Accepted>();
  readonly superseded = new Map<string, string>();
  private readonly acceptedByPerson = new Map<string, Accepted[]>();
  private readonly heldById: Map<string, HeldRecord>;
  private readonly heldByPerson: Map<string, HeldRecord[]>;

  constructor(store: PlatformStore, items: readonly CheckedItem[], keys: readonly string[]) {
    const ids: string[] = [];
    for (const { record } of items) {
      ids.push(record.id);
      if (record.supersedes !== undefined) ids.push(record.supersedes);
    }
    this.heldById = store.recordsByIds(ids);
    this.heldByPerson = store.recordsOfPersons([...new Set(keys)]);
  }

  /** For an id the upload names (a record's id or the id it supersedes). */
  record(id: string): (Accepted & { supersededBy: string | null }) | undefined {
    const pending = this.accepted.get(id);
    const held = pending ? { ...pending, supersededBy: null } : this.heldById.get(id);
    return held && { ...held, supersededBy: this.superseded.get(id) ?? held.supersededBy };
  }

  /** The person's live (not superseded) doses across all facilities. */
  liveDoses(key: string): readonly Accepted[] {
    const heldAll = this.heldByPerson.get(key);
    const pending = this.acceptedByPerson.get(key);
    // Most people of an upload are new to the platform: no list to build.
    if (heldAll === undefined && pending === undefined) return NONE;
    const held = (heldAll ?? []).filter((r) => r.supersededBy === null);
    return [...held, ...(pending ?? [])].filter((r) => !this.superseded.has(r.id));
  }

  accept(record: Accepted): void {
    this.accepted.set(record.id, record);
    const list = this.acceptedByPerson.get(record.personKey);
    if (list) list.push(record);
    else this.acceptedByPerson.set(record.personKey, [record]);
  }
}

type SignedPerson = CheckedItem['record']['person'];

/** Same fields, same values: the person's inputs, and so their findings, are the same. */
function samePerson(a: SignedPerson, b: SignedPerson): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof SignedPerson)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * validateRecord's person input and findings, once per person of an upload: a person's doses
 * travel together (2.2 a person in the bench) and validatePerson (names, transliteration, id
 * number) was most of validating a record. With the platform's context (today, no otherPeople)
 * a person's findings depend on the person's fields and today only, so equal signed fields give
 * an equal input and equal findings.
 */
function personChecks(today: string): (key: string, record: CheckedItem['record']) => { input: PersonInput; findings: Finding[] } {
  const seen = new Map<string, { person: SignedPerson; input: PersonInput; findings: Finding[] }>();
  return (key, record) => {
    const last = seen.get(key);
    if (last && samePerson(last.person, record.person)) return last;
    const input = personInputOf(record);
    const checked = { person: record.person, input, findings: validatePerson(input, { today }) };
    seen.set(key, checked);
    return checked;
  };
}

function codesMatchCatalog(item: CheckedItem): boolean {
  const v = vaccineByCode(item.record.vaccine);
  return v === undefined || (v.mp === item.record.mp && v.ma === item.record.ma && v.vp === item.record.vp);
}

export function decideRecords(store: PlatformStore, facility: string, batchId: string, items: readonly CheckedItem[], today: string, now: string): Decisions {
  // The person key normalises the id number (NFKC, a regex): once per item.
  const keys = items.map((i) => personKey(i.record.person.idType, i.record.person.idNumber));
  const view = new PendingView(store, items, keys);
  const personOf = personChecks(today);
  const results: RecordResult[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const r = item.record;
    const key = keys[i]!;
    if (r.facility !== facility) {
      results.push(reject(r.id, 'RECORD_FACILITY_MISMATCH'));
      continue;
    }
    // A record the platform already holds (re-signed by the station in another batch): the same
    // bytes are the same record, held once; other bytes under the same id are refused.
    const held = view.record(r.id);
    if (held) {
      results.push(equalBytes(held.recordCbor, item.bytes) ? { recordId: r.id, status: 'accepted' } : reject(r.id, 'RECORD_ID_REUSED'));
      continue;
    }
    if (!codesMatchCatalog(item)) {
      results.push(reject(r.id, 'VACCINE_CODES_MISMATCH'));
      continue;
    }
    if (r.supersedes !== undefined) {
      const target = view.record(r.supersedes);
      if (!target) {
        results.push(reject(r.id, 'SUPERSEDES_UNKNOWN'));
        continue;
      }
      if (target.facility !== facility) {
        results.push(reject(r.id, 'SUPERSEDES_OTHER_FACILITY'));
        continue;
      }
      if (target.supersededBy !== null) {
        results.push(reject(r.id, 'SUPERSEDES_ALREADY_SUPERSEDED'));
        continue;
      }
    }
    const live = view.liveDoses(key);
    const others = live.length === 0 || r.supersedes === undefined ? live : live.filter((d) => d.id !== r.supersedes);
    const same = others.find((d) => d.dose === r.dose && d.date === r.date);
    if (same) {
      results.push({ recordId: r.id, status: 'duplicate', existingId: same.id });
      continue;
    }
    // validateRecord's findings in its order (the person's, then the dose's): the first error wins.
    const person = personOf(key, r);
    const firstError = person.findings.find((f) => f.severity === 'error') ?? validateDose(doseInputOf(r), person.input, {
      today,
      otherDoses: others.map((d) => ({ id: d.id, doseNumber: d.dose, vaccinationDate: d.date, vaccine: d.vaccine })),
    }).find((f) => f.severity === 'error');
    if (firstError) {
      // The domain's words for a date in the future speak of "this PC's date" and its clock, as
      // the station's form says them; here the date is the platform's own.
      if (firstError.code === 'VACCINATION_DATE_FUTURE') {
        const shown = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
        results.push(rejected(r.id, firstError.code, `Ngày tiêm sau ngày hôm nay của hệ thống quốc gia (${shown}).`, `The vaccination date is after the national platform's today (${shown}).`));
        continue;
      }
      results.push(rejected(r.id, firstError.code, firstError.message_vi, firstError.message_en));
      continue;
    }
    view.accept({
      id: r.id,
      batchId,
      facility,
      index: item.index,
      personKey: key,
      dose: r.dose,
      date: r.date,
      vaccine: r.vaccine,
      recordCbor: item.bytes,
      record: r,
      acceptedAt: now,
    });
    if (r.supersedes !== undefined) view.superseded.set(r.supersedes, r.id);
    results.push({ recordId: r.id, status: 'accepted' });
  }
  return {
    results,
    accepted: [...view.accepted.values()],
    superseded: [...view.superseded.entries()].map(([id, by]) => ({ id, by })),
  };
}
