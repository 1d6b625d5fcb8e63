import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded when the first spreadsheet is written or read rather than at start-up: it is the heaviest
 * module the app uses (a quarter of a second to load), and most processes never need it.
 */
export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
