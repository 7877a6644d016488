import { describe, expect, it } from 'vitest';
import { figuresInDigits, figureStates, readFigures } from '../../src/llm/figures.js';

const figure = (text: string) => readFigures(figuresInDigits(text))[0]!;

describe('figures as people write them', () => {
  it('reads figures written in words', () => {
    expect(figuresInDigits('Customers gave an NPS of one hundred.')).toBe('Customers gave an NPS of 100.');
    expect(figuresInDigits('twenty-five percent of seats')).toBe('25% of seats');
    expect(figuresInDigits('three hundred and thirty-two days')).toBe('332 days');
    expect(figuresInDigits('Tickets fell by half.')).toBe('Tickets fell halved.');
    expect(figuresInDigits('a third of users')).toBe('≈33.3% of users');
    // A lone "one" is a pronoun as often as a figure, and a range is advice, not a count.
    expect(figuresInDigits('One customer wrote in.')).toBe('One customer wrote in.');
    expect(figuresInDigits('Agree two or three goals.')).toBe('Agree a few goals.');
  });

  it('reads magnitudes and holds a figure to the precision it was written with', () => {
    expect(figureStates(figure('$1.0M'), 1_013_955)).toBe(true);
    expect(figureStates(figure('$1.1M'), 1_013_955)).toBe(false);
    expect(figureStates(figure('€26K'), 25_793)).toBe(true);
    expect(figureStates(figure('77'), 77.4)).toBe(true);
    expect(figureStates(figure('78'), 77.4)).toBe(false);
  });

  it('reads hedges on the side they say', () => {
    expect(figureStates(figure('about 26,000'), 25_793)).toBe(true);
    expect(figureStates(figure('roughly 30K'), 25_793)).toBe(false);
    expect(figureStates(figure('nearly 80'), 77.4)).toBe(true);
    expect(figureStates(figure('nearly 80'), 82)).toBe(false);
    expect(figureStates(figure('nearly 100'), 77.4)).toBe(false);
    expect(figureStates(figure('over 70'), 77.4)).toBe(true);
    expect(figureStates(figure('over 80'), 77.4)).toBe(false);
    expect(figureStates(figure('two thirds'), 66.1)).toBe(true);
    expect(figureStates(figure('a third'), 30)).toBe(false);
  });

  it('keeps the sign a figure was written with', () => {
    expect(figure('fell by -11.5 points')).toMatchObject({ value: 11.5, negative: true });
    expect(figure('fell by 11.5 points')).toMatchObject({ value: 11.5, negative: false });
  });
});
