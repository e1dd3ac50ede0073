/** Every text lives in exactly one dictionary file, and every text has both languages. */
import { CLI } from './cli';
import { MESSAGES } from './messages';
import { MODELS } from './models';
import { PANE } from './pane';
import { TABLES } from './tables';
import { UI } from './ui';
import type { Dict } from './types';

const FILES: Record<string, Dict> = { CLI, MESSAGES, MODELS, PANE, TABLES, UI };

describe('i18n dictionaries', () => {
  it('define each key once (aliases generated inside one file excepted)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [file, dict] of Object.entries(FILES)) {
      for (const key of Object.keys(dict)) {
        const other = owner.get(key);
        if (other && other !== file) clashes.push(`${key}: ${other} and ${file}`);
        owner.set(key, file);
      }
    }
    expect(clashes).toEqual([]);
  });
  it('have zh and en text for every key', () => {
    for (const dict of Object.values(FILES)) {
      for (const [key, text] of Object.entries(dict)) {
        expect([key, text.zh.trim().length > 0, text.en.trim().length > 0]).toEqual([key, true, true]);
      }
    }
  });
});
