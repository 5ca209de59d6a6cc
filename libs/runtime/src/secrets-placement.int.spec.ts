import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuseSecretsInside } from './secrets-placement';

describe('refuseSecretsInside, on the file system', () => {
  let root: string;
  let data: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'secrets-placement-'));
    data = join(root, 'data');
    mkdirSync(data);
  });

  it('allows secrets beside the data, also in a sibling named ..sec, and creates nothing', () => {
    expect(() =>
      refuseSecretsInside(data, { SECRETS_DIR: join(root, 'secrets'), KEK_STORE_DIR: join(root, '..sec', 'kek') }),
    ).not.toThrow();
    expect(readdirSync(root)).toEqual(['data']);
  });

  it('refuses secrets in the data directory, however the path is spelled, naming the variable only', () => {
    expect(() => refuseSecretsInside(data, { SECRETS_DIR: join(data, 'keys') })).toThrow(
      'SECRETS_DIR must be outside the data directory (DATA_DIR)',
    );
    expect(() => refuseSecretsInside(data, { KEK_STORE_DIR: join(data, '..sec') })).toThrow(/^KEK_STORE_DIR must be outside/);
    expect(() => refuseSecretsInside(data, { KEK_STORE_DIR: data })).toThrow(/^KEK_STORE_DIR must be outside/);
  });

  it('refuses a secrets directory that a symbolic link leads into the data directory', () => {
    symlinkSync(data, join(root, 'looks-outside'));
    expect(() => refuseSecretsInside(data, { SECRETS_DIR: join(root, 'looks-outside', 'secrets-not-yet-made') })).toThrow(
      /^SECRETS_DIR must be outside/,
    );
    mkdirSync(join(data, 'kek'));
    symlinkSync(join(data, 'kek'), join(root, 'kek-link'));
    expect(() => refuseSecretsInside(data, { KEK_STORE_DIR: join(root, 'kek-link') })).toThrow(/^KEK_STORE_DIR must be outside/);
  });

  it('follows links that lead nowhere yet, as creating the directory would', () => {
    symlinkSync(join(root, 'fresh-data'), join(root, 'leads-to-data'));
    expect(() => refuseSecretsInside(join(root, 'fresh-data'), { SECRETS_DIR: join(root, 'leads-to-data') })).toThrow(/^SECRETS_DIR/);
    symlinkSync(join(data, 'not-yet'), join(root, 'into-data'));
    expect(() => refuseSecretsInside(data, { KEK_STORE_DIR: join(root, 'into-data', 'kek') })).toThrow(/^KEK_STORE_DIR/);
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    expect(() => refuseSecretsInside(data, { SECRETS_DIR: join(root, 'loop-a') })).toThrow(/loop of symbolic links/);
    expect(readdirSync(root).sort()).toEqual(['data', 'into-data', 'leads-to-data', 'loop-a', 'loop-b']);
  });

  it('refuses a data directory that a link leads to where the secrets are', () => {
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'data-link'));
    expect(() => refuseSecretsInside(join(root, 'data-link'), { SECRETS_DIR: join(root, 'real', 'secrets') })).toThrow(/^SECRETS_DIR/);
  });

  it('refuses a data directory with secrets left by an earlier version', () => {
    mkdirSync(join(data, 'secrets'));
    expect(() => refuseSecretsInside(data, { SECRETS_DIR: join(root, 'secrets') })).toThrow(/^DATA_DIR holds a secrets directory/);
  });
});
