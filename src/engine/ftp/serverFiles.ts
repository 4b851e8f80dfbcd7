import type { ServerFile } from '../scenario/scenario';

/** vsftpd's LIST line (ls -l style, owner shown as uid 0 when hide_ids is off), CRLF-terminated. */
export function listingLine(file: ServerFile): string {
  return `-rw-r--r--    1 0        0        ${String(file.size).padStart(8)} Nov 24 13:34 ${file.name}\r\n`;
}

/** The directory listing vsftpd sends for LIST: names in byte order, as the reference capture shows. */
export function directoryListing(files: readonly ServerFile[]): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(listingLine)
    .join('');
}

/** Deterministic file contents of the given size: readable text, so a capture shows something sensible. */
export function fileContents(name: string, size: number): string {
  const line = `${name}: FTP Flow Lab sample data.\n`;
  return line.repeat(Math.ceil(size / line.length) + 1).slice(0, size);
}
