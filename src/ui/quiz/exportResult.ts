import type { ResultExport } from '../../quiz';

/** The result's file name: the quiz number and the date, so a teacher can sort the files handed in. */
export function resultFileName(result: ResultExport): string {
  return `ftp-flow-lab-quiz-${result.quiz.seed}-${result.exportedAt.slice(0, 10)}.json`;
}

/** Downloads the result as a JSON file (a Blob and a temporary link; nothing leaves the browser). */
export function downloadResult(result: ResultExport): void {
  const blob = new Blob([`${JSON.stringify(result, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = resultFileName(result);
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
