import { expect, it } from 'vitest';
import { webCryptoSha256 } from './webCryptoSha256';

it('hashes the query text as hex SHA-256, as APQ wants it', async () => {
  expect(await webCryptoSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
