import type { MethodContext, MethodModel } from './method';
import { meanOfValues } from './linear';

/** Raw weighted mean: the mean of s over the jurors who scored the nomination (recused jurors never scored it). */
export function rawMethod({ design }: MethodContext): MethodModel {
  return { values: design.cardS, flags: design.jurorIds.map(() => null), score: meanOfValues(design, design.cardS) };
}
