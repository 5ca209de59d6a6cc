// The image's HEALTHCHECK: GET /health/live of the service SERVICE names, on loopback. Live, not /health: a
// runner that lags makes /health degraded, which must not make Docker restart a process whose API still answers.
'use strict';

const { chosenService } = require('./services');

const { port } = chosenService();
fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
