import crypto from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import pino, { type Logger } from 'pino';
import pinoHttp from 'pino-http';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { fromRoot } from './paths';
import { configureViews } from './web/views';
import { localeMiddleware } from './web/locale';
import { layoutLocals } from './web/locals';
import { sessionMiddleware } from './web/session';
import { errorHandler, notFoundHandler } from './web/errors';
import { jsonAsForm } from './web/forms';
import { refuseBadText } from './web/text-boundary';
import { cachePolicy } from './web/cache-policy';
import { countRequests, inFlightOf } from './web/in-flight';
import { registerHealthRoutes } from './web/health';
import { registerLanguageRoutes } from './web/language-routes';
import { configurePassport } from './auth/passport';
import { registerLoginRoutes } from './auth/routes';
import { registerAccountRoutes } from './auth/account-routes';
import { registerPasswordResetRoutes } from './auth/password-reset-routes';
import { registerAdminDashboard } from './admin/dashboard-routes';
import { registerUserAdminRoutes } from './admin/users-routes';
import { registerCycleAdminRoutes } from './cycles/cycles-routes';
import { registerCyclePhaseRoutes } from './cycles/cycle-phase-routes';
import { registerCategoryAdminRoutes } from './cycles/categories-routes';
import { registerTrackAdminRoutes } from './programmes/tracks-routes';
import { registerParticipantRoutes } from './programmes/participant-routes';
import { registerCompletionPages } from './programmes/coordinator-routes';
import { registerProgrammeReportRoutes } from './programmes/report-routes';
import { registerAllocationRoutes } from './programmes/allocation-routes';
import { registerAllocationExports } from './programmes/allocation-export-routes';
import { registerProgrammePublicRoutes } from './programmes/public-routes';
import { registerConfirmationRoutes } from './programmes/confirmation-routes';
import { registerParticipantWithdrawalRoutes } from './programmes/participant-withdrawal-routes';
import { registerHomeRoutes } from './public/home-routes';
import { registerOfficerHome } from './nominations/officer-home-routes';
import { registerOfficerNominationRoutes } from './nominations/officer-routes';
import { registerDraftDeletionRoutes } from './nominations/draft-delete-routes';
import { registerOfficerDocumentRoutes } from './nominations/documents-routes';
import { registerJurorHome } from './jury/juror-home-routes';
import { JurorPagesCache } from './jury/juror-pages-cache';
import { registerJurorRoutes } from './jury/juror-routes';
import { registerJurorDocumentRoutes } from './jury/juror-documents-routes';
import { registerCriteriaRoutes } from './jury/criteria-routes';
import { registerPanelRoutes } from './jury/panel-routes';
import { registerMatrixRoutes } from './jury/matrix-routes';
import { registerScoreHistoryRoutes } from './jury/history-routes';
import { registerJuryOverviewRoutes } from './jury/overview-routes';
import { registerScreeningRoutes } from './nominations/screening-routes';
import { registerNominationReviewRoutes } from './nominations/nomination-review-routes';
import { registerNominationExports } from './nominations/export-routes';
import { registerAuditLog } from './audit/audit-routes';
import { registerOutboxRoutes } from './mail/outbox-routes';
import { registerBroadcastRoutes } from './mail/broadcast-routes';
import { registerCertificateRoutes } from './certificates/routes';
import { registerWinnersRoutes } from './public/winners-routes';
import { anonymousWinnersFastPath } from './public/winners-fast-path';
import { registerResultsRoutes } from './results/results-routes';
import { registerDecisionRoutes } from './results/decision-routes';
import { registerScoresExportRoutes } from './results/export-routes';
import { registerWithdrawalRoutes } from './consent/withdrawal-routes';
import { registerPersonDataRoutes } from './consent/person-data-routes';
import { registerConsentFormRoutes } from './consent/consent-form-routes';
import { registerEventAdminRoutes } from './events/admin-routes';
import { registerEventPublicRoutes } from './events/public-routes';
import { registerEventAfterwardsRoutes } from './events/afterwards-routes';
import { registerBadgeRoutes } from './events/badge-routes';
import { registerCheckinRoutes } from './events/checkin-routes';
import { registerRegistrarRoutes } from './events/registrar-routes';

export interface AppDeps {
  dataSource: DataSource;
  config: Config;
  logger?: Logger;
}

export interface BuiltApp {
  app: Express;
  /** turns new requests away and resolves once no request or route handler is running (before the database closes) */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the Express app on a connected DataSource; the server and the tests both use it. */
export function buildApp({ dataSource, config, logger = pino({ level: config.logLevel }) }: AppDeps): BuiltApp {
  const app = express();
  app.disable('x-powered-by');
  app.use(countRequests(inFlightOf(app)));
  // req.ip (the sign-in throttle's key) comes from X-Forwarded-For only through the configured number of proxies
  app.set('trust proxy', config.trustProxy > 0 ? config.trustProxy : false);
  app.set('view cache', true);
  configureViews(app);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/assets/') },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );

  const staticOptions = { maxAge: '1h', index: false as const };
  app.use('/assets/pico', express.static(fromRoot('node_modules', '@picocss', 'pico', 'css'), staticOptions));
  // the door's QR decoder (issue 13), from our own origin
  app.use('/assets/vendor/jsqr', express.static(fromRoot('node_modules', 'jsqr', 'dist'), staticOptions));
  app.use('/assets', express.static(fromRoot('public'), staticOptions));

  app.use(localeMiddleware);
  // every answer from here on varies with the cookies; who may keep it is decided as its headers go out
  app.use(cachePolicy);
  app.use(anonymousWinnersFastPath());
  app.use(express.urlencoded({ extended: false, limit: '300kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '300kb' }), jsonAsForm);

  const sessions = sessionMiddleware(dataSource, config);
  const auth = configurePassport(dataSource);
  app.use(sessions.middleware);
  app.use(auth.initialize());
  app.use(auth.session());
  app.use(layoutLocals(config.regionTz));
  // NUL, control characters, lone surrogates or broken encoding in the address, query or body: 400 before any route
  app.use(refuseBadText);

  registerHealthRoutes(app, dataSource);
  registerLanguageRoutes(app, dataSource, config.secureCookies);
  registerHomeRoutes(app, dataSource);
  registerProgrammePublicRoutes(app, dataSource);
  registerConfirmationRoutes(app, dataSource);
  registerWinnersRoutes(app, dataSource, config.baseUrl);
  registerLoginRoutes(app, dataSource, auth, config.regionTz);
  registerAccountRoutes(app, dataSource);
  registerPasswordResetRoutes(app, dataSource, config.regionTz);
  registerAdminDashboard(app, dataSource);
  registerUserAdminRoutes(app, dataSource, config.baseUrl);
  registerCycleAdminRoutes(app, dataSource, config.regionTz);
  registerCyclePhaseRoutes(app, dataSource);
  registerCategoryAdminRoutes(app, dataSource);
  registerTrackAdminRoutes(app, dataSource);
  registerParticipantRoutes(app, dataSource);
  registerCompletionPages(app, dataSource, config.regionTz);
  registerProgrammeReportRoutes(app, dataSource);
  registerParticipantWithdrawalRoutes(app, dataSource);
  registerAllocationRoutes(app, dataSource, config.regionTz);
  registerAllocationExports(app, dataSource);
  registerOfficerHome(app, dataSource);
  registerOfficerNominationRoutes(app, dataSource);
  registerDraftDeletionRoutes(app, dataSource);
  registerOfficerDocumentRoutes(app, dataSource);
  const jurorPages = new JurorPagesCache(sessions.feed);
  registerJurorHome(app, dataSource, jurorPages);
  registerJurorRoutes(app, dataSource, jurorPages);
  registerJurorDocumentRoutes(app, dataSource);
  registerCriteriaRoutes(app, dataSource);
  registerPanelRoutes(app, dataSource);
  registerMatrixRoutes(app, dataSource);
  registerScoreHistoryRoutes(app, dataSource);
  registerJuryOverviewRoutes(app, dataSource);
  registerScreeningRoutes(app, dataSource);
  registerNominationReviewRoutes(app, dataSource);
  registerConsentFormRoutes(app, dataSource, { baseUrl: config.baseUrl, retentionYears: config.retentionYears, operator: config.operator });
  registerNominationExports(app, dataSource, config.regionTz);
  registerAuditLog(app, dataSource, config.regionTz);
  registerOutboxRoutes(app, dataSource);
  registerBroadcastRoutes(app, dataSource);
  registerCertificateRoutes(app, dataSource, config);
  registerResultsRoutes(app, dataSource);
  registerDecisionRoutes(app, dataSource);
  registerScoresExportRoutes(app, dataSource);
  registerWithdrawalRoutes(app, dataSource);
  registerPersonDataRoutes(app, dataSource, config.retentionYears);
  registerEventAdminRoutes(app, dataSource, { regionTz: config.regionTz, operator: config.operator });
  registerEventPublicRoutes(app, dataSource);
  registerEventAfterwardsRoutes(app, dataSource, config.baseUrl, config.regionTz);
  registerBadgeRoutes(app, dataSource, config.regionTz);
  registerCheckinRoutes(app, dataSource, config.regionTz);
  registerRegistrarRoutes(app, dataSource);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  const close = async () => {
    jurorPages.close();
    await sessions.close();
  };
  return { app, drain: () => inFlightOf(app).drain(), close };
}
