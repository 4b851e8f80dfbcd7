/** Downloads text as a file (a Blob and a temporary link; nothing leaves the browser). */
export function downloadFile(fileName: string, text: string, type = 'application/json'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `ftp-flow-lab-progress-2026-12-02.json`: what it is and the day, so files sort and read well. */
export function datedFileName(what: string, at: Date): string {
  return `ftp-flow-lab-${what}-${at.toISOString().slice(0, 10)}.json`;
}
