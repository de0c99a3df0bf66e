/**
 * Personal data retention (UU 27/2022): after LOKET_RETENTION_DAYS, the personal fields of old
 * records are removed and the statistics stay.
 *   - SKM questionnaires keep their answers and the respondent's categories (sex, age, education,
 *     occupation: what the IKM report counts) and lose the free-text suggestion;
 *   - the audit trail keeps who did what and when, and loses the address, the browser and the
 *     request body;
 *   - bookings keep their service, slot, status and times (the evaluation's booking figures) and
 *     lose the name, phone number, e-mail and masked NIK;
 *   - the numbers citizens left on tickets, and the messages sent to them, are deleted;
 *   - emergency reports keep their kind, place, times and who took and closed them (the response
 *     times), and lose the free-text notes (who the lost child was, what happened to whom);
 *   - complaints, applications and questions keep their course, dates and texts (the evaluation's
 *     figures, SP4N-LAPOR!'s record) and lose the citizen's name, phone number and e-mail once
 *     closed (a complaint or application) or answered (a question);
 *   - ended sessions are deleted.
 * This is the system's own housekeeping, the only change ever made to the audit trail.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface RetentionResult {
  /** records older than this instant were cleared */
  before: number;
  suggestions: number;
  auditEntries: number;
  sessions: number;
  bookings: number;
  ticketContacts: number;
  messages: number;
  emergencies: number;
  /** closed complaints, closed applications and answered questions whose contact was removed */
  complaintContacts: number;
  applicationContacts: number;
  questionContacts: number;
}

const DAY_MS = 86_400_000;

export async function removeOldPersonalData(db: Kysely<DB>, now: number, days: number): Promise<RetentionResult> {
  const before = now - days * DAY_MS;
  return db.transaction().execute(async (tx) => {
    const suggestions = await tx
      .updateTable('skm_responses')
      .set({ suggestion: null })
      .where('created_at', '<', before)
      .where('suggestion', 'is not', null)
      .executeTakeFirst();
    const audit = await tx
      .updateTable('audit_log')
      .set({ ip: null, user_agent: null, detail: null })
      .where('at', '<', before)
      .where((eb) => eb.or([eb('ip', 'is not', null), eb('user_agent', 'is not', null), eb('detail', 'is not', null)]))
      .executeTakeFirst();
    const sessions = await tx.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
    const bookings = await tx
      .updateTable('bookings')
      .set({ name: '', phone: '', email: null, nik_masked: null })
      .where('slot_start_at', '<', before)
      .where('phone', '!=', '')
      .executeTakeFirst();
    const contacts = await tx.deleteFrom('ticket_contacts').where('created_at', '<', before).executeTakeFirst();
    // a message still waiting to go is no record yet: only what was settled goes
    const messages = await tx
      .deleteFrom('outbox')
      .where('created_at', '<', before)
      .where('status', 'not in', ['pending', 'sending'])
      .executeTakeFirst();
    const emergencies = await tx
      .updateTable('emergencies')
      .set({ note: null, close_note: null })
      .where('reported_at', '<', before)
      .where((eb) => eb.or([eb('note', 'is not', null), eb('close_note', 'is not', null)]))
      .executeTakeFirst();
    const complaints = await tx
      .updateTable('complaints')
      .set({ name: null, phone: null, email: null })
      .where('updated_at', '<', before)
      .where('status', 'in', ['selesai', 'ditolak', 'bukan_wewenang'])
      .where((eb) => eb.or([eb('name', 'is not', null), eb('phone', 'is not', null), eb('email', 'is not', null)]))
      .executeTakeFirst();
    const applications = await tx
      .updateTable('applications')
      .set({ name: null, phone: null, email: null })
      .where('updated_at', '<', before)
      .where('status', 'in', ['diambil', 'selesai', 'ditolak'])
      .where((eb) => eb.or([eb('name', 'is not', null), eb('phone', 'is not', null), eb('email', 'is not', null)]))
      .executeTakeFirst();
    const questions = await tx
      .updateTable('consultations')
      .set({ name: null, phone: null, email: null })
      .where('updated_at', '<', before)
      .where('status', '=', 'answered')
      .where((eb) => eb.or([eb('name', 'is not', null), eb('phone', 'is not', null), eb('email', 'is not', null)]))
      .executeTakeFirst();
    return {
      before,
      suggestions: Number(suggestions.numUpdatedRows),
      auditEntries: Number(audit.numUpdatedRows),
      sessions: Number(sessions.numDeletedRows),
      bookings: Number(bookings.numUpdatedRows),
      ticketContacts: Number(contacts.numDeletedRows),
      messages: Number(messages.numDeletedRows),
      emergencies: Number(emergencies.numUpdatedRows),
      complaintContacts: Number(complaints.numUpdatedRows),
      applicationContacts: Number(applications.numUpdatedRows),
      questionContacts: Number(questions.numUpdatedRows),
    };
  });
}
