/** Task ids for long calls (import, sign, sync): the core's progress events and tasks.cancel use them. */
let counter = 0;

export function newTaskId(kind: string): string {
  counter += 1;
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${kind}-${counter}-${random}`;
}
