import type { VirtualTime } from './virtualTime';

/**
 * The simulation's one clock and queue: timed inputs, delivered in order of virtual time and, at equal
 * times, in the order they were scheduled, so ties are deterministic. The clock only moves forward:
 * scheduling an input in the past is a programmer error.
 */
export interface Agenda<I> {
  now: VirtualTime;
  /** A binary min-heap on (at, seq). */
  readonly heap: Scheduled<I>[];
  nextSeq: number;
}

export interface Scheduled<I> {
  readonly at: VirtualTime;
  readonly seq: number;
  readonly input: I;
}

export function createAgenda<I>(start: VirtualTime): Agenda<I> {
  return { now: start, heap: [], nextSeq: 0 };
}

export function schedule<I>(agenda: Agenda<I>, at: VirtualTime, input: I): void {
  if (at < agenda.now)
    throw new Error(`The clock refuses to go back: ${at} µs scheduled at ${agenda.now} µs`);
  const heap = agenda.heap;
  heap.push({ at, seq: agenda.nextSeq++, input });
  for (let i = heap.length - 1; i > 0;) {
    const parent = (i - 1) >> 1;
    if (!earlier(heap[i] as Scheduled<I>, heap[parent] as Scheduled<I>)) break;
    swap(heap, i, parent);
    i = parent;
  }
}

/** The next input, with the clock moved to its time; undefined when nothing is left. */
export function takeNext<I>(agenda: Agenda<I>): Scheduled<I> | undefined {
  const heap = agenda.heap;
  const first = heap[0];
  if (!first) return undefined;
  const last = heap.pop() as Scheduled<I>;
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(heap);
  }
  agenda.now = first.at;
  return first;
}

function siftDown<I>(heap: Scheduled<I>[]): void {
  for (let i = 0; ;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let min = i;
    if (l < heap.length && earlier(heap[l] as Scheduled<I>, heap[min] as Scheduled<I>)) min = l;
    if (r < heap.length && earlier(heap[r] as Scheduled<I>, heap[min] as Scheduled<I>)) min = r;
    if (min === i) return;
    swap(heap, i, min);
    i = min;
  }
}

function earlier<I>(a: Scheduled<I>, b: Scheduled<I>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i] as T;
  a[i] = a[j] as T;
  a[j] = t;
}
