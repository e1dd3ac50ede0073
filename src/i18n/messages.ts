import type { Dict } from './types';

export const MESSAGES: Dict = {};
