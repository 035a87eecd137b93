/** The logger a printer part receives; compatible with the host's Logger. Never pass personal data. */
export interface PrinterLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: PrinterLogger = { info() {}, warn() {}, error() {} };
