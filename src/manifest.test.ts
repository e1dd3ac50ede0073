/**
 * Offline structural check of manifest.xml (the online `office-addin-manifest validate` cannot run here):
 * element order under OfficeApp, unique ids, resolvable resids, dev URLs, icons on disk with the right
 * pixel sizes, and both locales.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A small XML reader, enough for a manifest: elements, attributes, text, comments, declarations. */
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const top = stack[stack.length - 1];
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`mismatched </${m[1]}> (open: ${top.name})`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3].matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]] = a[2];
      const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    } else if (m[5]) {
      top.text += m[5].trim();
    } else if (!m[0].startsWith('<!--') && !m[0].startsWith('<?')) {
      throw new Error(`unreadable XML near ${m[0].slice(0, 40)}`);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root;
}

function all(node: XmlNode, pred: (n: XmlNode) => boolean, out: XmlNode[] = []): XmlNode[] {
  if (pred(node)) out.push(node);
  for (const c of node.children) all(c, pred, out);
  return out;
}
const local = (name: string) => name.replace(/^.*:/, '');
const child = (node: XmlNode, name: string) => node.children.find((c) => local(c.name) === name);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

const ROOT = join(__dirname, '..');
const doc = parseXml(readFileSync(join(ROOT, 'manifest.xml'), 'utf8'));
const app = doc.children[0];

// Order of OfficeApp's children in the TaskPaneApp schema (offappmanifest 1.1).
const ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'AllowSnapshot',
  'VersionOverrides',
  'ExtendedOverrides',
];

describe('manifest.xml', () => {
  test('is a Workbook task-pane add-in with a stable GUID and read/write permission', () => {
    expect(app.name).toBe('OfficeApp');
    expect(app.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(child(app, 'Id')!.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(app, 'Version')!.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(child(app, 'Hosts')!, 'Host')!.attrs.Name).toBe('Workbook');
    expect(child(app, 'Permissions')!.text).toBe('ReadWriteDocument');
  });

  test('OfficeApp children follow the schema order', () => {
    const names = app.children.map((c) => c.name);
    for (const n of names) expect(ORDER).toContain(n);
    const idx = names.map((n) => ORDER.indexOf(n));
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    for (const required of ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description'])
      expect(names).toContain(required);
  });

  test('requires ExcelApi 1.1 only (optional features are checked at run time)', () => {
    const sets = all(app, (n) => n.name === 'Set');
    expect(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([['ExcelApi', '1.1']]);
    // A Requirements element inside VersionOverrides would hide the ribbon on older hosts.
    const vo = child(app, 'VersionOverrides')!;
    expect(all(vo, (n) => n.name === 'Requirements')).toHaveLength(0);
  });

  test('ids are unique and every resid resolves', () => {
    const vo = child(app, 'VersionOverrides')!;
    const resources = child(vo, 'Resources')!;
    const resIds = all(resources, (n) => n.attrs.id !== undefined).map((n) => n.attrs.id);
    expect(new Set(resIds).size).toBe(resIds.length);
    const controlIds = all(vo, (n) => ['Group', 'Control', 'OfficeTab'].includes(n.name)).map(
      (n) => n.attrs.id,
    );
    expect(new Set(controlIds).size).toBe(controlIds.length);
    const resids = all(vo, (n) => n.attrs.resid !== undefined).map((n) => n.attrs.resid);
    expect(resids.length).toBeGreaterThan(0);
    for (const r of resids) expect(resIds).toContain(r);
  });

  test('the Home tab has the pane button and the Segment selection function command', () => {
    const controls = all(app, (n) => n.name === 'Control');
    const actions = controls.map((c) => child(c, 'Action')!.attrs['xsi:type']);
    expect(actions).toEqual(['ShowTaskpane', 'ExecuteFunction']);
    expect(child(all(app, (n) => n.name === 'OfficeTab')[0], 'Group')).toBeDefined();
    expect(all(app, (n) => n.name === 'OfficeTab')[0].attrs.id).toBe('TabHome');
    const fn = all(app, (n) => n.name === 'FunctionName')[0].text;
    const commandsTs = readFileSync(join(ROOT, 'src/commands/commands.ts'), 'utf8');
    expect(commandsTs).toContain(`'${fn}'`);
  });

  test('every URL is on https://localhost:3000 and the pane page is taskpane.html', () => {
    const urls = all(app, () => true)
      .flatMap((n) => [n.attrs.DefaultValue, n.name === 'SourceLocation' ? n.attrs.DefaultValue : undefined])
      .filter((v): v is string => typeof v === 'string' && /^[a-z]+:\/\//i.test(v));
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\/localhost:3000\//);
    const source = child(child(app, 'DefaultSettings')!, 'SourceLocation')!.attrs.DefaultValue;
    expect(source).toBe('https://localhost:3000/taskpane.html');
  });

  test('icons exist in assets/ with the pixel size they are declared at', () => {
    const iconUrls: [string, number | null][] = [];
    iconUrls.push([child(app, 'IconUrl')!.attrs.DefaultValue, 32]);
    iconUrls.push([child(app, 'HighResolutionIconUrl')!.attrs.DefaultValue, 64]);
    for (const img of all(app, (n) => n.name === 'bt:Image' && n.attrs.id !== undefined)) {
      const m = /(\d+)x\1/.exec(img.attrs.id);
      iconUrls.push([img.attrs.DefaultValue, m ? Number(m[1]) : null]);
    }
    const sizes = new Set<number>();
    for (const [url, size] of iconUrls) {
      const file = join(ROOT, new URL(url).pathname);
      expect(existsSync(file)).toBe(true);
      const [w, h] = pngSize(file);
      expect(w).toBe(h);
      if (size !== null) expect(w).toBe(size);
      sizes.add(w);
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual([16, 32, 64, 80, 128]);
  });

  test('en-US is the default and every user-visible string has a zh-CN override', () => {
    expect(child(app, 'DefaultLocale')!.text).toBe('en-US');
    for (const n of ['DisplayName', 'Description']) {
      const o = child(child(app, n)!, 'Override');
      expect(o?.attrs.Locale).toBe('zh-CN');
      expect(o?.attrs.Value).toMatch(/[\u4e00-\u9fff]/);
    }
    const strings = all(app, (n) => n.name === 'bt:String');
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings) {
      const o = child(s, 'Override');
      expect(o?.attrs.Locale).toBe('zh-CN');
      expect(o?.attrs.Value).toBeTruthy();
    }
  });
});
