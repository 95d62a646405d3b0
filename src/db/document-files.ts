import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The files of the documents, content-addressed: a file's name is the SHA-256 of its bytes, in a folder per
 * first two hex digits (`ab/abcdef…`). Files are written once and never changed; the same content uploaded
 * twice is one file. The metadata (who, what, which client) is in SQLite only, never in the path.
 */
export class DocumentFiles {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('not a SHA-256');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /**
   * Stores the bytes under their hash: written to a temporary name in the same folder, flushed, then renamed
   * (atomic on one file system), so a reader never sees half a file. Returns the hash and whether the file is
   * new (a new file can be taken away again when the metadata transaction fails; see `discard`).
   */
  put(bytes: Uint8Array): { sha256: string; created: boolean } {
    const sha256 = DocumentFiles.sha256(bytes);
    const target = this.pathOf(sha256);
    if (existsSync(target)) return { sha256, created: false };
    mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const temp = join(this.root, sha256.slice(0, 2), `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600, flush: true });
      renameSync(temp, target);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
    return { sha256, created: true };
  }

  read(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }

  /** Removes a file this request created when its metadata could not be saved (nothing refers to it). */
  discard(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }

  /** Copies every stored file into `targetRoot` (same layout), for the backup. Returns the number of files. */
  copyTo(targetRoot: string): number {
    let n = 0;
    if (!existsSync(this.root)) return 0;
    for (const dir of readdirSync(this.root, { withFileTypes: true })) {
      if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
      mkdirSync(join(targetRoot, dir.name), { recursive: true });
      for (const f of readdirSync(join(this.root, dir.name))) {
        if (!SHA256.test(f)) continue;
        copyFileSync(join(this.root, dir.name, f), join(targetRoot, dir.name, f));
        n++;
      }
    }
    return n;
  }
}
