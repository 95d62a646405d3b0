/**
 * Burgerservicenummer check (elfproef): 9 digits, weights 9..2 for the first eight
 * and -1 for the last; the sum must be divisible by 11 and not 0.
 */
export function isValidBsn(s: string): boolean {
  if (!/^\d{9}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * (9 - i);
  sum -= Number(s[8]);
  return sum !== 0 && sum % 11 === 0;
}

/** Shows only the last four digits, e.g. '*****6782'. */
export function maskBsn(s: string): string {
  const t = s.trim();
  if (t.length <= 4) return '*'.repeat(t.length);
  return '*'.repeat(t.length - 4) + t.slice(-4);
}
