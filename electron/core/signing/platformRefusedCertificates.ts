/**
 * A certificate the platform refused a batch for (CERT_KEY_USAGE, CERT_WRONG_FACILITY,
 * CERT_UNTRUSTED, CERT_INVALID: batchStore.certificateRefusals) is listed as unusable, with the
 * batch, when, and the platform's words: "put back" (requeueRefused.ts) otherwise offered the
 * same certificate again, and every batch it signed came back refused, a loop the signer could
 * not see. A later batch signed with it and taken by the platform lifts this.
 */
import { vietnamTime } from '../../../shared/domain/dates.js';
import type { TokenSummary } from '../../../shared/signer/index.js';
import type { CertificateRefusal } from '../batches/batchStore.js';

export function withPlatformRefusals(tokens: readonly TokenSummary[], refusals: ReadonlyMap<string, CertificateRefusal>): TokenSummary[] {
  if (refusals.size === 0) return [...tokens];
  return tokens.map((t) => ({
    ...t,
    certificates: t.certificates.map((c) => {
      const refused = refusals.get(c.fingerprint);
      if (!refused) return c;
      const when = refused.at ? vietnamTime(refused.at) : '';
      const problem = {
        code: 'CERT_REFUSED_BY_PLATFORM',
        message_vi: `Hệ thống quốc gia đã từ chối lô ${refused.batch} ký bằng chứng thư số này${when ? ` (lúc ${when})` : ''}: ${refused.reason.code}, ${refused.reason.message_vi}. Ký lại bằng chứng thư này sẽ bị từ chối lần nữa: hãy dùng chứng thư số khác, hoặc liên hệ nhà cung cấp chứng thư số (CA)`,
        message_en: `The national platform refused batch ${refused.batch} signed with this certificate${when ? ` (at ${when})` : ''}: ${refused.reason.code}, ${refused.reason.message_en}. Signing with it again would be refused again: use another certificate, or contact your CA`,
      };
      return { ...c, usable: false, problems: [...c.problems, problem] };
    }),
  }));
}
