import { useId, useState } from 'react';
import { getClient, isAbort } from '../../client/client';
import { messageOf, parseLocalInputValue } from '../common/format';

export interface AsOfInputProps {
  readonly tableId: string;
  readonly shown: number;
  readonly onShow: (version: number) => void;
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * "As of time": jumps to the latest version committed at or before a time, to the second, in the user's time zone.
 * The text stays while it names the version shown; moving the slider elsewhere clears it.
 */
export function AsOfInput({ tableId, shown, onShow }: AsOfInputProps) {
  const hintId = useId();
  const [entry, setEntry] = useState<{ text: string; version: number | null; error: string | null }>({
    text: '',
    version: null,
    error: null,
  });
  const pending = entry.version === null && entry.error === null;
  const value = entry.version === shown || entry.version === null ? entry.text : '';

  const change = (text: string) => {
    const time = parseLocalInputValue(text);
    setEntry({ text, version: null, error: null });
    if (time === null) return;
    const client = getClient();
    client
      .latest('as-of', () => client.api.resolveAsOf({ tableId, asOf: { time } }))
      .then((version) => {
        setEntry((e) => (e.text === text ? { text, version, error: null } : e));
        onShow(version);
      })
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        const message = messageOf(e).includes('had no version') ? 'No version yet at that time' : messageOf(e);
        setEntry((cur) => (cur.text === text ? { text, version: null, error: message } : cur));
      });
  };

  return (
    <div className="as-of">
      <label className="field-label" htmlFor={`${hintId}-input`}>
        As of time
      </label>
      <input
        id={`${hintId}-input`}
        type="datetime-local"
        step={1}
        value={value}
        aria-describedby={hintId}
        aria-invalid={entry.error !== null}
        aria-busy={pending && entry.text !== ''}
        onChange={(e) => change(e.target.value)}
      />
      <span
        id={hintId}
        className={entry.error ? 'inline-error' : 'field-hint'}
        role={entry.error ? 'alert' : undefined}
      >
        {entry.error ?? ZONE}
      </span>
    </div>
  );
}
