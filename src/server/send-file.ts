/** A downloaded report: its type, its file name, never cached (it holds staff-only figures). */
import type { FastifyReply } from 'fastify';

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportFile {
  fileName: string;
  body: Buffer;
}

export function sendFile(reply: FastifyReply, type: string, file: ExportFile) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}
