import { fieldError } from '../common/domain-error';
import type { Db, Tx } from '../database/db.service';
import { PRODUCT_DESCRIPTION_CODE } from './structures';

export interface ProductCodeRef {
  code: string;
  version: number;
}

/**
 * The product code as the bank's current table (its latest version) defines it: what a unit gets
 * at processing or by a correction. A code the current table does not hold is 422 naming the field
 * (the unit's foreign key to `product_codes` refuses it too).
 */
export async function resolveProductCode(db: Db | Tx, code: string, field = 'productCode'): Promise<ProductCodeRef> {
  const bad = (message: string) => fieldError(field, message);
  if (!PRODUCT_DESCRIPTION_CODE.test(code)) throw bad('must be an ISBT 128 Product Description Code (a capital letter and 4 capital letters or digits, e.g. S1128)');
  const row = await db.one<{ version: number; found: boolean }>(
    `SELECT t.version, EXISTS (SELECT 1 FROM product_codes c WHERE c.version = t.version AND c.code = $1) AS found
       FROM product_code_tables t ORDER BY t.version DESC LIMIT 1`,
    [code],
  );
  if (!row) throw bad('no product code table is loaded (POST /reference/product-codes)');
  if (!row.found) throw bad(`${code} is not in the bank's product code table (version ${row.version})`);
  return { code, version: row.version };
}
