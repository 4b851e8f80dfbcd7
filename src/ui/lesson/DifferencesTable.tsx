import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPARISON_ROWS,
  differenceTable,
  LESSON_CHAPTERS,
  type ChapterId,
  type ClassicAnswer,
  type ComparisonRow,
} from '../../engine';
import { chapterProgressOf, useProgress } from '../../progress';
import { localizeParams } from '../narration/localizeParams';

type Translate = (key: string, params?: Record<string, unknown>) => string;

function sessionCell(row: ComparisonRow, t: Translate): string {
  switch (row.row) {
    case 'opener':
      return t(`lesson.table.cells.opener.${row.opener}`);
    case 'serverDataPort':
      return t('lesson.table.cells.port', { port: row.port });
    case 'clientMustAccept':
      return row.port === undefined
        ? t('lesson.table.cells.accepts.nothing')
        : t('lesson.table.cells.accepts.port', { port: row.port });
    case 'firewallTrouble': {
      const device = row.droppedBy ?? row.refusedBy;
      const words = device ? localizeParams({ device }, t as never).device : undefined;
      if (row.droppedBy) return t('lesson.table.cells.trouble.dropped', { device: words });
      if (row.refusedBy) return t('lesson.table.cells.trouble.refused', { device: words });
      return t('lesson.table.cells.trouble.none');
    }
    case 'recommended':
      return t(`lesson.table.cells.worked.${row.outcome}`);
  }
}

function classicCell(answer: ClassicAnswer, t: Translate): string {
  switch (answer.row) {
    case 'opener':
      return t(`lesson.table.cells.opener.${answer.opener}`);
    case 'serverDataPort':
      return answer.port === 20
        ? t('lesson.table.cells.port', { port: 20 })
        : t('lesson.table.cells.announced');
    case 'clientMustAccept':
      return t(`lesson.table.cells.accepts.${answer.accepts}`);
    case 'firewallTrouble':
      return t(`lesson.table.cells.frequency.${answer.frequency}`);
    case 'recommended':
      return t(`lesson.table.cells.recommended.${answer.recommended ? 'yes' : 'no'}`);
  }
}

/**
 * Chapter 5: the table of differences. Each session column comes from the engine (`differenceTable`: the
 * sessions of chapters 2–4) and fills in once the learner has finished that chapter (in class, row by row
 * with the clicker); the textbook's columns (`classicComparison`) beside them.
 */
export function DifferencesTable({
  chapter,
  shownRows,
}: {
  readonly chapter: ChapterId;
  /** In class: only the first rows are filled in, the next one with the next press (undefined: all). */
  readonly shownRows?: number;
}) {
  const { t } = useTranslation();
  const columns = useMemo(() => differenceTable(chapter), [chapter]);
  const inClass = shownRows !== undefined;
  const chapters = useProgress((s) => s.document.chapters);
  const active = columns.find((c) => c.mode === 'active')?.classic ?? [];
  const passive = columns.find((c) => c.mode === 'passive')?.classic ?? [];
  // In class the row just shown is brought into view (the table may scroll in the room it is given).
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (shownRows === undefined) return;
    body.current?.rows[shownRows - 1]?.scrollIntoView?.({ block: 'nearest' });
  }, [shownRows]);
  return (
    <div className="lesson-table-wrap" tabIndex={0} role="region" aria-labelledby="lesson-table-caption">
      <table className="lesson-table">
        <caption id="lesson-table-caption">{t('lesson.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lesson.table.row')}</th>
            {columns.map((c) => (
              <th scope="col" key={c.chapter}>
                {t(`lesson.table.columns.${c.chapter}`)}
              </th>
            ))}
            <th scope="col">{t('lesson.table.columns.classicActive')}</th>
            <th scope="col">{t('lesson.table.columns.classicPassive')}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {COMPARISON_ROWS.map((name, index) =>
            shownRows !== undefined && index >= shownRows ? (
              // The question is asked; its answers come with the clicker.
              <tr key={name} className="pending">
                <th scope="row">{t(`lesson.table.rows.${name}`)}</th>
                <td colSpan={columns.length + 2}>
                  <span className="visually-hidden">{t('lesson.table.pending')}</span>
                </td>
              </tr>
            ) : (
              <tr key={name}>
                <th scope="row">{t(`lesson.table.rows.${name}`)}</th>
                {columns.map((c) => {
                  // In class the room is shown every answer as it is revealed: what this browser's learner
                  // finished (perhaps nothing, on the projector's machine) is not the room's progress.
                  const seen = inClass || chapterProgressOf(chapters[c.chapter]).completed;
                  const row = c.rows.find((r) => r.row === name);
                  const n = LESSON_CHAPTERS.findIndex((x) => x.id === c.chapter) + 1;
                  return (
                    <td key={c.chapter} className={seen ? 'seen' : 'unseen'}>
                      {seen && row ? sessionCell(row, t) : t('lesson.table.notSeen', { n })}
                    </td>
                  );
                })}
                {[active, passive].map((answers, i) => {
                  const answer = answers.find((a) => a.row === name);
                  return <td key={i}>{answer ? classicCell(answer, t) : ''}</td>;
                })}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
