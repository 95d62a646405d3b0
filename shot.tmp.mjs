import { chromium } from 'playwright-core';
const [,, user, ...paths] = process.argv;
const base = 'http://localhost:3917';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const width of [1280, 320]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'demo-wachtwoord');
  await page.click('button[type=submit]');
  for (const p of paths) {
    const r = await page.goto(base + p);
    const name = `${user}${p.replace(/[^a-z0-9]+/gi, '_')}-${width}.png`;
    await page.screenshot({ path: '/tmp/mi-shots/' + name, fullPage: true });
    console.log(r.status(), name, await page.evaluate(() => document.documentElement.scrollWidth));
  }
  await ctx.close();
}
await browser.close();
