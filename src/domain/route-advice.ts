import { DomainInputError } from './errors.js';
import { type GeneralRules, LEERBAARHEID_MAX_SCORE } from './rules.js';
import type { Route } from './types.js';

export interface RouteAdviceInput {
  /** Correct answers in DUO's leerbaarheidstoets, 0..40; null when not known yet. */
  leerbaarheidScore: number | null;
  age: number;
  highestEducation: 'NONE' | 'PRIMARY' | 'SECONDARY' | 'VOCATIONAL' | 'HIGHER' | null;
  wantsEducation: boolean;
}

/**
 * A simple, explicit route advice (DOMAIN.md "Rotterdam's own points", seed 002 L5749-5753):
 * no score → no advice; score ≥ threshold, young enough and wanting education → onderwijsroute;
 * score ≥ threshold → B1-route; otherwise Z-route. The consulent decides; this is only the advice.
 */
export function adviseRoute(
  input: RouteAdviceInput,
  rules: GeneralRules['routeAdvice'],
): { route: Route | null; reasons: string[] } {
  const { leerbaarheidScore: score, age } = input;
  if (typeof age !== 'number' || !Number.isInteger(age) || age < 0) {
    throw new DomainInputError('age', `Leeftijd: vul een leeftijd in hele jaren in (nu: ${String(age)}).`);
  }
  if (score === null) {
    return { route: null, reasons: ['Leerbaarheidstoets nog niet bekend'] };
  }
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > LEERBAARHEID_MAX_SCORE) {
    throw new DomainInputError(
      'leerbaarheidScore',
      `Score leerbaarheidstoets: vul het aantal goede antwoorden in, van 0 tot en met ${LEERBAARHEID_MAX_SCORE} (nu: ${String(score)}).`,
    );
  }
  const limit = rules.b1MinLeerbaarheidScore - 1;
  if (score < rules.b1MinLeerbaarheidScore) {
    return {
      route: 'Z',
      reasons: [
        `Leerbaarheidstoets ${score} van ${LEERBAARHEID_MAX_SCORE}: niet hoger dan ${limit}, de Z-route past het best`,
      ],
    };
  }
  const reasons = [
    `Leerbaarheidstoets ${score} van ${LEERBAARHEID_MAX_SCORE}: hoger dan ${limit}, geschikt voor de B1-route`,
  ];
  if (!input.wantsEducation) {
    reasons.push('De klant wil geen opleiding volgen, daarom niet de onderwijsroute');
    return { route: 'B1', reasons };
  }
  if (age > rules.onderwijsMaxAge) {
    reasons.push(
      `Leeftijd ${age}: ouder dan ${rules.onderwijsMaxAge}, daarom niet de onderwijsroute ondanks de wens om een opleiding te volgen`,
    );
    return { route: 'B1', reasons };
  }
  reasons.push(
    `Leeftijd ${age}: niet ouder dan ${rules.onderwijsMaxAge}, en de klant wil een opleiding volgen: de onderwijsroute past`,
  );
  return { route: 'ONDERWIJS', reasons };
}
