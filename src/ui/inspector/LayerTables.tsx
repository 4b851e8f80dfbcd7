import { useRef, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldText } from './fieldText';
import { fieldKey, type Field, type FieldKey, type Layer, type LayerId } from './packetLayers';

export interface LayerColumn {
  /** Column heading, e.g. "At the client". */
  readonly heading: string;
  readonly layers: readonly Layer[];
}

interface LayerTablesProps {
  readonly columns: readonly LayerColumn[];
  readonly open: ReadonlySet<LayerId>;
  readonly onToggle: (layer: LayerId) => void;
  /** The field (or whole layer) pointed at or focused; its bytes light up in the hex dump. */
  readonly onPoint: (target: FieldKey | LayerId | undefined) => void;
  readonly pointed: FieldKey | LayerId | undefined;
}

/**
 * The packet's layers, each a collapsible table of fields, with one value column per point of capture
 * (client and server side by side when NAT or a helper changed the packet). Rows that differ between the
 * columns are marked with ≠ and words, not colour alone. ↑/↓ move between the rows of all open layers.
 */
export function LayerTables({ columns, open, onToggle, onPoint, pointed }: LayerTablesProps) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const first = columns[0];
  if (!first) return null;
  const compare = columns.length > 1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const rows = Array.from(root.current?.querySelectorAll<HTMLElement>('[data-field]') ?? []);
    const at = rows.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const next = rows[Math.min(rows.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    e.preventDefault();
    next?.focus();
  };
  // One tab stop for all the fields: the first row of the first open layer; ↑/↓ reach the others.
  const firstField = first.layers.find((l) => open.has(l.id))?.fields[0];
  const tabStop = firstField && fieldKey(firstField);

  return (
    <div className="layers" ref={root} onKeyDown={onKeyDown}>
      {first.layers.map((layer) => {
        const isOpen = open.has(layer.id);
        const panelId = `inspector-layer-${layer.id}`;
        const others = columns.map((c) => c.layers.find((l) => l.id === layer.id));
        return (
          <section key={layer.id} className="layer" aria-label={t(`inspector.layers.${layer.id}`)}>
            <h3 className="layer-heading">
              <button
                type="button"
                aria-expanded={isOpen}
                aria-controls={panelId}
                onClick={() => onToggle(layer.id)}
                onMouseEnter={() => onPoint(layer.id)}
                onMouseLeave={() => onPoint(undefined)}
                onFocus={() => onPoint(layer.id)}
                onBlur={() => onPoint(undefined)}
              >
                <span className="layer-caret" aria-hidden="true">
                  {isOpen ? '▾' : '▸'}
                </span>
                <span className="layer-name">{t(`inspector.layers.${layer.id}`)}</span>
                <span className="layer-summary">
                  {compare
                    ? others.map((l) => (l ? fieldText(l.summary, t) : '—')).join('  ⇄  ')
                    : fieldText(layer.summary, t)}
                </span>
              </button>
            </h3>
            {isOpen && (
              <table id={panelId} className="fields">
                <thead className={compare ? undefined : 'visually-hidden'}>
                  <tr>
                    <th scope="col">{t('inspector.field')}</th>
                    {columns.map((c) => (
                      <th scope="col" key={c.heading}>
                        {compare ? c.heading : t('inspector.value')}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {layer.fields.map((f) => {
                    const key = fieldKey(f);
                    const values = others.map((l) => l?.fields.find((o) => fieldKey(o) === key));
                    const texts = values.map((v) => (v ? fieldText(v.value, t) : '—'));
                    const changed = compare && texts.some((x) => x !== texts[0]);
                    return (
                      <FieldRow
                        key={key}
                        field={f}
                        texts={texts}
                        changed={changed}
                        tabbable={key === tabStop}
                        pointed={pointed === key}
                        onPoint={onPoint}
                      />
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** A field's name; a TLS record's fields name their record (`Record 2: length`). */
export function fieldLabel(field: Pick<Field, 'id' | 'n'>, t: TFunction): string {
  return t(`inspector.fields.${field.id}`, field.n === undefined ? {} : { n: field.n });
}

interface FieldRowProps {
  readonly field: Field;
  readonly texts: readonly string[];
  readonly changed: boolean;
  readonly tabbable: boolean;
  readonly pointed: boolean;
  readonly onPoint: (target: FieldKey | undefined) => void;
}

function FieldRow({ field, texts, changed, tabbable, pointed, onPoint }: FieldRowProps) {
  const { t } = useTranslation();
  const key = fieldKey(field);
  const classes = ['field-row', changed ? 'field-changed' : '', pointed ? 'field-pointed' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <tr className={classes} onMouseEnter={() => onPoint(key)} onMouseLeave={() => onPoint(undefined)}>
      <th
        scope="row"
        data-field={key}
        tabIndex={tabbable ? 0 : -1}
        onFocus={() => onPoint(key)}
        onBlur={() => onPoint(undefined)}
      >
        {fieldLabel(field, t)}
        {changed && (
          <span className="field-changed-mark">
            <span aria-hidden="true"> ≠</span>
            <span className="visually-hidden"> ({t('inspector.changed')})</span>
          </span>
        )}
      </th>
      {texts.map((text, k) => (
        <td key={k}>
          <code>{text}</code>
        </td>
      ))}
    </tr>
  );
}
