// The container's entry: runs the one service SERVICE names, in server mode only. A container never
// generates development secrets (embedded mode would, beside a PGlite of its own), so DATABASE_URL is required.
'use strict';

const { join } = require('node:path');
const { chosenService } = require('./services');

try {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must be set: this image runs server mode only');
  const { main } = chosenService();
  require(join(__dirname, '..', '..', main));
} catch (error) {
  process.stderr.write(`${JSON.stringify({ level: 'error', context: 'container', msg: 'failed to start', reason: error.message })}\n`);
  process.exit(1);
}
