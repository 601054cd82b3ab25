// The cluster primary's own numbers (worker supervision). They carry no worker label: there is one primary.
import { Counter, Gauge, Registry } from 'prom-client';

export class PrimaryMetrics {
  readonly registry = new Registry();
  private readonly restarts: Counter;

  constructor(workersAlive: () => number, workersConfigured: number) {
    const registers = [this.registry];
    this.restarts = new Counter({
      name: 'auth_worker_restarts_total',
      help: 'Workers the primary replaced after they died unexpectedly.',
      registers,
    });
    new Gauge({
      name: 'auth_workers_alive',
      help: 'Workers currently serving (listening).',
      registers,
      collect() {
        this.set(workersAlive());
      },
    });
    new Gauge({
      name: 'auth_workers_configured',
      help: 'Workers the service is configured to run (WORKERS).',
      registers,
    }).set(workersConfigured);
  }

  workerRestarted(): void {
    this.restarts.inc();
  }
}
