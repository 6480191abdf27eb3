import { z } from 'zod';

// Zod probes `new Function` to speed up parsing; our Content-Security-Policy forbids eval, and the probe
// alone is reported as a violation. Imported first by main.tsx, before any module parses at load time.
z.config({ jitless: true });
