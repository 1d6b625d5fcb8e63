import QRCode from 'qrcode';

/** A QR code as its grid of dark modules (row-major), so it can be drawn as vector squares. */
export interface QrGrid {
  payload: string;
  size: number;
  dark: boolean[];
}

/** Medium error correction: survives a crease or a stamp over a corner and stays small (33×33 for a verify URL). */
export function qrGrid(payload: string): QrGrid {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { payload, size: modules.size, dark: Array.from(modules.data, (v) => v === 1) };
}

/**
 * The dark modules as horizontal runs [row, firstColumn, length]: one rectangle per run instead of one
 * per module keeps the page small and the edges crisp.
 */
export function qrRuns(grid: QrGrid): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = [];
  for (let r = 0; r < grid.size; r++) {
    for (let c = 0; c < grid.size; c++) {
      if (!grid.dark[r * grid.size + c]) continue;
      const start = c;
      while (c + 1 < grid.size && grid.dark[r * grid.size + c + 1]) c++;
      runs.push([r, start, c - start + 1]);
    }
  }
  return runs;
}
