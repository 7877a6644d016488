import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normaliseHeader, parseCsv } from '../../src/services/import/parse-csv.js';
import { accountRowSchema, metricRowSchema } from '../../src/services/import/row-schemas.js';

const stream = (text: string) => Readable.from([text]);
const metricColumns = {
  required: ['account_external_id', 'key', 'date', 'value'],
  known: Object.keys(metricRowSchema.shape),
};

describe('CSV parsing', () => {
  it('normalises headers people actually write', () => {
    expect(normaliseHeader(' Account External ID ')).toBe('account_external_id');
    expect(normaliseHeader('ARR (USD)')).toBe('arr_usd');
  });

  it('keeps going after a bad row and gives each problem the line it starts on', async () => {
    const text =
      '\uFEFFAccount External ID,Key,Date,Value,Notes\n"a-1",dau_pct,2026-01-05,50,"multi\nline note"\na-1,dau_pct,2026-01-12,abc,\n\na-1,dau_pct,2026-13-01,50,x\na-1,"dau_pct,2026-01-19,50,x\n';
    const result = await parseCsv(stream(text), metricRowSchema, metricColumns);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ line: 2, row: { account_external_id: 'a-1', value: 50, source: 'import' } });
    expect(result.ignoredColumns).toEqual(['notes']);
    expect(result.problems.map((p) => p.line)).toEqual([4, 6, 7]);
    expect(result.problems[0]!.message).toBe('value "abc" must be a number');
    expect(result.problems[1]!.message).toBe('date "2026-13-01" is not a real calendar date');
    expect(result.problems[2]!.message).toContain('quote');
  });

  it('names the line an unclosed quote opens on, not the end of the file', async () => {
    const text =
      'account_external_id,key,date,value\na-1,dau_pct,2026-01-05,50\na-1,dau_pct,"2026-01-12,51\na-1,dau_pct,2026-01-19,52\na-1,dau_pct,2026-01-26,53\n';
    const result = await parseCsv(stream(text), metricRowSchema, metricColumns);
    expect(result.problems).toEqual([
      { line: 3, message: 'has a quote that is never closed (everything after it was read as one cell)' },
    ]);
  });

  it('strips NUL characters from cells, as the ingest API does', async () => {
    const text = 'account_external_id,key,date,value\na-1\u0000,dau_pct,2026-01-05,5\u00000\n';
    const result = await parseCsv(stream(text), metricRowSchema, metricColumns);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]!.row).toMatchObject({ account_external_id: 'a-1', value: 50 });
  });

  it('parses lists, money and dates into their types', async () => {
    const text =
      'external_id,name,aliases,domains,segment,tier,lifecycle_stage,arr,currency\nx,Acme,ACME; Acme Inc|AI,Acme.example,Strategic,Enterprise,Value Realization,"1,250,000.5",eur\n';
    const result = await parseCsv(stream(text), accountRowSchema, {
      required: ['external_id'],
      known: Object.keys(accountRowSchema.shape),
    });
    expect(result.problems).toEqual([]);
    expect(result.rows[0]!.row).toMatchObject({
      aliases: ['ACME', 'Acme Inc', 'AI'],
      domains: ['acme.example'],
      segment: 'strategic',
      lifecycle_stage: 'value_realization',
      arr: '1250000.5',
      currency: 'EUR',
      status: 'active',
    });
  });

  it('says so when the file is empty', async () => {
    const result = await parseCsv(stream(''), metricRowSchema, metricColumns);
    expect(result.problems).toEqual([{ line: 1, message: expect.stringContaining('empty') }]);
  });
});
