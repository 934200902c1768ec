/**
 * A secret for `--pin-stdin` / `--key-stdin`. From a pipe or a file it is what was sent, less one
 * final line ending, as scripts send it. Typed at a terminal it is read with the terminal's echo off, after a prompt on
 * stderr: reading the terminal like a pipe showed the PIN in clear as it was typed and left it in
 * the scrollback, and waited for Ctrl+D with no prompt (security probe, session 18).
 */
import { UsageError } from './context.js';

/** What readSecret needs of process.stdin (a fake in tests). */
export interface SecretInput extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

export async function readSecret(input: SecretInput, output: { write(text: string): unknown }, prompt: string): Promise<string> {
  if (input.isTTY !== true || input.setRawMode === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return new TextDecoder().decode(Buffer.concat(chunks)).replace(/\r?\n$/, '');
  }
  const setRawMode = input.setRawMode.bind(input);
  // Echo off before the prompt shows: a key typed the moment it appears is not echoed either.
  setRawMode(true);
  output.write(prompt);
  input.setEncoding?.('utf8');
  return new Promise<string>((done, fail) => {
    let typed = '';
    const finish = (error: UsageError | null) => {
      input.off('data', onData);
      setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) fail(error);
      else done(typed);
    };
    // Raw mode: keys arrive one by one (or several at once when pasted); nothing is echoed.
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ENTER.has(ch) || (ch === CTRL_D && typed === '')) return finish(null);
        if (ch === CTRL_C) return finish(new UsageError('cancelled: nothing was read', 'đã hủy: chưa đọc gì'));
        if (ERASE.has(ch)) typed = Array.from(typed).slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
