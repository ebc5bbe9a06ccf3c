/**
 * Turns off zod's JIT before any schema is built. zod probes `new Function('')` when an object
 * schema is constructed; under a CSP without 'unsafe-eval' that probe is refused (and reported
 * as a securitypolicyviolation) even though zod falls back. Import this module first.
 */
import { z } from 'zod';

z.config({ jitless: true });
