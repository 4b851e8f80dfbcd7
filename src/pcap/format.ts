/**
 * The classic libpcap file format (pcap-savefile(5)) and the link-layer numbers both the exporter and the
 * importer use: one definition, so a file the app writes is one it reads.
 */
export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
/** A pcapng Section Header Block: not classic pcap. */
export const PCAPNG_MAGIC = 0x0a0d0d0a;
export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;
/** tcpdump's maximum snapshot length: the largest record any libpcap writes. */
export const PCAP_SNAPLEN = 262_144;
export const GLOBAL_HEADER_LENGTH = 24;
export const RECORD_HEADER_LENGTH = 16;

export const LINKTYPE_ETHERNET = 1;
export const ETHERTYPE_IPV4 = 0x0800;
export const IPPROTO_TCP = 6;
