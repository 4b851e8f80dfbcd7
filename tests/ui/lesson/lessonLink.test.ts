import { beforeEach, describe, expect, it } from 'vitest';
import { decodePermalink } from '../../../src/ui/permalink/decodePermalink';
import { useLesson } from '../../../src/store/lessonStore';
import {
  chapterParam,
  forgetLessonLink,
  readChapterParam,
  readLessonLink,
  withChapter,
} from '../../../src/ui/lesson/lessonLink';

beforeEach(() => {
  window.localStorage.clear();
  useLesson.setState({ ...useLesson.getInitialState(), position: undefined, predictionsOn: true }, true);
  forgetLessonLink();
});

describe('the chapter parameter', () => {
  it.each([
    ['client-firewall', { chapter: 'client-firewall', part: 0, step: undefined }],
    ['client-firewall:18', { chapter: 'client-firewall', part: 0, step: 17 }],
    ['beyond:2:5', { chapter: 'beyond', part: 1, step: 4 }],
    ['beyond:5:1', { chapter: 'beyond', part: 4, step: 0 }],
  ])('reads %s', (value, link) => {
    expect(readChapterParam(value)).toEqual(link);
  });

  it.each([
    ['an unknown chapter', 'chapter-7'],
    ['step 0', 'active-mode:0'],
    ['a negative step', 'active-mode:-3'],
    ['a part the chapter does not have', 'active-mode:2:1'],
    ['a seventh part of chapter 6', 'beyond:7:1'],
    ['a step beyond any chapter', 'active-mode:9999999'],
    ['text after it', 'active-mode:3x'],
    ['an empty value', ''],
  ])('ignores %s', (_, value) => {
    expect(readChapterParam(value)).toBeUndefined();
  });

  it('writes the shortest value that names a place, and reads it back', () => {
    const places = [
      { chapter: 'active-mode', part: 0, cursor: 0 },
      { chapter: 'active-mode', part: 0, cursor: 16 },
      { chapter: 'beyond', part: 3, cursor: 0 },
    ] as const;
    expect(places.map(chapterParam)).toEqual(['active-mode', 'active-mode:17', 'beyond:4:1']);
    for (const p of places) {
      const back = readChapterParam(chapterParam(p) ?? '');
      expect(back).toMatchObject({ chapter: p.chapter, part: p.part });
      expect(back?.step ?? 0).toBe(p.cursor);
    }
    expect(chapterParam(undefined)).toBeUndefined();
  });

  it('changes only itself in an address, and the permalink carries it through', () => {
    const search = '?cmd=LIST,RETR:hello.txt&view=lesson&lang=es&chapter=active-mode';
    expect(withChapter(search, 'client-firewall:18')).toBe(
      '?cmd=LIST,RETR:hello.txt&view=lesson&lang=es&chapter=client-firewall:18',
    );
    expect(withChapter(search, undefined)).toBe('?cmd=LIST,RETR:hello.txt&view=lesson&lang=es');
    expect(withChapter('', 'beyond:2:5')).toBe('?chapter=beyond:2:5');
    expect(withChapter('?chapter=beyond', undefined)).toBe('');
    expect(
      decodePermalink('?view=lesson&lang=es&chapter=beyond:2:5&predict=0', ['simulator', 'lesson']).ok,
    ).toBe(true);
  });
});

describe('a teacher’s link', () => {
  it('opens a step of a chapter, even the chapter the learner is in', () => {
    useLesson.getState().openChapter('client-firewall');
    useLesson.getState().setCursor(3);
    readLessonLink('?view=lesson&chapter=client-firewall:18');
    expect(useLesson.getState().position).toEqual({ chapter: 'client-firewall', part: 0, cursor: 17 });
  });

  it('opens a chapter from its start, but leaves a learner already in it where they are', () => {
    readLessonLink('?chapter=beyond:3');
    expect(useLesson.getState().position).toEqual({ chapter: 'beyond', part: 0, cursor: 2 });
    forgetLessonLink();
    useLesson.getState().setCursor(7);
    readLessonLink('?chapter=beyond');
    expect(useLesson.getState().position).toEqual({ chapter: 'beyond', part: 0, cursor: 7 });
    forgetLessonLink();
    readLessonLink('?chapter=passive-mode');
    expect(useLesson.getState().position).toEqual({ chapter: 'passive-mode', part: 0, cursor: 0 });
  });

  it('turns predictions off (and on), and ignores what it cannot read', () => {
    useLesson.getState().openChapter('active-mode');
    useLesson.getState().setCursor(5);
    readLessonLink('?chapter=active-mode:2:9&predict=0');
    expect(useLesson.getState().predictionsOn).toBe(false);
    expect(useLesson.getState().position).toEqual({ chapter: 'active-mode', part: 0, cursor: 5 });
    forgetLessonLink();
    readLessonLink('?predict=1');
    expect(useLesson.getState().predictionsOn).toBe(true);
  });

  it('is read once per page load', () => {
    readLessonLink('?chapter=active-mode:4');
    readLessonLink('?chapter=client-firewall:9');
    expect(useLesson.getState().position?.chapter).toBe('active-mode');
  });
});
