import { describe, expect, it } from 'vitest';
import { qbrFileStem, qbrFileStems } from '../../../src/core/qbr/qbr-file-names.js';

describe('QBR file names', () => {
  it('gives accounts whose names read the same as a file name a file each, named by their external id', () => {
    const stems = qbrFileStems(
      [
        { id: 'a1', name: 'Zeta Corp', externalId: 'SF-001' },
        { id: 'a2', name: 'Zeta, Corp.', externalId: 'SF-002' },
        { id: 'a3', name: 'Acme', externalId: 'SF-003' },
      ],
      '2026Q3',
    );
    expect([...stems.values()]).toEqual(['zeta-corp-2026q3-sf-001', 'zeta-corp-2026q3-sf-002', 'acme-2026q3']);
  });

  it('falls back to the account id when the external ids read the same too', () => {
    const stems = qbrFileStems(
      [
        { id: '0b5a1c2d-aaaa', name: 'Zeta Corp', externalId: 'z.1' },
        { id: '9f8e7d6c-bbbb', name: 'Zeta, Corp.', externalId: 'z-1' },
      ],
      '2026Q3',
    );
    expect(new Set(stems.values()).size).toBe(2);
    expect(stems.get('0b5a1c2d-aaaa')).toBe('zeta-corp-2026q3-z-1-0b5a1c2d-aaa');
  });

  it('caps a 3,000-character name so the file name stays under 100 characters, and never leaves it empty', () => {
    const long = qbrFileStem('Very Long Name '.repeat(200), '2026Q3');
    expect(long.length).toBeLessThanOrEqual(70);
    expect(long).toMatch(/^very-long-name-.*[a-z]-2026q3$/);
    const [stem] = qbrFileStems([{ id: 'a', name: 'X'.repeat(3000), externalId: 'Y'.repeat(3000) }], '2026Q3').values();
    expect(`${stem}.pptx`.length).toBeLessThan(100);
    expect(qbrFileStem('!!!', '2026Q3')).toBe('account-2026q3');
  });
});
