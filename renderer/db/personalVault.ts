/**
 * Personal fields at rest in IndexedDB are sealed with AES-256-GCM (WebCrypto). The key comes from
 * the host (`queue.session`, derived from the kiosk's data key) and lives only in memory, so a
 * copied browser profile holds ciphertext. RxDB's own WebCrypto encryption is a premium plugin,
 * hence this small vault on one field.
 */
export interface SealedPersonal {
  iv: string;
  data: string;
}

export class PersonalVault {
  private constructor(private readonly key: CryptoKey) {}

  static async fromBase64(personalKey: string): Promise<PersonalVault> {
    const raw = Uint8Array.from(atob(personalKey), (c) => c.charCodeAt(0));
    if (raw.length !== 32) throw new Error('personal key must be 32 bytes');
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    return new PersonalVault(key);
  }

  /** `id` is bound as additional data: a sealed value copied onto another application fails to open. */
  async seal(id: string, value: unknown): Promise<SealedPersonal> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = new TextEncoder().encode(JSON.stringify(value));
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(id) },
      this.key,
      plain,
    );
    return { iv: toBase64(iv), data: toBase64(new Uint8Array(cipher)) };
  }

  async open<T>(id: string, sealed: SealedPersonal): Promise<T> {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: new TextEncoder().encode(id) },
      this.key,
      fromBase64(sealed.data),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
