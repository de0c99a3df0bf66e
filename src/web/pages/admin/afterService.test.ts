import { describe, expect, it } from 'vitest';
import { afterChoices, waitingOn } from './afterService';

describe('waitingOn', () => {
  it('finds the service and every one that must come after it, directly or through others', () => {
    const links = [
      { id: 'kk', afterServiceId: null },
      { id: 'bbn', afterServiceId: 'kk' },
      { id: 'stnk', afterServiceId: 'bbn' },
      { id: 'ktp', afterServiceId: null },
      { id: 'skck', afterServiceId: 'ktp' },
    ];
    expect([...waitingOn('kk', links)].sort()).toEqual(['bbn', 'kk', 'stnk']);
    expect([...waitingOn('stnk', links)]).toEqual(['stnk']);
  });
});

describe('afterChoices', () => {
  const services = [
    { id: 'stnk', name: 'Perpanjangan STNK', agencyId: 'sm' },
    { id: 'kk', name: 'Penerbitan KK Baru', agencyId: 'dk' },
    { id: 'bbn', name: 'Balik Nama Kendaraan', agencyId: 'sm' },
    { id: 'ktp', name: 'Perekaman KTP-el', agencyId: 'dk' },
    { id: 'kk', name: 'Penerbitan KK Baru', agencyId: 'dk' },
  ];
  const agencies = new Map([
    ['sm', 'Samsat'],
    ['dk', 'Dindukcapil'],
  ]);

  it('groups by agency in name order, leaves the service out and disables those waiting on it', () => {
    const groups = afterChoices(services, agencies, 'kk', new Set(['kk', 'bbn']), (n) => `${n} (menunggu)`);
    expect(groups).toEqual([
      { label: 'Dindukcapil', options: [{ value: 'ktp', label: 'Perekaman KTP-el' }] },
      {
        label: 'Samsat',
        options: [
          { value: 'bbn', label: 'Balik Nama Kendaraan (menunggu)', disabled: true },
          { value: 'stnk', label: 'Perpanjangan STNK' },
        ],
      },
    ]);
  });

  it('offers every service once for a new one', () => {
    const groups = afterChoices(services, agencies, null, new Set(), (n) => n);
    expect(groups.flatMap((g) => g.options.map((o) => o.value))).toEqual(['kk', 'ktp', 'bbn', 'stnk']);
  });
});
