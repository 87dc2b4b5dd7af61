import { describe, expect, it } from 'vitest';
import { ringToneWav } from '../../../../../renderer/src/features/softphone/media/tone';

describe('ring tone', () => {
  it('is a valid 8 kHz mono 16-bit WAV: 1 s of 450 Hz, then 4 s of silence', () => {
    const wav = ringToneWav();
    const view = new DataView(wav.buffer);
    const text = (o: number, n: number) => String.fromCharCode(...wav.slice(o, o + n));
    expect(text(0, 4)).toBe('RIFF');
    expect(text(8, 4)).toBe('WAVE');
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(8000 * 5 * 2);
    expect(wav.length).toBe(44 + 8000 * 5 * 2);
    const sample = (i: number) => view.getInt16(44 + i * 2, true);
    // Zero crossings in the first second ≈ 2 × 450.
    let crossings = 0;
    let last = 0;
    for (let i = 0; i < 8000; i++) {
      const sign = Math.sign(sample(i));
      if (sign !== 0 && last !== 0 && sign !== last) crossings++;
      if (sign !== 0) last = sign;
    }
    expect(crossings).toBeGreaterThan(880);
    expect(crossings).toBeLessThan(920);
    for (let i = 8000; i < 40000; i += 997) expect(sample(i)).toBe(0);
  });
});
