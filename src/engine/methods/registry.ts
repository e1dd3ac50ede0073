/**
 * Every method, in run order: a method comes after the methods it reads from ctx.earlier (Method.after).
 * Adding a method = one file in this folder plus one line here.
 */
import type { Method, MethodId } from '../types';
import { contributionsMethod } from './contributions';
import { fmQuadrantsMethod } from './fmQuadrants';
import { rfmMethod } from './rfm';
import { rfmClass8Method } from './rfmClass8';
import { rfmSegmentsMethod } from './rfmSegments';
import { valueTiersMethod } from './valueTiers';
import { kmeansMethod } from './kmeans';
import { clvMethod } from './clv/clv';
import { adopterMethod } from './adopter';

export const METHODS: Method[] = [
  rfmMethod,
  rfmSegmentsMethod,
  rfmClass8Method,
  valueTiersMethod,
  fmQuadrantsMethod,
  kmeansMethod,
  clvMethod,
  adopterMethod,
  contributionsMethod,
];

/** The registered method with this id, or undefined. */
export function getMethod(id: MethodId | string): Method | undefined {
  return METHODS.find((m) => m.id === id);
}

/** Ids of the methods that run by default (one click). */
export function defaultMethodIds(): MethodId[] {
  return METHODS.filter((m) => m.byDefault).map((m) => m.id);
}
