import { describe, expect, it } from '@jest/globals';
import { safePath, setKnownPathSegments } from './log-path';

describe('safePath', () => {
  setKnownPathSegments(['/api/v1/donors/{id}', '/api/v1/units/{din}/audit']);
  it('keeps route words, UUIDs and DINs, drops query strings and anything else', () => {
    expect(safePath('/api/v1/donors/6f827ef9-0119-42dd-81f1-b9273b67f819?search=Smith')).toBe('/api/v1/donors/6f827ef9-0119-42dd-81f1-b9273b67f819');
    expect(safePath('/api/v1/units/W123426000001K/audit')).toBe('/api/v1/units/W123426000001K/audit');
    expect(safePath('/api/v1/donors/Maria%20Lopez')).toBe('/api/v1/donors/:x');
    expect(safePath('/api/v1/donors/maria')).toBe('/api/v1/donors/:x');
  });
});
