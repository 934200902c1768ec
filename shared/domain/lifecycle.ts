/**
 * The queue states of a dose record and the only ways between them (DESIGN §4). The store applies
 * every transition through this table, in the same transaction as the data change and its audit
 * entry; the UI and the CLI read it to know what an action may do.
 */
import { StationError } from '../errors.js';
import type { Finding, RecordState } from './types.js';

/**
 * What causes a transition. `edit`: the record was saved (form, import, update) and its findings
 * decide between draft and ready. `sign`: it went into a signed batch. `sync`: the platform's
 * answer. `issue`: its certificate was pulled back. `correct`: a new record supersedes it.
 */
export type TransitionTrigger = 'edit' | 'sign' | 'sync' | 'issue' | 'correct';

export interface Transition {
  from: RecordState;
  to: RecordState;
  trigger: TransitionTrigger;
  /** The audit action written with it. */
  action: string;
}

/** States a record may still be edited in place: nothing outside the station has seen it. */
export const EDITABLE_STATES: readonly RecordState[] = ['draft', 'ready'];

/**
 * States after signing: the facility's signature covers the record, so it is never edited again;
 * a mistake is fixed by a correction (a new record with `supersedes` + reason).
 */
export const CORRECTABLE_STATES: readonly RecordState[] = ['signed', 'submitted', 'accepted', 'rejected', 'issued'];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'ready', trigger: 'edit', action: 'record.ready' },
  { from: 'ready', to: 'draft', trigger: 'edit', action: 'record.unready' },
  { from: 'ready', to: 'signed', trigger: 'sign', action: 'record.signed' },
  { from: 'signed', to: 'submitted', trigger: 'sync', action: 'record.submitted' },
  { from: 'submitted', to: 'accepted', trigger: 'sync', action: 'record.accepted' },
  { from: 'submitted', to: 'rejected', trigger: 'sync', action: 'record.rejected' },
  { from: 'accepted', to: 'issued', trigger: 'issue', action: 'record.issued' },
  ...CORRECTABLE_STATES.map((from): Transition => ({ from, to: 'superseded', trigger: 'correct', action: 'record.superseded' })),
];

export function findTransition(from: RecordState, to: RecordState): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function canTransition(from: RecordState, to: RecordState): boolean {
  return findTransition(from, to) !== undefined;
}

/** The transition from → to, or INVALID_TRANSITION naming both states. */
export function assertTransition(from: RecordState, to: RecordState): Transition {
  const t = findTransition(from, to);
  if (!t) {
    throw new StationError(
      'INVALID_TRANSITION',
      `Không thể chuyển bản ghi từ trạng thái "${from}" sang "${to}".`,
      `A record cannot go from "${from}" to "${to}".`,
      { from, to },
    );
  }
  return t;
}

export function isEditable(state: RecordState): boolean {
  return EDITABLE_STATES.includes(state);
}

export function isCorrectable(state: RecordState): boolean {
  return CORRECTABLE_STATES.includes(state);
}

/**
 * The state a saved (pre-signing) record takes from its findings: errors block signing, and
 * warnings need an explicit confirm before the record is ready (DESIGN §3).
 */
export function stateForFindings(findings: readonly Finding[], warningsConfirmed: boolean): 'draft' | 'ready' {
  if (findings.some((f) => f.severity === 'error')) return 'draft';
  if (!warningsConfirmed && findings.some((f) => f.severity === 'warning')) return 'draft';
  return 'ready';
}

/**
 * A record's stored confirm flag: set only when it has a warning that was confirmed. A clerk's
 * "import the rows with warnings too" covers the rows it names, not the file's other rows: a row
 * with nothing to confirm keeps no confirmation a later re-check or correction could inherit.
 */
export function warningsConfirmedFlag(findings: readonly Finding[], confirmed: boolean): boolean {
  return confirmed && findings.some((f) => f.severity === 'warning');
}
