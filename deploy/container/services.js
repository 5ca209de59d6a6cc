// The services a container of deploy/Dockerfile can run, chosen by SERVICE, with the variable that sets each one's port.
'use strict';

const SERVICES = {
  identity: { portVariable: 'IDENTITY_PORT', defaultPort: 3001 },
  contacts: { portVariable: 'CONTACTS_PORT', defaultPort: 3002 },
  'payment-vault': { portVariable: 'PAYMENT_VAULT_PORT', defaultPort: 3003 },
  retention: { portVariable: 'RETENTION_PORT', defaultPort: 3004 },
};

/** The service named by SERVICE, or a refusal that lists the names this image knows. */
function chosenService(env = process.env) {
  const name = env.SERVICE;
  if (!name || !Object.hasOwn(SERVICES, name))
    throw new Error(`SERVICE must name the service this container runs: one of ${Object.keys(SERVICES).join(', ')}`);
  const { portVariable, defaultPort } = SERVICES[name];
  return { name, main: `apps/${name}/dist/main.js`, port: Number(env[portVariable] || defaultPort) };
}

module.exports = { SERVICES, chosenService };
