// Referrals (verwijzingen): the consulent refers a client to a provider for one component; the provider confirms
// the start or declines with a reason, and sees the PIP extract of the provider view (no BSN, health, finances).
import { findClientDetail } from '../db/clients.js';
import { listProviders } from '../db/hours.js';
import { listPipVersions, type PipContent } from '../db/pips.js';
import {
  insertReferral,
  listClientReferrals,
  listRunningReferralsOfProvider,
  REFERRAL_COMPONENTS,
  type ReferralComponent,
  type ReferralInput,
  type ReferralStatus,
  respondToReferral,
  withdrawReferral,
} from '../db/referrals.js';
import { formatDate, formatHours } from '../lib/format.js';
import type { Actor } from './actor.js';
import { closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { conflict, notFound } from './errors.js';
import { displayValue } from './pip.js';
import { auditProvider, loadProviderReferral, requireProvider } from './provider-access.js';
import { invalid, ok, type Parsed, type Result, stale } from './result.js';

export { REFERRAL_COMPONENTS, type ReferralComponent };

export const COMPONENT_LABELS: Record<ReferralComponent, string> = {
  LANGUAGE: 'Taalcursus',
  PARTICIPATION: 'Participatietraject',
  MAP: 'MAP (Module Arbeidsmarkt en Participatie)',
  KNM: 'KNM (Kennis van de Nederlandse Maatschappij)',
  PVT: 'PVT (participatieverklaringstraject)',
  JOB_COACHING: 'Jobcoaching',
};

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  PROPOSED: 'Wacht op bevestiging',
  CONFIRMED: 'Bevestigd',
  DECLINED: 'Afgewezen door aanbieder',
  WITHDRAWN: 'Ingetrokken',
};

export type ReferralForm = ReferralInput;

export function describeReferral(r: Pick<ReferralInput, 'component' | 'startOn' | 'endOn'> & { providerName: string }): string {
  return `${COMPONENT_LABELS[r.component]} bij ${r.providerName} (${formatDate(r.startOn)} t/m ${formatDate(r.endOn)})`;
}

export function plannedText(r: Pick<ReferralInput, 'hoursPerWeek' | 'hoursTotal'>): string {
  return [
    r.hoursPerWeek !== null ? `${formatHours(r.hoursPerWeek)} uur per week` : null,
    r.hoursTotal !== null ? `${formatHours(r.hoursTotal)} uur in totaal` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The referrals tab of a dossier: the client's referrals and the form of a new one. */
export function loadReferralsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  actor.audit('verwijzingen-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    referrals: listClientReferrals(deps.db, page.client.id),
    providerOptions: listProviders(deps.db).map((p) => ({ value: String(p.id), label: p.name })),
    componentOptions: REFERRAL_COMPONENTS.map((c) => ({ value: c, label: COMPONENT_LABELS[c] })),
    componentLabels: COMPONENT_LABELS,
    statusLabels: REFERRAL_STATUS_LABELS,
    plannedText,
  };
}

/** Refers a client to a provider (proposed until the provider confirms). */
export function referClient(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<ReferralForm>): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'verwijzingen');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const input = form.data;
  const provider = listProviders(deps.db).find((p) => p.id === input.providerId);
  if (!provider) return invalid({ providerId: 'Kies een aanbieder uit de lijst' });
  const summary = describeReferral({ ...input, providerName: provider.name });
  changeDossier(deps, actor, page.client.id, () => {
    const id = insertReferral(deps.db, page.client.id, input, actor.user.id, actor.nowIso);
    return { value: id, events: [{ kind: 'REFERRAL', summary: `Verwezen: ${summary}`, refTable: 'referrals', refId: id }] };
  });
  actor.audit('verwijzing-aangemaakt', 'voortgang', { clientId: page.client.id });
  return ok({ summary });
}

export interface WithdrawReferralForm {
  version: number;
}

/**
 * The consulent withdraws a proposed or confirmed referral (the client stops, moves, or goes elsewhere): from then
 * on the provider no longer sees the client and cannot report on it. Reports already accepted stay.
 */
export function withdrawClientReferral(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  referralId: unknown,
  form: Parsed<WithdrawReferralForm>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'verwijzingen');
  if (closed) return { ok: false, refusal: closed };
  const referral = listClientReferrals(deps.db, page.client.id).find((r) => String(r.id) === String(referralId));
  if (!referral) throw notFound('Deze verwijzing bestaat niet.');
  if (!form.ok) return invalid(form.errors);
  if (referral.status !== 'PROPOSED' && referral.status !== 'CONFIRMED') {
    return stale(`Deze verwijzing is al ${REFERRAL_STATUS_LABELS[referral.status].toLowerCase()}; er is niets gewijzigd.`);
  }
  const summary = describeReferral(referral);
  const done = changeDossier(deps, actor, page.client.id, () =>
    withdrawReferral(deps.db, referral.id, form.data.version, actor.nowIso)
      ? { value: true, events: [{ kind: 'REFERRAL', summary: `Verwijzing ingetrokken: ${summary}`, refTable: 'referrals', refId: referral.id }] }
      : null,
  );
  if (!done) return stale('Deze verwijzing is intussen gewijzigd; er is niets opgeslagen. Bekijk de verwijzing opnieuw.');
  actor.audit('verwijzing-ingetrokken', 'voortgang', { clientId: page.client.id });
  return ok({ summary });
}

// ---- The provider's side

/** The provider's start page: its running referrals (name and client number only), one audit row per client. */
export function loadPortalHome(deps: Deps, actor: Actor) {
  const provider = requireProvider(deps, actor);
  const referrals = listRunningReferralsOfProvider(deps.db, provider.id, actor.today);
  for (const clientId of new Set(referrals.map((r) => r.clientId))) {
    auditProvider(actor, provider, 'aanbieder-verwijzingen-bekeken', { clientId });
  }
  if (!referrals.length) auditProvider(actor, provider, 'aanbieder-verwijzingen-bekeken');
  return {
    provider,
    proposed: referrals.filter((r) => r.status === 'PROPOSED'),
    confirmed: referrals.filter((r) => r.status === 'CONFIRMED'),
    componentLabels: COMPONENT_LABELS,
    plannedText,
    today: actor.today,
  };
}

/** The fields of the PIP extract of the provider view (views/pip/_provider-extract.ejs). */
export interface PipExtract {
  versionNo: number;
  vastgesteldOn: string;
  c: PipContent;
  dv: (k: keyof PipContent) => string;
}

/** One referral as its provider sees it: the referral, the client's name and number, and the PIP extract. */
export function loadPortalReferral(deps: Deps, actor: Actor, referralId: unknown) {
  const provider = requireProvider(deps, actor);
  const referral = loadProviderReferral(deps, actor, provider, referralId);
  const detail = findClientDetail(deps.db, referral.clientId)!;
  const version = listPipVersions(deps.db, referral.clientId)[0];
  auditProvider(actor, provider, 'aanbieder-verwijzing-bekeken', { clientId: referral.clientId, extra: `verwijzing ${referral.id}` });
  const pip: PipExtract | null = version
    ? { versionNo: version.versionNo, vastgesteldOn: version.vastgesteldOn, c: version.content, dv: (k) => displayValue(k, version.content) }
    : null;
  return {
    provider,
    referral,
    // Only what the provider needs; never the BSN, health, finances or enforcement.
    client: {
      firstName: detail.firstName,
      lastName: detail.lastName,
      clientNumber: detail.clientNumber,
      interpreterNeeded: detail.interpreterNeeded,
      preferredLanguage: detail.preferredLanguage,
    },
    pip,
    componentLabels: COMPONENT_LABELS,
    statusLabels: REFERRAL_STATUS_LABELS,
    plannedText,
  };
}

export type ReferralAnswerForm = { answer: 'CONFIRM' } | { answer: 'DECLINE'; reason: string };

/** The provider confirms the start of a proposed referral or declines it with a reason. */
export function answerReferral(
  deps: Deps,
  actor: Actor,
  referralId: unknown,
  version: number,
  form: Parsed<ReferralAnswerForm>,
): Result<{ message: string }> {
  const provider = requireProvider(deps, actor);
  const referral = loadProviderReferral(deps, actor, provider, referralId);
  if (referral.status !== 'PROPOSED') throw conflict('Op deze verwijzing is al geantwoord.');
  if (!form.ok) return invalid(form.errors);
  const answer = form.data;
  const status = answer.answer === 'CONFIRM' ? 'CONFIRMED' : 'DECLINED';
  const reason = answer.answer === 'DECLINE' ? answer.reason : null;
  const what = describeReferral(referral);
  const saved = changeDossier(deps, actor, referral.clientId, () =>
    respondToReferral(deps.db, referral.id, version, { status, declineReason: reason }, actor.user.id, actor.nowIso)
      ? {
          value: referral.id,
          events: [
            {
              kind: 'REFERRAL',
              summary:
                status === 'CONFIRMED'
                  ? `${provider.name} bevestigt de start: ${what}`
                  : `${provider.name} wijst de verwijzing af: ${what}. Reden: ${reason}`,
              refTable: 'referrals',
              refId: referral.id,
            },
          ],
        }
      : null,
  );
  if (!saved) return stale('Deze verwijzing is intussen gewijzigd; er is niets opgeslagen. Bekijk de verwijzing opnieuw.');
  auditProvider(actor, provider, status === 'CONFIRMED' ? 'aanbieder-verwijzing-bevestigd' : 'aanbieder-verwijzing-afgewezen', {
    clientId: referral.clientId,
    extra: `verwijzing ${referral.id}`,
  });
  return ok({
    message: status === 'CONFIRMED' ? `De start is bevestigd: ${what}.` : `De verwijzing is afgewezen: ${what}.`,
  });
}
