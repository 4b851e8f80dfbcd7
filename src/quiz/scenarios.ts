import {
  addressPlan,
  BUILTIN_SCENARIOS,
  simulate,
  type BuiltinScenario,
  type Scenario,
  type ScenarioInput,
  type Simulation,
} from '../engine';
import { parseScenario } from '../engine/validation';
import type { QuizRandom } from './random';
import type { Message } from './types';

/**
 * The details that make one run of a scenario differ from another without changing what it teaches:
 * addresses inside the same LANs, the client's control port, the server's passive range, the seed (ISNs,
 * the passive port vsftpd picks, a realistic client's data port). Every field is one the simulator's
 * scenario schema already has, so "Show me" reproduces the exact run.
 */
export interface Variation {
  readonly seed: number;
  /** Last octet of the client's address in its LAN's /24 (the router is .1). */
  readonly clientHost: number;
  /** Last octet of the server's address in its LAN's /24 (the router is .1). */
  readonly serverHost: number;
  readonly controlPort: number;
  readonly passiveMin: number;
  readonly dataPort: 'textbook' | 'realistic';
}

/** Passive ranges administrators really configure (pasv_min_port); ten ports each, as in the lab. */
const PASSIVE_MINS = [40000, 50000, 30000, 60000, 49152, 35000, 45000, 55000] as const;

export function randomVariation(random: QuizRandom): Variation {
  return {
    seed: random.int(1, 0x7fffffff),
    clientHost: random.int(2, 254),
    serverHost: random.int(2, 254),
    // Linux's default ephemeral range (net.ipv4.ip_local_port_range 32768–60999).
    controlPort: random.int(32768, 60999),
    passiveMin: random.pick(PASSIVE_MINS),
    dataPort: random.next() < 0.5 ? 'textbook' : 'realistic',
  };
}

/** `ip` with its last octet replaced: another host of the same /24 LAN. */
function sameLan(ip: string, host: number): string {
  // IPv6: the last group of the same /48 (2001:db8:1::10 → 2001:db8:1::a2).
  if (ip.includes(':')) return `${ip.slice(0, ip.lastIndexOf(':'))}:${host.toString(16)}`;
  return `${ip.slice(0, ip.lastIndexOf('.'))}.${host}`;
}

/**
 * The scenario input with the variation applied on top; the builtin's own settings are kept. The hosts
 * move within the LANs the engine gives the scenario (public without NAT, private behind it).
 */
export function applyVariation(input: ScenarioInput, v: Variation): ScenarioInput {
  const varied: ScenarioInput = {
    ...input,
    seed: v.seed,
    client: { ...input.client, controlPort: v.controlPort, dataPort: v.dataPort },
    server: { ...input.server, passivePorts: { min: v.passiveMin, max: v.passiveMin + 9 } },
  };
  const lans = addressPlan(parseOrThrow(varied));
  return {
    ...varied,
    client: { ...varied.client, ip: sameLan(lans.client, v.clientHost) },
    server: { ...varied.server, ip: sameLan(lans.server, v.serverHost) },
  };
}

export function parseOrThrow(input: ScenarioInput): Scenario {
  const parsed = parseScenario(input);
  // The quiz only builds inputs from builtins and variations inside the schema's ranges.
  if (!parsed.ok) throw new Error(`quiz built an invalid scenario: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

/** Simulations by input, for one quiz generation (distractors re-use the same runs). */
export interface SimulationCache {
  run(input: ScenarioInput): Simulation;
}

export function createSimulationCache(): SimulationCache {
  const runs = new Map<string, Simulation>();
  return {
    run(input) {
      const key = JSON.stringify(input);
      let sim = runs.get(key);
      if (!sim) {
        sim = simulate(parseOrThrow(input));
        runs.set(key, sim);
      }
      return sim;
    },
  };
}

export function builtin(id: string): BuiltinScenario {
  const found = BUILTIN_SCENARIOS.find((b) => b.id === id);
  if (!found) throw new Error(`no builtin scenario ${id}`);
  return found;
}

const msg = (key: string, params: Message['params'] = {}): Message => ({ key, params });

/**
 * The scenario in words, one line per setting, with the simulator's own labels (`summary.*`,
 * `options.*`), so the quiz describes a scenario exactly as the simulator's controls do.
 */
export function scenarioFacts(input: ScenarioInput): Message[] {
  const s = parseOrThrow(input);
  const onOff = (on: boolean) => msg(`options.onOff.${on ? 'on' : 'off'}`);
  const facts: Message[] = [
    msg('summary.mode', { value: msg(`options.mode.${s.mode}`) }),
    msg('summary.clientFirewall', { value: msg(`options.clientFirewall.${s.clientFirewall}`) }),
    msg('summary.serverFirewall', {
      value: msg(`options.serverFirewall.${s.serverFirewall}`, {
        min: s.server.passivePorts.min,
        max: s.server.passivePorts.max,
      }),
    }),
    msg('summary.clientNat', { value: onOff(s.clientNat) }),
    msg('summary.serverNat', { value: msg(`options.serverNat.${s.serverNat}`) }),
    msg('summary.helper', { value: onOff(s.helper) }),
    msg('quiz.scenario.commands', {
      commands: s.commands.map((c) => (c.verb === 'LIST' ? 'LIST' : `${c.verb} ${c.file}`)).join(', '),
    }),
  ];
  if (!s.server.uploads) facts.push(msg('quiz.scenario.uploadsOff'));
  return facts;
}

export { msg };
