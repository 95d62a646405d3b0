/**
 * Register of processing activities (verwerkingsactiviteiten) in the spirit of the Logius
 * standard "Logboek Dataverwerkingen". Every audit log row names one of these codes.
 */
export const PROCESSING_ACTIVITIES = {
  toegang: 'Toegang tot Koers (inloggen, uitloggen)',
  aanmelding: 'Aanmelding en contactgegevens van de inburgeraar',
  intake: 'Brede intake en routeadvies',
  pip: 'Persoonlijk plan inburgering en participatie (PIP)',
  voortgang: 'Uren, besluiten, voortgangsgesprekken en afspraken',
  afronding: 'Pre-eindgesprek, eindgesprek en afsluiting',
  handhaving: 'Verzuim en handhaving',
  documenten: 'Documenten en brieven in het dossier',
  caseload: 'Werkvoorraad en teamsturing',
  inzage: 'Inzage- en overdrachtsverzoeken van de inburgeraar (AVG)',
  beheer: 'Functioneel beheer (regels, lijsten, gebruikers)',
  afgeschermd: 'Afgeschermde notities (Meldcode, medisch, justitie) en het doorbreken van de afscherming',
} as const;

export type ProcessingActivity = keyof typeof PROCESSING_ACTIVITIES;
