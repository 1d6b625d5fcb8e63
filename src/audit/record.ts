import type { EntityManager } from 'typeorm';
import { AuditEvent, type AuditData } from './audit-event.entity';

export interface AuditInput {
  actorId: number | null;
  entity: string;
  entityId: string | number;
  action: string;
  cycleId?: number | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  data?: AuditData | null;
}

/** The one function that writes the audit log; call it inside the transaction of the change it records. */
export async function recordAudit(manager: EntityManager, e: AuditInput): Promise<void> {
  const row: Partial<AuditEvent> = {
    actorId: e.actorId,
    entity: e.entity,
    entityId: String(e.entityId),
    action: e.action,
    cycleId: e.cycleId ?? null,
    fromState: e.from ?? null,
    toState: e.to ?? null,
    reason: e.reason ?? null,
    data: e.data ?? null,
  };
  await manager.insert(AuditEvent, row);
}
