/** The wire contract between kiosk and county gateway. Imported by both sides. */
export * from './clerkPin';
export * from './credibilityLevel';
export * from './documents';
export * from './enrollment';
export * from './files';
export * from './forms';
export * from './formValues';
export * from './heartbeat';
export * from './idNumber';
export * from './ids';
export * from './replication';
