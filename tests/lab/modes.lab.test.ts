/**
 * The four ways to set up a data connection, with nothing in the way, on the Internet (public addresses) and
 * on the reference captures' routed private lab: real vsftpd and the lab's client against the engine (see
 * tests/lab/README.md).
 */
import { labSuite, type LabCase } from './harness/labSuite';

const CASES: readonly LabCase[] = [
  {
    name: 'active-nofw-success',
    shows: 'PORT: the server connects from port 20 to the client',
    scenario: { mode: 'active' },
    expected: 'success',
  },
  {
    name: 'passive-nofw-success',
    shows: 'PASV: the client connects to the address and port of the 227',
    scenario: { mode: 'passive' },
    expected: 'success',
  },
  {
    name: 'eprt-nofw-success',
    shows: 'EPRT: as PORT, in RFC 2428 form',
    scenario: { mode: 'eprt' },
    expected: 'success',
  },
  {
    name: 'epsv-nofw-success',
    shows: 'EPSV: the client connects to the control address at the port of the 229',
    scenario: { mode: 'epsv' },
    expected: 'success',
  },
  {
    name: 'active-routedprivate-success',
    shows: 'the reference captures’ lab: private LANs routed as they are, no NAT',
    scenario: { mode: 'active', network: 'routed-private' },
    expected: 'success',
  },
  {
    name: 'passive-routedprivate-success',
    shows: 'the same in passive mode: the 227’s private address is reachable',
    scenario: { mode: 'passive', network: 'routed-private' },
    expected: 'success',
  },
];

const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};

labSuite(CASES, KNOWN_DISAGREEMENTS);
