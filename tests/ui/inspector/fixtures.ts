import {
  isPacketEvent,
  simulate,
  type PacketEvent,
  type ScenarioInput,
  type StepEvent,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

/** The events of a scenario given as plain data (defaults fill the rest). */
export function eventsOf(input: ScenarioInput): readonly StepEvent[] {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario).events;
}

/** The first packet event that matches. */
export function packetEvent(events: readonly StepEvent[], match: (e: PacketEvent) => boolean): PacketEvent {
  const hit = events.find((e): e is PacketEvent => isPacketEvent(e) && match(e));
  if (!hit) throw new Error('no such packet event');
  return hit;
}

export const isPortCommand = (e: PacketEvent) => e.kind === 'ftp/command-sent' && e.command.verb === 'PORT';
export const isFirstSyn = (e: PacketEvent) => e.packet.segment.flags.syn && !e.packet.segment.flags.ack;
export const isDataSyn = (e: PacketEvent) => isFirstSyn(e) && e.packet.conn !== 'control';
