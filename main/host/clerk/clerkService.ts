import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { ClerkSession } from '../../../contract/clerk';
import { ContractError } from '../../../contract/define';
import { maskName } from '../../../contract/privacy/mask';
import { DeviceSigner } from '../../../sync/client/deviceKey';
import { GatewayClient } from '../../../sync/client/gatewayClient';
import { verifyClerkPin } from '../../../sync/protocol/clerkPin';
import type { ApplicationDocument } from '../../../sync/protocol/documents';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { DataKeyProvider } from '../secure/dataKey';
import { sealerFor } from '../secure/sealedBox';
import type { HostService } from '../serviceManager';
import type { DeviceCredentials } from '../syncService/deviceCredentials';
import type { AssistingClerk, ClerkGate } from './assistedSubmission';
import { ClerkAuditTrail } from './clerkAuditTrail';
import { ClerkDirectory, type KnownClerk } from './clerkDirectory';
import { ClerkLockout } from './clerkLockout';

export interface ClerkServiceOptions {
  host: Pick<KioskHost, 'contract'>;
  stateDir: string;
  keys: DataKeyProvider;
  log: Logger;
  credentials: () => DeviceCredentials | null;
  countyUrl: () => string | null;
  /** Division for audit entries of a kiosk that is not enrolled (demo). */
  fallbackDivision: string;
  sessionIdleMs?: number;
  refreshMs?: number;
  now?: () => number;
  fetchImpl?: typeof fetch;
}

const BADGE_PREFIX = 'cunban-clerk:';

/**
 * Clerk sign-in, sessions and the audit trail, all in the host: the PIN is checked against the
 * county's hashes offline, failures are counted per clerk on disk, the session ends on its own
 * after a few idle minutes, and every sign-in, failure, lockout and clerk action is audited.
 */
export class ClerkService implements HostService, ClerkGate {
  readonly name = 'clerk';
  directory!: ClerkDirectory;
  lockout!: ClerkLockout;
  audit!: ClerkAuditTrail;
  private session: (ClerkSession & { expiresAtMs: number }) | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private syncing: Promise<void> | undefined;

  constructor(private readonly options: ClerkServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    const { stateDir, host } = this.options;
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    this.directory = new ClerkDirectory(stateDir, sealerFor(await this.options.keys.getKey()));
    this.lockout = new ClerkLockout(stateDir, this.now);
    this.audit = new ClerkAuditTrail(stateDir, () => ({
      division: this.options.credentials()?.division ?? this.options.fallbackDivision,
      deviceId: this.options.credentials()?.deviceId ?? 'unenrolled',
    }));
    await Promise.all([this.directory.load(), this.lockout.load(), this.audit.load()]);
    host.contract.handle({
      'clerk.signIn': async (input) => this.signIn(input),
      'clerk.session': async () => ({ session: this.publicSession() }),
      'clerk.touch': async () => {
        if (this.session) this.extend();
        return { session: this.publicSession() };
      },
      'clerk.signOut': async () => {
        await this.end('signOut');
        return { ok: true as const };
      },
      'clerk.audit': async ({ action, target, details }) => {
        const session = this.requireSession();
        await this.audit.record({
          clerkId: session.clerkId,
          action: `clerk.${action}`.slice(0, 64),
          target,
          details,
        });
        return { ok: true as const };
      },
      'clerk.directory': async () => ({
        clerks: this.directory.size,
        refreshedAt: this.directory.refreshedAt,
      }),
    });
    this.refreshTimer = setInterval(
      () => void this.syncNow().catch(() => {}),
      this.options.refreshMs ?? 5 * 60_000,
    );
    this.refreshTimer.unref?.();
    void this.syncNow().catch((error) =>
      this.options.log.info('clerk list not refreshed (offline?)', { error: (error as Error).message }),
    );
  }

  async stop(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.syncing?.catch(() => {});
  }

  /** Pulls the clerk list and pushes the audit trail; skipped while not enrolled. */
  syncNow(): Promise<void> {
    const credentials = this.options.credentials();
    const url = this.options.countyUrl();
    if (!credentials || !url) return Promise.resolve();
    this.syncing ??= (async () => {
      const client = new GatewayClient(
        url,
        new DeviceSigner(credentials.key, credentials.deviceId, credentials.audience),
        this.options.fetchImpl,
      );
      await this.directory.refresh(client);
      await this.audit.push(client);
    })().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  requireSession(): ClerkSession {
    const session = this.publicSession();
    if (!session) throw new ContractError('forbidden', 'clerk session required');
    this.extend();
    return session;
  }

  /** The live session's clerk with the registered name (the screen only ever gets it masked). */
  assistingClerk(): AssistingClerk | null {
    const session = this.publicSession();
    if (!session) return null;
    const known = this.directory.byId(session.clerkId);
    if (!known) return null;
    this.extend();
    return { clerkId: known.id, name: known.name };
  }

  async assistedSubmitted(document: ApplicationDocument): Promise<void> {
    if (!document.assistedBy) return;
    await this.audit.record({
      clerkId: document.assistedBy.clerkId,
      action: 'clerk.assistedSubmit',
      target: document.id,
      details: {
        identifiedBy: document.assistedBy.identifiedBy ?? null,
        materials: document.materials.length,
        originalsChecked: document.materials.filter((m) => m.originalCheck).length,
      },
    });
  }

  private publicSession(): ClerkSession | null {
    if (!this.session || this.session.expiresAtMs <= this.now()) return null;
    const { expiresAtMs: _, ...session } = this.session;
    return session;
  }

  private async signIn(
    input:
      | { method: 'idcard'; idNumber: string; pin: string }
      | { method: 'badge'; badge: string; pin: string },
  ): Promise<ClerkSession> {
    const clerk = this.identify(input);
    if (!clerk) {
      await this.audit.record({
        clerkId: null,
        action: 'clerk.signInUnknown',
        target: null,
        details: { method: input.method },
      });
      throw new ContractError(
        'forbidden',
        '没有找到这位工作人员：请确认已在县里登记，并让本机联网同步一次。',
      );
    }
    const wait = this.lockout.lockedForMs(clerk.id);
    if (wait > 0) {
      throw new ContractError(
        'forbidden',
        `密码错误次数过多，已锁定。请 ${Math.ceil(wait / 60_000)} 分钟后再试。`,
      );
    }
    if (!(await verifyClerkPin(input.pin, clerk.pinHash))) {
      const left = await this.lockout.fail(clerk.id);
      await this.audit.record({
        clerkId: clerk.id,
        action: left === 0 ? 'clerk.lockedOut' : 'clerk.wrongPin',
        target: null,
        details: { left },
      });
      this.options.log.warn('clerk PIN refused', { clerkId: clerk.id, left });
      throw new ContractError(
        'forbidden',
        left === 0 ? '密码错误次数过多，已锁定 15 分钟。' : `密码不对，还可以再试 ${left} 次。`,
      );
    }
    await this.lockout.succeed(clerk.id);
    if (this.session && this.session.clerkId !== clerk.id) await this.end('signOut');
    this.session = {
      clerkId: clerk.id,
      displayName: maskName(clerk.name),
      role: clerk.role,
      expiresAt: '',
      expiresAtMs: 0,
    };
    this.extend();
    await this.audit.record({
      clerkId: clerk.id,
      action: 'clerk.signIn',
      target: null,
      details: { method: input.method },
    });
    this.options.log.info('clerk signed in', { clerkId: clerk.id, method: input.method });
    const session = this.publicSession()!;
    this.options.host.contract.emit('clerk.session', { session });
    return session;
  }

  private identify(
    input: { method: 'idcard'; idNumber: string } | { method: 'badge'; badge: string },
  ): KnownClerk | undefined {
    if (input.method === 'badge') {
      const text = input.badge.trim();
      return this.directory.byId(text.startsWith(BADGE_PREFIX) ? text.slice(BADGE_PREFIX.length) : text);
    }
    return this.directory.byIdNumberSha256(
      createHash('sha256').update(input.idNumber.toUpperCase()).digest('hex'),
    );
  }

  private extend(): void {
    if (!this.session) return;
    const idle = this.options.sessionIdleMs ?? 10 * 60_000;
    this.session.expiresAtMs = this.now() + idle;
    this.session.expiresAt = new Date(this.session.expiresAtMs).toISOString();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.end('timeout'), idle);
    this.idleTimer.unref?.();
  }

  private async end(reason: 'signOut' | 'timeout'): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.audit.record({
      clerkId: session.clerkId,
      action: reason === 'timeout' ? 'clerk.sessionTimeout' : 'clerk.signOut',
      target: null,
    });
    this.options.host.contract.emit('clerk.session', { session: null });
  }
}
