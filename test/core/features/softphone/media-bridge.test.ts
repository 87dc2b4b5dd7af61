import { afterEach, describe, expect, it } from 'vitest';
import type { MediaCommand } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import { MediaBridge } from '../../../../electron/core/features/softphone/media-bridge';
import { MemoryLogger } from '../../../../electron/core/platform/ports';
import { TestClock } from '../../../helpers/desk';

describe('media bridge', () => {
  const bridges: MediaBridge[] = [];
  afterEach(() => bridges.splice(0).forEach((b) => b.dispose()));

  function bridge(replyTimeoutMs = 200) {
    const clock = new TestClock();
    const sent: MediaCommand[] = [];
    const lost: string[] = [];
    let n = 0;
    const b = new MediaBridge({
      clock,
      logger: new MemoryLogger(),
      newId: () => `owner-${++n}`,
      emit: (c) => sent.push(c),
      onLost: (r) => lost.push(r),
      replyTimeoutMs,
      heartbeatTimeoutMs: 5000,
    });
    bridges.push(b);
    return { b, clock, sent, lost };
  }

  it('refuses commands when no window holds the media', async () => {
    const { b, sent } = bridge();
    await expect(b.request({ op: 'close', callId: 'c' })).rejects.toThrow(/no media device/);
    expect(sent).toEqual([]);
  });

  it('carries a command to the owner and its answer back', async () => {
    const { b, sent } = bridge();
    const { owner } = b.attach();
    const p = b.request({
      op: 'getDescription',
      callId: 'c',
      hold: true,
      iceRestart: false,
      remoteOffer: null,
    });
    expect(sent).toEqual([
      {
        op: 'getDescription',
        callId: 'c',
        hold: true,
        iceRestart: false,
        remoteOffer: null,
        owner,
        seq: 1,
      },
    ]);
    b.reply({ owner, seq: 1, ok: true, sdp: 'v=0\r\n' });
    await expect(p).resolves.toBe('v=0\r\n');
  });

  it('passes the renderer’s failure on, and times out a silent one', async () => {
    const { b } = bridge(50);
    const { owner } = b.attach();
    const failing = b.request({ op: 'setDescription', callId: 'c', sdp: 'x' });
    b.reply({ owner, seq: 1, ok: false, error: 'InvalidAccessError: bad SDP' });
    await expect(failing).rejects.toThrow('InvalidAccessError: bad SDP');
    await expect(b.request({ op: 'close', callId: 'c' })).rejects.toThrow(/timed out/);
  });

  it('refuses replies and heartbeats from a window that is not the owner, changing nothing', async () => {
    const { b } = bridge();
    const { owner } = b.attach();
    const p = b.request({ op: 'close', callId: 'c' });
    expect(() => b.reply({ owner: 'impostor', seq: 1, ok: true })).toThrow(ContractError);
    expect(() => b.heartbeat('impostor')).toThrow(/not the media owner/);
    expect(() => b.reply({ owner, seq: 99, ok: true })).toThrow(/No pending media command/);
    b.reply({ owner, seq: 1, ok: true });
    await expect(p).resolves.toBeUndefined();
  });

  it('declares the media lost when a reloaded window takes over, failing what was pending', async () => {
    const { b, lost } = bridge();
    b.attach();
    const pending = b.request({ op: 'close', callId: 'c' });
    const second = b.attach();
    expect(second.owner).toBe('owner-2');
    await expect(pending).rejects.toThrow(/replaced/);
    expect(lost).toEqual(['media owner replaced (renderer reloaded)']);
  });

  it('declares the media lost when heartbeats stop', async () => {
    const { b, clock, lost } = bridge();
    const { owner } = b.attach();
    clock.advance(4000);
    b.heartbeat(owner);
    clock.advance(4000);
    await new Promise((r) => setTimeout(r, 1100));
    expect(lost).toEqual([]);
    clock.advance(2000);
    await new Promise((r) => setTimeout(r, 1100));
    expect(lost).toEqual(['media owner silent for over 5 s']);
    expect(b.attached()).toBe(false);
  });
});
