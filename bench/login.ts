// Logs in through the real log-in form and returns the session cookie for authenticated requests.

function sessionCookie(res: Response): string | undefined {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0] ?? '';
    if (pair.startsWith('koers.sid=')) return pair;
  }
  return undefined;
}

/** GET /login (token + cookie), POST the form, and return the `koers.sid=...` cookie of the new session. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/login`, { redirect: 'manual' });
  const html = await page.text();
  const cookie = sessionCookie(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!cookie || !token) throw new Error(`log-in page gave no session cookie or _csrf token (status ${page.status})`);
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ username, password, _csrf: token }).toString(),
  });
  if (res.status !== 303) throw new Error(`log-in as ${username} failed with status ${res.status}`);
  const session = sessionCookie(res) ?? cookie;
  // The session must reach an authenticated page.
  const check = await fetch(`${baseUrl}/`, { redirect: 'manual', headers: { cookie: session } });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`after log-in as ${username}, / answered ${check.status}`);
  return session;
}
