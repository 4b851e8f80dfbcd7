import type { TFunction } from 'i18next';
import type { Narration, StepEvent } from '../../engine';
import { connLabel, type ConnLabel } from '../../store/selectors';

type Params = Narration['params'];

/** Params that hold a device id (`client-router`) rather than text. */
const DEVICE_PARAMS = ['device', 'sender', 'host'] as const;

/** A connection's short name for tags and labels: "control", "data #1" / "datos n.º 1". */
export function connShortText(label: ConnLabel, t: TFunction): string {
  if (label.kind === 'data') return t('connShort.data', { k: label.k });
  if (label.kind === 'control') return t('connShort.control');
  return t('connShort.none');
}

/** `data-1` → "data connection #1" / "la conexión de datos n.º 1"; `control` → "the control connection". */
export function connPhrase(conn: string, t: TFunction): string {
  const label = connLabel(conn);
  if (label.kind === 'data') return t('conn.data', { k: label.k });
  if (label.kind === 'control') return t('conn.control');
  return conn;
}

/**
 * The engine's narration params with its ids in words of the current language: device ids become
 * "the client's router", connection ids "data connection #1". Everything else (addresses, ports, reply
 * texts, iptables rules) is protocol notation and stays as it is.
 */
export function localizeParams(params: Params, t: TFunction): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  for (const name of DEVICE_PARAMS) {
    const id = out[name];
    if (typeof id === 'string') out[name] = t(`devices.${id}`, { defaultValue: id });
  }
  if (typeof out.conn === 'string') out.conn = connPhrase(out.conn, t);
  return out;
}

/** The narration sentence of one event, in the current language. */
export function narrationText(event: Pick<StepEvent, 'narration'>, t: TFunction): string {
  return t(event.narration.key, localizeParams(event.narration.params, t));
}
