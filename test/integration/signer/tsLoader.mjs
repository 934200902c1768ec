// Lets a forked child process (the signer host) run the TypeScript sources directly, as vitest
// does in-process: `node --import <this file>`. Node 20 has no type stripping of its own.
// Test-only: the app runs the host built by `tsc -b`.
import { register } from 'node:module';

register('./tsHooks.mjs', import.meta.url);
