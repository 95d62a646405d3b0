// The register of processing activities (verwerkingsregister, AVG art. 30) of Koers: one entry per processing
// activity that Koers logs under (src/domain/processing-activities.ts; every audit row names one). Because the
// register is a Record over those activities, a new activity does not compile until it has its entry here, and
// test/domain/processing-register.test.ts checks that every activity used in the code and in the audit log has
// one. The functionaris gegevensbescherming reads it on /admin/processing-register (also as CSV and JSON).
//
// Legal grounds: AVG art. 6(1)(c) (legal obligation) and 6(1)(e) (public task) for the municipality's tasks under
// the Wet inburgering 2021 (brede intake, PIP, begeleiding, monitoring, handhaving, reporting to DUO); art. 9(2)(g)
// (substantial public interest, on the basis of the law) for health data; art. 10 for data about criminal
// matters. The exact articles of the Wet inburgering 2021 and the Besluit inburgering 2021 are named by
// chapter/task, to be confirmed by the municipality's FG (see src/domain/README.md).
import { PROCESSING_ACTIVITIES, type ProcessingActivity } from './processing-activities.js';
import { RETENTION_KINDS } from './retention.js';

/**
 * The kind of retention rule an activity's records fall under: the kinds of the admin retention rules
 * (src/domain/retention.ts), so the register shows the rule in force; CONFIGURATION is functioneel beheer (rules,
 * lists, users), kept while in use.
 */
export const REGISTER_RETENTION_KEYS = [...RETENTION_KINDS, 'CONFIGURATION'] as const;
export type RegisterRetentionKey = (typeof REGISTER_RETENTION_KEYS)[number];

export interface RegisterEntry {
  activity: ProcessingActivity;
  name: string;
  purpose: string;
  legalGround: string[];
  /** Special categories (art. 9) or criminal data (art. 10), or null when none. */
  specialCategories: string | null;
  dataCategories: string[];
  dataSubjects: string[];
  recipients: string[];
  retention: { keys: RegisterRetentionKey[]; text: string };
}

const PUBLIC_TASK = 'AVG art. 6 lid 1 onder e: taak van algemeen belang (uitvoering Wet inburgering 2021 door het college)';
const LEGAL_OBLIGATION = 'AVG art. 6 lid 1 onder c: wettelijke verplichting';
const WI = (task: string) => `Wet inburgering 2021: ${task}`;
const INBURGERAARS = 'Inburgeringsplichtigen (en vrijwillige inburgeraars) van de gemeente';
const STAFF = 'Medewerkers van de gemeente die Koers gebruiken (consulenten, teamleiders, functioneel beheerders)';
const DOSSIER_RETENTION = {
  keys: ['DOSSIER', 'AUDIT_LOG'] as RegisterRetentionKey[],
  text: 'Met het dossier: zolang het traject loopt en daarna de bewaartermijn voor het dossier na afsluiting (bewaarregel DOSSIER, door de gemeente in te stellen volgens haar selectielijst). Bij een intrekking door DUO direct na bevestiging. De auditregels volgens bewaarregel AUDIT_LOG.',
};

type Entry = Omit<RegisterEntry, 'activity' | 'name'>;

const ENTRIES: Record<ProcessingActivity, Entry> = {
  toegang: {
    purpose: 'Alleen bevoegde medewerkers toegang geven tot Koers en vastleggen wie wanneer inlogde (beveiliging, AVG art. 32).',
    legalGround: [LEGAL_OBLIGATION + ' (AVG art. 32: passende beveiliging)', PUBLIC_TASK],
    specialCategories: null,
    dataCategories: ['Gebruikersnaam en naam', 'Wachtwoord-hash, passkeys, tweede factor', 'Sessies, tijdstip en uitkomst van het inloggen'],
    dataSubjects: [STAFF],
    recipients: ['Geen (alleen de functioneel beheerder van de gemeente)'],
    retention: { keys: ['SIGN_IN', 'SESSIONS'], text: 'Sessies en inlogregistraties kort (bewaarregels SIGN_IN en SESSIONS); het account zolang de medewerker Koers gebruikt.' },
  },
  aanmelding: {
    purpose: 'De inburgeraar registreren, bereiken en het dossier bijhouden: persoons- en contactgegevens, doelgroep, contactlog.',
    legalGround: [PUBLIC_TASK, WI('taak van het college om inburgeringsplichtigen te begeleiden (na aanmelding door DUO)')],
    specialCategories: null,
    dataCategories: ['Naam, geboortedatum, BSN', 'Adres, telefoon, e-mail, taal en tolkbehoefte', 'Doelgroep en kenmerken', 'Contacten met en over de inburgeraar'],
    dataSubjects: [INBURGERAARS],
    recipients: ['Geen (DUO meldt de inburgeraar aan; wat de gemeente aan DUO doorgeeft staat bij "voortgang")'],
    retention: DOSSIER_RETENTION,
  },
  intake: {
    purpose: 'De brede intake afnemen en de leerroute kiezen.',
    legalGround: [PUBLIC_TASK, WI('brede intake en advies over de leerroute'), 'AVG art. 9 lid 2 onder g (gezondheid, voor zover nodig voor de intake)'],
    specialCategories: 'Gezondheid (belemmeringen, voor zover de inburgeraar die noemt in de intake)',
    dataCategories: ['Opleiding, werkervaring, talen', 'Scores per leefdomein', 'Route-advies en routebesluit'],
    dataSubjects: [INBURGERAARS],
    recipients: ['Geen (de route gaat via de PIP naar de aanbieder)'],
    retention: DOSSIER_RETENTION,
  },
  pip: {
    purpose: 'Het persoonlijk plan inburgering en participatie (PIP) vaststellen en met de aanbieder delen.',
    legalGround: [PUBLIC_TASK, WI('vaststelling van het persoonlijk plan inburgering en participatie (beschikking)')],
    specialCategories: null,
    dataCategories: ['Leerroute, doelen en uren per week', 'Taalaanbieder en participatiecoach', 'MAP, PVT en KNM'],
    dataSubjects: [INBURGERAARS],
    recipients: ['Taalaanbieder en participatiecoach: de aanbiedersversie van de PIP (zonder BSN, gezondheid en financiën)'],
    retention: DOSSIER_RETENTION,
  },
  voortgang: {
    purpose: 'De voortgang volgen en bijsturen: uren, besluiten, gesprekken, afspraken, participatie, taal en examens, DUO-meldingen.',
    legalGround: [PUBLIC_TASK, LEGAL_OBLIGATION + ' (gegevens doorgeven aan DUO)', WI('monitoring van de voortgang en informatie-uitwisseling met DUO en aanbieders')],
    specialCategories: 'Gezondheid, voor zover een belemmering of een besluit erop berust (AVG art. 9 lid 2 onder g)',
    dataCategories: ['Aanwezigheid en uren', 'Besluiten en voortgangsgesprekken', 'Afspraken en planning', 'Participatieplekken', 'Taalniveaus en examens', 'Belemmeringen'],
    dataSubjects: [INBURGERAARS, 'Contactpersonen bij aanbieders en werkgevers (naam)'],
    recipients: ['DUO (leerroute, PIP, afschalen, PVT en MAP afgerond, verlenging, ontheffing, afronding, afsluiting)', 'Aanbieders leveren uren en niveaus aan (ontvangen, niet verstrekt)'],
    retention: { keys: ['DOSSIER', 'IMPORT_DRAFTS', 'REJECTED_PROVIDER_REPORTS', 'AUDIT_LOG'], text: `${DOSSIER_RETENTION.text} Concepten van een urenimport en afgekeurde aanleveringen enkele dagen (bewaarregels IMPORT_DRAFTS en REJECTED_PROVIDER_REPORTS).` },
  },
  afronding: {
    purpose: 'Het traject afronden of beëindigen: pre-eindgesprek, eindgesprek, afsluiting, verlenging en de overdracht bij verhuizing.',
    legalGround: [PUBLIC_TASK, WI('afronding van de inburgeringsplicht, verlenging van de termijn en overdracht bij verhuizing')],
    specialCategories: null,
    dataCategories: ['Gesprekken aan het eind van het traject', 'Reden en datum van afsluiting', 'Overdrachtsoverzicht'],
    dataSubjects: [INBURGERAARS],
    recipients: ['De nieuwe gemeente bij verhuizing (het overdrachtsoverzicht; een afgeschermde notitie alleen als de consulent die met een reden meegeeft)', 'DUO (afronding, ontheffing, afsluiting)'],
    retention: DOSSIER_RETENTION,
  },
  handhaving: {
    purpose: 'Verzuim vastleggen en handhaven volgens de regels van de gemeente.',
    legalGround: [PUBLIC_TASK, WI('handhaving bij het niet nakomen van de verplichtingen (waarschuwing, boete)')],
    specialCategories: 'Gezondheid, als geoorloofd verzuim op ziekte berust (AVG art. 9 lid 2 onder g)',
    dataCategories: ['Verzuim en reden', 'Handhavingsstappen en brieven'],
    dataSubjects: [INBURGERAARS],
    recipients: ['Geen vaste ontvangers (brieven aan de inburgeraar zelf)'],
    retention: DOSSIER_RETENTION,
  },
  documenten: {
    purpose: 'Documenten en brieven bij het dossier bewaren en maken.',
    legalGround: [PUBLIC_TASK],
    specialCategories: 'Kan gezondheidsgegevens bevatten (bijvoorbeeld een medische verklaring), AVG art. 9 lid 2 onder g',
    dataCategories: ['Geüploade documenten en hun versies', 'Brieven met naam, adres en inhoud van het besluit'],
    dataSubjects: [INBURGERAARS],
    recipients: ['De inburgeraar (brieven)'],
    retention: { keys: ['DOCUMENTS', 'AUDIT_LOG'], text: 'Met het dossier (bewaarregel DOCUMENTS): de bestanden worden samen met het dossier vernietigd.' },
  },
  caseload: {
    purpose: 'Het werk verdelen en sturen: werkvoorraad, signalen, kengetallen en cijfers voor de monitor.',
    legalGround: [PUBLIC_TASK],
    specialCategories: null,
    dataCategories: ['Naam en klantnummer', 'Signalen en status van het traject', 'Geaggregeerde cijfers (geen personen)'],
    dataSubjects: [INBURGERAARS, STAFF],
    recipients: ['Het Rijk / de landelijke monitor (alleen geaggregeerde cijfers, geen persoonsgegevens)'],
    retention: { keys: ['DOSSIER', 'AUDIT_LOG'], text: 'Geen eigen gegevens: afgeleid van het dossier en mee verwijderd met het dossier.' },
  },
  inzage: {
    purpose: 'Verzoeken van de inburgeraar om inzage of overdracht van de eigen gegevens beantwoorden.',
    legalGround: [LEGAL_OBLIGATION + ' (AVG art. 15 en 20)'],
    specialCategories: 'Alle categorieën van het dossier, ook de afgeschermde notities (alleen voor de inburgeraar zelf)',
    dataCategories: ['Alle gegevens van het dossier', 'Wie het dossier bekeek of wijzigde'],
    dataSubjects: [INBURGERAARS],
    recipients: ['De inburgeraar zelf'],
    retention: { keys: ['AUDIT_LOG'], text: 'Het verzoek staat in de auditlog (bewaarregel AUDIT_LOG); de export zelf wordt niet bewaard.' },
  },
  beheer: {
    purpose: 'Koers inrichten: regels, lijsten, gebruikers en teams, brieven, doelen; de auditlog inzien.',
    legalGround: [PUBLIC_TASK, LEGAL_OBLIGATION + ' (AVG art. 32: toegangsbeheer en logging)'],
    specialCategories: null,
    dataCategories: ['Gebruikers, rollen en teams', 'Regels en lijsten met hun versies', 'Auditlog (inzien)'],
    dataSubjects: [STAFF],
    recipients: ['Geen'],
    retention: { keys: ['CONFIGURATION', 'AUDIT_LOG'], text: 'Zolang in gebruik; eerdere versies van regels blijven bewaard omdat besluiten erop berusten.' },
  },
  afgeschermd: {
    purpose: 'Gevoelige informatie die voor de begeleiding nodig is (Meldcode huiselijk geweld en kindermishandeling, medisch, justitie) alleen voor de eigen consulent en de teamleider vastleggen; het doorbreken van die afscherming vastleggen.',
    legalGround: [
      PUBLIC_TASK,
      'AVG art. 9 lid 2 onder g en de Wet inburgering 2021 (gezondheid, voor zover nodig voor een passend traject)',
      'AVG art. 10 (strafrechtelijke gegevens, alleen voor zover nodig)',
      'Wet meldcode huiselijk geweld en kindermishandeling (vastleggen van signalen en stappen)',
    ],
    specialCategories: 'Gezondheid (AVG art. 9), strafrechtelijke gegevens (AVG art. 10), signalen van huiselijk geweld',
    dataCategories: ['Soort en datum van de notitie', 'De notitie', 'Wie een notitie opende met welke reden'],
    dataSubjects: [INBURGERAARS, 'Gezinsleden of anderen die in een notitie worden genoemd'],
    recipients: ['Geen; de nieuwe gemeente alleen als de consulent een notitie met een reden meegeeft bij de overdracht'],
    retention: DOSSIER_RETENTION,
  },
};

/** The register, in the order of the processing activities. */
export function processingRegister(): RegisterEntry[] {
  return (Object.keys(PROCESSING_ACTIVITIES) as ProcessingActivity[]).map((activity) => ({
    activity,
    name: PROCESSING_ACTIVITIES[activity],
    ...ENTRIES[activity],
  }));
}

export function isRegisteredActivity(code: string): code is ProcessingActivity {
  return Object.prototype.hasOwnProperty.call(ENTRIES, code);
}
