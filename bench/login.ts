// Logs in through the real log-in form and returns the session cookie for authenticated requests.
// In production every local account needs a second factor: the bench users have a TOTP secret
// (BENCH_TOTP_SECRET, set by bench/generate.ts) and the second step gets a code as an authenticator app makes it.
import { Secret, TOTP } from 'otpauth';

/** The TOTP secret (base32) of every bench user. Bench data only; never a real account. */
export const BENCH_TOTP_SECRET = 'KOERSBENCHKOERSBENCHKOERSBENCH23';

function sessionCookie(res: Response): string | undefined {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0] ?? '';
    if (pair.startsWith('koers.sid=')) return pair;
  }
  return undefined;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

function totpCode(ms: number): string {
  return new TOTP({ secret: Secret.fromBase32(BENCH_TOTP_SECRET), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });
}

/** GET /login (token + cookie), POST the form, the TOTP step when asked, and return the `koers.sid=...` cookie. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/login`, { redirect: 'manual' });
  const html = await page.text();
  let cookie = sessionCookie(page);
  const token = csrfOf(html);
  if (!cookie || !token) throw new Error(`log-in page gave no session cookie or _csrf token (status ${page.status})`);
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ username, password, _csrf: token }).toString(),
  });
  if (res.status !== 303) throw new Error(`log-in as ${username} failed with status ${res.status}`);
  cookie = sessionCookie(res) ?? cookie;
  if (res.headers.get('location') === '/login/tweede-stap') {
    // A code is accepted once per 30-second step (and one step either side): the next step's code when this
    // user already signed in during the current step (e.g. a second server on another data set).
    for (const offset of [0, 30_000]) {
      const step = await fetch(`${baseUrl}/login/tweede-stap`, { redirect: 'manual', headers: { cookie } });
      const stepToken = csrfOf(await step.text());
      if (!stepToken) throw new Error(`second step as ${username} gave no _csrf token (status ${step.status})`);
      const done: Response = await fetch(`${baseUrl}/login/tweede-stap`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ code: totpCode(Date.now() + offset), _csrf: stepToken }).toString(),
      });
      await done.arrayBuffer();
      cookie = sessionCookie(done) ?? cookie;
      if (done.status === 303 && done.headers.get('location') !== '/login/tweede-stap') break;
    }
  }
  const session = cookie;
  // The session must reach an authenticated page.
  const check = await fetch(`${baseUrl}/`, { redirect: 'manual', headers: { cookie: session } });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`after log-in as ${username}, / answered ${check.status}`);
  return session;
}
