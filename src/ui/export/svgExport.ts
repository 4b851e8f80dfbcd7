/**
 * The ladder diagram as a standalone SVG file: the header (legend, lane titles) stacked over the diagram,
 * on a white background, with the page's font written into an embedded style. Colours, strokes and dash
 * patterns are already presentation attributes on the drawing (ui/ladder/theme.ts), so nothing else
 * depends on the page's CSS.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface LadderSvgParts {
  readonly header: SVGSVGElement;
  readonly body: SVGSVGElement;
}

export interface SerializeOptions {
  /** Text of the file's <title>. */
  readonly title: string;
  /** The font the page uses (getComputedStyle(svg).fontFamily); a system font stack otherwise. */
  readonly fontFamily?: string;
  readonly background?: string;
}

export interface SerializedSvg {
  readonly markup: string;
  readonly width: number;
  readonly height: number;
}

export const FALLBACK_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";

/** Width and height from an SVG's viewBox (`0 0 w h`). */
export function viewBoxSize(svg: Element): { width: number; height: number } {
  const parts = (svg.getAttribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = parts[2];
  const height = parts[3];
  if (width === undefined || height === undefined || !(width > 0) || !(height >= 0))
    throw new Error(`SVG without a usable viewBox: ${svg.getAttribute('viewBox') ?? '(none)'}`);
  return { width, height };
}

/** Strips what a CSS font-family value could use to break out of the embedded style. */
function safeFontFamily(value: string | undefined): string {
  const cleaned = (value ?? '').replace(/[<>{};\\]/g, '').trim();
  return cleaned || FALLBACK_FONT;
}

/** The whole ladder as one SVG document (UTF-8 text with an XML declaration). */
export function serializeLadderSvg(parts: LadderSvgParts, options: SerializeOptions): SerializedSvg {
  const doc = parts.body.ownerDocument;
  const head = viewBoxSize(parts.header);
  const body = viewBoxSize(parts.body);
  const width = Math.max(head.width, body.width);
  const height = head.height + body.height;

  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');

  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = options.title;
  svg.appendChild(title);

  const style = doc.createElementNS(SVG_NS, 'style');
  style.textContent = `text { font-family: ${safeFontFamily(options.fontFamily)}; }`;
  svg.appendChild(style);

  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(height));
  background.setAttribute('fill', options.background ?? '#ffffff');
  svg.appendChild(background);

  const top = doc.createElementNS(SVG_NS, 'g');
  for (const child of Array.from(parts.header.childNodes)) top.appendChild(child.cloneNode(true));
  svg.appendChild(top);

  const bottom = doc.createElementNS(SVG_NS, 'g');
  bottom.setAttribute('transform', `translate(0 ${head.height})`);
  for (const child of Array.from(parts.body.childNodes)) bottom.appendChild(child.cloneNode(true));
  svg.appendChild(bottom);

  // React writes `style="font-variant-numeric: tabular-nums"` on the times: keep it, it is valid SVG CSS.
  const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
  return { markup, width, height };
}

/** Browsers cap a canvas at 32767 px a side and about 268 million pixels: scale down to fit when needed. */
export const MAX_CANVAS_SIDE = 32_767;
export const MAX_CANVAS_AREA = 268_000_000;

export function pngScale(width: number, height: number, wanted = 2): number {
  const bySide = MAX_CANVAS_SIDE / Math.max(width, height, 1);
  const byArea = Math.sqrt(MAX_CANVAS_AREA / Math.max(width * height, 1));
  // Rounded down, so that the canvas is never a pixel over the limit.
  return Math.floor(Math.min(wanted, bySide, byArea) * 1000) / 1000;
}
