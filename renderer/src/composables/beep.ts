/**
 * Two short tones made in code (WebAudio): no sound file to ship or fetch. Browsers
 * start audio only after the page had a user gesture; before that the context stays
 * suspended and the beep is silently skipped (the banner and the notification remain).
 */
let context: AudioContext | undefined;

export function beep(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    for (const [offset, frequency] of [[0, 880], [0.22, 660]] as const) {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      tone.connect(gain).connect(context.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.2);
    }
  } catch (error) {
    console.warn('alerts: no sound', error);
  }
}
