import type { ResultExport } from '../../quiz';
import { downloadFile } from '../progress/downloadFile';

/** The result's file name: the quiz number and the date, so a teacher can sort the files handed in. */
export function resultFileName(result: ResultExport): string {
  return `ftp-flow-lab-quiz-${result.quiz.seed}-${result.exportedAt.slice(0, 10)}.json`;
}

/** Downloads the result as a JSON file. */
export function downloadResult(result: ResultExport): void {
  downloadFile(resultFileName(result), `${JSON.stringify(result, null, 2)}\n`);
}
