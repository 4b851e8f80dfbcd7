/**
 * The replies a vsftpd 3.0.3 server sends, code and text exactly as on the wire (checked against the
 * reference captures in shared/captures and a live vsftpd). RFC 959 §4.2 defines the codes; the texts
 * are vsftpd's own.
 */
export const REPLIES = {
  welcome: { code: 220, text: '(vsFTPd 3.0.3)' },
  // Explicit FTPS (ssl_enable=YES), measured in tests/lab (issue 14 B1): AUTH TLS and AUTH SSL alike.
  authOk: { code: 234, text: 'Proceed with negotiation.' },
  pbszOk: { code: 200, text: 'PBSZ set to 0.' },
  protOk: { code: 200, text: 'PROT now Private.' },
  // anon_root is the session's "/" (vsftpd chroots the anonymous user there).
  currentDirectory: { code: 257, text: '"/" is the current directory' },
  noFileSize: { code: 550, text: 'Could not get file size.' },
  needPassword: { code: 331, text: 'Please specify the password.' },
  loggedIn: { code: 230, text: 'Login successful.' },
  typeAscii: { code: 200, text: 'Switching to ASCII mode.' },
  typeBinary: { code: 200, text: 'Switching to Binary mode.' },
  portOk: { code: 200, text: 'PORT command successful. Consider using PASV.' },
  eprtOk: { code: 200, text: 'EPRT command successful. Consider using EPSV.' },
  illegalPort: { code: 500, text: 'Illegal PORT command.' },
  illegalEprt: { code: 500, text: 'Illegal EPRT command.' },
  badEprtProtocol: { code: 500, text: 'Bad EPRT protocol.' },
  listStarting: { code: 150, text: 'Here comes the directory listing.' },
  listDone: { code: 226, text: 'Directory send OK.' },
  storStarting: { code: 150, text: 'Ok to send data.' },
  transferDone: { code: 226, text: 'Transfer complete.' },
  cannotOpen: { code: 550, text: 'Failed to open file.' },
  permissionDenied: { code: 550, text: 'Permission denied.' },
  cannotCreate: { code: 553, text: 'Could not create file.' },
  dataFailed: { code: 425, text: 'Failed to establish connection.' },
  goodbye: { code: 221, text: 'Goodbye.' },
  // 421 ends the session: vsftpd exits right after sending it (measured in tests/lab).
  idleTimeout: { code: 421, text: 'Timeout.' },
  dataTimeout: { code: 421, text: 'Data timeout. Reconnect. Sorry.' },
} as const satisfies Record<string, { code: number; text: string }>;

export type ReplyName = keyof typeof REPLIES;

/** vsftpd: `150 Opening BINARY mode data connection for notes.txt (39 bytes).` */
export function retrStartingText(file: string, size: number, binary: boolean): string {
  return `Opening ${binary ? 'BINARY' : 'ASCII'} mode data connection for ${file} (${size} bytes).`;
}
