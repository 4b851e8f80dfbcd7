/** Virtual time in whole microseconds since the client opened the control connection. */
export type VirtualTime = number & { readonly __brand: 'VirtualTime' };

export const ZERO_TIME = 0 as VirtualTime;

export function micros(n: number): VirtualTime {
  return Math.round(n) as VirtualTime;
}

export function millis(n: number): VirtualTime {
  return Math.round(n * 1000) as VirtualTime;
}

export function seconds(n: number): VirtualTime {
  return Math.round(n * 1_000_000) as VirtualTime;
}

export function advance(t: VirtualTime, by: number): VirtualTime {
  return (t + Math.round(by)) as VirtualTime;
}

export function toSeconds(t: VirtualTime): number {
  return t / 1_000_000;
}
