import type { Command } from '../context.js';

/** Every `station` command, by its first word. A new command is one entry here plus its file. */
export const commands: Record<string, Command> = {};

export const usage = `station [--data-dir DIR] [--json] <command>

commands:
  dcc decode <input>                         decode an HC1 QR image, text file, text, or - (stdin)
  dcc verify <input> [--trust FILE]... [--at ISO-8601]
                                             verify signature, expiry, key usage and schema`;
