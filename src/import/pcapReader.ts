/**
 * The reader's former names, for code written against them (the lab harness): `parsePcap` reads a whole
 * capture in memory, pcap or pcapng, and throws a `CaptureError`. New code imports `captureReader.ts`.
 */
export { readCaptureBytes as parsePcap, type CapturedPacket } from './captureReader';
