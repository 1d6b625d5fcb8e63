import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import multer from 'multer';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { isUniqueViolation } from '../db/unique-violation';
import { getCycle } from '../cycles/cycles-query';
import { phaseKeys } from '../cycles/phases';
import { getTrack } from './tracks-query';
import { participantsPageView } from './participant-view';
import { importDelegation, IMPORT_COLUMNS, type FileIssue, type ImportColumn, type RowProblem } from './delegation-import';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readImportFile } from './delegation-import-file';

/** How many row problems the page lists; the rest are counted («and 312 more»), the file has to be fixed anyway. */
const LISTED_PROBLEMS = 200;

const parser = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  // one byte over the limit, so a file of exactly 2 MB reaches readImportFile(), which has the last word
  limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 5, fieldSize: 1024, parts: 8 },
}).single('file');

/** The track's participants (issue 12): the list, its places, and a delegation's import. */
export function registerParticipantRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const trackOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const track = id ? await getTrack(m, id) : null;
    if (!track) throw notFound();
    return { track, cycle: (await getCycle(m, track.cycleId))! };
  };

  const page = async (req: Request, res: Response, status: number, trackId: unknown, outcome: { formError?: string; problems?: string[]; more?: number } = {}) => {
    // the id as the path gave it, or the track's own id (parseId reads text)
    const { track, cycle } = await trackOr404(String(trackId));
    const view = await participantsPageView(m, cycle, track);
    res.status(status).render('admin/programmes/participants', {
      title: req.t('programmeParticipants.title', { track: track.name }),
      ...view,
      ...outcome,
      maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
      maxRows: MAX_IMPORT_ROWS,
    });
  };

  /**
   * The import's body parser (in the route's `before`, so the CSRF token is read from the parsed body). multer's
   * refusals (a file over the limit, a second file, odd fields) show the page with the reason: nothing is
   * stored, so this answer needs no CSRF check.
   */
  const upload: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    parser(req, res, (err?: unknown) => {
      if (!err) return next();
      const tooLarge = (err as { code?: string }).code === 'LIMIT_FILE_SIZE';
      const formError = tooLarge ? req.t('programmeParticipants.import.file.tooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 }) : req.t('errors.badRequest');
      page(req, res, tooLarge ? 413 : 400, req.params.id, { formError }).catch(next);
    });
  };

  route(app, { method: 'get', path: '/admin/tracks/:id/participants', policy: 'admin' }, async (req, res) => {
    await page(req, res, 200, req.params.id);
  });

  route(app, { method: 'post', path: '/admin/tracks/:id/participants/import', policy: 'admin', before: [upload] }, async (req, res) => {
    const { track } = await trackOr404(req.params.id);
    const file = req.file;
    if (!file) return page(req, res, 400, track.id, { formError: req.t('programmeParticipants.import.file.missing') });
    const read = await readImportFile(file.buffer);
    if (!read.ok) {
      const params = { max: MAX_IMPORT_BYTES / 1024 / 1024, rows: MAX_IMPORT_ROWS };
      return page(req, res, read.problem === 'tooLarge' ? 413 : 400, track.id, { formError: req.t(`programmeParticipants.import.file.${read.problem}`, params) });
    }
    const result = await dataSource.transaction((tx) => importDelegation(tx, track.id, read.rows, req.user!.id)).catch((err: unknown) => {
      // an address taken by another import that committed between our check and our insert
      if (isUniqueViolation(err)) return { ok: false as const, fileIssues: [], rowProblems: [], raced: true };
      throw err;
    });
    if (result.ok) {
      flash(req, 'success', 'programmeParticipants.import.done', { count: result.count });
      return res.redirect(303, `/admin/tracks/${track.id}/participants`);
    }
    if ('refused' in result) {
      if (result.refused === 'notFound') throw notFound();
      const formError =
        result.refused === 'closed'
          ? req.t('programmeParticipants.import.closed', { phase: req.t(phaseKeys('programme', result.phase).label) })
          : req.t('programmeParticipants.import.notDirect');
      return page(req, res, 409, track.id, { formError });
    }
    if ('raced' in result) return page(req, res, 409, track.id, { formError: req.t('programmeParticipants.import.raced') });
    const problems = [...result.fileIssues.map((issue) => fileIssueText(req, issue)), ...result.rowProblems.map((p) => rowProblemText(req, p))];
    await page(req, res, 400, track.id, {
      formError: req.t('programmeParticipants.import.notClean'),
      problems: problems.slice(0, LISTED_PROBLEMS),
      more: Math.max(0, problems.length - LISTED_PROBLEMS),
    });
  });

  route(app, { method: 'get', path: '/admin/programmes/delegation-template.csv', policy: 'admin' }, (req, res) => {
    const header = IMPORT_COLUMNS.map((c) => req.t(`programmeParticipants.columns.${c}`)).join(';');
    res.type('text/csv; charset=utf-8');
    res.attachment(`${req.t('programmeParticipants.template.fileName')}.csv`);
    // a BOM, so that Excel opens the UTF-8 file as UTF-8; «;» as Excel in Russian separates
    res.send(`\uFEFF${header}\r\n`);
  });
}

const columnName = (req: Request, c: ImportColumn) => req.t(`programmeParticipants.columns.${c}`);

function fileIssueText(req: Request, issue: FileIssue): string {
  if (issue.key === 'missingColumns') return req.t('programmeParticipants.import.missingColumns', { columns: issue.columns.map((c) => req.t('programmeParticipants.quoted', { text: columnName(req, c) })).join(', ') });
  if (issue.key === 'noRows') return req.t('programmeParticipants.import.noRows');
  return req.t('programmeParticipants.import.tooManyForPlaces', { rows: issue.rows, free: issue.free });
}

function rowProblemText(req: Request, p: RowProblem): string {
  const where = p.column ? req.t('programmeParticipants.import.rowColumn', { row: p.row, column: columnName(req, p.column) }) : req.t('programmeParticipants.import.row', { row: p.row });
  return `${where}: ${req.t(`programmeParticipants.import.problem.${p.key}`, p.params ?? {})}`;
}
