/** Shared reads of the catalog, cached by react-query; every screen uses these rather than its own fetches. */
import { useQuery } from '@tanstack/react-query';
import type { BookableService } from '../../api/booking';
import type { Agency, Announcement, Counter, MallDetail, Service } from '../../api/catalog';
import type { Availability } from '../../api/queue';
import { api } from './api';

export const useMall = (mall: string) =>
  useQuery({ queryKey: ['mall', mall], queryFn: () => api.get<MallDetail>(`/api/malls/${mall}`) });

export const useAgencies = (mall: string) =>
  useQuery({ queryKey: ['agencies', mall], queryFn: () => api.get<Agency[]>(`/api/malls/${mall}/agencies`) });

/** All active services of the mall (search them in the browser with foldForSearch from src/domain/text). */
export const useServices = (mall: string) =>
  useQuery({ queryKey: ['services', mall], queryFn: () => api.get<Service[]>(`/api/malls/${mall}/services`) });

export const useCounters = (mall: string) =>
  useQuery({ queryKey: ['counters', mall], queryFn: () => api.get<Counter[]>(`/api/malls/${mall}/counters`) });

export const useAvailability = (mall: string, refetchInterval = 30_000) =>
  useQuery({
    queryKey: ['availability', mall],
    queryFn: () => api.get<Availability>(`/api/malls/${mall}/availability`),
    refetchInterval,
  });

/** The services open to booking or to the online queue. */
export const useBookableServices = (mall: string) =>
  useQuery({
    queryKey: ['bookable', mall],
    queryFn: () => api.get<BookableService[]>(`/api/malls/${mall}/booking/services`),
    staleTime: 60_000,
    select: (list: BookableService[]) => new Map(list.map((s) => [s.serviceId, s] as const)),
  });

export const useAnnouncements = (mall: string) =>
  useQuery({
    queryKey: ['announcements', mall],
    queryFn: () => api.get<Announcement[]>(`/api/malls/${mall}/announcements`),
  });
