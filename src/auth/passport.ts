import type { IncomingMessage } from 'node:http';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { DataSource } from 'typeorm';
import { attemptLogin } from './login';
import { loadSessionUser } from './users-query';
import { PREFETCHED_USER } from './session-store';
import type { SessionUser } from './session-user';

/**
 * passport-local on top of attemptLogin(); the session keeps only the user id, and every request
 * reloads the person, so a deactivated account or a changed role takes effect at once.
 */
export function configurePassport(dataSource: DataSource): passport.PassportStatic {
  const instance = new passport.Passport();
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      attemptLogin(dataSource.manager, email, password)
        .then(async (outcome) => {
          if (!outcome.ok) return done(null, false);
          const user = await loadSessionUser(dataSource.manager, outcome.userId);
          return done(null, user ?? false);
        })
        .catch(done);
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  // The session store read the active user with the session (one query); reload only if it did not.
  instance.deserializeUser((req: IncomingMessage, id: number, done: (err: unknown, user?: Express.User | false) => void) => {
    const prefetched = ((req as IncomingMessage & { session?: unknown }).session as Record<string, unknown> | undefined)?.[PREFETCHED_USER] as SessionUser | null | undefined;
    if (prefetched !== undefined && (prefetched === null || prefetched.id === id)) return done(null, prefetched ?? false);
    loadSessionUser(dataSource.manager, id)
      .then((user) => done(null, user ?? false))
      .catch(done);
  });
  return instance as unknown as passport.PassportStatic;
}
