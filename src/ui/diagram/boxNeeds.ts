import type { TFunction } from 'i18next';
import type { AddressPlan, DeviceFeatures, DeviceId } from '../../engine';
import type { DiagramType } from './layout';

/** The words a host's or a router's box shows: its name, and its address lines. */
export interface DeviceWords {
  readonly kind: 'host' | 'router';
  readonly name: string;
  readonly lines: readonly string[];
  /** A NAT router's name sits after its icon. */
  readonly nat?: boolean;
  /** A host's widest socket line in this scenario (its type shrinks to fit, down to the type's least). */
  readonly socket?: string;
}

/** A router's two addresses, the LAN side facing its own host: first on the client's side, last on the server's. */
export function routerLines(side: 'client' | 'server', addresses: AddressPlan, t: TFunction): string[] {
  const router = side === 'client' ? addresses.clientRouter : addresses.serverRouter;
  const lan = t('diagram.device.lan', { ip: router.lan });
  const wan = t('diagram.device.wan', { ip: router.wan });
  return side === 'client' ? [lan, wan] : [wan, lan];
}

/** What each host's and router's box says, as the diagram draws it (Devices.tsx). */
export function deviceWords(
  addresses: AddressPlan,
  features: Readonly<Record<DeviceId, DeviceFeatures>>,
  t: TFunction,
): Partial<Record<DeviceId, DeviceWords>> {
  const router = (side: 'client' | 'server'): DeviceWords => {
    const nat = features[`${side}-router`].nat;
    return {
      kind: 'router',
      name: t(nat ? 'diagram.device.natRouter' : 'diagram.device.router'),
      lines: routerLines(side, addresses, t),
      nat,
    };
  };
  // A socket row's widest address: a port, then the longest address in the plan with its port (NAT shows
  // a host the other side's public address, so any of them).
  const all = [
    addresses.client,
    addresses.server,
    ...Object.values(addresses.clientRouter),
    ...Object.values(addresses.serverRouter),
  ];
  const longest = all.reduce((a, b) => (b.length > a.length ? b : a), '');
  // An IPv6 address is written in brackets before its port ([2001:db8:1::10]:56013).
  const socket = `:00000 → ${longest.includes(':') ? `[${longest}]` : longest}:00000`;
  return {
    client: { kind: 'host', name: t('diagram.device.client'), lines: [addresses.client], socket },
    'client-router': router('client'),
    'server-router': router('server'),
    server: { kind: 'host', name: t('diagram.device.server'), lines: [addresses.server], socket },
  };
}

/**
 * A character's width in ems, as DejaVu Sans (Debian's sans-serif, the widest of the usual system fonts)
 * sets it: addresses are digits, dots and colons (IPv6), names mostly letters (estimated on the wide side).
 */
function charEm(c: string): number {
  if (/[0-9]/.test(c)) return 0.636;
  if (c === '.' || c === ' ') return 0.318;
  if (c === ':') return 0.337;
  if (c === '→') return 0.838;
  if (/[mwMW]/.test(c)) return 0.98;
  if (/[A-Z]/.test(c)) return 0.74;
  if (/[il|!,;]/.test(c)) return 0.3;
  return 0.62;
}

/** How much wider bold type runs than regular. */
const BOLD_WIDER = 1.12;

/** An estimate of `text`'s width at `size` (user units); no DOM to measure, so never short. */
export function wordsWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  for (const c of text) ems += charEm(c);
  return ems * size * (bold ? BOLD_WIDER : 1);
}

/**
 * A host's name and address start 12 units in; its name leaves room for the timer's clock on the right.
 * A socket row's address starts 22 units in and keeps 14 clear of the box's right edge (Devices.tsx).
 */
const HOST = { inset: 12, right: 12, clock: 34, socketInset: 22, socketRight: 14 } as const;
/** A router's words start 12 units in (32 after a NAT icon). */
const ROUTER = { inset: 12, natInset: 32, right: 12 } as const;

/**
 * How wide each host's and router's box must be for its name and addresses, in user units (the layout
 * widens a box that is narrower: fitBoxes). Socket rows and badges shrink their type to fit instead.
 */
export function boxNeeds(
  words: Partial<Record<DeviceId, DeviceWords>>,
  type: DiagramType,
): Partial<Record<DeviceId, number>> {
  const need: Partial<Record<DeviceId, number>> = {};
  for (const [id, w] of Object.entries(words) as [DeviceId, DeviceWords][]) {
    if (w.kind === 'host') {
      need[id] = Math.max(
        HOST.inset + wordsWidth(w.name, type.font.name, true) + HOST.clock,
        ...w.lines.map((line) => HOST.inset + wordsWidth(line, type.font.addr) + HOST.right),
        w.socket && type.minFont > 0
          ? HOST.socketInset +
              wordsWidth(w.socket, Math.min(type.minFont, type.font.socketAddr)) +
              HOST.socketRight
          : 0,
      );
    } else {
      need[id] = Math.max(
        (w.nat ? ROUTER.natInset : ROUTER.inset) +
          wordsWidth(w.name, type.font.routerName, true) +
          ROUTER.right,
        ...w.lines.map((line) => ROUTER.inset + wordsWidth(line, type.font.routerAddr) + ROUTER.right),
      );
    }
  }
  return need;
}
