/**
 * The engine's public surface: everything outside src/engine imports from here, from `validation.ts`
 * to read untrusted input, or from `basics.ts` for what the app's first render needs. This one carries
 * no validation library; the app loads it after its first render (src/store/engineSource.ts).
 */
export { simulate, type Simulation } from './simulate';
export { scenarioMatrix } from './scenario/matrix';
export { BUILTIN_SCENARIOS, type BuiltinScenario } from './scenario/builtins';
export {
  defaultScenario,
  usesPassive,
  supportsExplicitTls,
  MODES,
  CLIENT_FIREWALLS,
  CLIENT_PAUSES,
  CLIENT_PROGRAMS,
  SERVER_FIREWALLS,
  SERVER_NATS,
  DATA_PORT_POLICIES,
  NETWORKS,
  IP_VERSIONS,
  TLS_MODES,
  TRANSFER_VERBS,
  SCENARIO_LIMITS,
  DEFAULT_STOR_SIZE,
  type Scenario,
  type TransferCommand,
  type Mode,
  type TlsMode,
} from './scenario/scenario';
export {
  describeRecords,
  looksLikeTls,
  RECORD_HEADER,
  type TlsCarries,
  type TlsContent,
  type TlsRecord,
} from './tls/records';
export {
  recordsOnWire,
  tlsWireSummary,
  type RecordOnWire,
  type SealedCarries,
  type TlsWireSummary,
} from './tls/wire';
export type { ScenarioInput } from './scenario/schema';
export * from './events/stepEvent';
export { summarize, summarizeEvent } from './events/summarize';
export { assertNever } from './events/assertNever';
export { flagLabel, sequenceLength, type TcpSegment, type TcpFlags, type TcpOptions } from './tcp/segment';
export { commandLine, FTP_COMMAND_VERBS, replyLine, type FtpCommand, type FtpReply } from './ftp/messages';
export {
  encodeHostPort,
  decodeHostPort,
  encodeExtendedAddress,
  decodeExtendedAddress,
  decodeExtendedPassivePort,
} from './ftp/dataAddress';
export {
  formatEndpoint,
  isIpv4,
  isIpv6,
  canonicalIpv6,
  ipVersionOf,
  isPrivateIpv4,
  UNSPECIFIED_IPV4,
  type Endpoint,
  type IpAddress,
  type IpVersion,
  type Ipv4,
  type Ipv6,
} from './net/address';
export { toSeconds, type VirtualTime } from './clock/virtualTime';
export { packetRoute, type PacketRoute } from './analysis/packetRoute';
export { deviceFeatures, type DeviceFeatures } from './net/deviceFeatures';
export {
  addressPlan,
  addressProblems,
  withoutUnworkableAddresses,
  type AddressPlan,
  type AddressProblem,
} from './net/addressPlan';
export { socketTable, type SocketEntry, type SocketState } from './analysis/socketTable';
export { modeComparison, COMPARISON_ROWS, type ComparisonRow } from './analysis/modeComparison';
export { classicComparison, type ClassicAnswer } from './analysis/classicComparison';
export {
  clientComparison,
  CLIENT_COMPARISON_ROWS,
  type ClientComparisonRow,
} from './analysis/clientComparison';
export {
  sessionPhases,
  SESSION_PHASES,
  type SessionPhase,
  type SessionPhaseName,
} from './analysis/sessionPhases';
export * from './lesson';
