/**
 * Strict Open XML workbooks (Excel's "Strict Open XML Spreadsheet" save type) use other namespaces and
 * store dates as ISO text in `t="d"` cells; most readers, ExcelJS included, misread them. We rewrite such a
 * package to the Transitional form ExcelJS reads: namespaces mapped, date cells turned into serial numbers.
 */
import JSZip from 'jszip';
import { serialFromYmd } from '../engine/dates';

const NAMESPACES: [RegExp, string][] = [
  [
    /http:\/\/purl\.oclc\.org\/ooxml\/spreadsheetml\/main/g,
    'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  ],
  [
    /http:\/\/purl\.oclc\.org\/ooxml\/drawingml\/main/g,
    'http://schemas.openxmlformats.org/drawingml/2006/main',
  ],
  [
    /http:\/\/purl\.oclc\.org\/ooxml\/drawingml\/chart/g,
    'http://schemas.openxmlformats.org/drawingml/2006/chart',
  ],
  [
    /http:\/\/purl\.oclc\.org\/ooxml\/drawingml\/spreadsheetDrawing/g,
    'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  ],
  [
    /http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships/g,
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  ],
  [
    /http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/extendedProperties/g,
    'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  ],
  [
    /http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/docPropsVTypes/g,
    'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
  ],
];

/** Serial number (with time fraction) of an ISO date-time, or null when it is not one. */
function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(iso.trim());
  if (!m) return null;
  const day = serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (Number.isNaN(day)) return null;
  const seconds = (Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0);
  return day + seconds / 86_400;
}

/** Turn `<c … t="d"><v>2018-04-27</v></c>` into a plain numeric cell holding the serial. */
function convertDateCells(xml: string): string {
  return xml.replace(
    /<c([^>]*?)\st="d"([^>]*)>(\s*)<v>([^<]*)<\/v>/g,
    (whole, a: string, b: string, ws: string, v: string) => {
      const serial = isoToSerial(v);
      return serial === null ? whole : `<c${a}${b}>${ws}<v>${serial}</v>`;
    },
  );
}

/** True when the package is a Strict Open XML workbook. */
export async function isStrictXlsx(zip: JSZip): Promise<boolean> {
  const wb = zip.file('xl/workbook.xml');
  if (!wb) return false;
  const head = (await wb.async('string')).slice(0, 2000);
  return head.includes('purl.oclc.org/ooxml/spreadsheetml');
}

/** The bytes of a Transitional package equivalent to a Strict one (or null when the input is not Strict). */
export async function strictToTransitional(bytes: Uint8Array): Promise<Uint8Array | null> {
  const zip = await JSZip.loadAsync(bytes);
  if (!(await isStrictXlsx(zip))) return null;
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (entry.dir || !/\.(xml|rels)$/i.test(name)) continue;
    let xml = await entry.async('string');
    for (const [from, to] of NAMESPACES) xml = xml.replace(from, to);
    if (/^xl\/worksheets\/.*\.xml$/i.test(name)) xml = convertDateCells(xml);
    // Strict marks itself; Transitional readers do not expect the attribute.
    if (name === 'xl/workbook.xml') xml = xml.replace(/\sconformance="strict"/, '');
    zip.file(name, xml);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
