import type { ApplicationDocument } from '../protocol/documents';

/**
 * Hands accepted (受理) applications to a provincial platform. The gateway calls `forward` after
 * the staff action has committed; a failure is logged and recorded in the staff audit log, and
 * never undoes the county's decision (the platform can be re-fed from the audit log).
 */
export interface ForwardingAdapter {
  readonly name: string;
  forward(application: ApplicationDocument): Promise<{ externalRef?: string }>;
}

/** Default: the county handles everything itself. */
export const noForwarding: ForwardingAdapter = {
  name: 'none',
  forward: async () => ({}),
};

/**
 * Example adapter for a platform that takes JSON over HTTPS with a bearer token. Provincial
 * interfaces differ (field names, signatures, SM2/SM3 in some provinces); write one adapter per
 * platform in this shape and pass it as `buildGateway({ forwarding })`.
 */
export function httpForwarding(
  endpoint: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): ForwardingAdapter {
  return {
    name: `http:${new URL(endpoint).host}`,
    async forward(application) {
      const res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          trackingNumber: application.trackingNumber,
          serviceId: application.serviceId,
          serviceVersion: application.serviceVersion,
          applicant: application.applicant,
          formValues: application.formValues,
          materials: application.materials.map((m) => ({ sha256: m.sha256, type: m.contentType })),
        }),
      });
      if (!res.ok) throw new Error(`provincial platform answered ${res.status}`);
      const body = (await res.json().catch(() => ({}))) as { ref?: string };
      return body.ref ? { externalRef: body.ref } : {};
    },
  };
}
