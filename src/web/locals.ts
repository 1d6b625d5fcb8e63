import type { NextFunction, Request, Response } from 'express';
import { navigationFor } from '../auth/policies';
import { csrfToken } from './csrf';
import { takeFlashes } from './flash';

/** What every page's layout needs: who is signed in (as text and booleans), flashes, the CSRF token. */
export function layoutLocals(timeZone: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = req.user;
    res.locals.timeZone = timeZone;
    res.locals.nav = navigationFor(user);
    res.locals.currentPath = req.originalUrl;
    res.locals.otherLocale = req.locale === 'ru' ? 'en' : 'ru';
    if (user) {
      res.locals.currentUser = {
        fullName: user.fullName,
        roleKey: `roles.${user.role}`,
        municipalityName: user.municipalityName,
      };
      res.locals.csrfToken = csrfToken(req);
    }
    if (req.session?.flash) res.locals.flashes = takeFlashes(req);
    next();
  };
}
