import type { TFunction } from 'i18next';
import type { FieldValue } from './packetLayers';

/** A field's value for display: protocol notation as is, words through the catalog. */
export function fieldText(value: FieldValue, t: TFunction): string {
  return 'text' in value ? value.text : t(value.key, value.params ?? {});
}
