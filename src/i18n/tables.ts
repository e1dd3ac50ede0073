import type { Dict } from './types';

export const TABLES: Dict = {};
