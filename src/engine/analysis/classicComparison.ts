import { usesPassive, type Mode } from '../scenario/scenario';

/**
 * The textbook's answer for each row of the table of differences, whatever one session shows: what
 * RFC 959 (active: the server connects back from port 20, L-1) and RFC 1579 ("Firewall-Friendly FTP":
 * use PASV, so that the client opens every connection) say of a mode. A view shows it beside what the
 * simulated session shows (`modeComparison`), so that a session without a firewall (no trouble at all)
 * never reads as "active mode has no firewall trouble".
 */
export type ClassicAnswer =
  | { readonly row: 'opener'; readonly opener: 'client' | 'server' }
  /** Active: the server connects from its port 20 (ftp-data); passive: a port it announces in 227/229. */
  | { readonly row: 'serverDataPort'; readonly port: 20 | 'announced' }
  /** Active: a connection coming in from the server; passive: nothing, every connection goes out. */
  | { readonly row: 'clientMustAccept'; readonly accepts: 'incoming' | 'nothing' }
  /**
   * Active: frequent (client firewalls and NAT drop the server's connection unless a helper opens the
   * way); passive: rare (only the server's firewall must let in its passive port range).
   */
  | { readonly row: 'firewallTrouble'; readonly frequency: 'frequent' | 'rare' }
  | { readonly row: 'recommended'; readonly recommended: boolean };

/** The textbook's answers for one mode, in the order of COMPARISON_ROWS. */
export function classicComparison(mode: Mode): ClassicAnswer[] {
  const passive = usesPassive(mode);
  return [
    { row: 'opener', opener: passive ? 'client' : 'server' },
    { row: 'serverDataPort', port: passive ? 'announced' : 20 },
    { row: 'clientMustAccept', accepts: passive ? 'nothing' : 'incoming' },
    { row: 'firewallTrouble', frequency: passive ? 'rare' : 'frequent' },
    { row: 'recommended', recommended: passive },
  ];
}
