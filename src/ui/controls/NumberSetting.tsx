import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface NumberSettingProps {
  readonly label: string;
  readonly hint: string;
  readonly value: number;
  /** Shown to the user and set on the input; `accept` judges each value. */
  readonly min: number;
  readonly max: number;
  readonly step?: number | 'any';
  readonly unit?: string;
  /** Applies the value if the engine accepts it; false leaves the field marked invalid. */
  readonly accept: (value: number) => boolean;
  readonly children?: React.ReactNode;
}

/**
 * A labelled number field that applies each valid value at once. While what is typed is not a valid
 * value (empty, out of range) the field says so and the scenario keeps its last valid value; leaving
 * the field puts that value back.
 */
export function NumberSetting({
  label,
  hint,
  value,
  min,
  max,
  step = 1,
  unit,
  accept,
  children,
}: NumberSettingProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [rejected, setRejected] = useState(false);
  const [shown, setShown] = useState(value);
  // The value changed, here or elsewhere (a link, a new seed): show it, unless the draft already says it.
  if (value !== shown) {
    setShown(value);
    setRejected(false);
    if (toNumber(draft) !== value) setDraft(String(value));
  }
  const onChange = (text: string): void => {
    setDraft(text);
    const next = toNumber(text);
    if (next === value) setRejected(false);
    else setRejected(!(Number.isFinite(next) && accept(next)));
  };

  return (
    <div className="field field-number">
      <label htmlFor={id}>{label}</label>
      <div className="field-number-row">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={draft}
          aria-invalid={rejected || undefined}
          aria-describedby={`${id}-hint${rejected ? ` ${id}-error` : ''}`}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => {
            setDraft(String(value));
            setRejected(false);
          }}
        />
        {unit && <span className="field-unit">{unit}</span>}
        {children}
      </div>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {rejected && (
        <p id={`${id}-error`} className="field-error">
          {t('shell.settings.range', { min, max })}
        </p>
      )}
    </div>
  );
}

const toNumber = (text: string): number => (text.trim() === '' ? NaN : Number(text));
