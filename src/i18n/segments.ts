import type { SegmentText } from './types';

/** Segment texts by method id, then segment id. */
export const SEGMENTS: Record<string, Record<string, SegmentText>> = {};
