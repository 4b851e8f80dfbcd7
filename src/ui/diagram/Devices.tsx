import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { connShortText } from '../narration/localizeParams';
import type { AddressPlan, HostId, Scenario } from '../../engine';
import type { ConnLabel } from '../../store/selectors';
import { routerLines } from './boxNeeds';
import { ClockIcon, HelperIcon, NatIcon, WallIcon } from './icons';
import { textWidth, type Box, type DiagramType } from './layout';
import type { DeviceFeatures, HostSockets, SocketRow } from './scene';

function useConnText(): (label: ConnLabel) => string {
  const { t } = useTranslation();
  return (label) => connShortText(label, t);
}

interface BadgeProps {
  readonly type: DiagramType;
  readonly x: number;
  readonly y: number;
  readonly maxWidth: number;
  readonly kind: 'firewall' | 'helper' | 'nat';
  readonly text: string;
}

/** How much wider bold text (with its wide digits) runs than the plain estimate. */
const BOLD_WIDER = 1.15;

/** A pill with an icon and a word: a setting the device wears (firewall, FTP helper, NAT). */
function Badge({ type, x, y, maxWidth, kind, text }: BadgeProps) {
  const height = type.host.badgeHeight - 4;
  const font = type.font.badge;
  // Bold text, digits included, runs wider than the estimate; a long text gets a smaller size to fit
  // (never below the type's smallest size).
  const natural = textWidth(text, font) * (type.weight.badge >= 600 ? BOLD_WIDER : 1);
  const room = maxWidth - 34;
  const size = natural > room ? Math.max(type.minFont, (font * room) / natural) : font;
  const width = Math.min(maxWidth, natural + 34);
  return (
    <g className={`badge badge-${kind}`}>
      <rect x={x} y={y} width={width} height={height} rx={height / 2} />
      {kind === 'firewall' && <WallIcon x={x + 14} y={y + height / 2} size={0.85} />}
      {kind === 'helper' && <HelperIcon x={x + 14} y={y + height / 2} size={0.85} />}
      {kind === 'nat' && <NatIcon x={x + 14} y={y + height / 2} size={0.85} />}
      <text
        x={x + 26}
        y={y + height / 2 + size * 0.35}
        className="badge-text"
        style={size < font ? { fontSize: `${size.toFixed(1)}px` } : undefined}
      >
        {text}
      </text>
    </g>
  );
}

function useFirewallText(): (
  firewall: NonNullable<DeviceFeatures['firewall']>,
  scenario: Scenario,
) => string {
  const { t } = useTranslation();
  return (firewall, scenario) =>
    t(`diagram.firewall.${firewall}`, {
      min: scenario.server.passivePorts.min,
      max: scenario.server.passivePorts.max,
    });
}

interface HostBoxProps {
  readonly addresses: AddressPlan;
  readonly type: DiagramType;
  readonly box: Box;
  readonly host: HostId;
  readonly scenario: Scenario;
  readonly features: DeviceFeatures;
  readonly sockets: HostSockets;
  readonly focus: boolean;
  readonly timer: boolean;
  /** Reduced motion: socket rows come, move and go at once. */
  readonly reduced: boolean;
  /** Rows kept for badges, the same on both hosts so that their socket lists line up. */
  readonly badgeRows: number;
}

/** A host: its name and address, what it wears, and its sockets at this step. */
export const HostBox = memo(function HostBox({
  type,
  box,
  host,
  scenario,
  addresses,
  features,
  sockets,
  focus,
  timer,
  reduced,
  badgeRows,
}: HostBoxProps) {
  const { t } = useTranslation();
  const firewallText = useFirewallText();
  const ip = addresses[host];
  const badgesTop = box.y + type.host.headerHeight;
  const rowsTop = badgesTop + badgeRows * type.host.badgeHeight + type.host.padding;
  const badges: { kind: BadgeProps['kind']; text: string }[] = [];
  if (features.firewall) badges.push({ kind: 'firewall', text: firewallText(features.firewall, scenario) });
  if (features.helper) badges.push({ kind: 'helper', text: t('diagram.helper') });
  return (
    <g className={`device device-host${focus ? ' is-focus' : ''}`} data-device={host}>
      <rect className="device-frame" x={box.x} y={box.y} width={box.width} height={box.height} rx={10} />
      <text className="device-name" x={box.x + 12} y={box.y + type.host.nameY}>
        {t(`diagram.device.${host}`)}
      </text>
      <text className="device-addr" x={box.x + 12} y={box.y + type.host.addrY}>
        {ip}
      </text>
      {timer && (
        <ClockIcon x={box.x + box.width - 22} y={box.y + 22} size={1.5} className="icon-clock is-alert" />
      )}
      {badges.map((b, i) => (
        <Badge
          key={b.kind}
          type={type}
          x={box.x + 8}
          y={badgesTop + i * type.host.badgeHeight}
          maxWidth={box.width - 16}
          kind={b.kind}
          text={b.text}
        />
      ))}
      <SocketList
        type={type}
        box={box}
        top={rowsTop}
        sockets={sockets}
        rowSeconds={reduced ? 0 : ROW_SECONDS}
      />
    </g>
  );
});

/** How long a socket row takes to slide in, move or fade out. */
const ROW_SECONDS = 0.25;

function SocketList({
  type,
  box,
  top,
  sockets,
  rowSeconds,
}: {
  readonly type: DiagramType;
  readonly box: Box;
  readonly top: number;
  readonly sockets: HostSockets;
  readonly rowSeconds: number;
}) {
  const { t } = useTranslation();
  const rowY = (i: number) => top + i * type.host.socketRowHeight;
  const shown = useRowsLeaving(sockets.rows, rowY, rowSeconds);
  // Rows already there when the diagram appears are simply there; later ones slide in.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
  }, []);
  return (
    <g className="sockets">
      {sockets.rows.length === 0 && (
        <text className="sockets-none" x={box.x + 14} y={top + type.socket.noteY}>
          {t('diagram.sockets.none')}
        </text>
      )}
      {shown.map(({ row, y, leaving }) => (
        <SocketRowGroup
          key={row.key}
          row={row}
          y={y}
          leaving={leaving}
          seconds={rowSeconds}
          mountedRef={mounted}
        >
          <SocketLine type={type} box={box} row={row} />
        </SocketRowGroup>
      ))}
      {sockets.hidden > 0 && (
        <text className="sockets-more" x={box.x + 14} y={rowY(sockets.rows.length) + type.socket.noteY}>
          {t('diagram.sockets.more', { count: sockets.hidden })}
        </text>
      )}
    </g>
  );
}

interface ShownRow {
  readonly row: SocketRow;
  readonly y: number;
  /** No longer the host's: fading out where it was. */
  readonly leaving: boolean;
}

/**
 * The host's rows and, for `seconds` after they go, the rows it no longer has (each where it was), so
 * that they can fade out. With no time to fade (reduced motion) a row goes at once.
 */
function useRowsLeaving(
  rows: readonly SocketRow[],
  rowY: (i: number) => number,
  seconds: number,
): readonly ShownRow[] {
  const [previous, setPrevious] = useState(rows);
  const [leaving, setLeaving] = useState<readonly ShownRow[]>([]);
  if (previous !== rows) {
    // React's pattern for what changed since the last render: set during render, no render in between.
    setPrevious(rows);
    const kept = new Set(rows.map((r) => r.key));
    const gone = previous.flatMap((row, i) =>
      kept.has(row.key) ? [] : [{ row, y: rowY(i), leaving: true }],
    );
    const still = leaving.filter((l) => !kept.has(l.row.key));
    setLeaving(seconds > 0 ? [...still, ...gone] : []);
  }
  useEffect(() => {
    if (leaving.length === 0) return;
    const id = window.setTimeout(() => setLeaving([]), seconds * 1000);
    return () => window.clearTimeout(id);
  }, [leaving, seconds]);
  return [...rows.map((row, i) => ({ row, y: rowY(i), leaving: false })), ...leaving];
}

/** Where a row is drawn: `dx` to the side of its place (sliding in or out), at `y`. */
function rowTransform(dx: number, y: number): string {
  return `translate(${dx}px, ${y}px)`;
}

/**
 * One socket's row, sliding in, moving to its new place and fading out, played by the browser (Web
 * Animations; see webAnimation.ts for why not framer-motion). A row that is leaving is no longer the
 * host's: it is hidden from screen readers and marked `data-leaving` while it fades.
 */
function SocketRowGroup({
  row,
  y,
  leaving,
  seconds,
  mountedRef,
  children,
}: {
  readonly row: SocketRow;
  readonly y: number;
  readonly leaving: boolean;
  readonly seconds: number;
  /** Whether the list was already on screen when this row came (then it slides in). */
  readonly mountedRef: RefObject<boolean>;
  readonly children: ReactNode;
}) {
  const ref = useRef<SVGGElement>(null);
  const opacity = leaving ? 0 : row.state === 'CLOSED' ? 0.55 : 1;
  const before = useRef<{ readonly y: number; readonly opacity: number } | undefined>(undefined);
  const playing = useRef<Animation | undefined>(undefined);
  useLayoutEffect(() => {
    const element = ref.current;
    const was = before.current;
    before.current = { y, opacity };
    if (!element || seconds <= 0 || typeof element.animate !== 'function') return;
    const timing = { duration: seconds * 1000, easing: 'ease-out' };
    const play = (keyframes: Keyframe[]): void => {
      playing.current?.cancel();
      playing.current = element.animate(keyframes, timing);
    };
    if (!was) {
      if (!mountedRef.current) return;
      play([
        { opacity: 0, transform: rowTransform(-12, y) },
        { opacity, transform: rowTransform(0, y) },
      ]);
    } else if (leaving) {
      play([
        { opacity: was.opacity, transform: rowTransform(0, y) },
        { opacity: 0, transform: rowTransform(12, y) },
      ]);
    } else if (was.y !== y || was.opacity !== opacity) {
      play([
        { opacity: was.opacity, transform: rowTransform(0, was.y) },
        { opacity, transform: rowTransform(0, y) },
      ]);
    }
  }, [y, opacity, leaving, seconds, mountedRef]);
  return (
    <g
      ref={ref}
      className={`socket socket-${row.connLabel.kind} socket-${row.state.toLowerCase()}`}
      data-leaving={leaving ? '' : undefined}
      aria-hidden={leaving ? true : undefined}
      style={{ opacity, transform: rowTransform(leaving ? 12 : 0, y) }}
    >
      {children}
    </g>
  );
}

/** Width of a digit, in ems, in the widest of the usual system fonts (DejaVu Sans). */
const DIGIT_EM = 0.64;

function SocketLine({
  type,
  box,
  row,
}: {
  readonly type: DiagramType;
  readonly box: Box;
  readonly row: SocketRow;
}) {
  const connText = useConnText();
  const height = type.host.socketRowHeight - 4;
  const address = row.remote ? `:${row.localPort} → ${row.remote}` : row.local;
  // Long addresses (`:56013 → 203.0.113.2:40007`) get a smaller size so that they stay inside the box;
  // digits run wide in some fonts, hence the generous estimate. A projector's hosts are wide enough for
  // the longest at its smallest size, which is as far as it shrinks.
  const room = box.width - 16 - 14 - 6;
  const fit = Math.max(type.minFont, room / (address.length * DIGIT_EM));
  const addressStyle = fit < type.font.socketAddr ? { fontSize: `${fit.toFixed(1)}px` } : undefined;
  return (
    <>
      <rect className="socket-frame" x={box.x + 8} y={0} width={box.width - 16} height={height} rx={6} />
      <rect className="socket-bar" x={box.x + 8} y={0} width={6} height={height} rx={2} />
      <text className="socket-state" x={box.x + 22} y={type.socket.stateY}>
        {row.state}
      </text>
      <text className="socket-conn" x={box.x + box.width - 16} y={type.socket.stateY} textAnchor="end">
        {connText(row.connLabel)}
      </text>
      <text className="socket-addr" x={box.x + 22} y={type.socket.addrY} style={addressStyle}>
        {address}
      </text>
    </>
  );
}

interface RouterBoxProps {
  readonly addresses: AddressPlan;
  readonly type: DiagramType;
  readonly box: Box;
  readonly side: 'client' | 'server';
  readonly features: DeviceFeatures;
  readonly focus: boolean;
}

/** A router: NAT router or plain router, its two addresses, and the FTP helper when it runs there. */
export const RouterBox = memo(function RouterBox({
  type,
  box,
  side,
  addresses,
  features,
  focus,
}: RouterBoxProps) {
  const { t } = useTranslation();
  const lines = routerLines(side, addresses, t);
  return (
    <g
      className={`device device-router${features.nat ? ' is-nat' : ''}${focus ? ' is-focus' : ''}`}
      data-device={`${side}-router`}
    >
      <rect className="device-frame" x={box.x} y={box.y} width={box.width} height={box.height} rx={10} />
      {features.nat && <NatIcon x={box.x + 18} y={box.y + type.router.nameY - 5} size={1} />}
      <text
        className="device-name router-name"
        x={box.x + (features.nat ? 32 : 12)}
        y={box.y + type.router.nameY}
      >
        {t(features.nat ? 'diagram.device.natRouter' : 'diagram.device.router')}
      </text>
      {lines.map((line, i) => (
        <text
          key={line}
          className="device-addr router-addr"
          x={box.x + 12}
          y={box.y + type.router.addrY + i * type.router.addrStep}
        >
          {line}
        </text>
      ))}
      {features.helper && (
        <Badge
          type={type}
          x={box.x + 8}
          y={box.y + box.height - type.host.badgeHeight - 4}
          maxWidth={box.width - 16}
          kind="helper"
          text={t('diagram.helper')}
        />
      )}
    </g>
  );
});

/** The Internet: a cloud. */
export const CloudBox = memo(function CloudBox({
  box,
  focus,
}: {
  readonly box: Box;
  readonly focus: boolean;
}) {
  const { t } = useTranslation();
  const { x, y, width: w, height: h } = box;
  // A cloud drawn from arcs inside the box.
  const d = [
    `M${x + w * 0.2} ${y + h * 0.85}`,
    `A${h * 0.22} ${h * 0.22} 0 0 1 ${x + w * 0.12} ${y + h * 0.45}`,
    `A${h * 0.28} ${h * 0.28} 0 0 1 ${x + w * 0.36} ${y + h * 0.2}`,
    `A${h * 0.32} ${h * 0.32} 0 0 1 ${x + w * 0.7} ${y + h * 0.18}`,
    `A${h * 0.3} ${h * 0.3} 0 0 1 ${x + w * 0.88} ${y + h * 0.55}`,
    `A${h * 0.2} ${h * 0.2} 0 0 1 ${x + w * 0.8} ${y + h * 0.85}`,
    'Z',
  ].join(' ');
  return (
    <g className={`device device-cloud${focus ? ' is-focus' : ''}`} data-device="internet">
      <path className="device-frame" d={d} />
      <text className="device-name cloud-name" x={x + w / 2} y={y + h * 0.62} textAnchor="middle">
        {t('diagram.device.internet')}
      </text>
    </g>
  );
});
