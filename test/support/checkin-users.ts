import { TEST_TENANT } from './activities';
import type { TeamsMember } from './teams-connector';

/** People of the sample data as Teams users (linked to the directory by their Entra object ids). */
export const ANNA: TeamsMember = { id: '29:anna-schulte', name: 'Anna Schulte', aadObjectId: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e03', email: 'anna.schulte@duelmen.example', tenantId: TEST_TENANT };
/** Deputy of E-Akte, a member without role. */
export const PETRA: TeamsMember = { id: '29:petra-huesing', name: 'Petra Hüsing', aadObjectId: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e06', email: 'p.huesing@duelmen.example', tenantId: TEST_TENANT };
/** CDO of Olfen: owner of LoRaWAN, nothing to do with E-Akte. */
export const DANIEL: TeamsMember = { id: '29:daniel-schroeder', name: 'Daniel Schröder', aadObjectId: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e04', email: 'daniel.schroeder@olfen.example', tenantId: TEST_TENANT };
