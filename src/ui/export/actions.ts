/**
 * What the export buttons do. Loaded on the first click (a dynamic import), so that the pcap writer and
 * the canvas code stay out of the first page load.
 */
import type { Scenario, StepEvent } from '../../engine';
import { exportPcap } from '../../export/pcap';
import { downloadBlob, svgBlob, svgToPng } from './download';
import { ladderFileName, pcapFileName, type CapturePoint } from './fileNames';
import { serializeLadderSvg, type LadderSvgParts } from './svgExport';

export interface ExportedFile {
  readonly name: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** The capture as a host's interface would record it (the engine's exporter), with its file name. */
export function pcapFile(
  events: readonly StepEvent[],
  scenario: Scenario,
  capturePoint: CapturePoint,
): ExportedFile {
  const bytes = exportPcap(events, capturePoint);
  return { name: pcapFileName(scenario, capturePoint), bytes: new Uint8Array(bytes) };
}

export function downloadPcap(
  events: readonly StepEvent[],
  scenario: Scenario,
  capturePoint: CapturePoint,
): string {
  const file = pcapFile(events, scenario, capturePoint);
  downloadBlob(new Blob([file.bytes], { type: 'application/vnd.tcpdump.pcap' }), file.name);
  return file.name;
}

function fontOf(element: Element): string | undefined {
  return typeof getComputedStyle === 'function'
    ? getComputedStyle(element).fontFamily || undefined
    : undefined;
}

export function downloadLadderSvg(parts: LadderSvgParts, scenario: Scenario, title: string): string {
  const { markup } = serializeLadderSvg(parts, { title, fontFamily: fontOf(parts.body) });
  const name = ladderFileName(scenario, 'svg');
  downloadBlob(svgBlob(markup), name);
  return name;
}

export async function downloadLadderPng(
  parts: LadderSvgParts,
  scenario: Scenario,
  title: string,
): Promise<string> {
  const { markup, width, height } = serializeLadderSvg(parts, { title, fontFamily: fontOf(parts.body) });
  const name = ladderFileName(scenario, 'png');
  downloadBlob(await svgToPng(markup, width, height), name);
  return name;
}
