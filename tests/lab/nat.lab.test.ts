/**
 * NAT on the client's router (MASQUERADE) and on the server's (DNAT of port 21, and of the passive range when
 * "public"), with and without the FTP helper (nf_conntrack_ftp, nf_nat_ftp): real sessions against the engine
 * (see tests/lab/README.md).
 */
import { labSuite, type LabCase } from './harness/labSuite';

const CASES: readonly LabCase[] = [
  {
    name: 'active-clientnat-fail',
    shows: 'PORT names the private address; vsftpd refuses it (port_promiscuous=NO)',
    scenario: { mode: 'active', clientNat: true },
    expected: 'failed',
  },
  {
    name: 'eprt-clientnat-fail',
    shows: 'the same with EPRT',
    scenario: { mode: 'eprt', clientNat: true },
    expected: 'failed',
  },
  {
    name: 'active-clientnat-helper-success',
    shows: 'nf_nat_ftp rewrites PORT to the router’s address and maps the data connection back',
    scenario: { mode: 'active', clientNat: true, helper: true },
    expected: 'success',
  },
  {
    name: 'eprt-clientnat-helper-success',
    shows: 'nf_nat_ftp rewrites EPRT too',
    scenario: { mode: 'eprt', clientNat: true, helper: true },
    expected: 'success',
  },
  {
    name: 'passive-clientnat-success',
    shows: 'passive mode goes out through the client’s NAT like any connection',
    scenario: { mode: 'passive', clientNat: true },
    expected: 'success',
  },
  {
    name: 'passive-servernat-private-fail',
    shows: 'the 227 names the server’s private address; the Internet drops the SYNs to it',
    scenario: { mode: 'passive', serverNat: 'private' },
    expected: 'failed',
  },
  {
    name: 'passive-servernat-private-helper-success',
    shows: 'nf_nat_ftp rewrites the 227 to the router’s address and forwards the data connection',
    scenario: { mode: 'passive', serverNat: 'private', helper: true },
    expected: 'success',
  },
  {
    name: 'epsv-servernat-private-fail',
    shows: 'the 229 port is not forwarded: the server router answers RST',
    scenario: { mode: 'epsv', serverNat: 'private' },
    expected: 'failed',
  },
  {
    name: 'epsv-servernat-private-helper-success',
    shows: 'the helper expects the 229’s port and forwards it to the server',
    scenario: { mode: 'epsv', serverNat: 'private', helper: true },
    expected: 'success',
  },
  {
    name: 'passive-servernat-public-success',
    shows: 'vsftpd announces the router’s address (pasv_address) and the range is forwarded',
    scenario: { mode: 'passive', serverNat: 'public' },
    expected: 'success',
  },
  {
    name: 'passive-servernat-public-helper-success',
    shows: 'with the public address announced the helper records nothing; the forwarded range still works',
    scenario: { mode: 'passive', serverNat: 'public', helper: true },
    expected: 'success',
  },
  {
    name: 'active-servernat-private-success',
    shows: 'in active mode the server connects out through its router’s NAT',
    scenario: { mode: 'active', serverNat: 'private' },
    expected: 'success',
  },
  {
    name: 'epsv-clientnat-servernat-private-fail',
    shows: 'the router’s RST goes back through the client’s NAT to the client',
    scenario: { mode: 'epsv', clientNat: true, serverNat: 'private' },
    expected: 'failed',
  },
  {
    name: 'passive-clientnat-servernat-private-fail',
    shows: 'the private 227 address is dropped on the way, whatever the client’s NAT',
    scenario: { mode: 'passive', clientNat: true, serverNat: 'private' },
    expected: 'failed',
  },
];

// The server router's RST for the unforwarded 229 port goes to the client's translated address (as the SYN
// arrived there) and back through the client router's NAT; the engine now agrees, so nothing is known to differ.
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};

labSuite(CASES, KNOWN_DISAGREEMENTS);
