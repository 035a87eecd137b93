import { z } from 'zod';
import {
  IdCardEventSchema,
  IdCardReadErrorSchema,
  IdCardRemovedSchema,
  ReaderStateSchema,
  SimulatorFaultSchema,
} from '../drivers/idcard/schemas';
import { empty, ok, type RequestDef, request } from './define';

/** The ID card reader as the renderer sees it: its state, each card presented, and demo controls. */
export const idcardRequests = {
  'idcard.state': request(empty, ReaderStateSchema),
  /** Demo profile only: the simulator's cards (fake people) for the banner's control panel. */
  'demo.idcard.fixtures': request(
    empty,
    z.object({ fixtures: z.array(z.object({ id: z.string(), label: z.string() })) }),
  ),
  'demo.idcard.place': request(z.object({ fixtureId: z.string().min(1).max(64) }).strict(), ok),
  'demo.idcard.remove': request(empty, ok),
  /** Demo profile only: make the simulated reader misbehave once (bad checksum, SAM fault…). */
  'demo.idcard.fault': request(z.object({ kind: SimulatorFaultSchema }).strict(), ok),
  /** Demo profile only: pull the simulated reader's cable out, and put it back (chaos tests). */
  'demo.idcard.unplug': request(empty, ok),
  'demo.idcard.replug': request(empty, ok),
} satisfies Record<string, RequestDef>;

export const idcardEvents = {
  'idcard.state': ReaderStateSchema,
  'idcard.card': IdCardEventSchema,
  'idcard.removed': IdCardRemovedSchema,
  'idcard.readError': IdCardReadErrorSchema,
} satisfies Record<string, z.ZodType>;
