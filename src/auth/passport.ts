import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { DataSource } from 'typeorm';
import { attemptLogin } from './login';
import { loadSessionUser } from './users-query';

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
          if (!outcome.ok) return done(null, false, { message: outcome.reason, ...outcome });
          const user = await loadSessionUser(dataSource.manager, outcome.userId);
          return done(null, user ?? false);
        })
        .catch(done);
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  instance.deserializeUser((id: number, done) => {
    loadSessionUser(dataSource.manager, id)
      .then((user) => done(null, user ?? false))
      .catch(done);
  });
  return instance as unknown as passport.PassportStatic;
}
