/**
 * A button that stays in the tab order while its action runs. `disabled` on the button just
 * pressed dropped the focus to the page (probe 18): a keyboard user was sent back to the top, past
 * the Stop button of the progress bar. Here the button says it is busy (aria-disabled) and a
 * press while busy does nothing, so a double click still starts one action.
 */
import type { ReactNode } from 'react';

export function BusyButton({ busy, onClick, className = 'button primary', type = 'button', children }: {
  busy: boolean;
  /** Not called while busy. Leave out for a submit button: the form's handler checks `busy`. */
  onClick?: () => void;
  className?: string;
  type?: 'button' | 'submit';
  children: ReactNode;
}) {
  return (
    <button type={type} className={className} aria-disabled={busy} onClick={busy || onClick === undefined ? undefined : onClick}>
      {children}
    </button>
  );
}
