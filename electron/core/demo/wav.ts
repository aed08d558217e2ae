/** Recordings longer than this are cut: the demo only needs something real to play and seek. */
export const MAX_RECORDING_SECONDS = 20;

const RATE = 8000;
const HEADER_BYTES = 44;

/**
 * A mono 8 kHz 16-bit PCM WAV (what MixMonitor writes for a `.wav` name) of
 * `seconds` of a two-party "conversation": turns of a low and a higher tone with
 * pauses between them, so playback and seeking are audible. Deterministic.
 */
export function callWav(seconds: number): Buffer {
  const samples = Math.max(1, Math.round(Math.min(Math.max(seconds, 0), MAX_RECORDING_SECONDS) * RATE));
  const file = Buffer.alloc(HEADER_BYTES + samples * 2);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(file.length - 8, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(RATE, 24);
  file.writeUInt32LE(RATE * 2, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    const turn = Math.floor(t / 1.6);
    const inTurn = t - turn * 1.6;
    // Each turn speaks for 1.3 s, then a 0.3 s pause; the two parties alternate.
    const amplitude = inTurn < 1.3 ? 6000 * Math.min(1, inTurn * 20, (1.3 - inTurn) * 20) : 0;
    const pitch = turn % 2 === 0 ? 220 : 330;
    file.writeInt16LE(Math.round(amplitude * Math.sin(2 * Math.PI * pitch * t)), HEADER_BYTES + i * 2);
  }
  return file;
}
