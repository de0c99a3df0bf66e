import { describe, expect, it } from 'vitest';
import { bloraAgencies } from '../src/server/db/seed/blora-agencies.js';

const services = bloraAgencies.flatMap((agency) => agency.services.map((service) => ({ agency, service })));

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast ratio of white text on the colour. */
function contrastWithWhite(hex: string): number {
  return (1 + 0.05) / (luminance(hex) + 0.05);
}

describe('Blora seed data', () => {
  it('has the 29 agencies and 261 services of MPP Kabupaten Blora', () => {
    expect(bloraAgencies).toHaveLength(29);
    expect(services).toHaveLength(261);
  });

  it('has unique agency codes, names and short names', () => {
    for (const key of ['code', 'name', 'shortName'] as const) {
      const values = bloraAgencies.map((agency) => agency[key]);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('has well-formed agency fields', () => {
    for (const agency of bloraAgencies) {
      expect(agency.code, agency.name).toMatch(/^[a-z0-9]+$/);
      expect(agency.shortName.length, agency.name).toBeLessThanOrEqual(20);
      expect(agency.color, agency.name).toMatch(/^#[0-9a-f]{6}$/i);
      expect(Number.isInteger(agency.counters) && agency.counters >= 1 && agency.counters <= 4, agency.name).toBe(true);
      expect(agency.services.length, agency.name).toBeGreaterThan(0);
    }
  });

  it('has unique service names within each agency', () => {
    for (const agency of bloraAgencies) {
      const names = agency.services.map((service) => service.name);
      expect(new Set(names).size, agency.name).toBe(names.length);
    }
  });

  it('never shares a ticket prefix between agencies', () => {
    const owner = new Map<string, string>();
    for (const { agency, service } of services) {
      expect(service.prefix, service.name).toMatch(/^[A-Z]{1,3}$/);
      const previous = owner.get(service.prefix);
      if (previous !== undefined) expect(previous, `prefix ${service.prefix}`).toBe(agency.code);
      owner.set(service.prefix, agency.code);
    }
  });

  it('publishes a complete service standard for every service', () => {
    for (const { service } of services) {
      const { standard } = service;
      expect(standard.requirements.length, service.name).toBeGreaterThanOrEqual(1);
      expect(standard.procedure.length, service.name).toBeGreaterThanOrEqual(2);
      expect(standard.legalBasis.length, service.name).toBeGreaterThanOrEqual(1);
      for (const text of [standard.duration, standard.feeNote, standard.product, standard.complaint]) {
        expect(text.trim().length, service.name).toBeGreaterThan(0);
      }
      if (standard.feeRupiah !== null) {
        expect(Number.isInteger(standard.feeRupiah) && standard.feeRupiah >= 0, service.name).toBe(true);
      }
      if (standard.durationMinutes !== null) {
        expect(Number.isInteger(standard.durationMinutes) && standard.durationMinutes > 0, service.name).toBe(true);
      }
      if (service.dailyQuota !== null) {
        expect(Number.isInteger(service.dailyQuota) && service.dailyQuota > 0, service.name).toBe(true);
      }
    }
  });

  it('gives every agency a colour that white text can be read on (WCAG ≥ 4.5:1)', () => {
    for (const agency of bloraAgencies) {
      expect(contrastWithWhite(agency.color), `${agency.name} ${agency.color}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('computes contrast correctly for known colours', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#767676')).toBeCloseTo(4.54, 2);
  });

  it('has services a citizen searches for by common abbreviation', () => {
    for (const pattern of [/ktp/i, /skck/i, /paspor/i, /\bkk\b/i, /npwp/i, /pbb/i, /kia/i]) {
      expect(
        services.some(({ service }) => pattern.test(service.name)),
        String(pattern),
      ).toBe(true);
    }
  });
});
