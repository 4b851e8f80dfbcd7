import { memo, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addressPlan,
  isPacketEvent,
  type AddressPlan,
  type DeviceId,
  type Scenario,
  type StepEvent,
} from '../../engine';
import {
  selectCursor,
  selectEvents,
  selectPresenting,
  selectReducedMotion,
  selectScenario,
  selectSpeed,
} from '../../store/selectors';
import { useSim, type SimState } from '../../store/simStore';
import { useShallow } from 'zustand/react/shallow';
import { formatSeconds } from '../format';
import { STEP_INTERVAL_MS } from '../player/usePlaybackTimer';
import { boxNeeds, deviceWords } from './boxNeeds';
import { CloudBox, HostBox, RouterBox } from './Devices';
import { DiagramFrame, type Camera } from './DiagramFrame';
import { ClockIcon } from './icons';
import {
  boxOf,
  diagramLayout,
  boxCentre,
  fitBoxes,
  progressAt,
  PROJECTOR_TYPE,
  tripKeyframes,
  type DiagramLayout,
  type DiagramType,
} from './layout';
import { Legend } from './Legend';
import { NotesLayer } from './NotesLayer';
import { PacketLayer, PacketRoute, shownStop } from './PacketLayer';
import {
  deviceFeatures,
  diagramScene,
  visibleSockets,
  type DeviceFeatures,
  type Note,
  type Scene,
} from './scene';
import './diagram.css';

/** The longest a packet takes to cross the picture; shorter at higher replay speeds. */
const MAX_TRIP_SECONDS = 0.9;

/** The trip's length: a little over half of a step's time on screen, so the packet arrives before the next step. */
export function tripSeconds(speed: number, reduced: boolean): number {
  if (reduced) return 0;
  return Math.min(MAX_TRIP_SECONDS, (0.6 * STEP_INTERVAL_MS) / 1000 / speed);
}

/** The desk's type stays readable (about 10 px and up) down to this scale; narrower, the frame scrolls. */
const DESK_MIN_SCALE = 0.72;
/** A projector's type is sized for 1:1 (18 px and up at 1280×720): never drawn smaller. */
const PROJECTOR_MIN_SCALE = 1;

/**
 * Where a scrolling frame's camera looks during a step: along the packet's trip (or where it waits), or
 * at the device the step is about. Undefined: the step happens nowhere in particular; the camera stays.
 */
export function camera(layout: DiagramLayout, scene: Scene, duration: number): Camera | undefined {
  const packet = scene.packet;
  if (packet) {
    const points = tripKeyframes(layout, packet.path, shownStop(packet)).marker;
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last) {
      const travel = packet.motion.kind === 'travel';
      return { from: travel ? first.x : last.x, to: last.x, duration: travel ? duration : 0 };
    }
  }
  if (scene.focus) {
    const x = boxCentre(layout, scene.focus).x;
    return { from: x, to: x, duration: 0 };
  }
  return undefined;
}

const selectShownStep = (s: SimState) => ({
  scenario: selectScenario(s),
  events: selectEvents(s),
  cursor: selectCursor(s),
});

/** The network diagram of the store's current scenario at the current step. */
export function NetworkDiagram() {
  // The step's narration and player move in the step's own task; the picture follows in a render of its
  // own, which React splits into short slices (a slow phone's first step of a replay drew everything in
  // one long task). The three together, so that a new session never meets an old step.
  const { scenario, events, cursor } = useDeferredValue(useSim(useShallow(selectShownStep)));
  const speed = useSim(selectSpeed);
  const reducedInApp = useSim(selectReducedMotion);
  const presenting = useSim(selectPresenting);
  return (
    <NetworkDiagramView
      scenario={scenario}
      events={events}
      cursor={cursor}
      speed={speed}
      reduceMotion={reducedInApp}
      presenting={presenting}
    />
  );
}

export interface NetworkDiagramViewProps {
  readonly scenario: Scenario;
  readonly events: readonly StepEvent[];
  readonly cursor: number;
  /** Replay speed (1 = normal): trips get shorter as it rises. */
  readonly speed?: number;
  /** The app's own "reduce motion" choice; the system's setting is honoured as well. */
  readonly reduceMotion?: boolean;
  /** Presentation mode: a projector's type sizes (the horizontal layout only; see layout.ts). */
  readonly presenting?: boolean;
  /**
   * Only the picture, without its heading, clock and legend (a view showing two diagrams side by side
   * says those once for both).
   */
  readonly bare?: boolean;
  /** What tells this diagram from another on the same page (a mode): added to its heading. */
  readonly name?: string;
}

/**
 * The diagram for any scenario, events and step (the simulator passes the store's; a comparison view can
 * pass its own). Everything it draws comes from the engine's events through `scene.ts`. Memoized: the
 * step's urgent render, which still passes the step before, leaves it alone.
 */
export const NetworkDiagramView = memo(function NetworkDiagramView({
  scenario,
  events,
  cursor,
  speed = 1,
  reduceMotion = false,
  presenting = false,
  bare = false,
  name,
}: NetworkDiagramViewProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc`, hatch: `${id}-hatch`, heading: `${id}-heading` };
  // Left to right, as textbooks draw the path, on every screen: where it does not fit, its frame scrolls.
  const orientation = 'horizontal';
  const features = useMemo(() => deviceFeatures(scenario), [scenario]);
  const addresses = useMemo(() => addressPlan(scenario), [scenario]);
  // Bare (two diagrams side by side): a projector's picture a little lower, for the narrations under it.
  // Each box as wide as its words (a long name, an IPv6 address), in the page's language.
  const base = diagramLayout(orientation, badgeRows(features), presenting, bare);
  const layout = useMemo(
    () => fitBoxes(base, boxNeeds(deviceWords(addresses, features, t), base.type)),
    [base, addresses, features, t],
  );
  const systemReduces = useSim((s) => s.systemReducesMotion);
  const reduced = reduceMotion || systemReduces;
  const duration = tripSeconds(speed, reduced);

  const scene = useMemo(() => diagramScene(events, cursor, scenario), [events, cursor, scenario]);
  const arrived = useArrival(cursor, duration);
  const socketsNow = useMemo(
    () => visibleSockets(events, cursor, layout.socketRows),
    [events, cursor, layout],
  );
  const socketsBefore = useMemo(
    () => visibleSockets(events, Math.max(0, cursor - 1), layout.socketRows),
    [events, cursor, layout],
  );
  // The receiving host's sockets change when the packet gets there, not when it leaves its sender.
  const receiver =
    scene.packet?.motion.kind === 'travel' && scene.packet.fate === 'delivered'
      ? scene.packet.stopsAt
      : undefined;
  const sockets = {
    client: receiver === 'client' && !arrived ? socketsBefore.client : socketsNow.client,
    server: receiver === 'server' && !arrived ? socketsBefore.server : socketsNow.server,
  };
  const description = useMemo(
    () => t('diagram.desc', { devices: describeDevices(scenario, addresses, features, t) }),
    [scenario, addresses, features, t],
  );
  const event = events[cursor];
  const retransmission = scene.packet?.retransmission ?? 0;
  const mostRetries = useMemo(() => mostRetransmissions(events), [events]);
  const delayOf = (note: Note) => noteDelay(layout, scene, note, duration);

  return (
    <section
      className="diagram"
      aria-labelledby={ids.heading}
      data-orientation={orientation}
      data-bare={bare || undefined}
    >
      <div className={bare ? 'visually-hidden' : 'diagram-head'}>
        <h2 id={ids.heading}>{name ? t('diagram.headingOf', { name }) : t('diagram.heading')}</h2>
        {event && (
          <p className="diagram-clock">
            <svg
              className="diagram-clock-icon"
              viewBox="-9 -9 18 18"
              width={22}
              height={22}
              aria-hidden="true"
              focusable="false"
            >
              <ClockIcon />
            </svg>
            <span className="visually-hidden">{t('diagram.clock.label')}: </span>
            <span className="diagram-clock-time">
              {t('diagram.clock.value', { value: formatSeconds(event.at, i18n.language) })}
            </span>
            {retransmission > 0 ? (
              <span className="diagram-retry">{t('diagram.clock.retry', { n: retransmission })}</span>
            ) : (
              // A session with retries keeps the counter's room: the heading wraps the same way at
              // every step, and the picture under it keeps its size.
              mostRetries > 0 && (
                <span
                  className="diagram-retry keeps-room"
                  data-words={t('diagram.clock.retry', { n: mostRetries })}
                  aria-hidden="true"
                />
              )
            )}
          </p>
        )}
        {!bare && (
          <details className="diagram-legend-toggle">
            <summary>{t('diagram.legend.toggle')}</summary>
            <Legend hatchId={ids.hatch} />
          </details>
        )}
      </div>
      <DiagramFrame
        width={layout.width}
        height={layout.height}
        minScale={layout.type === PROJECTOR_TYPE ? PROJECTOR_MIN_SCALE : DESK_MIN_SCALE}
        camera={camera(layout, scene, duration)}
        cameraKey={cursor}
        scrollLabel={t('diagram.frame')}
      >
        {(size) => (
          <svg
            className="diagram-svg"
            data-type={layout.type === PROJECTOR_TYPE ? 'projector' : 'desk'}
            style={typeStyle(layout.type)}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            width={size?.width}
            height={size?.height}
            role="img"
            aria-labelledby={`${ids.title} ${ids.desc}`}
          >
            <title id={ids.title}>{t('diagram.title')}</title>
            <desc id={ids.desc}>{description}</desc>
            <defs>
              <pattern
                id={ids.hatch}
                width={5}
                height={5}
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect className="hatch-bg" width={5} height={5} />
                <rect className="hatch-line" width={2} height={5} />
              </pattern>
            </defs>
            <g className="links">
              {layout.links.map((l) => (
                <line
                  key={`${l.from}-${l.to}`}
                  className="link"
                  x1={l.start.x}
                  y1={l.start.y}
                  x2={l.end.x}
                  y2={l.end.y}
                />
              ))}
            </g>
            {scene.packet && <PacketRoute layout={layout} packet={scene.packet} />}
            <Boxes
              layout={layout}
              scenario={scenario}
              addresses={addresses}
              features={features}
              scene={scene}
              sockets={sockets}
              reduced={reduced}
            />
            <NotesLayer layout={layout} notes={scene.notes} stepKey={cursor} delayOf={delayOf} />
            {scene.packet && (
              <PacketLayer
                layout={layout}
                packet={scene.packet}
                stepKey={cursor}
                hatchId={ids.hatch}
                duration={duration}
              />
            )}
          </svg>
        )}
      </DiagramFrame>
    </section>
  );
});

/**
 * The type sizes as CSS custom properties on the SVG, for diagram.css: the sizes the layout fitted the
 * text with are the sizes it is drawn at.
 */
function typeStyle(type: DiagramType): React.CSSProperties {
  const { font, weight } = type;
  const px = (n: number) => `${n}px`;
  return {
    '--diagram-font-name': px(font.name),
    '--diagram-font-router-name': px(font.routerName),
    '--diagram-font-cloud-name': px(font.cloudName),
    '--diagram-font-addr': px(font.addr),
    '--diagram-font-router-addr': px(font.routerAddr),
    '--diagram-font-badge': px(font.badge),
    '--diagram-font-socket-state': px(font.socketState),
    '--diagram-font-socket-conn': px(font.socketConn),
    '--diagram-font-socket-addr': px(font.socketAddr),
    '--diagram-font-socket-note': px(font.socketNote),
    '--diagram-font-label': px(font.label),
    '--diagram-font-tag': px(font.tag),
    '--diagram-font-note': px(font.note),
    '--diagram-weight-badge': String(weight.badge),
    '--diagram-weight-socket-conn': String(weight.socketConn),
  } as React.CSSProperties;
}

/** Whether the current step's trip is over: false for `duration` seconds after each step change. */
function useArrival(step: number, duration: number): boolean {
  // Each change of step is a trip of its own (a new object), even back to a step seen a moment ago: the
  // one that arrived is kept, and a new trip has not arrived yet. Nothing is reset during render, which
  // would render the whole diagram a second time at every step.
  const trip = useMemo(() => ({ step }), [step]);
  const [arrived, setArrived] = useState<typeof trip | undefined>(undefined);
  useEffect(() => {
    if (duration === 0) return;
    const id = window.setTimeout(() => setArrived(trip), duration * 1000);
    return () => window.clearTimeout(id);
  }, [trip, duration]);
  return duration === 0 || arrived === trip;
}

/** The most times the session sends one segment again. */
function mostRetransmissions(events: readonly StepEvent[]): number {
  let most = 0;
  for (const e of events) if (isPacketEvent(e)) most = Math.max(most, e.packet.retransmission);
  return most;
}

/** The badges the busier host wears (firewall, FTP helper): both hosts keep that many rows. */
function badgeRows(features: Readonly<Record<DeviceId, DeviceFeatures>>): number {
  const count = (f: DeviceFeatures) => (f.firewall ? 1 : 0) + (f.helper ? 1 : 0);
  return Math.max(count(features.client), count(features.server));
}

/** A note about a device on the packet's way shows once the packet gets there. */
function noteDelay(layout: DiagramLayout, scene: Scene, note: Note, duration: number): number {
  const packet = scene.packet;
  if (!packet || packet.motion.kind !== 'travel' || duration === 0) return 0;
  if (note.kind === 'dropped' || note.kind === 'refused') return duration;
  return duration * progressAt(layout, packet.path, packet.stopsAt, note.device);
}

function Boxes({
  layout,
  scenario,
  addresses,
  features,
  scene,
  sockets,
  reduced,
}: {
  readonly layout: DiagramLayout;
  readonly scenario: Scenario;
  readonly addresses: AddressPlan;
  readonly features: Readonly<Record<DeviceId, DeviceFeatures>>;
  readonly scene: Scene;
  readonly sockets: ReturnType<typeof visibleSockets>;
  readonly reduced: boolean;
}) {
  const timerAt = scene.notes.find((n) => n.kind === 'timer')?.device;
  return (
    <g className="devices">
      {(['client', 'server'] as const).map((host) => (
        <HostBox
          key={host}
          type={layout.type}
          box={boxOf(layout, host)}
          host={host}
          scenario={scenario}
          addresses={addresses}
          features={features[host]}
          sockets={sockets[host]}
          focus={scene.focus === host}
          timer={timerAt === host}
          reduced={reduced}
          badgeRows={layout.badgeRows}
        />
      ))}
      {(['client', 'server'] as const).map((side) => (
        <RouterBox
          key={side}
          type={layout.type}
          box={boxOf(layout, `${side}-router`)}
          side={side}
          addresses={addresses}
          features={features[`${side}-router`]}
          focus={scene.focus === `${side}-router`}
        />
      ))}
      <CloudBox box={boxOf(layout, 'internet')} focus={scene.focus === 'internet'} />
    </g>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

/** The topology in words, for the SVG's description: each device with its address and settings. */
export function describeDevices(
  scenario: Scenario,
  addresses: AddressPlan,
  features: Readonly<Record<DeviceId, DeviceFeatures>>,
  t: T,
): string {
  const extras = (f: DeviceFeatures): string[] => [
    ...(f.nat ? [t('diagram.describe.nat')] : []),
    ...(f.firewall
      ? [
          t('diagram.describe.firewall', {
            value: t(`diagram.firewall.${f.firewall}`, {
              min: scenario.server.passivePorts.min,
              max: scenario.server.passivePorts.max,
            }),
          }),
        ]
      : []),
    ...(f.helper ? [t('diagram.describe.helper')] : []),
  ];
  const phrase = (base: string, f: DeviceFeatures) => [base, ...extras(f)].join(', ');
  return [
    phrase(t('diagram.describe.client', { ip: addresses.client }), features.client),
    phrase(
      t('diagram.describe.clientRouter', {
        lan: addresses.clientRouter.lan,
        wan: addresses.clientRouter.wan,
      }),
      features['client-router'],
    ),
    t('diagram.describe.internet'),
    phrase(
      t('diagram.describe.serverRouter', {
        lan: addresses.serverRouter.lan,
        wan: addresses.serverRouter.wan,
      }),
      features['server-router'],
    ),
    phrase(t('diagram.describe.server', { ip: addresses.server }), features.server),
  ].join('; ');
}
