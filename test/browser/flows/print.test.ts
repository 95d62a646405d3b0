import type { Page } from 'playwright-core';
import { resolvePath } from '../demo.js';
import { describe, expect, test } from '../fixtures.js';
import { screenshot, useSession } from '../helpers.js';

// The two documents a consulent prints for the client: the PIP and the afsprakenplan of the pre-eindgesprek.
// In print media the header, menu, breadcrumbs, footer and the on-screen hints are gone; the document is there.
// (page.pdf works in headless Chromium too, but a screenshot in print media is enough to look at the layout.)
async function expectPrintLayout(page: Page, name: string, h1: string | RegExp, text: string[]): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  try {
    for (const selector of ['header.koers-header', 'nav[aria-label="Hoofdmenu"]', 'nav[aria-label="Kruimelpad"]', 'footer.koers-footer', '.koers-no-print']) {
      const all = page.locator(selector);
      for (let i = 0; i < (await all.count()); i++) expect(await all.nth(i).isVisible(), `${selector} is printed on ${name}`).toBe(false);
    }
    const heading = page.locator('main h1');
    expect(await heading.isVisible()).toBe(true);
    const headingText = ((await heading.textContent()) ?? '').trim();
    if (typeof h1 === 'string') expect(headingText).toBe(h1);
    else expect(headingText).toMatch(h1);
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const t of text) expect(main, `${name} prints "${t}"`).toContain(t);
    await screenshot(page, `print-${name}`);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

describe('print layout', () => {
  test('the PIP for the client', async ({ page }) => {
    await useSession(page, 'consulent');
    await page.goto('/clients/15/pip/print');
    // On screen the hint how to print is shown; in print it is not.
    expect(await page.locator('.koers-no-print').first().isVisible()).toBe(true);
    await expectPrintLayout(page, 'pip', 'Mijn plan voor inburgering', ['Lina Darwish']);
  });

  test('the afsprakenplan of a pre-eindgesprek', async ({ page }) => {
    await useSession(page, 'consulent');
    await page.goto(resolvePath('/clients/{preEndHeld}/conversations/{preEndConversation}/afsprakenplan'));
    await expectPrintLayout(page, 'afsprakenplan', 'Afsprakenplan', ['Layla Rahimi']);
  });
});
