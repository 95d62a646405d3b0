import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalChoice, parseInput } from '../../src/web/validation.js';

describe('optionalChoice', () => {
  const schema = z.object({
    team: optionalChoice('Kies een geldig team', ['1', '2'] as const),
    opleiding: optionalChoice('Kies een geldige opleiding', ['MBO', 'HBO'] as const),
  });

  it('shows the whole message it is given, so the article fits the noun (een geldig team, een geldige opleiding)', () => {
    expect(parseInput(schema, { team: '9', opleiding: 'X' })).toEqual({
      ok: false,
      errors: { team: 'Kies een geldig team', opleiding: 'Kies een geldige opleiding' },
    });
  });

  it('an empty value is no choice (null); a listed one is kept', () => {
    expect(parseInput(schema, { team: '', opleiding: 'HBO' })).toEqual({ ok: true, data: { team: null, opleiding: 'HBO' } });
  });
});
