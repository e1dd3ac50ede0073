/** Every id these methods emit has zh and en text (tests may import i18n; the engine itself does not). */
import { hasText, segmentText, t } from '../../i18n';
import { factsFrom } from '../testing/factsBuilder';
import type { MethodResult } from '../types';
import { OTHER_MEMBER } from './contributions';
import { METHODS } from './registry';
import { ctxOf } from './testContext';

const facts = factsFrom({
  recency: [1, 5, 10, 20, 30, 40, 60, 90, 120, 365, 7, 3],
  frequency: [10, 8, 6, 5, 4, 3, 2, 2, 1, 1, 0, 4],
  monetary: [1000, 800, 600, 500, 400, 300, 200, 150, 100, 50, 0, 90],
  profit: [100, 80, 60, 50, 40, 30, 20, 15, 10, 5, 0, 9],
  region: ['N', 'S', 'N', 'E', 'W', 'N', 'S', 'E', '', 'W', 'N', 'S'],
  category: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'],
  product: ['p', 'q', 'r', 'p', 'q', 'r', 'p', 'q', 'r', 'p', 'q', 'r'],
});

/** Runs every registered method that can run on the sample, in registry order. */
function runAll(): MethodResult[] {
  const done: MethodResult[] = [];
  for (const m of METHODS) {
    if (m.unavailable(facts, null)) continue;
    done.push(m.run(ctxOf(facts, {}, done)));
  }
  return done;
}

const nonEmpty = (s: string | undefined) => typeof s === 'string' && s.trim().length > 0;

describe('texts', () => {
  const results = runAll();

  it('has name, description and action in zh and en for every segment id', () => {
    // k-means names its clusters from their profiles at run time, so it has no fixed segment texts.
    const segmenting = results.filter((r) => r.segmentIds && r.id !== 'kmeans');
    expect(segmenting.map((r) => r.id)).toEqual(
      expect.arrayContaining(['rfm_segments', 'rfm_class8', 'value_tiers', 'fm_quadrants']),
    );
    for (const r of segmenting) {
      for (const id of r.segmentIds ?? []) {
        const text = segmentText(r.id, id);
        for (const part of ['name', 'description', 'action'] as const) {
          for (const lang of ['zh', 'en'] as const) {
            expect(`${r.id}.${id}.${part}.${lang}:${nonEmpty(text?.[part][lang])}`).toBe(
              `${r.id}.${id}.${part}.${lang}:true`,
            );
          }
        }
      }
    }
  });

  it('has a name and help for every registered method', () => {
    for (const m of METHODS) {
      expect(`${m.id}:${hasText(`method.${m.id}`)}:${hasText(`method.${m.id}.help`)}`).toBe(
        `${m.id}:true:true`,
      );
    }
  });

  it('has a title for every table and a label for every column these methods write', () => {
    const mine = new Set([
      'rfm',
      'rfm_segments',
      'rfm_class8',
      'value_tiers',
      'fm_quadrants',
      'contributions',
    ]);
    const keys: string[] = [];
    for (const r of results.filter((x) => mine.has(x.id))) {
      for (const c of r.columns) keys.push(`col.${c.key}`);
      for (const tb of r.tables) {
        keys.push(`table.${tb.id}`);
        for (const c of tb.columns) keys.push(`col.${c.key}`);
      }
    }
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((k) => !hasText(k))).toEqual([]);
    for (const k of [
      'table.segments',
      'col.mean_clv',
      'notice.no_scored_customers',
      'notice.contributions_no_dimension',
      'notice.tiers_no_profit',
    ]) {
      expect(hasText(k)).toBe(true);
    }
  });

  it('has texts for ids written as cell values and fills error placeholders', () => {
    for (const v of [
      'recency',
      'frequency',
      'monetary',
      'mean',
      'median',
      'fixed',
      'region',
      'category',
      'product',
      'channel',
      'other',
    ]) {
      expect(hasText(`value.${v}`)).toBe(true);
    }
    expect(OTHER_MEMBER).toBe('(other)');
    expect(t('errors.rfm_cuts', 'en', { dimension: 'f', count: 4 })).toContain('4 ascending');
  });
});
