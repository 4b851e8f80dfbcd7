/**
 * The capture file formats (pcap-savefile(5) and pcapng, draft-ietf-opsawg-pcapng) and the link-layer,
 * network and transport numbers both the exporter and the importer use: one definition, so a file the app
 * writes is one it reads.
 */
export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;
/** tcpdump's maximum snapshot length: the largest record any libpcap writes. */
export const PCAP_SNAPLEN = 262_144;
export const GLOBAL_HEADER_LENGTH = 24;
export const RECORD_HEADER_LENGTH = 16;

/** pcapng: every block starts with its type and total length and ends with the length again. */
export const PCAPNG_MAGIC = 0x0a0d0d0a;
/** The Section Header Block's byte-order magic, written in the section's own byte order. */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const PCAPNG_VERSION_MAJOR = 1;
export const PCAPNG_VERSION_MINOR = 0;
export const PCAPNG_BLOCK = {
  sectionHeader: PCAPNG_MAGIC,
  interfaceDescription: 0x00000001,
  /** Obsolete since 2010, still written by old tools. */
  packet: 0x00000002,
  simplePacket: 0x00000003,
  nameResolution: 0x00000004,
  interfaceStatistics: 0x00000005,
  enhancedPacket: 0x00000006,
} as const;
/** Option codes: 0 ends the list; 1 is a comment in every block. */
export const PCAPNG_OPTION = {
  end: 0,
  comment: 1,
  shbUserApplication: 4,
  ifName: 2,
  ifTsResolution: 9,
  ifTsOffset: 14,
} as const;

/** LINKTYPE_* numbers (tcpdump.org/linktypes.html). */
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;
/** DLT_RAW as some BSDs write it in the file instead of LINKTYPE_RAW. */
export const DLT_RAW_BSD = [12, 14] as const;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
/** 802.1Q customer tag, 802.1ad service tag (QinQ), and the pre-standard QinQ tag. */
export const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100] as const;

/** BSD loopback: the address family in the capturing host's byte order (IPv6 differs between BSDs). */
export const LOOPBACK_AF_INET = 2;
export const LOOPBACK_AF_INET6 = [10, 24, 28, 30] as const;

export const IPPROTO_TCP = 6;
/** IPv6 extension headers that may sit between the fixed header and TCP. */
export const IPV6_EXTENSION = { hopByHop: 0, routing: 43, fragment: 44, auth: 51, destination: 60 } as const;
