/**
 * What can go wrong with a capture file, said two ways: an i18n key with its params for the app
 * (`capture.error.<problem>` in the `capture` catalogs) and a plain English sentence for the command line.
 * Both come from one table, so the two never say different things.
 */

export type Params = Readonly<Record<string, string | number>>;

const PROBLEMS = {
  empty: () => 'The file is empty.',
  tooShort: (p: Params) =>
    `The file is only ${p.bytes} bytes long: too short for a capture file (a ${p.format} header alone is ${p.needed} bytes).`,
  notCapture: (p: Params) =>
    `This is not a capture file: it starts with the bytes ${p.start}. Open a .pcap or .pcapng file saved by Wireshark or tcpdump.`,
  tooLarge: (p: Params) =>
    `The file is ${p.size} MB, over the limit of ${p.limit} MB. Save only the FTP session first (in Wireshark: File › Export Specified Packets, or editcap).`,
  unsupportedVersion: (p: Params) =>
    `This ${p.format} file has version ${p.version}, which this reader does not know (it reads pcap 2.x and pcapng 1.x).`,
  unsupportedLinkType: (p: Params) =>
    `The capture's link type ${p.linkType} is not supported: only Ethernet, Linux cooked capture (SLL, SLL2), raw IP and loopback are read.`,
  recordTooLong: (p: Params) =>
    `The file is damaged: packet ${p.frame} (at byte ${p.offset}) claims ${p.length} bytes, more than the ${p.limit} any capture tool writes.`,
  badTimestamp: (p: Params) =>
    `The file is damaged: packet ${p.frame} (at byte ${p.offset}) has a timestamp fraction of ${p.fraction}, which must be below ${p.limit}.`,
  badBlock: (p: Params) =>
    `The file is damaged: the pcapng block at byte ${p.offset} claims a length of ${p.length} bytes, which is not a whole number of 4-byte words of at least 12.`,
  blockTooLong: (p: Params) =>
    `The file is damaged: the pcapng block at byte ${p.offset} claims ${p.length} bytes, more than the limit of ${p.limit}.`,
  blockTrailer: (p: Params) =>
    `The file is damaged: the pcapng block at byte ${p.offset} starts with the length ${p.length} but ends with ${p.trailer}.`,
  badSectionHeader: (p: Params) =>
    `The file is damaged: the pcapng section header at byte ${p.offset} has no valid byte-order mark.`,
  unknownInterface: (p: Params) =>
    `The file is damaged: packet ${p.frame} (at byte ${p.offset}) names interface ${p.interface}, which the file never describes.`,
  noFtp: (p: Params) =>
    `No FTP session found: of its ${p.packets} TCP packets, none belongs to an FTP control connection (port 21, or a connection that opens with a 220 greeting and FTP commands).`,
  noSession: (p: Params) =>
    `There is no session ${p.session}: the capture holds ${p.count} FTP session${p.count === 1 ? '' : 's'}.`,
  aborted: () => 'Reading the capture was cancelled.',
  readFailed: (p: Params) => `The file could not be read: ${p.reason}.`,
} satisfies Record<string, (p: Params) => string>;

export type CaptureProblem = keyof typeof PROBLEMS;
export const CAPTURE_PROBLEMS = Object.keys(PROBLEMS) as CaptureProblem[];

/** A capture that cannot be read. Untrusted input: this is the only thing the readers throw. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  /** The i18n key of the message, `capture.error.<problem>`. */
  readonly key: string;

  constructor(
    readonly problem: CaptureProblem,
    readonly params: Params = {},
  ) {
    super(PROBLEMS[problem](params));
    this.key = `capture.error.${problem}`;
  }
}

const WARNINGS = {
  cutShort: (p: Params) =>
    `The capture ends in the middle of packet ${p.frame} (at byte ${p.offset}): it was cut short. The packets before it are read.`,
  skippedLinkTypes: (p: Params) =>
    `Packets with link type ${p.linkTypes} were skipped: only Ethernet, Linux cooked capture, raw IP and loopback are read.`,
  sessionsCapped: (p: Params) => `Only the first ${p.limit} FTP sessions of the capture are listed.`,
} satisfies Record<string, (p: Params) => string>;

export type CaptureWarningKind = keyof typeof WARNINGS;
export const CAPTURE_WARNINGS = Object.keys(WARNINGS) as CaptureWarningKind[];

/** Something the reader noticed and read past: shown beside the result, never instead of it. */
export interface CaptureWarning {
  readonly kind: CaptureWarningKind;
  /** `capture.warning.<kind>`. */
  readonly key: string;
  readonly params: Params;
  readonly message: string;
}

export function captureWarning(kind: CaptureWarningKind, params: Params): CaptureWarning {
  return { kind, key: `capture.warning.${kind}`, params, message: WARNINGS[kind](params) };
}

/** The English sentence of a problem: the tests hold the catalogs' params to the same names. */
export function problemMessage(problem: CaptureProblem, params: Params): string {
  return PROBLEMS[problem](params);
}
