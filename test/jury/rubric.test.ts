import { formatRubric, parseRubric } from '../../src/jury/rubric';

describe('reading a rubric typed one band per line', () => {
  it('reads single scores and ranges with any dash, sorted from the lowest score', () => {
    const r = parseRubric('8–10: выдающиеся достижения\n\n4-7 : хороший уровень\n1—3: слабо\n', 1, 10);
    expect(r).toEqual({ ok: true, bands: [
      { from: 1, to: 3, text: 'слабо' },
      { from: 4, to: 7, text: 'хороший уровень' },
      { from: 8, to: 10, text: 'выдающиеся достижения' },
    ] });
    expect(parseRubric('0: нет\n1..2: есть', 0, 2)).toEqual({ ok: true, bands: [{ from: 0, to: 0, text: 'нет' }, { from: 1, to: 2, text: 'есть' }] });
    expect(parseRubric('-2--1: плохо\n0: никак\n1-2: хорошо', -2, 2)).toMatchObject({ ok: true, bands: [{ from: -2, to: -1 }, { from: 0, to: 0 }, { from: 1, to: 2 }] });
  });

  it('names the line of each problem: unreadable, no text, reversed, outside the scale, overlapping', () => {
    const problem = (text: string) => {
      const r = parseRubric(text, 1, 10);
      return r.ok ? null : r.problem;
    };
    expect(problem('')).toEqual({ key: 'juryAdmin.rubric.empty', params: {} });
    expect(problem('1: плохо\nотлично')).toEqual({ key: 'juryAdmin.rubric.unreadable', params: { line: 2 } });
    expect(problem('5:   ')).toEqual({ key: 'juryAdmin.rubric.noText', params: { line: 1 } });
    expect(problem('7-3: средне')).toEqual({ key: 'juryAdmin.rubric.reversed', params: { line: 1 } });
    expect(problem('0-3: плохо')).toEqual({ key: 'juryAdmin.rubric.outsideScale', params: { line: 1, min: 1, max: 10 } });
    expect(problem('8-11: отлично')).toEqual({ key: 'juryAdmin.rubric.outsideScale', params: { line: 1, min: 1, max: 10 } });
    expect(problem('1-5: плохо\n\n5-10: хорошо')).toEqual({ key: 'juryAdmin.rubric.overlap', params: { line: 3, other: 1 } });
  });

  it('writes bands back the way the admin types them', () => {
    const text = '1–3: слабо\n4–7: хорошо\n8: отлично';
    const r = parseRubric(text, 1, 8);
    expect(r.ok && formatRubric(r.bands)).toBe(text);
  });
});
