import type { Command } from '../context.js';
import { importCommand } from './import.js';

/** Every `station` command, by its first word. A new command is one entry here plus its file. */
export const commands: Record<string, Command> = {
  // Loaded on first use: the image and QR libraries stay out of every other command's start-up.
  dcc: async (args, ctx) => (await import('./dcc.js')).dccCommand(args, ctx),
  import: importCommand,
};

export const usage = `station [--data-dir DIR] [--json] <command>

commands:
  dcc decode <input>                         decode an HC1 QR image, text file, text, or - (stdin)
  dcc verify <input> [--trust FILE]... [--at ISO-8601]
                                             verify signature, expiry, key usage and schema;
                                             --trust: DSC certificate (PEM/DER) or trust-list JSON
  import <file> [--sheet NAME] [--commit] [--confirm-warnings] [--export-failed OUT.xlsx]
                                             preview (default) or commit an xlsx/csv of doses;
                                             exit 1 if the file is refused or nothing could be committed`;
