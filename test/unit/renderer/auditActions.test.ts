// Every state change the lifecycle audits, and the other actions the core writes, has words in
// both languages on the record's history and the audit screen (probe 16: raw codes showed).
import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../../shared/domain/lifecycle.js';
import { AUDIT_ACTIONS } from '../../../renderer/src/i18n/auditActions.js';
import { en } from '../../../renderer/src/i18n/en.js';
import { vi } from '../../../renderer/src/i18n/vi.js';

const WRITTEN_ELSEWHERE = ['record.create', 'record.update', 'record.correct', 'record.platform_refused', 'record.reassign', 'batch.signed', 'batch.reply', 'batch.failed',
  'certificate.revoked', 'certificate.setAsideDismissed', 'certificate.setAsideRestored', 'import.start', 'import.commit', 'person.update', 'person.identity', 'person.merge', 'person.merged', 'settings.set',
  'records.facility'];

describe('audit action labels', () => {
  it('name every audited action in Vietnamese and English', () => {
    for (const action of [...new Set([...TRANSITIONS.map((t) => t.action), ...WRITTEN_ELSEWHERE])]) {
      const key = AUDIT_ACTIONS[action];
      expect(key, action).toBeDefined();
      expect(vi[key!], action).toMatch(/\S/);
      expect(en[key!], action).toMatch(/\S/);
      expect(vi[key!]).not.toBe(en[key!]);
    }
  });
});
