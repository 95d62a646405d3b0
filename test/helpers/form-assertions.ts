import { expect } from 'vitest';

/** The control named `name` is marked aria-invalid and has its error message (returned) next to it. */
export function expectFieldError(html: string, name: string, message?: RegExp | string): string {
  const id = `veld-${name.replace(/\./g, '-')}`;
  const control = new RegExp(`<(input|textarea|select)\\b[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  expect(control, `control ${name}`).toBeDefined();
  expect(control, `aria-invalid on ${name}`).toContain('aria-invalid="true"');
  expect(control).toContain(`${id}-fout`);
  const text = new RegExp(`id="${id}-fout"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1]?.replace(/<[^>]+>/g, '').replace(/^Fout: /, '');
  expect(text, `message for ${name}`).toBeTruthy();
  if (message) expect(text).toMatch(message);
  return text!;
}

/** The re-rendered form still holds `value` in the control named `name` (input value or textarea text). */
export function expectKept(html: string, name: string, value: string) {
  const esc = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
  const input = new RegExp(`<input\\b[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  if (input) {
    expect(input, `value kept in ${name}`).toContain(`value="${esc}"`);
    return;
  }
  const area = new RegExp(`<textarea\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  expect(area, `control ${name}`).toBeTruthy();
  expect(area![1], `text kept in ${name}`).toBe(esc);
}
