import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../src/channels/slack/render-blocks.js';
import type { Reply } from '../../../src/replies/reply.js';
import { expectWithinSlackLimits } from '../../support/slack-limits.js';

const health: Reply = {
  headline: 'Acme Corp: 62.5/100, At Risk',
  tone: 'warning',
  facts: [
    { label: 'Owner', value: 'Alex <alex@tend.example>' },
    { label: 'ARR', value: '120000.00 USD' },
  ],
  bars: [
    { label: 'Usage', score: 51, note: 'weight 30 %' },
    { label: 'Support', score: null },
  ],
  sections: [{ title: 'This week', lines: ['-6: usage fell from 72% to 51% of seats'] }],
  buttons: [
    { label: 'Why?', command: 'why Acme Corp', style: 'primary' },
    {
      label: 'Log a note',
      command: 'note Acme Corp',
      form: { kind: 'note', accountId: 'a1', accountName: 'Acme Corp' },
    },
  ],
  suggestions: ['renewals 90'],
};

describe('Block Kit rendering of neutral replies', () => {
  it('renders a health card: header with colour, facts as fields, bars, change, buttons', () => {
    const { text, blocks } = renderBlocks(health);
    const typed: KnownBlock[] = blocks;
    expect(text).toBe(':large_yellow_circle: Acme Corp: 62.5/100, At Risk');
    expect(typed.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'actions', 'context']);
    const json = JSON.stringify(blocks);
    // Data is escaped: an email in angle brackets must not become a Slack link or mention.
    expect(json).toContain('Alex &lt;alex@tend.example&gt;');
    expect(json).toContain('`█████░░░░░` *Usage* 51 _(weight 30 %)_');
    expect(json).toContain('`░░░░░░░░░░` *Support* no data');
    const actions = blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string; style?: string }[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['tend_cmd_0', 'tend_form_1']);
    expect(JSON.parse(actions.elements[1]!.value)).toEqual({
      command: 'note Acme Corp',
      form: { kind: 'note', accountId: 'a1', accountName: 'Acme Corp' },
    });
    expect(actions.elements[0]!.style).toBe('primary');
    expectWithinSlackLimits(blocks);
  });

  it('adds "Share in channel" carrying the original question', () => {
    const { blocks } = renderBlocks(health, { shareCommand: 'how is acme doing?' });
    const actions = blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.at(-1)).toMatchObject({ action_id: 'tend_share', value: 'how is acme doing?' });
  });

  it('stays within Slack limits however large the answer, keeping headline and buttons', () => {
    const huge: Reply = {
      headline: 'x'.repeat(400),
      tone: 'critical',
      facts: Array.from({ length: 23 }, (_, i) => ({ label: `Fact ${i}`, value: 'v'.repeat(2500) })),
      table: {
        columns: ['Account', 'Health'],
        rows: Array.from({ length: 500 }, (_, i) => [`Account ${i} ${'n'.repeat(60)}`, String(i % 100)]),
      },
      sections: Array.from({ length: 80 }, (_, i) => ({ title: `S${i}`, lines: ['l'.repeat(4000)] })),
      buttons: Array.from({ length: 30 }, (_, i) => ({
        label: `Button ${i} ${'b'.repeat(100)}`,
        command: 'c'.repeat(3000),
      })),
    };
    const { text, blocks } = renderBlocks(huge, { shareCommand: 'q' });
    expectWithinSlackLimits(blocks);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(blocks[0]!.type).toBe('header');
    const ids = blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b as { elements: { action_id: string }[] }).elements.map((e) => e.action_id));
    expect(ids[0]).toBe('tend_cmd_0');
    expect(ids.at(-1)).toBe('tend_share');
    expect(JSON.stringify(blocks)).toMatch(/more part\(s\) left out/);
  });

  it('splits more than 25 buttons over two actions blocks', () => {
    const many: Reply = {
      headline: 'Pick one',
      tone: 'info',
      buttons: Array.from({ length: 30 }, (_, i) => ({ label: `A${i}`, command: `health A${i}` })),
    };
    const { blocks } = renderBlocks(many);
    expect(
      blocks.filter((b) => b.type === 'actions').map((b) => (b as { elements: unknown[] }).elements.length),
    ).toEqual([25, 5]);
    expectWithinSlackLimits(blocks);
  });

  it('allows 100 blocks for views such as App Home', () => {
    const long: Reply = {
      headline: 'Your book',
      tone: 'info',
      sections: Array.from({ length: 120 }, (_, i) => ({ title: `Band ${i}`, lines: ['a'] })),
    };
    expect(renderBlocks(long).blocks.length).toBeLessThanOrEqual(50);
    expect(renderBlocks(long, { maxBlocks: 100 }).blocks.length).toBeGreaterThan(50);
  });

  it('escapes data in the fallback text, so an account named "<!channel>" pings nobody', () => {
    const { text } = renderBlocks({ headline: 'Evil <!channel> & Co turned At Risk: 40/100', tone: 'warning' });
    expect(text).toContain('Evil &lt;!channel&gt; &amp; Co turned At Risk');
    expect(text).not.toContain('<!channel>');
  });
});
