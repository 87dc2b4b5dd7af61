import { describe, expect, it } from 'vitest';
import {
  attachmentChunkBytes,
  complaintRequests,
  maxAttachmentBytes,
} from '@shared/complaints/contract';
import { seedFacts } from '../../helpers/complaints';

const facts = { ...seedFacts, freightFen: 0 };
const preview = complaintRequests['complaints.preview'].args;

describe('the complaints contract', () => {
  it('takes the seed case and refuses what the issue lists as bad input', () => {
    expect(preview.safeParse({ facts }).success).toBe(true);
    const refusedAt = (over: Record<string, unknown>) =>
      preview
        .safeParse({ facts: { ...facts, ...over } })
        .error?.issues.map((i) => i.path.join('.'));
    expect(refusedAt({ weightKg: -2.41 })).toEqual(['facts.weightKg']);
    expect(refusedAt({ weightKg: 0 })).toEqual(['facts.weightKg']);
    expect(refusedAt({ requestedFen: 1e14 })).toEqual(['facts.requestedFen']); // 10¹² 元
    expect(refusedAt({ requestedFen: 12.5 })).toEqual(['facts.requestedFen']); // fen are whole
    expect(refusedAt({ type: 'theft' })).toEqual(['facts.type']);
  });

  it('sends a photo in chunks that fit the browser host’s 1 MB messages, 10 MB at most', () => {
    const begin = complaintRequests['complaints.attachBegin'].args;
    expect(begin.safeParse({ id: 't', fileName: 'a.jpg', size: maxAttachmentBytes }).success).toBe(
      true,
    );
    expect(
      begin.safeParse({ id: 't', fileName: 'a.jpg', size: 50 * 1024 * 1024 }).error?.issues[0]
        ?.path,
    ).toEqual(['size']);
    const chunk = complaintRequests['complaints.attachChunk'].args;
    const full = Buffer.alloc(attachmentChunkBytes, 7).toString('base64');
    expect(chunk.safeParse({ uploadId: 'u', index: 0, base64: full }).success).toBe(true);
    // The whole WebSocket message, envelope included, stays under 1 MiB.
    const message = JSON.stringify({
      id: 1,
      name: 'complaints.attachChunk',
      args: { uploadId: 'x'.repeat(64), index: 99, base64: full },
    });
    expect(Buffer.byteLength(message)).toBeLessThan(1024 * 1024);
    expect(chunk.safeParse({ uploadId: 'u', index: 0, base64: `${full}AAAA` }).success).toBe(false);
    expect(chunk.safeParse({ uploadId: 'u', index: 0, base64: 'not base64!' }).success).toBe(false);
  });
});
