import type { DriverLogger } from './driverLogger';

/** A decoded ID photo (WLT → 102 × 126, 24-bit BMP of 38,862 bytes with vendor libraries). */
export interface DecodedPhoto {
  mimeType: 'image/bmp' | 'image/png';
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Turns the 1024-byte WLT blob into an image. No open-source WLT decoder exists (reference §9),
 * so the real one is a vendor library IT staff configure; without one the UI shows a placeholder.
 */
export interface PhotoDecoder {
  readonly name: string;
  /** null when this decoder cannot decode (the UI then shows a placeholder). */
  decode(wlt: Uint8Array): Promise<DecodedPhoto | null>;
}

export const noPhotoDecoder: PhotoDecoder = {
  name: 'none',
  decode: async () => null,
};

export interface VendorWltLibraryConfig {
  /** Absolute path of e.g. libwlt2bmp.so / WltRS.dll, set by IT staff. */
  libraryPath: string;
  /**
   * Exported function with the common shape `int fn(uint8 *wlt, uint8 *bmpOut, int flag)`,
   * returning 1 on success (libwlt2bmp `unpack`). Defaults to "unpack".
   */
  symbol?: string;
  /** Third argument passed to the function (libwlt2bmp: 0 = do not save a file). */
  flag?: number;
  /** Value the function returns on success. Defaults to 1. */
  successCode?: number;
}

export const WLT_BMP_BYTES = 38_862;

/**
 * Loads a vendor WLT library through koffi (an optional dependency). Any failure to load gives
 * the no-op decoder plus an error log, never a crash: the kiosk still works without photos.
 */
export async function loadVendorWltDecoder(
  config: VendorWltLibraryConfig,
  logger: DriverLogger,
): Promise<PhotoDecoder> {
  const symbol = config.symbol ?? 'unpack';
  try {
    const koffiModule = (await import('koffi')) as unknown as { default?: KoffiLike } & KoffiLike;
    const koffi = koffiModule.default ?? koffiModule;
    const lib = koffi.load(config.libraryPath);
    const fn = lib.func(symbol, 'int', ['uint8_t *', '_Out_ uint8_t *', 'int']) as (
      wlt: Uint8Array,
      out: Uint8Array,
      flag: number,
    ) => number;
    const success = config.successCode ?? 1;
    return {
      name: `vendor:${symbol}`,
      async decode(wlt) {
        const out = new Uint8Array(WLT_BMP_BYTES);
        const rc = fn(wlt, out, config.flag ?? 0);
        if (rc !== success) throw new Error(`${symbol} returned ${rc}`);
        return { mimeType: 'image/bmp', data: out, width: 102, height: 126 };
      },
    };
  } catch (err) {
    logger.error('idcard: vendor WLT library could not be loaded; photos show a placeholder', {
      libraryPath: config.libraryPath,
      symbol,
      error: (err as Error).message,
    });
    return noPhotoDecoder;
  }
}

interface KoffiLike {
  load(path: string): { func(name: string, result: string, args: string[]): unknown };
}
