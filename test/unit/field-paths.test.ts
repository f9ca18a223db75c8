import { flattenFields, nestFields, storedPath } from '../../shared/store/field-paths';
import type { Field } from '../../shared/contracts/report';

const field = (value: number): Field => ({
  value,
  raw: String(value),
  confidence: 1,
  needsReview: false,
  reasons: [],
  page: 1,
  bbox: null,
  found: true,
});

describe('nested field storage', () => {
  it('nests keys along their dots and flattens back to the same keys', () => {
    const fields = {
      'applications.newlyReceived.total': field(9),
      'applications.newlyReceived.naturalPerson': field(9),
      'legacyStatistics.1.当面申请数': field(0),
      'legacyStatistics.四、行政复议数量/（二）被依法纠错数': field(1),
    };
    const nested = nestFields(fields) as Record<string, Record<string, Record<string, Field>>>;
    expect(nested.applications.newlyReceived.total.value).toBe(9);
    expect(JSON.stringify(nested)).not.toMatch(/"[^"]*\.[^"]*":/);
    expect(flattenFields(nestFields(fields))).toEqual(fields);
  });

  it('keeps a key that extends another key', () => {
    const fields = { 'a.b': field(1), 'a.b.c': field(2) };
    expect(flattenFields(nestFields(fields))).toEqual(fields);
  });

  it('gives the stored path of each key, escaped where it extends another key', () => {
    const fields = { 'a.b': field(1), 'a.b.c': field(2), 'legacyStatistics.1.当面申请数': field(0) };
    expect(storedPath(fields, 'a.b')).toBe('a.b');
    expect(storedPath(fields, 'a.b.c')).toBe('a.b．c');
    expect(storedPath(fields, 'legacyStatistics.1.当面申请数')).toBe('legacyStatistics.1.当面申请数');
    expect(storedPath(fields, 'a')).toBeUndefined();
  });
});
