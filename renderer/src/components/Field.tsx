/**
 * A labelled form control with its hint and the findings that concern it: the control is
 * described by both (aria-describedby) and marked invalid when a finding is an error.
 */
import type { ReactNode } from 'react';
import type { Finding } from '../../../shared/domain/types.js';
import { useI18n } from '../i18n/I18nContext.js';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export function Field({ id, label, hint, findings = [], required = false, invalid = false, describedBy, className = '', children }: {
  id: string;
  label: string;
  hint?: string;
  findings?: readonly Finding[];
  required?: boolean;
  /** Marked invalid for a reason of the form's own (a required choice not made), not a finding. */
  invalid?: boolean;
  /** The id of a message elsewhere that says why (with `invalid`). */
  describedBy?: string;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const { t, pick } = useI18n();
  const described = [hint !== undefined ? `${id}-hint` : '', findings.length > 0 ? `${id}-findings` : '', invalid && describedBy !== undefined ? describedBy : '']
    .filter((s) => s !== '')
    .join(' ');
  const props: ControlProps = { id };
  if (described !== '') props['aria-describedby'] = described;
  if (invalid || findings.some((f) => f.severity === 'error')) props['aria-invalid'] = true;
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> {t('common.required')}</span>}
      </label>
      {children(props)}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {findings.length > 0 && (
        <ul id={`${id}-findings`} className="field-findings">
          {findings.map((f, i) => (
            <li key={`${f.code}-${i}`} className={`finding-${f.severity}`}>
              {t(`severity.${f.severity}`)}: {pick(f.message_vi, f.message_en)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
