import { createDeviceKey, enrollDevice } from '../../../../sync/client/index';
import type { Database } from '../../../../sync/server/database';
import { createEnrollmentCode } from '../../../../sync/server/enrollmentService';
import type { DeviceCredentials } from '../deviceCredentials';

/** Enrolls a fresh kiosk with a real gateway and returns what provisioning would store. */
export async function enrollForTest(
  db: Database,
  url: string,
  division = '441625200001',
): Promise<DeviceCredentials> {
  const code = await createEnrollmentCode(
    db,
    { division, siteName: '下蓝村党群服务中心', bundle: 'default', createdBy: 'test' },
    url,
  );
  const key = await createDeviceKey();
  const enrollment = await enrollDevice(url, {
    code: code.display,
    alg: 'ES256',
    publicKey: key.publicJwk as never,
    appVersion: '0.1.0',
  });
  return {
    deviceId: enrollment.deviceId,
    siteCode: enrollment.site.siteCode,
    division: enrollment.site.division,
    audience: enrollment.audience,
    key,
  };
}
