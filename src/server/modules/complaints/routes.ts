/**
 * The complaint routes: filed by anyone (JSON, or multipart with up to three photos), followed by
 * the citizen by token, handled by staff, exported for SP4N-LAPOR!.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import {
  Complaint,
  ComplaintCreated,
  ComplaintExportQuery,
  ComplaintExportRow,
  ComplaintFigures,
  ComplaintFiguresQuery,
  ComplaintInfo,
  ComplaintLapor,
  ComplaintListQuery,
  ComplaintParams,
  ComplaintPhotoParams,
  ComplaintPublic,
  ComplaintRating,
  ComplaintStep,
  ComplaintTokenParams,
  NewComplaint,
} from '../../../api/complaints.js';
import { AppError, requestLang } from '../../errors.js';
import { requireStaff } from '../../plugins/auth.js';
import { cleanPhoto, MAX_PHOTO_BYTES, MAX_PHOTOS } from './photos.js';
import { type ComplaintReports, toCsv } from './reports.js';
import type { CleanPhoto, ComplaintService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
const tags = ['complaints'];
/** the multipart fields that are yes/no: sent as text by a form */
const FLAGS = new Set(['anonymous', 'confidential']);

declare module 'fastify' {
  interface FastifyRequest {
    /** a multipart complaint's photos, cleaned, read before its fields are validated */
    complaintPhotos?: CleanPhoto[];
  }
}

/**
 * A multipart complaint: its text fields become the body the schema validates, its files are read
 * (at most 3 × 5 MB) and cleaned. A JSON complaint passes untouched.
 */
async function readMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  const photos: CleanPhoto[] = [];
  try {
    for await (const part of request.parts({ limits: { files: MAX_PHOTOS, fileSize: MAX_PHOTO_BYTES, fields: 30 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (bytes.length === 0) continue;
        photos.push(await cleanPhoto(bytes, part.filename || part.fieldname));
      } else {
        const value = String(part.value);
        body[part.fieldname] = FLAGS.has(part.fieldname) ? value === 'true' || value === 'on' || value === '1' : value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') {
      throw new AppError('validation', {
        field: 'photos',
        in: 'body',
        problemId: `paling banyak ${MAX_PHOTOS} foto`,
        problemEn: `at most ${MAX_PHOTOS} photos`,
      });
    }
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('validation', {
        field: 'photos',
        in: 'body',
        problemId: 'setiap foto paling besar 5 MB',
        problemEn: 'each photo may be at most 5 MB',
      });
    }
    throw error;
  }
  request.body = body;
  request.complaintPhotos = photos;
}

export const complaintRoutes: FastifyPluginAsyncTypebox<{
  complaints: ComplaintService;
  reports: ComplaintReports;
  publicUrl: string | null;
}> = async (app, { complaints, reports, publicUrl }) => {
  // files are read by the route itself (readMultipart), never written to disk
  await app.register(multipart, { limits: { files: MAX_PHOTOS, fileSize: MAX_PHOTO_BYTES } });

  app.post(
    '/api/malls/:mall/complaints',
    {
      schema: {
        tags,
        summary:
          "File a complaint, aspiration or request for information (pengaduan, aspirasi, permintaan_informasi): JSON, or multipart/form-data with the same fields and up to 3 photos of at most 5 MB (JPEG, PNG or WebP, recognised by their bytes; kept re-encoded without metadata). From the portal, a ticket page (ticketToken), a counter's QR (counterId), or staff for a citizen. anonymous: no contact kept anywhere; confidential: the identity hidden from the agency",
        params: MallParams,
        body: NewComplaint,
        response: { 201: ComplaintCreated, ...errors },
      },
      preValidation: readMultipart,
      // the trail keeps what it was about, never who filed it
      config: { auditFields: ['kind', 'category', 'agencyId', 'serviceId', 'counterId', 'anonymous', 'confidential'] },
    },
    async (request, reply) => {
      const created = await complaints.create(
        request.mall,
        request.staff ?? null,
        request.body,
        request.complaintPhotos ?? [],
        requestLang(request),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/malls/:mall/complaints/:id/status',
    {
      schema: {
        tags,
        summary:
          'The next step. The mall admin: terverifikasi (track: 5, 14 or 60 working days for the answer), ditolak / bukan_wewenang (note: why), didisposisi (agencyId). The agency it was sent to (or the mall admin): ditindaklanjuti (note: the answer), tunda (note and dueDate), selesai. 409 for a step its status does not allow',
        params: ComplaintParams,
        body: ComplaintStep,
        response: { 200: Complaint, ...errors },
      },
    },
    (request) => complaints.step(request.mall, requireStaff(request), request.params.id, request.body),
  );

  app.post(
    '/api/malls/:mall/complaints/:id/notes',
    {
      schema: {
        tags,
        summary: 'An internal note: staff only, never shown to the citizen',
        params: ComplaintParams,
        body: ComplaintInfo,
        response: { 200: Complaint, ...errors },
      },
    },
    (request) => complaints.note(request.mall, requireStaff(request), request.params.id, request.body.text),
  );

  app.post(
    '/api/malls/:mall/complaints/:id/lapor',
    {
      schema: {
        tags,
        summary: "The mall admin stores LAPOR!'s tracking number once the complaint is forwarded there",
        params: ComplaintParams,
        body: ComplaintLapor,
        response: { 200: Complaint, ...errors },
      },
    },
    (request) => complaints.lapor(request.mall, requireStaff(request), request.params.id, request.body.trackingNumber),
  );

  app.get(
    '/api/malls/:mall/complaints',
    {
      schema: {
        tags,
        summary:
          "Staff: the mall's complaints (an agency: those sent to it), open by default, the overdue and earliest due first",
        params: MallParams,
        querystring: ComplaintListQuery,
        response: { 200: Type.Array(Complaint), ...errors },
      },
    },
    (request) => complaints.list(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/malls/:mall/complaints/export',
    {
      schema: {
        tags,
        summary:
          "The mall admin: every complaint received in a period with the fields SP4N-LAPOR!'s form takes (title, content, date, location, agency, category, anonymous and confidential flags, attachments, status, disposition), as JSON or CSV",
        params: MallParams,
        querystring: ComplaintExportQuery,
        response: { 200: Type.Union([Type.Array(ComplaintExportRow), Type.String()]), ...errors },
      },
    },
    async (request, reply) => {
      const rows = await reports.export(request.mall, requireStaff(request), request.query);
      if (request.query.format === 'csv') {
        const name = `pengaduan-${request.mall.slug}-${request.query.from}-${request.query.to}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(`\ufeff${toCsv(rows)}`);
      }
      return rows;
    },
  );

  app.get(
    '/api/malls/:mall/complaints/:id',
    {
      schema: {
        tags,
        summary: 'Staff: one complaint with its history (internal notes included)',
        params: ComplaintParams,
        response: { 200: Complaint, ...errors },
      },
    },
    (request) => complaints.get(request.mall, requireStaff(request), request.params.id),
  );

  app.get(
    '/api/malls/:mall/complaints/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'A photo of a complaint, only to staff who may see the complaint',
        params: ComplaintPhotoParams,
      },
    },
    async (request, reply) => {
      const photo = await complaints.photo(
        request.mall,
        requireStaff(request),
        request.params.id,
        request.params.photoId,
      );
      return reply.type(photo.mime).header('cache-control', 'private, no-store').send(photo.data);
    },
  );

  app.get(
    '/api/malls/:mall/performance/complaints',
    {
      schema: {
        tags: ['performance'],
        summary:
          'Complaints of a period (by the day received): received, answered within the deadline, verified in time, refused, open, overdue now, the ratings of the answers; per agency and service',
        params: MallParams,
        querystring: ComplaintFiguresQuery,
        response: { 200: ComplaintFigures, ...errors },
      },
    },
    (request) => reports.figures(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/complaints/:token',
    {
      schema: {
        tags,
        summary: "The citizen's view: the steps with their public notes and the deadline, no names, no internal notes",
        params: ComplaintTokenParams,
        response: { 200: ComplaintPublic, ...errors },
      },
    },
    (request) => complaints.publicView(request.params.token),
  );

  app.post(
    '/api/complaints/:token/info',
    {
      schema: {
        tags,
        summary: 'The citizen adds information while the complaint is open; 409 once closed',
        params: ComplaintTokenParams,
        body: ComplaintInfo,
        response: { 200: ComplaintPublic, ...errors },
      },
      config: { audit: false },
    },
    (request) => complaints.addInfo(request.params.token, request.body.text),
  );

  app.post(
    '/api/complaints/:token/rating',
    {
      schema: {
        tags,
        summary: 'The citizen rates the answer (1–5), once it has one; 409 before, or a second time',
        params: ComplaintTokenParams,
        body: ComplaintRating,
        response: { 200: ComplaintPublic, ...errors },
      },
      config: { audit: false },
    },
    (request) => complaints.rate(request.params.token, request.body),
  );

  app.get(
    '/api/malls/:mall/counters/:counterId/complaint-qr.svg',
    {
      schema: {
        tags,
        summary:
          'The QR to print at a counter: it opens the complaint form about that counter (/:mall/lapor?counter=…), its agency already chosen',
        params: Type.Object({ mall: Type.String(), counterId: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (request, reply) => {
      await complaints.counter(request.mall, request.params.counterId);
      const origin = publicUrl ?? `${request.protocol}://${request.host}`;
      const link = `${origin}/${request.mall.slug}/lapor?counter=${encodeURIComponent(request.params.counterId)}`;
      const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  );

  app.get(
    '/api/complaints/:token/qr.svg',
    { schema: { tags, summary: "The QR code of the complaint's page", params: ComplaintTokenParams } },
    async (request, reply) => {
      await complaints.publicView(request.params.token);
      const origin = publicUrl ?? `${request.protocol}://${request.host}`;
      const link = `${origin}/c/${encodeURIComponent(request.params.token)}`;
      const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  );
};
