import fs from 'node:fs';
import path from 'node:path';

/**
 * A table wider than a phone scrolls inside its own box (`.table-wrap`, public/app.css) instead of
 * widening the whole page; on paper the box lets it wrap. Read from the templates, so a new table
 * without the box is caught here rather than on somebody's phone.
 */
describe('tables in the templates', () => {
  it('each sit directly in a <div class="table-wrap">', () => {
    const dir = path.join(__dirname, '../../views');
    // (mail is laid out with tables for mail readers, and is no page anyone opens on a phone in the app)
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.hbs') && !f.startsWith('mail/'));
    const unwrapped: string[] = [];
    let tables = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/<table\b/g)) {
        tables++;
        // what stands between the table and the tag before it, Handlebars comments left out
        const before = text.slice(0, m.index).replace(/\{\{!--[\s\S]*?--\}\}/g, '').trimEnd();
        if (!/<div class="table-wrap[^"]*"[^>]*>$/.test(before)) unwrapped.push(`${f}:${text.slice(0, m.index).split('\n').length}`);
      }
    }
    expect(tables).toBeGreaterThan(10);
    expect(unwrapped).toEqual([]);
  });

  it('print at the width of the sheet: the print rules let the box overflow and hide the ticks and buttons', () => {
    const css = fs.readFileSync(path.join(__dirname, '../../public/app.css'), 'utf8');
    const print = [...css.matchAll(/@media print \{([\s\S]*?)\n\}/g)].map((m) => m[1]).join('\n');
    expect(print).toMatch(/\.table-wrap \{ overflow: visible !important; \}/);
    expect(print).toMatch(/input\[type=checkbox\], button, \[role=button\][^{]*\{ display: none !important; \}/);
  });
});
