import { SESSION_PHASES, type SessionPhase } from '../../engine';

/** One shared step of two replays: the phase both stand in, and where each side is. */
export interface SyncedStep {
  readonly phase: SessionPhase;
  /** The event each side shows, by its index in that side's events. */
  readonly index: readonly [number, number];
}

/** (transfer, phase) as one number that only grows through a session. */
const rank = (p: SessionPhase): number =>
  p.transfer * SESSION_PHASES.length + SESSION_PHASES.indexOf(p.phase);

/** The events of each phase, in order: their rank and the first and last index. */
function segments(
  phases: readonly SessionPhase[],
): Map<number, { phase: SessionPhase; from: number; to: number }> {
  const out = new Map<number, { phase: SessionPhase; from: number; to: number }>();
  phases.forEach((phase, i) => {
    const key = rank(phase);
    const known = out.get(key);
    if (known) known.to = i;
    else out.set(key, { phase, from: i, to: i });
  });
  return out;
}

/**
 * Two sessions stepped together phase by phase (the engine's `sessionPhases` of each): a phase lasts as
 * long as the longer side's; the shorter side waits on its last event of the phase (or, when it has no
 * such phase, on its last event before it). So the same moment (both mode commands, both data
 * connections…) stands side by side, whatever the number of steps each took to get there.
 */
export function phaseSync(a: readonly SessionPhase[], b: readonly SessionPhase[]): SyncedStep[] {
  const sa = segments(a);
  const sb = segments(b);
  const keys = [...new Set([...sa.keys(), ...sb.keys()])].sort((x, y) => x - y);
  const steps: SyncedStep[] = [];
  let at: [number, number] = [0, 0];
  for (const key of keys) {
    const sides = [sa.get(key), sb.get(key)] as const;
    const phase = (sides[0] ?? sides[1])?.phase;
    if (!phase) continue;
    const length = Math.max(...sides.map((s) => (s ? s.to - s.from + 1 : 0)));
    for (let i = 0; i < length; i++) {
      at = [0, 1].map((side) => {
        const s = sides[side];
        return s ? s.from + Math.min(i, s.to - s.from) : (at[side] as number);
      }) as [number, number];
      steps.push({ phase, index: at });
    }
  }
  return steps;
}
