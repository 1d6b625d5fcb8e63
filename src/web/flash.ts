import type { Request } from 'express';

export type FlashKind = 'success' | 'error' | 'info';
export interface Flash {
  kind: FlashKind;
  key: string;
  params?: Record<string, unknown>;
}

declare module 'express-session' {
  interface SessionData {
    flash?: Flash[];
  }
}

/** A message for the next page shown after a redirect (post/redirect/get). */
export function flash(req: Request, kind: FlashKind, key: string, params?: Record<string, unknown>): void {
  if (!req.session) return;
  (req.session.flash ??= []).push({ kind, key, params });
}

export function takeFlashes(req: Request): Flash[] {
  const messages = req.session?.flash;
  if (!messages?.length) return [];
  delete req.session.flash;
  return messages;
}
