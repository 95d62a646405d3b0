import { gateByFirstSegment } from './router-gate.js';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import type { Db } from '../db/connection.js';
import { DocumentFiles } from '../db/document-files.js';
import { SqliteSessionStore } from '../db/session-store.js';
import { type Clock, systemClock } from '../lib/clock.js';
import './request-context.js';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import { auditContext } from './middleware/audit.js';
import { loadUser, requireLogin, requirePasswordChanged } from './middleware/auth.js';
import { csrf } from './middleware/csrf.js';
import { providerGate } from './middleware/provider-gate.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sessionMiddleware } from './middleware/session.js';
import { absenceRouter } from './routes/absence.js';
import { approvalsRouter } from './routes/approvals.js';
import { adminAuditRouter } from './routes/admin-audit.js';
import { agendaRouter, calendarFeedRouter } from './routes/agenda.js';
import { duoRouter } from './routes/duo.js';
import { planningRouter } from './routes/planning.js';
import { adminDocumentsRouter } from './routes/admin-documents.js';
import { adminLettersRouter } from './routes/admin-letters.js';
import { adminListsRouter } from './routes/admin-lists.js';
import { adminRulesRouter } from './routes/admin-rules.js';
import { adminTeamsRouter } from './routes/admin-teams.js';
import { adminUsersRouter } from './routes/admin-users.js';
import { authRouter } from './routes/auth.js';
import { OidcClient, type OidcSettings } from '../app/oidc.js';
import type { SignInDeps } from '../app/sign-in-context.js';
import { requireSecondFactorEnrolment } from './middleware/second-factor.js';
import { accountSecurityRouter } from './routes/account-security.js';
import { adminSignInRouter } from './routes/admin-sign-in.js';
import { oidcRouter } from './routes/oidc.js';
import { enforcementRouter } from './routes/enforcement.js';
import { clientsRouter } from './routes/clients.js';
import { processingRegisterRouter } from './routes/processing-register.js';
import { restrictedNotesRouter } from './routes/restricted-notes.js';
import { contactsRouter } from './routes/contacts.js';
import { barriersRouter } from './routes/barriers.js';
import { targetGroupRouter } from './routes/target-group.js';
import { weeklyPlanRouter } from './routes/weekly-plan.js';
import { costsRouter } from './routes/costs.js';
import { intakeRouter } from './routes/intake.js';
import { pipRouter } from './routes/pip.js';
import { routeChoiceRouter } from './routes/route-choice.js';
import { closureRouter } from './routes/closure.js';
import { caseloadRouter } from './routes/caseload.js';
import { healthRouter } from './routes/health.js';
import { agreementsRouter } from './routes/agreements.js';
import { dataExportRouter } from './routes/data-export.js';
import { clientSummaryRouter } from './routes/client-summary.js';
import { conversationsRouter } from './routes/conversations.js';
import { decisionsRouter } from './routes/decisions.js';
import { documentsRouter } from './routes/documents.js';
import { lettersRouter } from './routes/letters.js';
import { hourImportRouter } from './routes/hour-import.js';
import { homeRouter } from './routes/home.js';
import { hoursRouter } from './routes/hours.js';
import { languageRouter } from './routes/language.js';
import { publicPagesRouter } from './routes/pages.js';
import { placementsRouter } from './routes/placements.js';
import { portalRouter } from './routes/portal.js';
import { providerReportsRouter } from './routes/provider-reports.js';
import { providerPerformanceRouter } from './routes/provider-performance.js';
import { referralsRouter } from './routes/referrals.js';
import { adminProviderUsersRouter } from './routes/admin-provider-users.js';
import { caseMeetingsRouter } from './routes/case-meetings.js';
import { teamRouter } from './routes/team.js';
import { teamStationsRouter } from './routes/team-stations.js';
import { adminRetentionRouter } from './routes/admin-retention.js';
import { retentionRouter } from './routes/retention.js';
import { adminTargetsRouter } from './routes/admin-targets.js';
import type { Services } from './services.js';
import { createViewEngine } from './view-engine.js';
import { viewHelpers } from './view-helpers.js';
import { type Assets, loadAssets } from './assets.js';

const ROOT = join(import.meta.dirname, '..', '..');

// The built assets are read once per process (every test builds its own app).
const loadedAssets = new Map<string, Assets>();
function assetsIn(dir: string): Assets {
  let assets = loadedAssets.get(dir);
  if (!assets) loadedAssets.set(dir, (assets = loadAssets(dir)));
  return assets;
}

export interface AppConfig {
  sessionSecret: string;
  sessionIdleMinutes: number;
  trustProxy: boolean | number | string;
  upgradeInsecureRequests: boolean;
  loginThrottle: LoginThrottleOptions;
  /** Where the documents' files are kept (DOCUMENTS_PATH); default data/documents. */
  documentsPath: string;
  /** NODE_ENV=production: a second factor is required for every local account. */
  production: boolean;
  /** Single sign-on with the municipality's IdP (OIDC_* environment variables); off when absent. */
  oidc?: OidcSettings;
  /** The origin browsers use for Koers (WebAuthn relying party); defaults to the request's own origin. */
  publicUrl?: string;
}

export interface AppDeps {
  db: Db;
  clock?: Clock;
  config?: Partial<AppConfig>;
}

export type { Services } from './services.js';

/**
 * Builds the Express app. Middleware runs in a fixed order:
 * health → security headers → static → body parsing → session → audit context → current user
 * → CSRF → view locals → public routes → log-in wall → feature routes → 404 → errors.
 */
export function createApp({ db, clock = systemClock, config = {} }: AppDeps): Express {
  const cfg: AppConfig = {
    sessionSecret: config.sessionSecret ?? 'test-secret-not-for-production',
    sessionIdleMinutes: config.sessionIdleMinutes ?? 30,
    trustProxy: config.trustProxy ?? false,
    upgradeInsecureRequests: config.upgradeInsecureRequests ?? false,
    loginThrottle: config.loginThrottle ?? DEFAULT_LOGIN_THROTTLE,
    documentsPath: config.documentsPath ?? resolve('data/documents'),
    production: config.production ?? false,
    oidc: config.oidc,
    publicUrl: config.publicUrl ?? config.oidc?.publicUrl,
  };
  const sessionStore = new SqliteSessionStore(db, () => clock.now().getTime());
  const services: Services = { db, clock, sessionStore };
  const throttle = new LoginThrottle(cfg.loginThrottle);
  const signIn: SignInDeps = { ...services, limiter: throttle, production: cfg.production };
  const oidc = cfg.oidc ? new OidcClient(cfg.oidc) : undefined;

  const app = express();
  app.set('trust proxy', cfg.trustProxy);
  app.set('view engine', 'ejs');
  app.engine('ejs', createViewEngine());
  app.set('views', join(ROOT, 'views'));
  app.disable('x-powered-by');
  // Pages are personal and never cached (Cache-Control: no-store), so an ETag (a SHA-1 of every page) is
  // only work; static files keep their own ETags.
  app.set('etag', false);
  app.locals.h = viewHelpers;
  const assets = assetsIn(join(ROOT, 'public', 'assets'));
  // The layout links the content-hashed stylesheet and scripts: `assets['koers.css']`.
  app.locals.assets = assets.urls;
  app.locals.services = undefined;

  app.use(gateByFirstSegment(healthRouter(db)));
  app.use(
    securityHeaders({
      upgradeInsecureRequests: cfg.upgradeInsecureRequests,
      formActionOrigins: cfg.oidc ? [new URL(cfg.oidc.issuer).origin] : [],
    }),
  );
  // The stylesheet and scripts the pages link: hashed names, precompressed, cached for a year.
  app.use('/assets', assets.middleware);
  // Static files only under their own prefixes, so other requests do not cost a stat() each.
  for (const dir of ['css', 'js']) {
    app.use(`/${dir}`, express.static(join(ROOT, 'public', dir), { index: false, maxAge: '1h' }));
  }
  app.get('/favicon.svg', express.static(join(ROOT, 'public'), { index: false, maxAge: '1h' }));
  app.use(
    '/vendor/utrecht',
    express.static(join(ROOT, 'node_modules', '@utrecht', 'component-library-css', 'dist'), { maxAge: '1d' }),
  );
  app.use(
    '/vendor/utrecht-tokens',
    express.static(join(ROOT, 'node_modules', '@utrecht', 'design-tokens', 'dist'), { maxAge: '1d' }),
  );
  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));
  app.use(sessionMiddleware({ secret: cfg.sessionSecret, store: sessionStore, idleMinutes: cfg.sessionIdleMinutes }));
  app.use(auditContext(db, clock));
  app.use(loadUser(db));
  app.use((req, res, next) => {
    res.locals.currentPath = req.path;
    res.locals.user = req.user;
    res.locals.flash = req.session.flash;
    req.session.flash = undefined;
    res.locals.errors = {};
    res.locals.values = {};
    next();
  });
  app.use(csrf);

  app.use(gateByFirstSegment(publicPagesRouter()));
  app.use(gateByFirstSegment(authRouter(signIn, oidc, cfg.publicUrl)));
  if (oidc) app.use(gateByFirstSegment(oidcRouter(signIn, oidc)));
  // A calendar program subscribes without a session: the feed's secret token is its key.
  app.use(gateByFirstSegment(calendarFeedRouter(services)));
  app.use(requireLogin, requirePasswordChanged, requireSecondFactorEnrolment(signIn));
  // Pages behind log-in hold personal data: never keep them in a (shared) browser or proxy cache.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(providerGate);
  app.use(gateByFirstSegment(homeRouter()));
  app.use(gateByFirstSegment(accountSecurityRouter(signIn, { publicUrl: cfg.publicUrl })));
  app.use('/admin', adminSignInRouter(signIn));
  registerFeatureRoutes(app, services);
  const documentDeps = { db, clock, files: new DocumentFiles(cfg.documentsPath) };
  app.use(gateByFirstSegment(documentsRouter(services, documentDeps)));
  app.use(gateByFirstSegment(lettersRouter(services, documentDeps)));
  app.use('/admin/letters', adminLettersRouter(services));
  app.use('/admin/documents', adminDocumentsRouter(services));
  app.use(gateByFirstSegment(retentionRouter(services, documentDeps)));
  app.use('/admin/retention', adminRetentionRouter(services));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** Feature routers, each handed the services it needs. */
function registerFeatureRoutes(app: Express, services: Services): void {
  app.use(gateByFirstSegment(absenceRouter(services)));
  app.use(gateByFirstSegment(enforcementRouter(services)));
  app.use(gateByFirstSegment(clientsRouter(services)));
  app.use(gateByFirstSegment(contactsRouter(services)));
  app.use(gateByFirstSegment(restrictedNotesRouter(services)));
  app.use(gateByFirstSegment(barriersRouter(services)));
  app.use(gateByFirstSegment(targetGroupRouter(services)));
  app.use(gateByFirstSegment(weeklyPlanRouter(services)));
  app.use(gateByFirstSegment(costsRouter(services)));
  app.use(gateByFirstSegment(intakeRouter(services)));
  app.use(gateByFirstSegment(routeChoiceRouter(services)));
  app.use(gateByFirstSegment(pipRouter(services)));
  app.use(gateByFirstSegment(hourImportRouter(services)));
  app.use(gateByFirstSegment(hoursRouter(services)));
  app.use(gateByFirstSegment(decisionsRouter(services)));
  app.use(gateByFirstSegment(conversationsRouter(services)));
  app.use(gateByFirstSegment(agreementsRouter(services)));
  app.use(gateByFirstSegment(clientSummaryRouter(services)));
  app.use(gateByFirstSegment(dataExportRouter(services)));
  app.use(gateByFirstSegment(languageRouter(services)));
  app.use(gateByFirstSegment(closureRouter(services)));
  app.use(gateByFirstSegment(caseloadRouter(services)));
  app.use(gateByFirstSegment(teamRouter(services)));
  app.use(gateByFirstSegment(teamStationsRouter(services)));
  app.use(gateByFirstSegment(placementsRouter(services)));
  app.use(gateByFirstSegment(referralsRouter(services)));
  app.use(gateByFirstSegment(portalRouter(services)));
  app.use(gateByFirstSegment(providerReportsRouter(services)));
  app.use(gateByFirstSegment(providerPerformanceRouter(services)));
  app.use(gateByFirstSegment(caseMeetingsRouter(services)));
  app.use(gateByFirstSegment(approvalsRouter(services)));
  app.use(gateByFirstSegment(planningRouter(services)));
  app.use(gateByFirstSegment(agendaRouter(services)));
  app.use(gateByFirstSegment(duoRouter(services)));
  app.use('/admin/rules', adminRulesRouter(services));
  app.use('/admin/lists', adminListsRouter(services));
  app.use('/admin/provider-users', adminProviderUsersRouter(services));
  app.use('/admin/users', adminUsersRouter(services));
  app.use('/admin/teams', adminTeamsRouter(services));
  app.use('/admin/audit', adminAuditRouter(services));
  app.use('/admin/targets', adminTargetsRouter(services));
  app.use('/admin/processing-register', processingRegisterRouter(services));
}
