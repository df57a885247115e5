/** The shared scalars every subgraph and the gateway use for real-world keys and dates. */
import { CitizenIdScalar } from './citizen-id.ts';
import { CreditCodeScalar } from './credit-code.ts';
import { DateScalar } from './date.ts';

export { CitizenIdScalar, CreditCodeScalar, DateScalar };

export const SHARED_SCALARS = [CitizenIdScalar, CreditCodeScalar, DateScalar] as const;

export const SHARED_SCALARS_SDL = SHARED_SCALARS.map((scalar) => `scalar ${scalar.name}`).join('\n');
