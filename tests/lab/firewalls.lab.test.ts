/**
 * Host firewalls (stateful INPUT chains, policy DROP) with and without the FTP helper: real sessions against
 * the engine (see tests/lab/README.md).
 */
import { labSuite, type LabCase } from './harness/labSuite';

const CASES: readonly LabCase[] = [
  {
    name: 'active-clientfw-stateful-fail',
    shows: 'the client firewall drops the server’s data SYNs; 425 after connect_timeout',
    scenario: { mode: 'active', clientFirewall: 'stateful' },
    expected: 'failed',
  },
  {
    name: 'active-clientfw-stateful-helper-success',
    shows: 'the helper reads PORT and lets the server’s data connection in as RELATED',
    scenario: { mode: 'active', clientFirewall: 'stateful', helper: true },
    expected: 'success',
  },
  {
    name: 'eprt-clientfw-stateful-helper-success',
    shows: 'the helper reads EPRT as it reads PORT',
    scenario: { mode: 'eprt', clientFirewall: 'stateful', helper: true },
    expected: 'success',
  },
  {
    name: 'passive-clientfw-stateful-success',
    shows: 'a client firewall does not matter in passive mode: the client connects out',
    scenario: { mode: 'passive', clientFirewall: 'stateful' },
    expected: 'success',
  },
  {
    name: 'passive-serverfw-port21-fail',
    shows: 'the server firewall drops the client’s data SYNs; the client gives up, LIST, then 425',
    scenario: { mode: 'passive', serverFirewall: 'port21' },
    expected: 'failed',
  },
  {
    name: 'epsv-serverfw-port21-fail',
    shows: 'the same with EPSV',
    scenario: { mode: 'epsv', serverFirewall: 'port21' },
    expected: 'failed',
  },
  {
    name: 'passive-serverfw-port21-helper-success',
    shows: 'the helper reads the 227 and lets the client’s data connection in as RELATED',
    scenario: { mode: 'passive', serverFirewall: 'port21', helper: true },
    expected: 'success',
  },
  {
    name: 'epsv-serverfw-port21-helper-success',
    shows: 'the helper reads the 229 as it reads the 227',
    scenario: { mode: 'epsv', serverFirewall: 'port21', helper: true },
    expected: 'success',
  },
  {
    name: 'passive-serverfw-range-success',
    shows: 'the server firewall opens the passive range: no helper needed',
    scenario: { mode: 'passive', serverFirewall: 'port21+range' },
    expected: 'success',
  },
  {
    name: 'active-serverfw-port21-success',
    shows: 'a server firewall does not matter in active mode: the server connects out',
    scenario: { mode: 'active', serverFirewall: 'port21' },
    expected: 'success',
  },
];

const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};

labSuite(CASES, KNOWN_DISAGREEMENTS);
