import type { Command } from '../context.js';

/**
 * Every `station` command, by its first word. A new command is one entry here plus its file.
 * Each is loaded on first use, so a command pays only for its own libraries at start-up (exceljs,
 * the image decoders, the web server, the signer client are each heavy).
 */
export const commands: Record<string, Command> = {
  dcc: async (args, ctx) => (await import('./dcc.js')).dccCommand(args, ctx),
  import: async (args, ctx) => (await import('./import.js')).importCommand(args, ctx),
  records: async (args, ctx) => (await import('./records.js')).recordsCommand(args, ctx),
  audit: async (args, ctx) => (await import('./audit.js')).auditCommand(args, ctx),
  serve: async (args, ctx) => (await import('./serve.js')).serveCommand(args, ctx),
  token: async (args, ctx) => (await import('./token.js')).tokenCommand(args, ctx),
  sign: async (args, ctx) => (await import('./sign.js')).signCommand(args, ctx),
  batches: async (args, ctx) => (await import('./batches.js')).batchesCommand(args, ctx),
  settings: async (args, ctx) => (await import('./settings.js')).settingsCommand(args, ctx),
  sync: async (args, ctx) => (await import('./sync.js')).syncCommand(args, ctx),
  certificates: async (args, ctx) => (await import('./certificates.js')).certificatesCommand(args, ctx),
  backup: async (args, ctx) => (await import('./backup.js')).backupCommand(args, ctx),
  restore: async (args, ctx) => (await import('./backup.js')).restoreCommand(args, ctx),
};

export const usage = `station [--data-dir DIR] [--json] <command>

commands:
  dcc decode <input>                         decode an HC1 QR image, text file, text, or - (stdin)
  dcc verify <input> [--trust FILE]... [--at ISO-8601]
                                             verify signature, expiry, key usage and schema;
                                             --trust: DSC certificate (PEM/DER) or trust-list JSON
                                             (without it: the station's list from its last sync);
                                             a certificate the station holds revoked is not valid;
                                             --at without an offset is Viet Nam time (UTC+7)
  import <file> [--sheet NAME] [--commit] [--confirm-warnings] [--export-failed OUT.xlsx]
                                             preview (default) or commit an xlsx/csv of doses;
                                             exit 1 if the file is refused or nothing could be committed
  records list [--state S] [--search Q] [--limit N] [--cursor C]
                                             the queue, newest first; --search: a name (with or
                                             without diacritics), an id number or phone prefix
  audit verify                               check the audit log's hash chain; exit 1 naming the
                                             first entry that was altered, removed or inserted
  sign --pin-stdin [--module PATH] [--token SERIAL] [--cert FINGERPRINT] [--limit N] [--confirm-final-try]
                                             sign the ready records as one batch with the USB token;
                                             the PIN is read from standard input, never an argument
  batches list [--limit N]                   signed batches and their sync state
  batches export <id> --out FILE             write a batch's upload body (DESIGN §6) to FILE
  batches requeue <id>                       a refused batch's records back in the signing queue
                                             (records signed under another facility code than
                                             the current one are put back under the current one)
  settings get KEY                           a setting (platform.key shows only "set")
  settings set KEY VALUE | --unset           facility.code, facility.name, facility.taxCode,
                                             platform.url, pkcs11.module, ...
  settings set platform.key --key-stdin      the facility API key, read from standard input
  settings set facility.code CODE [--confirm-unsynced]
                                             refused (exit 1) while batches signed under the
                                             current code are not synced: sync them first;
                                             --confirm-unsynced only for a code wrong from the start
  sync [--now]                               upload signed batches (oldest first), pull issued
                                             certificates; --now: ignore the retry backoff;
                                             exit 1 refused, 2 platform unreachable
  sync --dismiss <id>                        no sync: dismiss a certificate set aside (its id
                                             listed by sync) for a record not held here;
                                             exit 1 refused (SET_ASIDE_*)
  sync --undo-dismiss <id>                   no sync: undo a dismissal (its id listed by sync
                                             under "dismissed"): listed and asked for again;
                                             exit 1 refused (SET_ASIDE_*)
  certificates list [--search Q] [--limit N] the certificates pulled back, newest first
                    [--expired | --not-expired]   only those past (or before) their expiry
  certificates export <recordId> [--png FILE] [--pdf FILE] [--even-if-revoked]
                                             the QR as PNG, an A4 PDF with the 11 fields
                                             (without --png/--pdf: prints the HC1 text);
                                             a revoked certificate (replaced by a correction)
                                             is refused, exit 1 CERTIFICATE_REVOKED, unless
                                             --even-if-revoked: its PDF is marked REVOKED
  backup [--out FILE]                        a consistent copy of the database, checked (integrity,
                                             audit log) before it takes its name; by default into
                                             <data dir>/backups (the app also keeps 7 daily copies)
  backup list                                the copies in <data dir>/backups, newest first
  backup status                              the newest copy (time, size), whether today's daily
                                             copy exists, how many copies and replaced databases
                                             are kept
  restore FILE [--replace]                   put a copy back (every station program closed); the
                                             copy is checked first; --replace moves the current
                                             database to station.db.replaced-<time> (the app keeps
                                             the newest 3, and any younger than 7 days)
  serve [--port N]                           the browser interface on 127.0.0.1 (random port by
                                             default); prints its URL with the per-launch secret,
                                             serves until Ctrl+C / SIGTERM
  token list [--module PATH] [--tax-code MST] [--facility-name NAME]
                                             PKCS#11 modules tried, tokens, certificates and whether
                                             each can sign for this facility (no PIN needed)`;
