/** A text in both languages. Placeholders look like {name}. */
export interface Text {
  zh: string;
  en: string;
}
export type Dict = Record<string, Text>;

/** Name, description and recommended action of one segment. */
export interface SegmentText {
  name: Text;
  description: Text;
  action: Text;
}
