// shared/domain/lifecycle.ts is DESIGN §4's transition table, exactly: every pair of states is
// either one of the listed transitions or refused.
import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, isCorrectable, isEditable, stateForFindings, TRANSITIONS } from '../../../shared/domain/lifecycle.js';
import { RECORD_STATES, type Finding, type RecordState } from '../../../shared/domain/types.js';
import { isStationError } from '../../../shared/errors.js';

const ALLOWED = new Set([
  'draft>ready', 'ready>draft', 'ready>signed', 'signed>submitted', 'submitted>accepted', 'submitted>rejected', 'accepted>issued',
  'signed>superseded', 'submitted>superseded', 'accepted>superseded', 'rejected>superseded', 'issued>superseded',
]);

const pairs = RECORD_STATES.flatMap((from) => RECORD_STATES.map((to) => [from, to] as [RecordState, RecordState]));

describe('the transition table', () => {
  it.each(pairs)('%s → %s is allowed exactly when DESIGN §4 lists it', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(assertTransition(from, to)).toMatchObject({ from, to });
    else {
      try {
        assertTransition(from, to);
        expect.unreachable();
      } catch (err) {
        expect(isStationError(err) && err.code).toBe('INVALID_TRANSITION');
      }
    }
  });

  it('gives every transition a distinct trigger and audit action per target state', () => {
    expect(TRANSITIONS).toHaveLength(ALLOWED.size);
    const byTarget = new Map<string, Set<string>>();
    for (const t of TRANSITIONS) byTarget.set(t.to, new Set([...(byTarget.get(t.to) ?? []), t.action]));
    for (const actions of byTarget.values()) expect(actions.size).toBe(1);
    expect(TRANSITIONS.filter((t) => t.trigger === 'sync').map((t) => t.to).sort()).toEqual(['accepted', 'rejected', 'submitted']);
  });

  it('edits in place before signing only; corrections after', () => {
    expect(RECORD_STATES.filter(isEditable)).toEqual(['draft', 'ready']);
    expect(RECORD_STATES.filter(isCorrectable)).toEqual(['signed', 'submitted', 'accepted', 'rejected', 'issued']);
  });
});

describe('stateForFindings', () => {
  const f = (severity: 'error' | 'warning'): Finding => ({ field: 'x', code: 'X', severity, message_vi: '', message_en: '' });
  it('errors block; warnings need a confirm; nothing is ready', () => {
    expect(stateForFindings([], false)).toBe('ready');
    expect(stateForFindings([f('warning')], false)).toBe('draft');
    expect(stateForFindings([f('warning')], true)).toBe('ready');
    expect(stateForFindings([f('error'), f('warning')], true)).toBe('draft');
  });
});
