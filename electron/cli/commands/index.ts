import type { Command } from '../context.js';
import { importCommand } from './import.js';

/** Every `station` command, by its first word. A new command is one entry here plus its file. */
export const commands: Record<string, Command> = {
  import: importCommand,
};

export const usage = `station [--data-dir DIR] [--json] <command>

commands:
  dcc decode <input>                         decode an HC1 QR image, text file, text, or - (stdin)
  dcc verify <input> [--trust FILE]... [--at ISO-8601]
                                             verify signature, expiry, key usage and schema
  import <file> [--sheet NAME] [--commit] [--confirm-warnings] [--export-failed OUT.xlsx]
                                             preview (default) or commit an xlsx/csv of doses;
                                             exit 1 if the file is refused or nothing could be committed`;
