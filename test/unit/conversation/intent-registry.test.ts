import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  callFromTool,
  helpReply,
  intents,
  isExplicitCommand,
  isSlow,
  modelTools,
  parseCall,
} from '../../../src/conversation/intent-registry.js';
import { projectRoot } from '../../../src/paths.js';

const files = readdirSync(join(projectRoot, 'src/conversation/intents')).filter((f) => f.endsWith('.ts'));

describe('the intent registry', () => {
  it('has one intent per file in src/conversation/intents, named after its file', () => {
    expect(intents.size).toBe(files.length);
    for (const file of files) expect(intents.has(file.replace(/\.ts$/, '').replace(/-/g, '_')), file).toBe(true);
  });

  it('builds the model tool list from the read-only intents only', () => {
    const tools = modelTools().map((t) => t.name);
    expect(tools).toContain('account_health');
    expect(tools.at(-1)).toBe('help');
    for (const intent of intents.values())
      if (intent.tool) expect(['reader', 'manager'], `${intent.name} has a tool`).toContain(intent.access);
    for (const writer of ['note', 'goal', 'snooze', 'milestone', 'survey_send', 'recompute'])
      expect(intents.get(writer)!.tool, writer).toBeUndefined();
  });

  it('turns a tool choice into a checked call, and refuses one that does not fit', () => {
    expect(callFromTool({ name: 'list_renewals', arguments: { days: 60, mine: true, at_risk_only: null } })).toEqual({
      intent: 'renewals',
      args: { days: 60, mine: true },
    });
    expect(callFromTool({ name: 'list_renewals', arguments: { days: 'soon' } })).toBeUndefined();
    expect(callFromTool({ name: 'delete_everything', arguments: {} })).toBeUndefined();
  });

  it('builds help from every intent that has a help line, grouped in order', () => {
    const help = helpReply();
    expect(help.sections?.map((s) => s.title)).toEqual(['Ask me', 'Record', 'Customer voice']);
    const lines = help.sections!.flatMap((s) => s.lines);
    const declared = [...intents.values()].filter((i) => i.help).map((i) => i.help!.line);
    expect(lines.sort()).toEqual(declared.sort());
    expect(help.sections![0]!.lines[0]).toMatch(/^health <account>/);
  });

  it('marks slow intents from the text alone, and knows commands from questions', () => {
    expect(isSlow(parseCall('portfolio all'))).toBe(true);
    expect(isSlow(parseCall('qbr Acme'))).toBe(true);
    expect(isSlow(parseCall('how is Acme doing?'))).toBe(false);
    expect(isExplicitCommand('<@U0TEND> /tend why Globex')).toBe(true);
    expect(isExplicitCommand('log a note for Acme: called')).toBe(true);
    expect(isExplicitCommand('how are things with acme')).toBe(false);
  });

  it('parses a message once into the first matching rule, else unknown', () => {
    expect(parseCall('snooze Acme 14')).toEqual({ intent: 'snooze', args: { account: 'Acme', days: 14 } });
    expect(parseCall('what is the meaning of life?')).toEqual({
      intent: 'unknown',
      args: { text: 'what is the meaning of life' },
    });
  });
});
