import type { Command } from '../context.js';
import { auditCommand } from './audit.js';
import { importCommand } from './import.js';
import { recordsCommand } from './records.js';

/** Every `station` command, by its first word. A new command is one entry here plus its file. */
export const commands: Record<string, Command> = {
  // Loaded on first use: the image and QR libraries stay out of every other command's start-up.
  dcc: async (args, ctx) => (await import('./dcc.js')).dccCommand(args, ctx),
  import: importCommand,
  records: recordsCommand,
  audit: auditCommand,
  // Lazily too: the web server and WebSocket libraries only load for `serve`.
  serve: async (args, ctx) => (await import('./serve.js')).serveCommand(args, ctx),
  token: async (args, ctx) => (await import('./token.js')).tokenCommand(args, ctx),
};

export const usage = `station [--data-dir DIR] [--json] <command>

commands:
  dcc decode <input>                         decode an HC1 QR image, text file, text, or - (stdin)
  dcc verify <input> [--trust FILE]... [--at ISO-8601]
                                             verify signature, expiry, key usage and schema;
                                             --trust: DSC certificate (PEM/DER) or trust-list JSON
  import <file> [--sheet NAME] [--commit] [--confirm-warnings] [--export-failed OUT.xlsx]
                                             preview (default) or commit an xlsx/csv of doses;
                                             exit 1 if the file is refused or nothing could be committed
  records list [--state S] [--search Q] [--limit N] [--cursor C]
                                             the queue, newest first; --search: a name (with or
                                             without diacritics), an id number or phone prefix
  audit verify                               check the audit log's hash chain; exit 1 naming the
                                             first entry that was altered, removed or inserted
  serve [--port N]                           the browser interface on 127.0.0.1 (random port by
                                             default); prints its URL with the per-launch secret,
                                             serves until Ctrl+C / SIGTERM
  token list [--module PATH] [--tax-code MST] [--facility-name NAME]
                                             PKCS#11 modules tried, tokens, certificates and whether
                                             each can sign for this facility (no PIN needed)`;
