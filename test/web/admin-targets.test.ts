// Functioneel beheer sets the targets and waiting limits (issue 22): versioned by effective date, bad input is
// shown next to the field with nothing lost, and the figures use the version in force.
import { describe, expect, it } from 'vitest';
import { listTargetVersions, targetsOn } from '../../src/db/targets.js';
import { DEFAULT_TARGETS, LEAD_STEPS } from '../../src/domain/index.js';
import { buildTestApp } from '../helpers/app.js';
import { expectFieldError, expectKept } from '../helpers/form-assertions.js';

function form(over: Record<string, string> = {}): Record<string, string> {
  const t = DEFAULT_TARGETS;
  return {
    effectiveFrom: '2027-01-01',
    note: 'Nieuwe afspraken met de raad',
    intakeStartedPct: '85',
    intakeWeeks: String(t.intakeWeeks),
    pipOnTimePct: String(t.pipOnTimePct),
    onTrackPct: String(t.onTrackPct),
    placementPct: String(t.placementPct),
    placementMonths: String(t.placementMonths),
    plichtMetPct: String(t.plichtMetPct),
    ...Object.fromEntries(LEAD_STEPS.map((s) => [`wait_${s}`, String(t.waitDays[s])])),
    ...over,
  };
}

describe('admin targets', async () => {
  const ctx = await buildTestApp();
  const { agent, csrf } = await ctx.login('admin');

  it('shows the targets in force (the defaults before any version) with a form prefilled', async () => {
    const res = await agent.get('/admin/targets');
    expect(res.status).toBe(200);
    expect(res.text).toContain('de standaarddoelen gelden');
    expectKept(res.text, 'intakeStartedPct', '80');
    expectKept(res.text, 'wait_ROUTE_CHOSEN', '14');
  });

  it('refuses bad input next to the field and keeps what was typed', async () => {
    const res = await agent.post('/admin/targets').type('form').send({ ...form({ pipOnTimePct: '101', wait_PIP_SET: '', effectiveFrom: '' }), _csrf: csrf });
    expect(res.status).toBe(400);
    expectFieldError(res.text, 'pipOnTimePct', 'Het doel voor het PIP op tijd is hoogstens 100');
    expectFieldError(res.text, 'wait_PIP_SET', /Vul de wachtgrens in dagen in/);
    expectFieldError(res.text, 'effectiveFrom');
    expectKept(res.text, 'intakeStartedPct', '85');
    expectKept(res.text, 'note', 'Nieuwe afspraken met de raad');
    expect(listTargetVersions(ctx.db)).toHaveLength(0);
  });

  it('saves a version that applies from its date (the day before still the old one); one version per date', async () => {
    const res = await agent.post('/admin/targets').type('form').send({ ...form(), _csrf: csrf });
    expect(res.status).toBe(303);
    expect(targetsOn(ctx.db, '2026-12-31').intakeStartedPct).toBe(80);
    expect(targetsOn(ctx.db, '2027-01-01').intakeStartedPct).toBe(85);
    const again = await agent.post('/admin/targets').type('form').send({ ...form({ intakeStartedPct: '90' }), _csrf: csrf });
    expect(again.status).toBe(400);
    expectFieldError(again.text, 'effectiveFrom', /Er is al een versie die ingaat op 1 januari 2027/);
    const audit = ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'doelen-gewijzigd'").pluck().get();
    expect(audit).toBe(1);
  });

  it('is for the functioneel beheerder only', async () => {
    const tl = await ctx.login('teamleider');
    expect((await tl.agent.post('/admin/targets').type('form').send({ ...form({ effectiveFrom: '2027-02-01' }), _csrf: tl.csrf })).status).toBe(403);
    expect(listTargetVersions(ctx.db).map((v) => v.effectiveFrom)).toEqual(['2027-01-01']);
  });

  it('saves a route\'s own target; an empty field means the general target', async () => {
    const res = await agent
      .post('/admin/targets')
      .type('form')
      .send({ ...form({ effectiveFrom: '2027-03-01', route_Z_PLACEMENT: '60', route_B1_PLACEMENT: '' }), _csrf: csrf });
    expect(res.status).toBe(303);
    expect(targetsOn(ctx.db, '2027-03-01').byRoute).toEqual({ B1: {}, ONDERWIJS: {}, Z: { PLACEMENT: 60 } });
    const page = await agent.get('/admin/targets');
    expect(page.status).toBe(200);
    const bad = await agent.post('/admin/targets').type('form').send({ ...form({ effectiveFrom: '2027-04-01', route_Z_PLACEMENT: '150' }), _csrf: csrf });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'route_Z_PLACEMENT', 'Het doel voor een participatieplaats voor deze route is hoogstens 100');
    expectKept(bad.text, 'route_Z_PLACEMENT', '150');
  });
});
