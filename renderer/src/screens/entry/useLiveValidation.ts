/**
 * Live validation while typing: `records.validate` after a short pause, the latest answer only.
 * The core's findings are the same ones a save would give, in both languages.
 */
import { useEffect, useRef, useState } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { isUnavailable } from '../../rpc/useCall.js';
import type { DoseWire, PersonWire } from './entryModel.js';

export type Validation = ResultOf<'records.validate'>;

export const VALIDATE_DEBOUNCE_MS = 250;

export function useLiveValidation(input: { person: PersonWire; dose: DoseWire; recordId?: string } | null): { result: Validation | null; checking: boolean; unavailable: boolean } {
  const client = useRpc();
  const key = input === null ? null : JSON.stringify(input);
  const [result, setResult] = useState<Validation | null>(null);
  const [checking, setChecking] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const latest = useRef(0);
  useEffect(() => {
    if (key === null) {
      latest.current += 1;
      setResult(null);
      setChecking(false);
      return;
    }
    const mine = ++latest.current;
    setChecking(true);
    const timer = setTimeout(() => {
      client.call('records.validate', JSON.parse(key) as Parameters<typeof client.call<'records.validate'>>[1]).then(
        (r) => {
          if (latest.current !== mine) return;
          setResult(r);
          setChecking(false);
        },
        (err: unknown) => {
          if (latest.current !== mine) return;
          setUnavailable(isUnavailable(err));
          setChecking(false);
        },
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, key]);
  return { result, checking, unavailable };
}
