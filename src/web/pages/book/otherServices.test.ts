import { describe, expect, it } from 'vitest';
import type { Agency, Service } from '../../../api/catalog';
import { indexServices } from '../portal/search';
import { isOtherServiceProblem, otherServiceMatches } from './otherServices';

const agency = (id: string, shortName: string) => ({ id, shortName, name: shortName }) as Agency;
const service = (id: string, name: string, agencyId: string) =>
  ({ id, name, agencyId, standard: { product: '' } }) as unknown as Service;

const agencies = new Map([
  ['dk', agency('dk', 'Dindukcapil')],
  ['sm', agency('sm', 'Samsat')],
]);
const services = [
  service('kk', 'Penerbitan KK Baru', 'dk'),
  service('ktp', 'Perekaman KTP-el', 'dk'),
  service('pkb', 'Pembayaran Pajak Kendaraan', 'sm'),
  service('bbn', 'Balik Nama Kendaraan', 'sm'),
];
const index = indexServices(services, agencies);

describe('otherServiceMatches', () => {
  it('finds services of any agency by name or agency, leaving out the booked one and those chosen', () => {
    expect(otherServiceMatches(index, 'kendaraan', new Set()).map((s) => s.id)).toEqual(['pkb', 'bbn']);
    expect(otherServiceMatches(index, 'samsat', new Set(['pkb'])).map((s) => s.id)).toEqual(['bbn']);
    expect(otherServiceMatches(index, 'dindukcapil', new Set(['kk'])).map((s) => s.id)).toEqual(['ktp']);
  });

  it('finds nothing for an empty search', () => {
    expect(otherServiceMatches(index, '  ', new Set())).toEqual([]);
  });
});

describe('isOtherServiceProblem', () => {
  const chosen = [
    { id: 'pkb', name: 'Pembayaran Pajak Kendaraan' },
    { id: 'ktp', name: 'Perekaman KTP-el' },
  ];

  it('takes a 400 naming one of the other services', () => {
    expect(isOtherServiceProblem('invalid', { field: 'alsoServiceIds[1]' }, chosen)).toBe(true);
  });

  it('takes an unknown or closed service when it is one of those chosen, not the booked one', () => {
    expect(isOtherServiceProblem('service_not_found', { serviceId: 'pkb' }, chosen)).toBe(true);
    expect(isOtherServiceProblem('service_not_found', { serviceId: 'kk' }, chosen)).toBe(false);
    expect(isOtherServiceProblem('service_inactive', { serviceName: 'Perekaman KTP-el' }, chosen)).toBe(true);
    expect(isOtherServiceProblem('service_inactive', { serviceName: 'Penerbitan KK Baru' }, chosen)).toBe(false);
  });

  it('leaves the other refusals to the form', () => {
    expect(isOtherServiceProblem('invalid', { field: 'phone' }, chosen)).toBe(false);
    expect(isOtherServiceProblem('slot_full', {}, chosen)).toBe(false);
  });
});
