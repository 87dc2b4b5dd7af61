/**
 * The ring tone as a WAV built in memory (no asset to ship, CSP-friendly blob: URL): the Chinese
 * ring-back cadence, 450 Hz for 1 s then 4 s of silence, at 8 kHz mono 16-bit.
 */
let url: string | null = null;

export function ringToneWav(rate = 8000): Uint8Array<ArrayBuffer> {
  const on = rate; // 1 s of tone
  const total = rate * 5; // then 4 s of silence
  const bytes = new Uint8Array(new ArrayBuffer(44 + total * 2));
  const view = new DataView(bytes.buffer);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + total * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, total * 2, true);
  for (let i = 0; i < on; i++) {
    const fade = Math.min(1, i / 80, (on - i) / 80); // no clicks at the edges
    view.setInt16(
      44 + i * 2,
      Math.round(Math.sin((2 * Math.PI * 450 * i) / rate) * 9000 * fade),
      true,
    );
  }
  return bytes;
}

export function ringTone(): string {
  url ??= URL.createObjectURL(new Blob([ringToneWav()], { type: 'audio/wav' }));
  return url;
}
