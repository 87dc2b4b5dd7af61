/**
 * Customer writes (新建客户) and the one read they need. The insert fires migration 0004's
 * triggers, so the new customer is in the full-text index (name, company, address) at once; its
 * phones go to `phones` (primary key (phone, customer_id), and `phones_last4` for 尾号).
 *   who else has this phone → phones PK, then customers PK
 */
import type { CustomerClass } from '@shared/waybills/customer';
import type { Db, Statement } from '../../platform/db/database';

/** A row of `customers` (a type, not an interface: it is passed as named SQL parameters). */
export type NewCustomerDb = {
  id: string;
  name: string;
  company: string | null;
  class: CustomerClass;
  province: string;
  city: string;
  address: string;
  created_at: number;
};

export class CustomersRepo {
  private readonly insertStmt: Statement<never>;
  private readonly insertPhoneStmt: Statement<never>;
  private readonly byPhoneStmt: Statement<{ id: string; name: string }>;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO customers (id, name, company, class, key_account_tier, province, city, address, created_at)
       VALUES (@id, @name, @company, @class, NULL, @province, @city, @address, @created_at)`,
    );
    this.insertPhoneStmt = db.prepare('INSERT INTO phones (phone, customer_id) VALUES (?, ?)');
    this.byPhoneStmt = db.prepare(
      `SELECT c.id, c.name FROM phones p JOIN customers c ON c.id = p.customer_id
       WHERE p.phone = ? ORDER BY c.created_at, c.id`,
    );
  }

  insert(customer: NewCustomerDb): void {
    this.insertStmt.run(customer);
  }

  addPhone(phone: string, customerId: string): void {
    this.insertPhoneStmt.run([phone, customerId]);
  }

  /** The customers a number is already registered to. */
  customersWithPhone(phone: string): { id: string; name: string }[] {
    return this.byPhoneStmt.all([phone]);
  }
}
