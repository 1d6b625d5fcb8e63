import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import type { Translator } from '../web/i18n';
import type { Cell } from '../web/spreadsheet';
import { allocationsOf } from './allocation-query';
import { applicantLines } from './allocation-view';

const COLUMNS = [
  ['ranking', 30], ['rank', 8], ['turn', 8], ['name', 34], ['municipality', 22], ['preferences', 50], ['track', 30], ['choice', 8], ['reason', 70],
] as const;

/** The export's column headings in the reader's language, and their widths in characters. */
export function allocationExportHeader(t: Translator): { header: string[]; widths: number[] } {
  return { header: COLUMNS.map(([key]) => t(`programmeAllocation.export.columns.${key}`)), widths: COLUMNS.map(([, w]) => w) };
}

/**
 * Every ranking's allocation as rows, in turn order, with the same sentences the page shows. A programme's
 * applicants are a few hundred at most, so the rows are built in memory (the page builds the same).
 */
export async function allocationExportRows(m: EntityManager, t: Translator, cycle: Cycle): Promise<Cell[][]> {
  const { allocations, tracks } = await allocationsOf(m, cycle);
  const rows: Cell[][] = [];
  for (const allocation of allocations) {
    for (const l of await applicantLines(m, t, allocation, tracks)) {
      const preferences = l.preferences.map((name, i) => `${i + 1}. ${name}`).join(', ');
      rows.push([allocation.ranking.name, l.rank, l.turn, l.name, l.municipality, preferences, l.track ?? '', l.choice ?? '', l.why]);
    }
  }
  return rows;
}
