import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import multer from 'multer';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { setDownloadHeaders } from '../web/download';
import { formatDate } from '../web/format';
import { shownFileName } from '../web/uploads/file-names';
import { uploadMessageParams } from '../web/uploads/judge';
import type { PolicyName } from '../auth/policies';
import { phaseKeys } from '../cycles/phases';
import { getCycle } from '../cycles/cycles-query';
import type { Cycle } from '../cycles/cycle.entity';
import type { Track } from './track.entity';
import { completionPageView, holdersOf, type CompletionOutcome } from './completion-view';
import { parseOutcomes } from './completion-form';
import { markOutcomes, type MarkOutcomesResult } from './completion';
import { todayIn } from './completion-rules';
import { isInParticipantGroup } from './participant-statuses';
import { judgeSheet, loadSheet, MAX_SHEET_BYTES, storeSheet } from './attendance-sheets';

/** Who marks a track's outcomes, and how their tracks are found: the admin (any track) or the host's coordinator (their institution's). */
export interface CompletionActor {
  policy: Extract<PolicyName, 'admin' | 'coordinator'>;
  /** the page's path pattern (with `:id`, the track); its forms post under it */
  path: string;
  /** the track, if this person may mark it: one scoped query per actor */
  trackOf: (m: EntityManager, req: Request, id: number) => Promise<Track | null>;
  /** where the page's «back» link leads */
  back: (cycle: Cycle, t: Request['t']) => { href: string; label: string };
}

const sheetParser = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  preservePath: true,
  // one byte over the limit, so a file of exactly 10 MB reaches judgeSheet(), which has the last word
  limits: { fileSize: MAX_SHEET_BYTES + 1, files: 1, fields: 5, fieldSize: 1024, parts: 8 },
}).single('file');

/**
 * A track's completion page (issue 12), for one kind of actor: outcomes marked in bulk and corrected one by
 * one, and the host's attendance sheets uploaded and downloaded. Registered once for the admin and once for
 * the coordinator (coordinator-routes.ts); the domain is the same, only the scope differs.
 */
export function registerCompletionRoutes(app: Express, dataSource: DataSource, timeZone: string, actor: CompletionActor): void {
  const m = dataSource.manager;
  const hrefOf = (trackId: number) => actor.path.replace(':id', String(trackId));

  const trackOr404 = async (req: Request) => {
    const id = parseId(req.params.id);
    const track = id ? await actor.trackOf(m, req, id) : null;
    if (!track) throw notFound();
    return { track, cycle: (await getCycle(m, track.cycleId))! };
  };

  const page = async (req: Request, res: Response, status: number, outcome: CompletionOutcome = {}) => {
    const { track, cycle } = await trackOr404(req);
    const view = await completionPageView(m, { cycle, track, base: hrefOf(track.id), today: todayIn(timeZone), outcome });
    res.status(status).render('programmes/completion', {
      title: req.t('programmeCompletion.title', { track: track.name }),
      back: actor.back(cycle, req.t),
      ...view,
      endDate: formatDate(track.endDate, req.locale, 'UTC'),
      maxMb: MAX_SHEET_BYTES / 1024 / 1024,
    });
  };

  const refusal = (req: Request, result: Exclude<MarkOutcomesResult, { ok: true }>, track: Track) => {
    if ('stale' in result) return req.t('programmeCompletion.refused.stale');
    const r = result.refused;
    return r.refused === 'phase'
      ? req.t('programmeCompletion.refused.phase', { phase: req.t(phaseKeys('programme', r.phase).label) })
      : req.t('programmeCompletion.refused.notEnded', { date: formatDate(track.endDate, req.locale, 'UTC') });
  };

  route(app, { method: 'get', path: actor.path, policy: actor.policy }, async (req, res) => {
    await page(req, res, 200);
  });

  // the bulk form: every participant waiting for an outcome, those left at «—» stay as they are
  route(app, { method: 'post', path: actor.path, policy: actor.policy }, async (req, res) => {
    const { track } = await trackOr404(req);
    const ids = (await holdersOf(m, track.id)).filter((h) => isInParticipantGroup('awaitingOutcome', h.status)).map((h) => h.id);
    const form = parseOutcomes(req.body ?? {}, ids, track.academicHours, req.t);
    if (!form.ok) return page(req, res, 400, { formError: req.t('programmeCompletion.errors.fix'), errors: form.errors, values: form.values });
    if (!form.marks.length) return page(req, res, 400, { formError: req.t('programmeCompletion.errors.nothingChosen') });
    const result = await dataSource.transaction((tx) => markOutcomes(tx, { track, marks: form.marks, actorId: req.user!.id, today: todayIn(timeZone) }));
    if (!result.ok) return page(req, res, 409, { formError: refusal(req, result, track), values: form.values });
    flash(req, 'success', 'programmeCompletion.saved', { completed: result.completed, notCompleted: result.notCompleted });
    res.redirect(303, hrefOf(track.id));
  });

  // a correction of one participant's outcome (or a late mark of one), until the programme is closed
  route(app, { method: 'post', path: `${actor.path}/participants/:participantId`, policy: actor.policy }, async (req, res) => {
    const { track } = await trackOr404(req);
    const participantId = parseId(req.params.participantId);
    const holder = (await holdersOf(m, track.id)).find((h) => h.id === participantId);
    if (!holder) throw notFound();
    const form = parseOutcomes(req.body ?? {}, [holder.id], track.academicHours, req.t, true);
    if (!form.ok) return page(req, res, 400, { formError: req.t('programmeCompletion.errors.fix'), errors: form.errors, values: form.values, correcting: holder.id });
    const result = await dataSource.transaction((tx) => markOutcomes(tx, { track, marks: form.marks, actorId: req.user!.id, today: todayIn(timeZone) }));
    if (!result.ok) return page(req, res, 409, { formError: refusal(req, result, track), values: form.values, correcting: holder.id });
    flash(req, 'success', result.unchanged ? 'programmeCompletion.unchanged' : 'programmeCompletion.corrected');
    res.redirect(303, `${hrefOf(track.id)}#participant-${holder.id}`);
  });

  /** The upload's body parser (in `before`, so the CSRF token is read from the parsed body); its refusals change nothing. */
  const upload: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    sheetParser(req, res, (err?: unknown) => {
      if (!err) return next();
      const tooLarge = (err as { code?: string }).code === 'LIMIT_FILE_SIZE';
      const sheetError = tooLarge ? req.t('programmeCompletion.sheets.tooLarge', { max: MAX_SHEET_BYTES / 1024 / 1024 }) : req.t('errors.badRequest');
      page(req, res, tooLarge ? 413 : 400, { sheetError }).catch(next);
    });
  };

  route(app, { method: 'post', path: `${actor.path}/attendance`, policy: actor.policy, before: [upload] }, async (req, res) => {
    const { track } = await trackOr404(req);
    const file = req.file;
    if (!file) return page(req, res, 400, { sheetError: req.t('programmeCompletion.sheets.missing') });
    const judged = await judgeSheet(file.originalname, file.buffer);
    if (!judged.ok) {
      const key = judged.problem === 'wrongType' ? 'programmeCompletion.sheets.wrongType' : `nominations.uploads.${judged.problem}`;
      return page(req, res, judged.problem === 'tooLarge' ? 413 : 400, { sheetError: req.t(key, uploadMessageParams(shownFileName(file.originalname))) });
    }
    await dataSource.transaction((tx) => storeSheet(tx, track, { fileName: judged.fileName, mime: judged.mime, bytes: file.buffer }, req.user!.id));
    flash(req, 'success', 'programmeCompletion.sheets.uploaded', { name: judged.fileName });
    res.redirect(303, `${hrefOf(track.id)}#attendance`);
  });

  route(app, { method: 'get', path: `${actor.path}/attendance/:sheetId`, policy: actor.policy }, async (req, res) => {
    const { track } = await trackOr404(req);
    const sheetId = parseId(req.params.sheetId);
    const sheet = sheetId ? await loadSheet(m, track.id, sheetId) : null;
    if (!sheet) throw notFound();
    setDownloadHeaders(res, { fileName: sheet.fileName, asciiFallback: `attendance-${track.id}-${sheetId}${sheet.fileName.slice(sheet.fileName.lastIndexOf('.'))}`, contentType: sheet.mime, length: sheet.data.length });
    res.end(sheet.data);
  });
}
