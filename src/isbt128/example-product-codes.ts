/**
 * An EXAMPLE product code table, in the CSV form the bank uploads (`POST /reference/product-codes`).
 *
 * It is NOT ICCBBA's Product Description Code table: ICCBBA licenses that table to registered
 * facilities, and the codes and descriptions below are made up for tests and for a first start.
 * S1128 is the example DESIGN.md section 8 uses; its description here is ours. A bank loads its own
 * licensed table before labelling real products; the unit keeps the table version it was coded from.
 */
export const EXAMPLE_PRODUCT_CODES_CSV = `code,description,class,modifiers,attributes
S1128,"EXAMPLE (not ICCBBA): HPC, CORD BLOOD, cryopreserved, plasma and red cell reduced",HPC CORD BLOOD,Cryopreserved,"10% DMSO|<=-150C|Plasma reduced|Red cell reduced"
S1129,"EXAMPLE (not ICCBBA): HPC, CORD BLOOD, cryopreserved, red cell reduced",HPC CORD BLOOD,Cryopreserved,"10% DMSO|<=-150C|Red cell reduced"
S1130,"EXAMPLE (not ICCBBA): HPC, CORD BLOOD, fresh, not processed",HPC CORD BLOOD,,"CPD|Room temperature"
D0001,"EXAMPLE (not ICCBBA): HPC, CORD BLOOD, cryopreserved, research use only",HPC CORD BLOOD,Cryopreserved|Research,"10% DMSO|<=-150C"
`;
