import type { DeviceIdentity } from './deviceIdentity';
import type { StaffSession } from './staffAuth';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by device authentication on /v1/sync, /v1/files and /v1/heartbeat. */
    device?: DeviceIdentity;
    /** Set by staff authentication on /v1/staff. */
    staff?: StaffSession;
  }
}
