/**
 * The frame of every screen: its heading takes the focus when the user opens the screen, so
 * keyboard and screen-reader users land at the start of the new content (and hear its name).
 * Not on the page's first load: there the first Tab must reach the skip link.
 */
import { useEffect, useRef, type ReactNode } from 'react';

let firstScreen = true;

export function Screen({ title, children, actions, name }: { title: string; children: ReactNode; actions?: ReactNode; name: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    heading.current?.focus();
  }, [name]);
  return (
    <section className={`screen screen-${name}`} aria-labelledby={`screen-title-${name}`} data-screen={name}>
      <header className="screen-header">
        <h1 id={`screen-title-${name}`} tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions !== undefined && <div className="screen-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
