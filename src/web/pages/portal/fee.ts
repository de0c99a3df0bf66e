import type { ServiceStandard } from '../../../api/catalog';
import { formatRupiah } from './format';

/** The fee in one line: "Rp 30.000", "Gratis", or, when it depends on the case, "Sesuai ketentuan". */
export function feeText(standard: ServiceStandard, words: { free: string; varies: string }): string {
  if (standard.feeRupiah === null) return words.varies;
  return standard.feeRupiah === 0 ? words.free : formatRupiah(standard.feeRupiah);
}
