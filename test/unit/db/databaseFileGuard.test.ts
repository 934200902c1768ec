// The check before each call stops only on a sure answer: the path names another file, or none.
// A stat refused for a moment (antivirus software on Windows holds files) must not stop the station.
import { describe, expect, it } from 'vitest';
import { databaseFileGuard } from '../../../electron/core/db/databaseFileGuard.js';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('databaseFileGuard', () => {
  it('passes while the path names the same file, and stops with DB_MOVED when it names another or none', () => {
    let answer: () => { dev: bigint; ino: bigint } = () => ({ dev: 1n, ino: 42n });
    const check = databaseFileGuard('/data/station.db', '/data', () => answer());
    expect(() => check()).not.toThrow();
    answer = () => ({ dev: 1n, ino: 43n });
    expect(() => check()).toThrow(expect.objectContaining({ code: 'DB_MOVED' }));
    answer = () => {
      throw errno('ENOENT');
    };
    expect(() => check()).toThrow(expect.objectContaining({ code: 'DB_MOVED' }));
  });

  it.each(['EBUSY', 'EPERM', 'EACCES'])('lets a call through when the file cannot be looked at just now (%s)', (code) => {
    let fail = false;
    const check = databaseFileGuard('/data/station.db', '/data', () => {
      if (fail) throw errno(code);
      return { dev: 1n, ino: 42n };
    });
    fail = true;
    expect(() => check()).not.toThrow();
  });
});
