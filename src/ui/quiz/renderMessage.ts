import type { TFunction } from 'i18next';
import type { Message } from '../../quiz';
import { localizeParams } from '../narration/localizeParams';

/**
 * A quiz message in the current language. Params that are messages themselves (a device, an option, a
 * whole move) are translated first; plain params go through the narration's `localizeParams`, so the
 * engine's own narration (device and connection ids) reads exactly as in the simulator.
 */
export function renderMessage(m: Message, t: TFunction): string {
  const plain: Record<string, string | number> = {};
  const nested: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.params)) {
    if (typeof value === 'object') nested[name] = renderMessage(value, t);
    else plain[name] = value;
  }
  return t(m.key, { ...localizeParams(plain, t), ...nested });
}
