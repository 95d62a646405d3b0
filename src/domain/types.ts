/** The three learning routes (leerroutes) of the Wet inburgering 2021. */
export type Route = 'B1' | 'ONDERWIJS' | 'Z';

export interface InstrumentUse {
  /** A code from rules.instruments, e.g. 'RTS', 'SIR_FYSIEK', 'SIR_ONLINE', 'WMO'. */
  code: string;
  /** 0..100, for instruments with fullHours. */
  attendancePct?: number;
  /** Attended hours, for instruments without fullHours. */
  hours?: number;
  /** The consulent decided to count it as participation. */
  counted: boolean;
}

export interface ProgressSnapshot {
  route: Route;
  /** Attended language lesson hours. */
  languageHours: number;
  /** Attended participation activities, MAP included; no paid work, no instruments. */
  participationHours: number;
  paidWorkHours: number;
  instruments: InstrumentUse[];
  /** Count the flat hours for voortgangs- en begeleidingsgesprekken. */
  countGuidanceConversations: boolean;
  /** 0 without a substitution decision; Z-route only. */
  substitutionHours: number;
  knmCompleted: boolean;
  mapCompleted: boolean;
  pvtCompleted: boolean;
}

/** Pinned codes first; the exam and education codes are added for the B1-route and onderwijsroute. */
export type ConditionCode =
  | 'LANGUAGE_HOURS'
  | 'PARTICIPATION_HOURS'
  | 'PAID_WORK_HOURS'
  | 'KNM'
  | 'MAP'
  | 'PVT'
  | 'EXAM_READING'
  | 'EXAM_LISTENING'
  | 'EXAM_WRITING'
  | 'EXAM_SPEAKING'
  | 'EDUCATION';

export interface Condition {
  code: ConditionCode;
  met: boolean;
  /** Hours for a number condition, a boolean for a yes/no condition. */
  required: number | boolean;
  actual: number | boolean;
  /** Dutch, e.g. "Nog 120 uur taalles nodig (680 van 800)". */
  message: string;
}

export interface EligibilityResult {
  /** True exactly when every condition is met. */
  eligible: boolean;
  conditions: Condition[];
  /** Non-blocking advice, Dutch. */
  notes: string[];
}

export interface ZRouteRules {
  preEnd: { minLanguageHours: number; advisedLanguageHours: number; minParticipationHours: number };
  end: { languageHours: number; participationHours: number };
  maxSubstitutionHours: number;
  guidanceConversationHours: number;
  instruments: { code: string; name: string; fullHours: number | null }[];
}
