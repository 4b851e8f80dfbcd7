import type { Endpoint } from '../net/address';

/** An FTP command as the client sends it (RFC 959 §4.1, RFC 2428), with its parsed argument. */
export type FtpCommand =
  | {
      readonly verb:
        | 'AUTH'
        | 'USER'
        | 'PASS'
        | 'PBSZ'
        | 'PROT'
        | 'PWD'
        | 'TYPE'
        | 'SIZE'
        | 'PASV'
        | 'EPSV'
        | 'LIST'
        | 'QUIT';
      readonly argument?: string;
    }
  | { readonly verb: 'RETR' | 'STOR'; readonly argument: string }
  | { readonly verb: 'PORT' | 'EPRT'; readonly argument: string; readonly address: Endpoint };

/** Every verb the engine's client sends, once: what an imported session can be held against. */
export const FTP_COMMAND_VERBS = [
  'AUTH',
  'USER',
  'PASS',
  'PBSZ',
  'PROT',
  'PWD',
  'TYPE',
  'SIZE',
  'PORT',
  'EPRT',
  'PASV',
  'EPSV',
  'LIST',
  'RETR',
  'STOR',
  'QUIT',
] as const satisfies readonly FtpCommand['verb'][];

// A verb added to FtpCommand but not to the list above fails to compile here.
type MissingVerb = Exclude<FtpCommand['verb'], (typeof FTP_COMMAND_VERBS)[number]>;
const everyVerbListed: [MissingVerb] extends [never] ? true : MissingVerb = true;
void everyVerbListed;

/** An FTP reply; `address` is what a 227/229 reply announces (the port alone for 229). */
export interface FtpReply {
  readonly code: number;
  readonly text: string;
  readonly address?: Endpoint;
  readonly port?: number;
}

/** The bytes on the wire: `VERB arg\r\n` (RFC 959 §4.1: Telnet end-of-line). */
export function commandLine(command: FtpCommand): string {
  return command.argument === undefined ? `${command.verb}\r\n` : `${command.verb} ${command.argument}\r\n`;
}

export function replyLine(reply: Pick<FtpReply, 'code' | 'text'>): string {
  return `${reply.code} ${reply.text}\r\n`;
}
