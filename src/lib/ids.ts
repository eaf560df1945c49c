/** Row ids are 32-bit integers on PostgreSQL (`integer` identity columns); a larger number names no row. */
export const MAX_ID = 2_147_483_647;

/** True for a number that can be a row id; anything else is answered as "not found", never sent to the database. */
export const isRowId = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_ID;
