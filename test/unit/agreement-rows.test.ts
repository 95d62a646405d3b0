import { describe, expect, it } from 'vitest';
import { parseAgreementRows, parseOneAgreement } from '../../src/web/forms/agreement-rows.js';

describe('agreement rows of a form', () => {
  it('ignores empty rows, keeps complete ones (dd-MM-yyyy too) and refuses partial ones per field', () => {
    const r = parseAgreementRows(
      {
        agreement_0_description: ' Cv maken ',
        agreement_0_owner: 'CLIENT',
        agreement_0_due: '10-12-2026',
        agreement_1_description: '',
        agreement_1_owner: '',
        agreement_1_due: '',
        agreement_2_description: 'Half',
        agreement_2_owner: 'BUURMAN',
        agreement_2_due: '31-02-2026',
      },
      3,
      '2026-11-20',
    );
    expect(r.rows).toEqual([{ description: 'Cv maken', owner: 'CLIENT', dueOn: '2026-12-10' }]);
    expect(r.errors).toEqual({
      agreement_2_owner: 'Afspraak 3: kies wie het doet',
      agreement_2_due: 'Afspraak 3: de datum is geen geldige datum (bijvoorbeeld 31-12-2026)',
    });
  });

  it('refuses a due date before the earliest date, but not on it; a missing description and date; a long description', () => {
    const body = {
      agreement_0_description: 'Op de dag zelf',
      agreement_0_owner: 'COACH',
      agreement_0_due: '2026-11-20',
      agreement_1_description: 'Te vroeg',
      agreement_1_owner: 'COACH',
      agreement_1_due: '2026-11-19',
      agreement_2_owner: 'PROVIDER',
      agreement_3_description: 'x'.repeat(1001),
      agreement_3_owner: 'CLIENT',
      agreement_3_due: '2026-12-01',
    };
    const r = parseAgreementRows(body, 4, '2026-11-20');
    expect(r.rows.map((a) => a.description)).toEqual(['Op de dag zelf', 'x'.repeat(1001)]);
    expect(r.errors).toEqual({
      agreement_1_due: 'Afspraak 2: de datum mag niet voor de gespreksdatum liggen',
      agreement_2_description: 'Afspraak 3: vul in wat er is afgesproken',
      agreement_2_due: 'Afspraak 3: vul de datum in waarop het klaar moet zijn',
      agreement_3_description: 'Afspraak 4: maximaal 1000 tekens',
    });
    expect(parseAgreementRows(body, 1, '2026-11-20').errors).toEqual({});
  });

  it('the agreements page needs its one row', () => {
    expect(parseOneAgreement({}, '2026-11-24')).toEqual({
      ok: false,
      errors: { agreement_0_description: 'Afspraak 1: vul in wat er is afgesproken' },
    });
    expect(parseOneAgreement({ agreement_0_description: 'Pas halen', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-11-24' }, '2026-11-24')).toEqual({
      ok: true,
      data: { description: 'Pas halen', owner: 'CLIENT', dueOn: '2026-11-24' },
    });
  });
});
