/**
 * 新建客户: the unknown caller becomes a customer (and, later, the order form's sender or receiver).
 * One function, `create`, that any caller in the core can use as it is: the input is checked with
 * the same rules as the contract's (shared/waybills/customer.ts) whoever passes it, the customer and
 * its phones are stored in one transaction with the audit entry, and phones already registered to
 * another customer are allowed and reported (a family, a shop or an office may share one).
 */
import { ContractError } from '@shared/common/errors';
import { maskPhone } from '@shared/common/format';
import type { CustomerCreated, CustomerInput } from '@shared/waybills/customer';
import { customerInputSchema } from '@shared/waybills/customer';
import { fullAddress } from '@shared/waybills/divisions';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { Clock, IdFactory } from '../../platform/ports';
import type { DeskSessionService } from '../session';
import type { CustomersRepo } from './customers-repo';

export interface CustomerServiceDeps {
  db: Db;
  customers: CustomersRepo;
  audit: AuditRepo;
  session: DeskSessionService;
  clock: Clock;
  newId: IdFactory;
}

export class CustomerService {
  constructor(private readonly deps: CustomerServiceDeps) {}

  /**
   * Creates a customer from what the agent entered. Refuses bad input (BAD_ARGUMENT, with each
   * issue's field path and code) before anything is written; the audit log records who created it.
   */
  create(input: CustomerInput): CustomerCreated {
    const session = this.deps.session.requireSession();
    const parsed = customerInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new ContractError(
        'BAD_ARGUMENT',
        'Invalid customer',
        parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(root)',
          message: i.message,
        })),
      );
    }
    const c = parsed.data;
    const { db, customers, audit, clock, newId } = this.deps;
    const id = newId();
    const at = clock.now();
    const address = fullAddress(c.province, c.city, c.detail);
    return db.transaction(() => {
      const shared = c.phones
        .map((phone) => ({ phone, customers: customers.customersWithPhone(phone) }))
        .filter((s) => s.customers.length > 0);
      customers.insert({
        id,
        name: c.name,
        company: c.company,
        class: c.class,
        province: c.province,
        city: c.city,
        address,
        created_at: at,
      });
      for (const phone of c.phones) customers.addPhone(phone, id);
      audit.append({
        id: newId(),
        at,
        actorId: session.agent.id,
        action: 'create_customer',
        subject: id,
        detail: {
          class: c.class,
          province: c.province,
          city: c.city,
          phones: c.phones.length,
          sharedWith: [...new Set(shared.flatMap((s) => s.customers.map((x) => x.id)))],
        },
      });
      return {
        customer: {
          id,
          name: c.name,
          company: c.company,
          class: c.class,
          province: c.province,
          city: c.city,
          address,
          phonesMasked: c.phones.map(maskPhone),
        },
        sharedPhones: shared.map((s) => ({
          phoneMasked: maskPhone(s.phone),
          customers: s.customers,
        })),
      };
    });
  }
}
