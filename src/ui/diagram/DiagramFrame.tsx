import { useEffect, useRef, useState, type ReactNode } from 'react';
import { prefersReducedMotion } from '../reducedMotion';

/** Where the camera looks during a step, in the picture's units along its width: from → to over `duration` s. */
export interface Camera {
  readonly from: number;
  readonly to: number;
  readonly duration: number;
}

export interface DiagramFrameProps {
  /** The picture's size in its own units (the SVG's viewBox). */
  readonly width: number;
  readonly height: number;
  /**
   * The smallest scale the picture may be drawn at whole (its type gets too small below it): narrower
   * than that, it is drawn at the frame's height instead and scrolls sideways, the camera following
   * the step.
   */
  readonly minScale: number;
  /** The largest scale (a big screen has room for more; type grows with it up to here). */
  readonly maxScale?: number;
  /** Where the current step happens; `cameraKey` changes with the step. */
  readonly camera: Camera | undefined;
  readonly cameraKey: number;
  /** The frame's name when it scrolls (it is then a focusable group, so keys can scroll it too). */
  readonly scrollLabel: string;
  /** The picture, drawn at the size given (undefined until the frame has been measured). */
  readonly children: (size: { readonly width: number; readonly height: number } | undefined) => ReactNode;
}

interface Box {
  readonly width: number;
  readonly height: number;
}

/** How the picture is drawn in a frame of `box`: whole (fit) or at the frame's height, scrolling. */
export function frameScale(
  picture: Box,
  box: Box,
  minScale: number,
  maxScale: number,
): { readonly scale: number; readonly scroll: boolean } {
  const fit = Math.min(box.width / picture.width, box.height / picture.height);
  if (fit >= minScale) return { scale: Math.min(fit, maxScale), scroll: false };
  return {
    scale: Math.min(maxScale, Math.max(minScale, box.height / picture.height)),
    scroll: true,
  };
}

/** The scroll position that puts `x` (picture units) in the middle of the frame, within the scroll range. */
export function centredScroll(x: number, scale: number, frameWidth: number, pictureWidth: number): number {
  const max = Math.max(0, pictureWidth * scale - frameWidth);
  return Math.min(max, Math.max(0, x * scale - frameWidth / 2));
}

/**
 * A frame that gives a picture (the network diagram) the room it has: drawn whole when that keeps its
 * type readable, or else at the frame's height in a sideways-scrolling frame whose camera follows the
 * step (the packet on its way, the device a note is about). A touch, a wheel or a key in the frame
 * stops the camera until the next step. With reduced motion the camera jumps.
 */
export function DiagramFrame({
  width,
  height,
  minScale,
  maxScale = 2,
  camera,
  cameraKey,
  scrollLabel,
  children,
}: DiagramFrameProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Box | undefined>(undefined);

  useEffect(() => {
    const element = frame.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      const size = entry?.contentBoxSize?.[0];
      if (!size) return;
      const next = { width: Math.floor(size.inlineSize), height: Math.floor(size.blockSize) };
      setBox((b) => (b && b.width === next.width && b.height === next.height ? b : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const shown =
    box && box.width > 0 && box.height > 0
      ? frameScale({ width, height }, box, minScale, maxScale)
      : undefined;
  const scroll = shown?.scroll ?? false;
  const scale = shown?.scale;

  // The camera: one move per step, from where the step starts to where it ends. The frame's width is the
  // observer's (reading clientWidth here, just after React's changes, would force a layout of the page),
  // and the scrolling starts in the next frame, whose layout is due anyway (for the same reason).
  const frameWidth = box?.width;
  const from = camera?.from;
  const to = camera?.to;
  const duration = camera?.duration ?? 0;
  useEffect(() => {
    const element = frame.current;
    if (!element || !scroll || scale === undefined || frameWidth === undefined) return;
    if (from === undefined || to === undefined) return;
    const at = (x: number) => centredScroll(x, scale, frameWidth, width);
    const end = at(to);
    const jump = duration <= 0 || prefersReducedMotion();
    const start = jump ? end : at(from);
    const began = performance.now();
    let raf = 0;
    const move = (now: number): void => {
      const progress = jump ? 1 : Math.min(1, Math.max(0, (now - began) / (duration * 1000)));
      element.scrollLeft = start + (end - start) * progress;
      if (progress < 1) raf = requestAnimationFrame(move);
    };
    raf = requestAnimationFrame(move);
    const stop = (): void => cancelAnimationFrame(raf);
    element.addEventListener('pointerdown', stop);
    element.addEventListener('wheel', stop, { passive: true });
    element.addEventListener('keydown', stop);
    return () => {
      stop();
      element.removeEventListener('pointerdown', stop);
      element.removeEventListener('wheel', stop);
      element.removeEventListener('keydown', stop);
    };
  }, [cameraKey, scroll, scale, frameWidth, width, from, to, duration]);

  const size = scale === undefined ? undefined : { width: width * scale, height: height * scale };
  return (
    <div
      ref={frame}
      className="diagram-frame"
      data-scroll={scroll || undefined}
      // A scrolling box must be reachable by keyboard (WCAG 2.1.1); only then is it a named group.
      {...(scroll ? { tabIndex: 0, role: 'group', 'aria-label': scrollLabel } : {})}
    >
      {children(size)}
    </div>
  );
}
