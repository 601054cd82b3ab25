// Entry point of the reference auth service. One file, two roles: the cluster primary (supervision,
// shared secret, metrics aggregation) and the workers (HTTP). Configuration: see docs/service.md.
import cluster from 'node:cluster';
import { runPrimary } from './primary.ts';
import { runWorker } from './worker.ts';

if (cluster.isPrimary) await runPrimary();
else await runWorker();
