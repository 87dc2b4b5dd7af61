/**
 * Photos of a ticket, kept in the desk's data folder (`<dataDir>/complaints/<ticket>/<id>.<ext>`).
 * They arrive in chunks (the browser host refuses messages over 1 MB): each chunk is size-checked
 * from its base64 length before it is decoded and appended to a part file; the finished file's type
 * is read from its magic bytes (file-type) and only JPEG, PNG, WebP and HEIC are kept. An upload
 * left idle for ten minutes is dropped with its part file.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '@shared/common/errors';
import type { attachmentMimes } from '@shared/complaints/contract';
import { attachmentChunkBytes } from '@shared/complaints/contract';

type Mime = (typeof attachmentMimes)[number];
const extensions: Record<Mime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};
const IDLE_MS = 10 * 60_000;

interface Upload {
  ticketId: string;
  agentId: string;
  fileName: string;
  size: number;
  received: number;
  nextIndex: number;
  touchedAt: number;
  part: string;
}

export interface StoredFile {
  mime: Mime;
  size: number;
  sha256: string;
  /** Relative to the data folder. */
  path: string;
}

const refused = (message: string, code: 'too_long' | 'format' | 'required', why: string) =>
  new ContractError('BAD_ARGUMENT', why, [{ path: 'file', message, code }]);

/** The decoded length of a base64 text, without decoding it. */
export function base64Bytes(text: string): number {
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - pad;
}

export class AttachmentStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dataDir: string) {}

  private get root(): string {
    return join(this.dataDir, 'complaints');
  }

  begin(
    uploadId: string,
    u: { ticketId: string; agentId: string; fileName: string; size: number },
    now: number,
  ): void {
    this.sweep(now);
    const dir = join(this.root, 'uploads');
    mkdirSync(dir, { recursive: true });
    const part = join(dir, `${uploadId}.part`);
    rmSync(part, { force: true });
    this.uploads.set(uploadId, { ...u, received: 0, nextIndex: 0, touchedAt: now, part });
  }

  /** Appends one chunk; refuses (and drops the upload) past its declared size or out of order. */
  chunk(uploadId: string, agentId: string, index: number, base64: string, now: number): number {
    this.sweep(now);
    const u = this.uploads.get(uploadId);
    if (!u || u.agentId !== agentId) throw new ContractError('NOT_FOUND', 'No such upload');
    if (index !== u.nextIndex) {
      this.drop(uploadId);
      throw new ContractError('BAD_ARGUMENT', 'Chunks must come in order', [
        { path: 'index', message: 'format', code: 'format' },
      ]);
    }
    const bytes = base64Bytes(base64);
    if (bytes > attachmentChunkBytes || u.received + bytes > u.size) {
      this.drop(uploadId);
      throw refused('too_large', 'too_long', 'The photo is larger than announced');
    }
    const data = Buffer.from(base64, 'base64');
    if (data.length !== bytes) {
      this.drop(uploadId);
      throw refused('format', 'format', 'Not base64');
    }
    appendFileSync(u.part, data);
    u.received += data.length;
    u.nextIndex += 1;
    u.touchedAt = now;
    return u.received;
  }

  /** The upload as it stands (its ticket and name), for the caller's checks before `finish`. */
  pending(uploadId: string, agentId: string): Upload {
    const u = this.uploads.get(uploadId);
    if (!u || u.agentId !== agentId) throw new ContractError('NOT_FOUND', 'No such upload');
    return u;
  }

  /**
   * Checks the complete file's type by its magic bytes and moves it into the ticket's folder.
   * The upload is gone afterwards, kept or refused.
   */
  async finish(uploadId: string, agentId: string, attachmentId: string): Promise<StoredFile> {
    const u = this.pending(uploadId, agentId);
    try {
      if (u.received !== u.size) {
        throw refused('incomplete', 'required', 'The photo did not arrive whole');
      }
      const { fileTypeFromFile } = await import('file-type');
      const type = await fileTypeFromFile(u.part);
      const mime = type?.mime as Mime | undefined;
      if (mime === undefined || !Object.hasOwn(extensions, mime)) {
        throw refused('not_image', 'format', 'Only JPEG, PNG, WebP or HEIC photos');
      }
      const sha256 = createHash('sha256').update(readFileSync(u.part)).digest('hex');
      const path = join('complaints', u.ticketId, `${attachmentId}.${extensions[mime]}`);
      mkdirSync(join(this.root, u.ticketId), { recursive: true });
      renameSync(u.part, join(this.dataDir, path));
      return { mime, size: u.size, sha256, path };
    } finally {
      this.drop(uploadId);
    }
  }

  read(path: string): Buffer {
    return readFileSync(join(this.dataDir, path));
  }

  remove(path: string): void {
    rmSync(join(this.dataDir, path), { force: true });
  }

  dispose(): void {
    for (const id of [...this.uploads.keys()]) this.drop(id);
  }

  private drop(uploadId: string): void {
    const u = this.uploads.get(uploadId);
    if (!u) return;
    this.uploads.delete(uploadId);
    rmSync(u.part, { force: true });
  }

  private sweep(now: number): void {
    for (const [id, u] of this.uploads) if (now - u.touchedAt > IDLE_MS) this.drop(id);
  }
}
