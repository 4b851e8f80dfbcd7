/** Inline SVG icons: they render the same everywhere, unlike media-control glyphs that depend on fonts. */
type IconName = 'first' | 'back' | 'play' | 'pause' | 'forward' | 'last';

const PATHS: Readonly<Record<IconName, string>> = {
  first: 'M5 4h2.5v16H5zM20 4v16L8.5 12z',
  back: 'M18 4v16L6 12z',
  play: 'M7 4v16l12-8z',
  pause: 'M6 4h4.5v16H6zM13.5 4H18v16h-4.5z',
  forward: 'M6 4v16l12-8z',
  last: 'M16.5 4H19v16h-2.5zM4 4v16l11.5-8z',
};

export function Icon({ name }: { readonly name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
