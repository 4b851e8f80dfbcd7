/**
 * Small SVG glyphs drawn in a 16 × 16 box centred on (0, 0), for use inside the diagram's SVG (and in the
 * legend's own little SVGs). Drawn, not font characters, so they look the same on every system. Each one
 * sits beside a word: the icon is a second cue, never the only one.
 */

interface IconProps {
  readonly x?: number;
  readonly y?: number;
  /** Scale: 1 is 16 units. */
  readonly size?: number;
  readonly className?: string;
}

function place({ x = 0, y = 0, size = 1 }: IconProps): string {
  return `translate(${x} ${y}) scale(${size})`;
}

/** A brick wall: the firewall. */
export function WallIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-wall'} aria-hidden="true">
      <rect x={-8} y={-7} width={16} height={14} rx={1.5} />
      <path d="M-8 -2.3h16M-8 2.3h16M-3 -7v4.7M4 -7v4.7M0 -2.3v4.6M-5 2.3v4.7M3 2.3v4.7" />
    </g>
  );
}

/** A magnifying glass: the FTP helper reads the control connection. */
export function HelperIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-helper'} aria-hidden="true">
      <circle cx={-1.5} cy={-1.5} r={5} />
      <path d="M2.2 2.2L7 7" />
    </g>
  );
}

/** Two opposed arrows: an address rewritten. */
export function NatIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-nat'} aria-hidden="true">
      <path d="M-7 -3h13M3 -6.5l3.5 3.5-3.5 3.5M7 3h-13M-3 -0.5l-3.5 3.5 3.5 3.5" />
    </g>
  );
}

/** A clock face: a timer. */
export function ClockIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-clock'} aria-hidden="true">
      <circle r={7} />
      <path d="M0 -4.5V0l3 2" />
    </g>
  );
}

/** A tick in a circle: accepted. */
export function AcceptIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-accept'} aria-hidden="true">
      <circle r={7.5} />
      <path d="M-3.8 0.2l2.6 2.8 5-5.6" />
    </g>
  );
}

/** A cross in a circle: dropped. */
export function DropIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-drop'} aria-hidden="true">
      <circle r={7.5} />
      <path d="M-3.2 -3.2l6.4 6.4M3.2 -3.2l-6.4 6.4" />
    </g>
  );
}

/** A circled question mark: a captured packet nothing answered (whether it arrived is unknown). */
export function UnansweredIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-unanswered'} aria-hidden="true">
      <circle r={7.5} />
      <path d="M-2.6 -2.4a2.6 2.6 0 1 1 3.4 2.5c-.8.3-.8 1-.8 1.6M0 4.4v.2" />
    </g>
  );
}

/** A stop sign with "RST" (or, on a projector, a bar): refused. */
export function RstIcon(props: IconProps) {
  return (
    <g transform={place(props)} className={props.className ?? 'icon-rst'} aria-hidden="true">
      <path d="M-3.3 -8h6.6L8 -3.3v6.6L3.3 8h-6.6L-8 3.3v-6.6z" />
      <text y={2.6} textAnchor="middle">
        RST
      </text>
      {/* Shown instead of the letters where they would be too small to read (diagram.css). */}
      <path className="icon-rst-bar" d="M-4.5 0h9" />
    </g>
  );
}

/** The control connection's packet: a rounded square. */
export function ControlMarker(props: IconProps) {
  return (
    <g transform={place(props)} className="marker marker-control" aria-hidden="true">
      <rect x={-9} y={-9} width={18} height={18} rx={4} />
    </g>
  );
}

/** A data connection's packet: a hatched diamond. */
export function DataMarker(props: IconProps & { readonly hatchId: string }) {
  return (
    <g transform={place(props)} className="marker marker-data" aria-hidden="true">
      <path d="M0 -11L11 0 0 11-11 0z" fill={`url(#${props.hatchId})`} />
    </g>
  );
}
