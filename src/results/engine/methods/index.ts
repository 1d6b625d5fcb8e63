import type { Method } from '../types';
import type { MethodContext, MethodModel } from './method';
import { offsetMethod } from './offset';
import { rawMethod } from './raw';
import { trimmedMethod } from './trimmed';
import { zscoreMethod } from './zscore';

const MODELS: Record<Method, (context: MethodContext) => MethodModel> = {
  zscore: zscoreMethod,
  raw: rawMethod,
  offset: offsetMethod,
  trimmed: trimmedMethod,
};

export function methodModel(method: Method, context: MethodContext): MethodModel {
  return MODELS[method](context);
}
