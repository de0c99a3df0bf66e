/**
 * Complaints in the demo history (issue #14): about two a working day — complaints, aspirations
 * and requests for information, some filed from a ticket page or a counter's QR — taken through
 * SP4N-LAPOR!'s course by the rules of src/domain/complaint.ts at office hours: verified within
 * the mall's 3 working days (a few late, a few refused), sent to the agency concerned, answered
 * within its deadline (some late, some postponed), closed, and rated by about half the citizens.
 * No step after `now`: the recent ones are still open, a few past their deadline today, so the
 * staff list and the live board have something late to show. Deterministic for a seed (the
 * tokens, which open the citizen's page, are truly random).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  answerDueDate,
  COMPLAINT_TRACKS,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintStatus,
  type ComplaintTrack,
  verifyDueDate,
} from '../../../domain/complaint.js';
import { addWorkingDays, isWorkingDay } from '../../../domain/holidays.js';
import { addDays, instantAt, localTime, type Span, type SpecialDay } from '../../../domain/schedule.js';
import type { ComplaintEventsTable, ComplaintsTable, DB } from '../schema.js';
import { idAt, Random } from './random.js';

export interface HistoryComplaintsOptions {
  mallSlug: string;
  /** the history's first and last local date, both included */
  from: string;
  to: string;
  /** no step after this instant */
  now: number;
  seed?: number;
  /** complaints a working day, on average */
  perDay?: number;
}

export interface HistoryComplaintsResult {
  complaints: number;
  events: number;
  overdueNow: number;
  skipped: boolean;
}

const MINUTE = 60_000;

interface Template {
  kind: ComplaintKind;
  category: ComplaintCategory;
  title: string;
  story: string;
  answer: string;
}

const TEMPLATES: Template[] = [
  {
    kind: 'pengaduan',
    category: 'waktu_pelayanan',
    title: 'Antrean terlalu lama',
    story: 'Saya menunggu lebih dari dua jam padahal hanya dua loket yang buka. Mohon loket ditambah pada jam ramai.',
    answer: 'Mulai pekan ini satu loket tambahan dibuka pukul 08.00–11.00 pada hari Senin dan Selasa.',
  },
  {
    kind: 'pengaduan',
    category: 'perilaku_petugas',
    title: 'Petugas kurang ramah',
    story: 'Petugas menjawab pertanyaan saya dengan ketus dan tidak menjelaskan kekurangan berkas.',
    answer: 'Petugas yang bersangkutan telah dibina oleh atasannya. Terima kasih atas laporannya.',
  },
  {
    kind: 'pengaduan',
    category: 'biaya_pungli',
    title: 'Diminta uang tambahan',
    story: 'Ada orang di luar gedung yang menawarkan jasa mempercepat pengurusan dengan biaya.',
    answer: 'Layanan ini gratis. Pengamanan di area parkir ditambah dan papan informasi dipasang.',
  },
  {
    kind: 'pengaduan',
    category: 'persyaratan',
    title: 'Persyaratan berbeda dengan di website',
    story: 'Di loket saya diminta fotokopi yang tidak tercantum di standar layanan.',
    answer: 'Persyaratan di loket telah disamakan dengan standar layanan yang dipublikasikan.',
  },
  {
    kind: 'pengaduan',
    category: 'sarana_prasarana',
    title: 'Toilet rusak',
    story: 'Toilet di lantai satu tidak bisa dipakai sejak pagi dan tidak ada petunjuk toilet lain.',
    answer: 'Toilet sudah diperbaiki dan penunjuk arah toilet cadangan dipasang.',
  },
  {
    kind: 'pengaduan',
    category: 'kualitas_pelayanan',
    title: 'Sistem sering gangguan',
    story: 'Sudah dua kali datang, jaringan di loket selalu gangguan sehingga saya diminta kembali besok.',
    answer: 'Instansi telah menambah jalur internet cadangan; gangguan kemarin sudah teratasi.',
  },
  {
    kind: 'aspirasi',
    category: 'sarana_prasarana',
    title: 'Tambah kursi ruang tunggu',
    story: 'Saat ramai banyak lansia berdiri menunggu. Mohon kursi ruang tunggu ditambah.',
    answer: 'Dua puluh kursi tambahan sudah dipasang dan kursi prioritas diberi tanda.',
  },
  {
    kind: 'aspirasi',
    category: 'kualitas_pelayanan',
    title: 'Layanan di hari Sabtu',
    story: 'Mohon MPP buka hari Sabtu agar pekerja tidak perlu izin dari kantor.',
    answer: 'Usulan diteruskan ke pimpinan; uji coba layanan Sabtu pagi direncanakan bulan depan.',
  },
  {
    kind: 'permintaan_informasi',
    category: 'informasi',
    title: 'Syarat paspor untuk anak',
    story: 'Apa saja syarat membuat paspor untuk anak berumur 5 tahun, dan apakah anak harus ikut datang?',
    answer: 'Anak wajib hadir didampingi orang tua, membawa akta kelahiran, KK, KTP orang tua dan buku nikah.',
  },
  {
    kind: 'permintaan_informasi',
    category: 'informasi',
    title: 'Biaya balik nama kendaraan',
    story: 'Berapa biaya dan lama proses balik nama sepeda motor bekas dari luar kabupaten?',
    answer: 'Rincian BBNKB dan PNBP sesuai kendaraan; proses 1 hari kerja bila berkas lengkap dan cek fisik selesai.',
  },
];
const REFUSALS: [ComplaintStatus, string][] = [
  ['ditolak', 'Laporan tidak memuat informasi yang cukup untuk ditindaklanjuti.'],
  [
    'bukan_wewenang',
    'Merupakan kewenangan pemerintah provinsi; disarankan melapor melalui LAPOR! ke instansi tersebut.',
  ],
];
const POSTPONE = 'Perlu pemeriksaan lapangan bersama instansi terkait.';

export async function seedHistoryComplaints(
  db: Kysely<DB>,
  options: HistoryComplaintsOptions,
): Promise<HistoryComplaintsResult> {
  const result: HistoryComplaintsResult = { complaints: 0, events: 0, overdueNow: 0, skipped: false };
  const mall = await db
    .selectFrom('malls')
    .select(['id', 'time_zone'])
    .where('slug', '=', options.mallSlug)
    .executeTakeFirst();
  if (!mall) throw new Error(`seedHistoryComplaints: no mall "${options.mallSlug}"`);
  const any = await db.selectFrom('complaints').select('id').where('mall_id', '=', mall.id).limit(1).executeTakeFirst();
  if (any) return { ...result, skipped: true };
  const r = new Random((options.seed ?? 1) ^ 0xc0e1);
  const perDay = options.perDay ?? 2;
  const zone = mall.time_zone;
  const today = localTime(options.now, zone).date;

  const [served, admins, officers, specialRows] = await Promise.all([
    db
      .selectFrom('tickets')
      .innerJoin('services', 'services.id', 'tickets.service_id')
      .select(['tickets.id', 'tickets.service_id', 'tickets.counter_id', 'tickets.service_date', 'services.agency_id'])
      .where('tickets.mall_id', '=', mall.id)
      .where('tickets.service_date', '>=', options.from)
      .where('tickets.service_date', '<=', options.to)
      .where('tickets.status', '=', 'done')
      .orderBy('tickets.id')
      .execute(),
    db.selectFrom('users').select('id').where('mall_id', '=', mall.id).where('role', '=', 'mall_admin').execute(),
    db
      .selectFrom('users')
      .select(['id', 'agency_id'])
      .where('mall_id', '=', mall.id)
      .where('role', 'in', ['officer', 'agency_admin'])
      .execute(),
    db
      .selectFrom('special_days')
      .select(['date', 'spans', 'note'])
      .where('mall_id', '=', mall.id)
      .where('date', '>=', options.from)
      .where('date', '<=', addDays(today, 120))
      .execute(),
  ]);
  if (served.length === 0 || admins.length === 0) return result;
  const own = new Map<string, SpecialDay>(
    specialRows.map((d) => [d.date, { date: d.date, spans: JSON.parse(d.spans) as Span[], note: d.note }]),
  );
  const calendar = (date: string) => own.get(date) ?? null;
  const byDay = new Map<string, typeof served>();
  for (const t of served) {
    const day = byDay.get(t.service_date);
    if (day) day.push(t);
    else byDay.set(t.service_date, [t]);
  }
  const staffOf = (agencyId: string) => officers.filter((o) => o.agency_id === agencyId).map((o) => o.id);
  /** a moment in office hours (08.00–15.00) of a date, after `after` */
  const at = (date: string, after: number) => {
    const open = instantAt(date, 8 * 60, zone);
    const start = Math.max(open, after + 5 * MINUTE);
    const end = instantAt(date, 15 * 60, zone);
    return start >= end ? start + 10 * MINUTE : Math.round(start + r.next() * (end - start));
  };

  const rows: ComplaintsTable[] = [];
  const events: ComplaintEventsTable[] = [];
  const tokens = randomBytes(16 * 2000);
  for (let date = options.from; date <= options.to; date = addDays(date, 1)) {
    if (!isWorkingDay(date, calendar(date))) continue;
    const tickets = byDay.get(date) ?? [];
    const n = Math.round(perDay * r.between(0.3, 1.7));
    for (let k = 0; k < n && tickets.length > 0 && rows.length < 2000; k++) {
      const template = r.pick(TEMPLATES);
      const ticket = r.pick(tickets);
      const source = r.next() < 0.3 ? 'ticket' : r.next() < 0.2 ? 'counter' : 'portal';
      const anonymous = r.next() < 0.15;
      const receivedAt = at(date, instantAt(date, 8 * 60, zone));
      const id = idAt(receivedAt, r);
      const verifyDue = verifyDueDate(date, calendar);
      const row: ComplaintsTable = {
        id,
        mall_id: mall.id,
        code: `K${r.int(10_000_000, 99_999_999)}`,
        token: tokens.subarray(16 * rows.length, 16 * rows.length + 16).toString('base64url'),
        kind: template.kind,
        category: template.category,
        title: template.title,
        story: template.story,
        event_date: date,
        event_place: source === 'counter' ? 'Di loket' : null,
        agency_id: ticket.agency_id,
        service_id: ticket.service_id,
        disposed_agency_id: null,
        ticket_id: source === 'ticket' && !anonymous ? ticket.id : null,
        counter_id: source === 'counter' ? ticket.counter_id : null,
        source,
        anonymous: anonymous ? 1 : 0,
        confidential: !anonymous && r.next() < 0.2 ? 1 : 0,
        name: anonymous ? null : r.pick(['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Joko', 'Sri', 'Eko']),
        phone: null,
        email: null,
        lang: 'id',
        status: 'diterima',
        track: null,
        received_date: date,
        verify_due: verifyDue,
        verified_date: null,
        disposed_date: null,
        answer_due: null,
        answered_date: null,
        closed_date: null,
        rating: null,
        rating_comment: null,
        lapor_number: null,
        created_by: null,
        created_at: receivedAt,
        updated_at: receivedAt,
      };
      const steps: Omit<ComplaintEventsTable, 'id' | 'complaint_id' | 'mall_id'>[] = [
        {
          type: 'step',
          status: 'diterima',
          note: null,
          internal_note: null,
          agency_id: null,
          due_date: verifyDue,
          actor_id: null,
          at: receivedAt,
        },
      ];
      let last = receivedAt;
      const step = (
        day: string,
        status: ComplaintStatus,
        fields: Partial<Omit<ComplaintEventsTable, 'id' | 'complaint_id' | 'mall_id' | 'status' | 'at'>> = {},
      ): boolean => {
        const when = at(day, last);
        if (when > options.now) return false;
        last = when;
        row.status = status;
        row.updated_at = when;
        steps.push({
          type: 'step',
          status,
          note: null,
          internal_note: null,
          agency_id: null,
          due_date: null,
          actor_id: null,
          ...fields,
          at: when,
        });
        return true;
      };
      const admin = r.pick(admins).id;
      // verified within the 3 working days, one in ten late
      const verifyDay = addWorkingDays(date, r.next() < 0.1 ? r.int(4, 6) : r.int(0, 2), calendar);
      const refused = r.next() < 0.08;
      if (refused) {
        const [status, note] = r.pick(REFUSALS);
        if (step(verifyDay, status, { note, actor_id: admin })) row.closed_date = verifyDay;
      } else {
        const track: ComplaintTrack = r.next() < 0.85 ? 5 : (COMPLAINT_TRACKS[r.int(1, 2)] as ComplaintTrack);
        if (step(verifyDay, 'terverifikasi', { actor_id: admin, due_date: verifyDue })) {
          row.verified_date = verifyDay;
          row.track = track;
          const answerDue = answerDueDate(verifyDay, track, calendar);
          if (step(verifyDay, 'didisposisi', { actor_id: admin, agency_id: ticket.agency_id, due_date: answerDue })) {
            row.disposed_agency_id = ticket.agency_id;
            row.disposed_date = verifyDay;
            row.answer_due = answerDue;
            const agencyStaff = staffOf(ticket.agency_id);
            const officer = agencyStaff.length > 0 ? r.pick(agencyStaff) : admin;
            let answerDay = addWorkingDays(
              verifyDay,
              r.next() < 0.15 ? track + r.int(1, 3) : r.int(1, track),
              calendar,
            );
            let ok = true;
            if (r.next() < 0.1) {
              const until = addWorkingDays(answerDue, r.int(3, 8), calendar);
              ok = step(addWorkingDays(verifyDay, 1, calendar), 'tunda', {
                note: POSTPONE,
                actor_id: officer,
                due_date: until,
              });
              if (ok) {
                row.answer_due = until;
                answerDay = r.next() < 0.8 ? until : addWorkingDays(until, 1, calendar);
              }
            }
            // a few never answered: the agency's desk forgot them, and they are late today
            const stalled = r.next() < 0.04;
            if (ok && !stalled && step(answerDay, 'ditindaklanjuti', { note: template.answer, actor_id: officer })) {
              row.answered_date = answerDay;
              const closeDay = addWorkingDays(answerDay, r.int(1, 3), calendar);
              if (step(closeDay, 'selesai', { actor_id: admin })) row.closed_date = closeDay;
              if (r.next() < 0.5 && last + 30 * MINUTE <= options.now) {
                const score = r.next() < 0.7 ? r.int(4, 5) : r.int(1, 3);
                row.rating = score;
                last += 30 * MINUTE;
                steps.push({
                  type: 'rating',
                  status: null,
                  note: null,
                  internal_note: null,
                  agency_id: null,
                  due_date: null,
                  actor_id: null,
                  at: last,
                });
              }
            }
          }
        }
      }
      rows.push(row);
      for (const s of steps) events.push({ ...s, id: idAt(s.at, r), complaint_id: id, mall_id: mall.id });
    }
  }
  // a few answers forgotten on a desk, if the course drawn left none late today
  const late = (c: ComplaintsTable) => {
    const d =
      c.status === 'diterima' || c.status === 'terverifikasi'
        ? c.verify_due
        : c.status === 'didisposisi' || c.status === 'tunda'
          ? c.answer_due
          : null;
    return d !== null && today > d;
  };
  if (!rows.some(late)) {
    const forgotten = rows.filter((c) => c.answered_date !== null && c.answer_due !== null && c.answer_due < today);
    for (const c of forgotten.slice(-2)) {
      const kept = events.filter((e) => e.complaint_id !== c.id || e.type !== 'rating');
      const mine = kept.filter((e) => e.complaint_id === c.id);
      const cut = mine.findIndex((e) => e.status === 'ditindaklanjuti');
      const dropped = new Set(mine.slice(cut).map((e) => e.id));
      events.splice(0, events.length, ...kept.filter((e) => !dropped.has(e.id)));
      const lastStep = mine[cut - 1];
      c.status = (lastStep?.status ?? 'didisposisi') as ComplaintStatus;
      c.updated_at = lastStep?.at ?? c.updated_at;
      c.answered_date = null;
      c.closed_date = null;
      c.rating = null;
    }
  }
  const codes = new Set<string>();
  for (const row of rows) {
    while (codes.has(row.code)) row.code = `K${r.int(10_000_000, 99_999_999)}`;
    codes.add(row.code);
  }
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 200)
      await tx
        .insertInto('complaints')
        .values(rows.slice(i, i + 200))
        .execute();
    for (let i = 0; i < events.length; i += 300) {
      await tx
        .insertInto('complaint_events')
        .values(events.slice(i, i + 300))
        .execute();
    }
  });
  result.complaints = rows.length;
  result.events = events.length;
  result.overdueNow = rows.filter(late).length;
  return result;
}
