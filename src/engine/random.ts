/**
 * The engine's only source of chance: seeded generators (mulberry32), so the same scenario always
 * replays identically. Every random choice draws from its own stream, named after what it decides
 * (`server:welcome`, `tcp:data-1:initiator`): a choice never depends on how many others were made before
 * it, so the order in which the simulation makes them cannot change the outcome.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  uint32(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / 4294967296;
  return { next, uint32, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

/** The scenario's chance: independent streams by name. */
export interface Chance {
  /** A stream for several draws about one thing, e.g. one TCP endpoint's ISS, IP id and timestamp. */
  stream(label: string): Random;
  /** One integer in [min, max] for the choice named `label`. */
  int(label: string, min: number, max: number): number;
}

export function createChance(seed: number): Chance {
  const stream = (label: string): Random => createRandom(mix(seed, label));
  return { stream, int: (label, min, max) => stream(label).int(min, max) };
}

/** FNV-1a over the label, folded into the seed: distinct labels give unrelated streams. */
function mix(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return (h ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}
