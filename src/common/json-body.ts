import sjson from 'secure-json-parse';

/** Deeper JSON than this is refused (400): no request of this API nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a JSON text, counting brackets outside strings; stops early past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

export class BodyError extends Error {
  constructor(
    readonly code: 'FST_ERR_CTP_INVALID_JSON_BODY' | 'FST_ERR_CTP_EMPTY_JSON_BODY' | 'CBB_JSON_TOO_DEEP',
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

/** Parses a JSON body safely: prototype poisoning refused, depth limited; errors are 400s. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new BodyError('FST_ERR_CTP_EMPTY_JSON_BODY', 'The request body is empty');
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new BodyError('CBB_JSON_TOO_DEEP', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new BodyError('FST_ERR_CTP_INVALID_JSON_BODY', 'The request body is not valid JSON');
  }
}
