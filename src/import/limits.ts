import { PCAP_SNAPLEN } from '../pcap/format';

/**
 * How much of a capture the importer reads and keeps. A capture is untrusted input: every buffer the
 * readers hold is bounded here, so memory stays small whatever the file says, and time stays linear.
 */
export const CAPTURE_LIMITS = {
  /** The largest file opened (1 GiB): the app and the command line refuse bigger ones with a message. */
  maxFileBytes: 1024 * 1024 * 1024,
  /** The largest packet record (tcpdump's snapshot length maximum). */
  maxRecordBytes: PCAP_SNAPLEN,
  /** The largest pcapng block (a packet plus its options, or a long name-resolution block). */
  maxBlockBytes: 16 * 1024 * 1024,
  /** pcapng interfaces per section. */
  maxInterfaces: 4096,
  /** FTP sessions listed; later ones are counted in a warning. */
  maxSessions: 1000,
  /** Commands and replies kept per session. */
  maxDialogueLines: 2000,
  /** A command or reply line longer than this is cut (an FTP line is rarely over 512 bytes). */
  maxLineBytes: 8192,
  /** TCP connections followed at once; the oldest idle non-FTP ones are forgotten first. */
  maxConnections: 65_536,
  /** Out-of-order bytes held per direction while waiting for a gap to fill. */
  maxPendingBytes: 256 * 1024,
  /** Data connection bytes kept per direction (a listing, the start of a file); the rest is counted. */
  maxDataBytesKept: 64 * 1024,
  /** Packets of the chosen session kept for its replay: every control packet up to this many… */
  maxControlPackets: 4000,
  /** …and of each data connection its first and last packets (the middle is summarized). */
  dataPacketsHead: 24,
  dataPacketsTail: 8,
  /** Data connections kept per session for the replay. */
  maxDataConnections: 256,
} as const;

/** Chunks the streaming readers ask for at a time. */
export const READ_CHUNK_BYTES = 1024 * 1024;
