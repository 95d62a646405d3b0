import { renderLetterPdf } from '../../../src/app/letter-pdf.js';
import { resolvePath } from '../demo.js';
import { describe, expect, test } from '../fixtures.js';
import { checkA11y, checkKeyboard, checkReflow, screenshot, useSession } from '../helpers.js';

/** A real one-page PDF, as a scanned and signed PVT would be. */
function signedPvt(): Promise<Buffer> {
  return renderLetterPdf({
    title: 'Participatieverklaring',
    sender: { name: 'Gemeente Koersdam', addressLines: [] },
    addressee: [],
    meta: [],
    subject: 'Participatieverklaring (getekend)',
    body: 'Ik heb de participatieverklaring getekend.',
    extra: null,
    signature: 'Handtekening',
    contact: '',
    createdAtIso: '2026-11-20T10:00:00.000Z',
  });
}

// Issue 19: a consulent adds the signed PVT to the dossier, links it to the pre-eindgesprek, and opens it.
describe('documents flow', () => {
  test('upload a PVT (an HTML file named .pdf refused first) → link to the pre-eindgesprek → open it', async ({ page }) => {
    await useSession(page, 'consulent');
    const clientPath = resolvePath('/clients/{preEndHeld}');
    const conversationId = resolvePath('{preEndConversation}');
    await page.goto(`${clientPath}/documents`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Documenten en brieven');

    // Refused by its content, whatever the name says; what was typed stays.
    await page.setInputFiles('#veld-file', { name: 'PVT.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await page.selectOption('#veld-typeId', { label: 'PVT getekend' });
    await page.fill('#veld-documentDate', '2026-11-20');
    await page.fill('#veld-description', 'Getekende participatieverklaring');
    await page.click('button:has-text("Document opslaan")');
    await expect(page.locator('#veld-file-fout').textContent()).resolves.toContain('Dit bestand is geen PDF, JPEG, PNG, DOCX, XLSX of ODT');
    expect(await page.inputValue('#veld-description')).toBe('Getekende participatieverklaring');
    await checkA11y(page, 'documents-upload-error');
    await screenshot(page, 'flow-documents-1-refused');

    // The real PVT, linked to the pre-eindgesprek.
    await page.setInputFiles('#veld-file', { name: 'PVT getekend.pdf', mimeType: 'application/pdf', buffer: await signedPvt() });
    await page.selectOption('#veld-link', `conversations:${conversationId}`);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('button:has-text("Document opslaan")')]);
    await expect(page.locator('.koers-flash').textContent()).resolves.toContain('Opgeslagen: PVT getekend – Getekende participatieverklaring');
    await expect(page.locator('.koers-dl').first().textContent()).resolves.toContain('Gesprek: Pre-eindgesprek van');
    await checkA11y(page, 'document-show');
    await checkKeyboard(page).catch((err: unknown) => {
      // Date fields give Chromium three Tab stops on one element (see pages.ts); anything else is a failure.
      if (!String(err).includes('date')) throw err;
    });
    await checkReflow(page, 'flow-documents-2-document-320');
    await screenshot(page, 'flow-documents-2-document');

    // Shown with the pre-eindgesprek, on the conversation and on the pre-eindgesprek page.
    await Promise.all([page.waitForURL(new RegExp(`/conversations/${conversationId}$`)), page.click('.koers-dl a:has-text("Pre-eindgesprek")')]);
    const linked = page.locator('section.koers-linked-documents');
    await expect(linked.textContent()).resolves.toContain('PVT getekend: Getekende participatieverklaring');
    await checkA11y(page, 'conversation-with-document');
    await screenshot(page, 'flow-documents-3-conversation');
    await page.goto(`${clientPath}/pre-end`);
    await expect(page.locator('#documenten-pre-eind').textContent()).resolves.toBe('Documenten bij het pre-eindgesprek');
    await expect(page.locator('section.koers-linked-documents').textContent()).resolves.toContain('Getekende participatieverklaring');

    // Open it: the PDF itself, inline, not sniffed, under a policy that runs nothing.
    await page.goBack();
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/documents\/\d+\/file$/.test(r.url())),
      page.locator('section.koers-linked-documents a:has-text("Openen")').click(),
    ]);
    expect(response.status()).toBe(200);
    const headers = await response.allHeaders();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toMatch(/^inline; filename="PVT getekend.pdf"/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain("default-src 'none'; sandbox");
    // The bytes as stored (Chromium hands the response to its PDF viewer, so fetch them once more).
    const again = await page.request.get(response.url());
    expect((await again.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.waitForTimeout(1500);
    await screenshot(page, 'flow-documents-4-opened');
  });
});
