import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';

export type Role = 'consulent' | 'teamleider' | 'admin' | 'aanbieder';

/** The demo users that `npm start` creates (src/demo/seed.ts) and what their start page shows. */
export const DEMO_USERS: Record<Role, { username: string; displayName: string; startH1: string }> = {
  consulent: { username: 'consulent', displayName: 'Sanne de Vries', startH1: 'Wat moet ik deze week doen?' },
  teamleider: { username: 'teamleider', displayName: 'Ahmed Bakker', startH1: 'Werkvoorraad van Inburgering Noord' },
  admin: { username: 'admin', displayName: 'Femke Jansen', startH1: 'Functioneel beheer' },
  aanbieder: { username: 'aanbieder', displayName: 'Lotte Smit (Taalschool De Brug)', startH1: 'Verwijzingen' },
};

const BASE = () => inject('baseURL');

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

// ---------------------------------------------------------------------------------------------------------------
// Log-in

/** Logs in through the real form as one of the demo users and waits for the start page. */
export async function loginAs(page: Page, role: Role): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Gebruikersnaam').fill(DEMO_USERS[role].username);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  // A provider user's start page is the portal (its '/' redirects there).
  const start = role === 'aanbieder' ? '/portal' : '/';
  await Promise.all([page.waitForURL((url) => url.pathname === start), page.getByRole('button', { name: 'Inloggen' }).click()]);
  const h1 = await page.getByRole('heading', { level: 1 }).textContent();
  expect(h1?.trim(), `start page of ${role}`).toBe(DEMO_USERS[role].startH1);
}

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
const sessions = new Map<Role, Promise<Cookies>>();

/**
 * Gives the page's (fresh) context a logged-in session of `role` without going through the form again: the
 * first call per run logs in through the real form in a context of its own and keeps its cookies. Use it for
 * page sweeps and flows that are not about logging in; it saves a password hash per test.
 */
export async function useSession(page: Page, role: Role): Promise<void> {
  let cookies = sessions.get(role);
  if (!cookies) {
    const browser = page.context().browser();
    if (!browser) throw new Error('useSession needs a page from a browser context');
    cookies = (async () => {
      const context = await browser.newContext({ baseURL: new URL(page.url() === 'about:blank' ? BASE() : page.url()).origin });
      try {
        const p = await context.newPage();
        await loginAs(p, role);
        return await context.cookies();
      } finally {
        await context.close();
      }
    })();
    sessions.set(role, cookies);
    cookies.catch(() => sessions.delete(role));
  }
  await page.context().addCookies(await cookies);
}

/** Logs out with the button in the header and waits for the log-in page. */
export async function logout(page: Page): Promise<void> {
  await Promise.all([page.waitForURL((url) => url.pathname === '/login'), page.getByRole('button', { name: 'Uitloggen' }).click()]);
}

// ---------------------------------------------------------------------------------------------------------------
// Screenshots

/** Full-page PNG in test-results/screenshots/<name>.png (gitignored). Returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// ---------------------------------------------------------------------------------------------------------------
// Accessibility (axe-core)

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe with the WCAG 2.1 A/AA rules; fails the test on any violation and lists them readably. */
export async function checkA11y(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (result.violations.length === 0) return;
  const lines = result.violations.map((v) => {
    const targets = v.nodes.map((n) => `      - ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`);
    return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${targets.join('\n')}`;
  });
  throw new Error(
    `axe found ${result.violations.length} WCAG 2.1 A/AA violation(s) on "${name}" (${page.url()}):\n${lines.join('\n')}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Reflow and zoom

interface Overflow {
  scrollWidth: number;
  culprits: string[];
}

function measureOverflow(page: Page, width: number): Promise<Overflow> {
  return page.evaluate((w) => {
    const name = (el: Element) =>
      el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.classList.length ? `.${[...el.classList].join('.')}` : '');
    const culprits: string[] = [];
    // Boxes that stick out (only the outermost; their children add nothing).
    for (const el of document.body.querySelectorAll('*')) {
      if (culprits.length >= 10) break;
      const r = el.getBoundingClientRect();
      const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
      if (r.width > 0 && r.right > w + 1 && parentRight <= w + 1) culprits.push(`${name(el)} (to ${Math.round(r.right)}px)`);
    }
    // Text that sticks out of its box, e.g. a long word that does not wrap.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node && culprits.length < 10; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1) {
        const text = node.textContent.trim().slice(0, 40);
        culprits.push(`text "${text}" in ${node.parentElement ? name(node.parentElement) : '?'} (to ${Math.round(r.right)}px)`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  }, width);
}

async function withViewport<T>(page: Page, size: { width: number; height: number }, fn: () => Promise<T>): Promise<T> {
  const before = page.viewportSize();
  await page.setViewportSize(size);
  try {
    return await fn();
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/**
 * WCAG 1.4.10 Reflow: at 320 CSS px wide the page must not scroll horizontally.
 * Pass `screenshotName` to also keep a full-page PNG of the narrow layout.
 */
export async function checkReflow(page: Page, screenshotName?: string): Promise<void> {
  await withViewport(page, { width: 320, height: 640 }, async () => {
    const { scrollWidth, culprits } = await measureOverflow(page, 320);
    if (screenshotName) await screenshot(page, screenshotName);
    expect(
      scrollWidth,
      `${page.url()} scrolls horizontally at 320px (scrollWidth ${scrollWidth}); too wide: ${culprits.join(', ')}`,
    ).toBeLessThanOrEqual(320);
  });
}

/**
 * WCAG 1.4.4 Resize text: at 200% browser zoom a 1280×800 window lays out exactly like a 640×400 CSS-pixel
 * viewport (device scale factor only changes the pixel density, not the layout). The page must not scroll
 * horizontally and the main content with its h1 must be visible within the width.
 */
export async function checkZoom200(page: Page): Promise<void> {
  await withViewport(page, { width: 640, height: 400 }, async () => {
    const { scrollWidth, culprits } = await measureOverflow(page, 640);
    expect(
      scrollWidth,
      `${page.url()} scrolls horizontally at 200% zoom (scrollWidth ${scrollWidth}); too wide: ${culprits.join(', ')}`,
    ).toBeLessThanOrEqual(640);
    const main = page.locator('main');
    const h1 = main.getByRole('heading', { level: 1 });
    expect(await h1.isVisible(), `${page.url()}: the h1 in <main> is not visible at 200% zoom`).toBe(true);
    const box = await main.boundingBox();
    expect(box, 'the <main> element has no layout box').not.toBeNull();
    expect(box!.x, 'the <main> starts left of the window').toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, 'the <main> ends right of the window').toBeLessThanOrEqual(640);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Keyboard

export interface FocusStop {
  /** e.g. `a "Naar de inhoud"`, `input#veld-username`, `button "Inloggen"` */
  label: string;
  tag: string;
  id: string;
  /** Text, aria-label or value: what a screen reader user would hear first. */
  name: string;
  /** The focused element shows an outline or box-shadow. */
  indicator: boolean;
  /** The focused element is (scrolled) inside the window and has a size. */
  visible: boolean;
}

interface ProbeResult {
  stop: FocusStop | null; // null: focus left the document (address bar) or sits on <body>
  key: number;
}

/** Describes document.activeElement; remembers elements so that a cycle can be detected. */
function probeFocus(page: Page): Promise<ProbeResult> {
  return page.evaluate(() => {
    type W = typeof window & { __koersFocusKeys?: WeakMap<Element, number>; __koersFocusNext?: number };
    const w = window as W;
    w.__koersFocusKeys ??= new WeakMap();
    w.__koersFocusNext ??= 1;
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { stop: null, key: 0 };
    let key = w.__koersFocusKeys.get(el);
    if (!key) {
      key = w.__koersFocusNext++;
      w.__koersFocusKeys.set(el, key);
    }
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    const r = el.getBoundingClientRect();
    const visible =
      r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
    const tag = el.tagName.toLowerCase();
    const name = (
      el.getAttribute('aria-label') ??
      (el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? el.value) : el.textContent) ??
      ''
    )
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60);
    const label = `${tag}${el.id ? `#${el.id}` : ''}${name ? ` "${name}"` : ''}`;
    return { stop: { label, tag, id: el.id, name, indicator: outline || shadow, visible }, key };
  });
}

/** Everything that should be reachable with Tab: visible, enabled, not tabindex="-1". */
function countTabbables(page: Page): Promise<{ count: number; positiveTabindex: string[] }> {
  return page.evaluate(() => {
    const sel = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]';
    let count = 0;
    const positiveTabindex: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (el.tabIndex > 0) positiveTabindex.push(el.outerHTML.slice(0, 80));
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled) continue;
      if (el.closest('[inert], details:not([open]) > :not(summary)')) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none' || el.getClientRects().length === 0) continue;
      count++;
    }
    return { count, positiveTabindex };
  });
}

/**
 * Tabs through the whole page from the top and checks WCAG 2.1.1, 2.1.2, 2.4.3 and 2.4.7:
 * every stop is a visible element with a visible focus indicator, every visible link/button/field is reached,
 * no positive tabindex, and focus is not trapped: it leaves the page (to the address bar) or cycles back to the
 * first stop. Works from any focus position; returns the stops in page order (from the top).
 */
export async function checkKeyboard(page: Page): Promise<FocusStop[]> {
  const { count, positiveTabindex } = await countTabbables(page);
  expect(positiveTabindex, `${page.url()}: tabindex > 0 breaks the focus order`).toEqual([]);
  // Tab on from wherever the focus starting point is. Leaving the page (focus on <body>: the address bar) marks
  // the end of the page; the stops before that are the tail of the order, the ones after it the head.
  // A date field takes three Tabs (day, month, year parts), so allow for more presses than stops.
  const maxTabs = 4 * count + 5;
  const tail: FocusStop[] = [];
  const head: FocusStop[] = [];
  const seen = new Set<number>();
  let firstKey = 0;
  let lastKey = -1;
  let leftPage = false;
  let done = false;
  let trappedAt: FocusStop | undefined;
  const pressed: FocusStop[] = []; // in the order Tab reached them
  for (let i = 0; i < maxTabs && !done; i++) {
    await page.keyboard.press('Tab');
    const { stop, key } = await probeFocus(page);
    if (!stop) {
      if (leftPage) done = true; // a second time: the whole order is known
      leftPage = true;
      lastKey = -1;
      continue;
    }
    // Tab moving between the parts of one native field (a date input's day, month and year) stays on
    // the same element: that is one stop, not a trap.
    if (key === lastKey) continue;
    lastKey = key;
    if (seen.has(key)) {
      // Back at the first stop: the order cycles, fine. Anywhere else (or stuck on one element): a trap.
      if (key !== firstKey) {
        trappedAt = stop;
        pressed.push(stop);
      }
      done = true;
      continue;
    }
    if (!seen.size) firstKey = key;
    seen.add(key);
    (leftPage ? head : tail).push(stop);
    pressed.push(stop);
  }
  const stops = [...head, ...tail];
  // Leave no focus ring behind for later screenshots.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const path = stops.map((s) => s.label).join(' → ');
  const tabbed = pressed.map((s) => s.label).join(' → ');
  expect(done && !trappedAt, `${page.url()}: focus is trapped: Tab never left the page or came back to the start. Tabs: ${tabbed}`).toBe(true);
  expect(stops.length, `${page.url()}: Tab reached ${stops.length} of ${count} focusable elements. Path: ${path}`).toBe(count);
  const noIndicator = stops.filter((s) => !s.indicator).map((s) => s.label);
  expect(noIndicator, `${page.url()}: focused elements without a visible focus indicator`).toEqual([]);
  const hidden = stops.filter((s) => !s.visible).map((s) => s.label);
  expect(hidden, `${page.url()}: focused elements that are not visible on screen`).toEqual([]);
  return stops;
}

/** Presses Tab until `selector` has focus (at most `max` times); fails if it is never reached. */
export async function tabTo(page: Page, selector: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${selector} was not reached with ${max} presses of Tab on ${page.url()}`);
}
