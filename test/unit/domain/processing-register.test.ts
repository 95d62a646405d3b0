import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESSING_ACTIVITIES } from '../../../src/domain/processing-activities.js';
import { isRegisteredActivity, processingRegister, REGISTER_RETENTION_KEYS } from '../../../src/domain/processing-register.js';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Every processing activity the code logs under, read from the source: the second argument of an `audit(...)`
 * call, an `activity: '...'` of an audit row written directly, and the values of a `Record<..., ProcessingActivity>`.
 */
function activitiesUsedInCode(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const add = (code: string, file: string) => used.set(code, [...(used.get(code) ?? []), file.slice(SRC.length + 1)]);
  for (const file of sourceFiles(SRC)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\baudit\(\s*(?:'[^']*'|`[^`]*`|[\w.?:' -]+?)\s*,\s*'([a-z-]+)'/g)) add(m[1]!, file);
    if (/appendAudit\(/.test(src)) for (const m of src.matchAll(/\bactivity:\s*'([a-z-]+)'/g)) add(m[1]!, file);
    for (const block of src.matchAll(/Record<\w+,\s*ProcessingActivity>\s*=\s*\{([^}]*)\}/g)) {
      for (const m of block[1]!.matchAll(/:\s*'([a-z-]+)'/g)) add(m[1]!, file);
    }
  }
  return used;
}

describe('register of processing (verwerkingsregister)', () => {
  it('has one entry per processing activity, each with purpose, ground, data, subjects, recipients and retention', () => {
    const register = processingRegister();
    expect(register.map((e) => e.activity)).toEqual(Object.keys(PROCESSING_ACTIVITIES));
    for (const e of register) {
      expect(e.purpose.length, e.activity).toBeGreaterThan(20);
      expect(e.legalGround.some((g) => g.includes('AVG art. 6')) || e.activity === 'inzage', e.activity).toBe(true);
      expect(e.dataCategories.length, e.activity).toBeGreaterThan(0);
      expect(e.dataSubjects.length, e.activity).toBeGreaterThan(0);
      expect(e.recipients.length, e.activity).toBeGreaterThan(0);
      expect(e.retention.keys.length, e.activity).toBeGreaterThan(0);
      for (const k of e.retention.keys) expect(REGISTER_RETENTION_KEYS, e.activity).toContain(k);
    }
    // Health and criminal data name article 9 / 10.
    const restricted = register.find((e) => e.activity === 'afgeschermd')!;
    expect(restricted.legalGround.join(' ')).toMatch(/art\. 9 lid 2/);
    expect(restricted.legalGround.join(' ')).toMatch(/art\. 10/);
  });

  it('covers every activity the code logs under, and has no entry the code never uses (it cannot drift)', () => {
    const used = activitiesUsedInCode();
    expect(used.size).toBeGreaterThan(5); // the scan finds the audit calls at all
    const missing = [...used.keys()].filter((a) => !isRegisteredActivity(a));
    expect(missing, `activities without a register entry: ${missing.map((a) => `${a} (${used.get(a)!.join(', ')})`).join('; ')}`).toEqual([]);
    const unused = Object.keys(PROCESSING_ACTIVITIES).filter((a) => !used.has(a));
    expect(unused, 'register entries no code logs under').toEqual([]);
  });

  it('the scan would catch an activity without an entry', () => {
    expect(isRegisteredActivity('afgeschermd')).toBe(true);
    expect(isRegisteredActivity('marketing')).toBe(false);
    expect(isRegisteredActivity('toString')).toBe(false);
  });
});
