/**
 * Every step is spoken. Web Speech is used when the machine has a Chinese voice (Windows and some
 * Linux builds do); otherwise the recorded prompt of the same key is played from
 * resources/voice (made with espeak-ng, see generatePrompts.mjs). Free text without a recording
 * is only shown as a caption.
 */
const recordings = import.meta.glob('../../../resources/voice/*.wav', {
  eager: true,
  query: '?url',
  import: 'default',
}) as Record<string, string>;

export function recordingUrl(key: string): string | null {
  return recordings[`../../../resources/voice/${key}.wav`] ?? null;
}

export interface Speaker {
  speak(key: string, text: string, language: string): void;
  stop(): void;
}

function chineseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((v) => /^zh/i.test(v.lang)) ?? null;
}

export function createSpeaker(): Speaker {
  let audio: HTMLAudioElement | null = null;
  const stop = () => {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    if (audio) {
      audio.pause();
      audio = null;
    }
  };
  return {
    speak(key, text, language) {
      stop();
      const voice = language.startsWith('zh') ? chineseVoice() : null;
      if (voice || (!language.startsWith('zh') && typeof speechSynthesis !== 'undefined')) {
        const utterance = new SpeechSynthesisUtterance(text);
        if (voice) utterance.voice = voice;
        utterance.lang = language;
        utterance.rate = 0.9; // a little slower for older listeners
        speechSynthesis.speak(utterance);
        return;
      }
      const url = recordingUrl(key);
      if (!url) return;
      audio = new Audio(url);
      // Autoplay may be refused before the first touch; the caption still says it.
      audio.play().catch(() => undefined);
    },
    stop,
  };
}
