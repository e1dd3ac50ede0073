import type { Dict } from './types';

export const UI: Dict = {};
