import { escapeXml, leniencyChart, rankIntervalChart, ticks } from '../../src/results/charts';

describe('the SVG charts of a category', () => {
  const hostile = `<script>alert("x")</script> & 'Иванова'`;

  it('draw every nomination with its rank interval, escaping names, with no script and no style attribute', () => {
    const svg = rankIntervalChart(
      [
        { label: hostile, rank: 1, interval: [1, 2], score: '1,250', winner: true },
        { label: 'Смирнова', rank: 2, interval: [1, 3], score: '0,100', winner: false },
        { label: 'Никем не оценена', rank: 3, interval: null, score: '—', winner: false },
      ],
      { title: 'Баллы <и> интервалы', axis: 'место', ranks: 3, places: 1 },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Баллы &lt;и&gt; интервалы</title>');
    expect(svg).toContain('1. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Иванова&#39;');
    expect(svg).not.toMatch(/<script|style=|\son\w+=/i);
    expect(svg.match(/class="interval"/g)).toHaveLength(2);
    expect(svg.match(/class="point"/g)).toHaveLength(2);
    expect(svg).toContain('class="row winner"');
    expect(svg).toContain('class="cut"');
  });

  it('draw each juror\'s mean and spread against the panel band', () => {
    const svg = leniencyChart(
      [{ label: 'J1 Соколова', mean: 7.5, sd: 1, value: '7,50 ± 1,00', flagged: false }, { label: hostile, mean: 4, sd: 0, value: '4,00 ± 0,00', flagged: true }],
      { title: 'Строгость', axis: 'балл', min: 1, max: 10, panelMean: 6, panelSd: 1.5 },
    );
    expect(svg).toContain('class="panel-band"');
    expect(svg).toContain('class="panel-mean"');
    expect(svg).toContain('class="row flagged"');
    expect(svg).not.toMatch(/<script|style=/i);
    expect(svg).toContain('&lt;script&gt;');
  });

  it('draw a narrow layout for phones: 400 units wide, each label and value on a line with its plot under it', () => {
    const rows = [{ label: 'Белоусова Надежда Игоревна', rank: 1, interval: [1, 2] as [number, number], score: '1,250', winner: true }];
    const options = { title: 'Баллы', axis: 'место', ranks: 3, places: 1 };
    const wide = rankIntervalChart(rows, options, 'wide');
    const narrow = rankIntervalChart(rows, options, 'narrow');
    expect(wide).toContain('viewBox="0 0 760 ');
    expect(wide).toContain('class="chart chart-ranks chart-wide"');
    expect(narrow).toContain('viewBox="0 0 400 ');
    expect(narrow).toContain('class="chart chart-ranks chart-narrow"');
    const pointY = (svg: string) => Number(/<circle cx="[\d.]+" cy="([\d.]+)"/.exec(svg)![1]);
    const labelY = (svg: string) => Number(/<text x="4" y="([\d.]+)" class="label"/.exec(svg)![1]);
    // wide: the point sits on the label's line (the baseline is 4 below its middle); narrow: under the label
    expect(labelY(wide) - pointY(wide)).toBe(4);
    expect(pointY(narrow) - labelY(narrow)).toBeGreaterThan(8);
    expect(narrow).toContain('1. Белоусова Надежда Игоревна');
    const leniency = leniencyChart([{ label: 'J1 Соколова', mean: 7.5, sd: 1, value: '7,50 ± 1,00', flagged: false }], { title: 'Строгость', axis: 'балл', min: 1, max: 10, panelMean: 6, panelSd: 1.5 }, 'narrow');
    expect(leniency).toContain('class="chart chart-leniency chart-narrow"');
    expect(leniency).not.toMatch(/<script|style=/i);
  });

  it('escape the five XML specials and place round ticks', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(ticks(1, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ticks(1, 10)).toEqual([1, 3, 5, 7, 9]);
    expect(ticks(1, 40)).toEqual([1, 8, 15, 22, 29, 36]);
    expect(ticks(3, 3)).toEqual([3]);
  });
});
