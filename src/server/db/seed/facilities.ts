/** MPP Blora's facilities for the demo: the directory, two bookable rooms, two counted rooms. */
import type { Kysely, Transaction } from 'kysely';
import type { Span, WeeklyHours } from '../../../domain/schedule.js';
import { newId } from '../../ids.js';
import type { DB } from '../schema.js';

const day = (open: string, close: string): Span[] => [{ open, close }];
/** Blora's service hours: Senin–Kamis 08.00–15.00, Jumat 08.00–11.00 dan 13.00–15.00 */
const SERVICE_HOURS: WeeklyHours = {
  mon: day('08:00', '15:00'),
  tue: day('08:00', '15:00'),
  wed: day('08:00', '15:00'),
  thu: day('08:00', '15:00'),
  fri: [
    { open: '08:00', close: '11:00' },
    { open: '13:00', close: '15:00' },
  ],
  sat: [],
  sun: [],
};
/** The rooms open longer than the counters, and on Saturday mornings for community events. */
const ROOM_HOURS: WeeklyHours = {
  mon: day('07:30', '16:00'),
  tue: day('07:30', '16:00'),
  wed: day('07:30', '16:00'),
  thu: day('07:30', '16:00'),
  fri: [
    { open: '07:30', close: '11:00' },
    { open: '13:00', close: '16:00' },
  ],
  sat: day('08:00', '12:00'),
  sun: [],
};
const CAFE_HOURS: WeeklyHours = { ...ROOM_HOURS, fri: day('07:30', '15:30'), sat: [] };

interface DemoFacility {
  code: string;
  kind: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  location: string;
  locationEn: string;
  hours: WeeklyHours;
  accessible: boolean;
  note?: [string, string];
  capacity?: number;
  occupancy?: number;
  bookable?: boolean;
}

export const DEMO_FACILITIES: DemoFacility[] = [
  {
    code: 'crisis-center',
    kind: 'crisis_center',
    name: 'Crisis Center',
    nameEn: 'Crisis Center',
    description: 'Pengaduan, pendampingan korban kekerasan, dan bantuan darurat. Petugas siap membantu.',
    descriptionEn: 'Complaints, support for victims of violence, and emergency help. Staff are ready to help.',
    location: 'Lantai 1, kanan pintu masuk utama',
    locationEn: 'Ground floor, right of the main entrance',
    hours: SERVICE_HOURS,
    accessible: true,
  },
  {
    code: 'auditorium',
    kind: 'auditorium',
    name: 'Auditorium',
    nameEn: 'Auditorium',
    description:
      'Aula untuk sosialisasi, pelatihan, dan acara instansi maupun masyarakat. Proyektor dan pengeras suara.',
    descriptionEn: 'Hall for briefings, training and events of agencies and the public. Projector and sound system.',
    location: 'Lantai 2, sayap barat',
    locationEn: 'First floor, west wing',
    hours: ROOM_HOURS,
    accessible: true,
    note: [
      'Lift di samping tangga utama; kursi roda di barisan depan',
      'Lift beside the main stairs; wheelchair places in the front row',
    ],
    capacity: 150,
    bookable: true,
  },
  {
    code: 'ruang-rapat',
    kind: 'meeting_room',
    name: 'Ruang Rapat',
    nameEn: 'Meeting room',
    description: 'Ruang rapat dengan meja bundar dan layar TV untuk presentasi.',
    descriptionEn: 'Meeting room with a round table and a TV screen for presentations.',
    location: 'Lantai 2, sayap timur',
    locationEn: 'First floor, east wing',
    hours: ROOM_HOURS,
    accessible: true,
    note: ['Lift di samping tangga utama', 'Lift beside the main stairs'],
    capacity: 20,
    bookable: true,
  },
  {
    code: 'ruang-laktasi',
    kind: 'nursing_room',
    name: 'Ruang Laktasi',
    nameEn: 'Nursing room',
    description: 'Ruang menyusui yang tertutup, dengan sofa, wastafel, dan lemari pendingin ASI.',
    descriptionEn: 'A private room to breastfeed, with a sofa, a sink and a fridge for breast milk.',
    location: 'Lantai 1, dekat toilet',
    locationEn: 'Ground floor, near the toilets',
    hours: SERVICE_HOURS,
    accessible: true,
    capacity: 3,
    occupancy: 1,
  },
  {
    code: 'pojok-baca',
    kind: 'reading_corner',
    name: 'Pojok Baca',
    nameEn: 'Reading corner',
    description: 'Buku, majalah, dan koran untuk dibaca sambil menunggu antrian.',
    descriptionEn: 'Books, magazines and newspapers to read while you wait.',
    location: 'Lantai 1, ruang tunggu',
    locationEn: 'Ground floor, waiting hall',
    hours: SERVICE_HOURS,
    accessible: true,
    capacity: 12,
  },
  {
    code: 'area-bermain',
    kind: 'play_area',
    name: 'Area Bermain Anak',
    nameEn: "Children's play area",
    description: 'Tempat bermain yang aman untuk anak selama orang tua dilayani. Anak tetap diawasi orang tua.',
    descriptionEn: 'A safe place for children to play while their parents are served. Parents keep watch.',
    location: 'Lantai 1, ujung ruang tunggu',
    locationEn: 'Ground floor, end of the waiting hall',
    hours: SERVICE_HOURS,
    accessible: true,
    capacity: 15,
    occupancy: 6,
  },
  {
    code: 'pojok-kopi',
    kind: 'cafe',
    name: 'Pojok Kopi',
    nameEn: 'Coffee corner',
    description: 'Kopi Blora, teh, dan jajanan pasar dari UMKM lokal.',
    descriptionEn: 'Blora coffee, tea and traditional snacks from local small businesses.',
    location: 'Lantai 1, dekat pintu keluar',
    locationEn: 'Ground floor, near the exit',
    hours: CAFE_HOURS,
    accessible: true,
  },
  {
    code: 'ukm-craft-center',
    kind: 'craft_center',
    name: 'UKM Craft Center',
    nameEn: 'UKM Craft Center',
    description: 'Gerai produk UKM Blora: batik Blora, kerajinan kayu jati, dan oleh-oleh.',
    descriptionEn: "Shop of Blora's small businesses: Blora batik, teak crafts and souvenirs.",
    location: 'Lantai 1, sayap timur',
    locationEn: 'Ground floor, east wing',
    hours: SERVICE_HOURS,
    accessible: false,
    note: ['Lorong antar-rak sempit; minta bantuan petugas', 'Narrow aisles between shelves; ask staff for help'],
  },
];

export async function seedFacilities(tx: Transaction<DB> | Kysely<DB>, mallId: string, now: number): Promise<void> {
  await tx
    .insertInto('facilities')
    .values(
      DEMO_FACILITIES.map((f, i) => ({
        id: newId(),
        mall_id: mallId,
        code: f.code,
        kind: f.kind,
        name: f.name,
        name_en: f.nameEn,
        description: f.description,
        description_en: f.descriptionEn,
        location: f.location,
        location_en: f.locationEn,
        hours: JSON.stringify(f.hours),
        accessible: f.accessible ? 1 : 0,
        accessibility_note: f.note?.[0] ?? null,
        accessibility_note_en: f.note?.[1] ?? null,
        capacity: f.capacity ?? null,
        occupancy: f.occupancy ?? null,
        occupancy_at: f.occupancy === undefined ? null : now,
        bookable: f.bookable ? 1 : 0,
        sort_order: i + 1,
        created_at: now,
      })),
    )
    .execute();
}
