/**
 * The reason a dialog asks for before it changes something (a merge, a discard): two lines to
 * read, one line to write. Enter sends the form, as in every other field of a dialog; Shift+Enter
 * still breaks the line. Found in session 28: keyboard-only, Enter after the reason only added a
 * line break and the merge was never sent. An input method still composing a word (Vietnamese
 * Telex, VNI) takes its own Enter.
 */
import type { KeyboardEvent } from 'react';

export function ReasonBox({ id, value, onChange, hintId }: { id: string; value: string; onChange: (value: string) => void; hintId: string }) {
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  };
  return <textarea id={id} value={value} onChange={(e) => onChange(e.target.value)} onKeyDown={onKeyDown} rows={2} maxLength={500} required aria-describedby={hintId} />;
}
