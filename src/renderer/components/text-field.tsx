// A labelled text input with an optional hint, the building block of the settings form.
import { useId, type ReactNode } from 'react';

interface TextFieldProps {
  readonly label: string;
  readonly testId: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'password' | 'url';
  readonly placeholder?: string;
  readonly hint?: ReactNode;
}

/** A label, an input and its hint, wired together for screen readers. */
export function TextField({
  label,
  testId,
  value,
  onChange,
  type = 'text',
  placeholder,
  hint,
}: TextFieldProps) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
