import { execFileSync } from 'node:child_process';

/** The text of a PDF as Debian's pdftotext (poppler-utils) reads it, lines kept. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

/** The same text with all runs of white space made one space, for phrases that wrap over lines. */
export function pdfWords(pdf: Buffer): string {
  return pdfText(pdf).replace(/\s+/g, ' ');
}
