/**
 * Why a certificate from the feed was set aside (certificateSetAside.ts), in the words the clinic
 * reads in the sync status: which certificate, of which record, what is wrong with it, and that
 * the others were received and this one is asked for again at the next sync.
 */
import type { Reason } from '../batches/batchStore.js';

const AFTER = {
  vi: ' Chưa lưu, không in được; các chứng nhận khác vẫn được nhận. Lần đồng bộ sau sẽ hỏi lại hệ thống quốc gia.',
  en: ' Not stored, cannot be printed; the other certificates were received. The next sync asks the platform again.',
};

function reason(code: string, vi: string, en: string): Reason {
  return { code, message_vi: `${vi}${AFTER.vi}`, message_en: `${en}${AFTER.en}` };
}

type Named = { recordId: string; uvci: string };

/** The feed's entry is not a certificate entry of API v1 (a field missing or of the wrong type). */
export function entryInvalid(position: number, recordId: string, issues: string): Reason {
  const of = recordId === '' ? { vi: '', en: '' } : { vi: ` (bản ghi ${recordId})`, en: ` (record ${recordId})` };
  return reason(
    'CERTIFICATE_ENTRY_INVALID',
    `Mục thứ ${position + 1} của trang chứng nhận${of.vi} từ hệ thống quốc gia không đúng định dạng: ${issues}.`,
    `Entry ${position + 1} of the platform's certificates page${of.en} is not in the expected format: ${issues}.`,
  );
}

/** The HC1 does not verify: the verifier's own finding (signature, unknown or expired DSC, HC1, schema). */
export function unverified(c: Named, finding: { message_vi: string; message_en: string } | null, trustRefreshed: boolean): Reason {
  const why = finding ?? { message_vi: 'không rõ lý do', message_en: 'no reason given' };
  const vi = trustRefreshed ? '' : ' (chưa tải lại được danh sách tin cậy)';
  const en = trustRefreshed ? '' : ' (the trust list could not be refreshed)';
  return reason(
    'CERTIFICATE_UNVERIFIED',
    `Chứng nhận ${c.uvci} của bản ghi ${c.recordId} không xác minh được với danh sách tin cậy của hệ thống quốc gia${vi}: ${why.message_vi}`,
    `Certificate ${c.uvci} for record ${c.recordId} does not verify against the national platform’s trust list${en}: ${why.message_en}`,
  );
}

/**
 * An HC1 text with more than the code in it (a line break, a space at a line end, a quote or "…"
 * after it): the verifier's pasted-text repairs read it, but the passport's QR is drawn from the
 * text as sent, and other verifiers would not read that.
 */
export function hc1NotBare(c: Named): Reason {
  return reason(
    'CERTIFICATE_HC1_NOT_BARE',
    `Chứng nhận ${c.uvci} của bản ghi ${c.recordId} có ký tự ngoài mã HC1 (xuống dòng, khoảng trắng cuối dòng, dấu ngoặc kép hoặc "…"): mã QR in từ đó sẽ không quét được ở nơi khác.`,
    `Certificate ${c.uvci} for record ${c.recordId} holds more than the HC1 code (a line break, a space at a line end, a quote or "…"): a QR code printed from it would not scan elsewhere.`,
  );
}

/** A valid HC1 whose UVCI is not the one the feed names beside it. */
export function uvciMismatch(c: Named, signed: string): Reason {
  return reason(
    'CERTIFICATE_UVCI_MISMATCH',
    `Chứng nhận của bản ghi ${c.recordId} mang mã ${signed}, không phải mã ${c.uvci} mà hệ thống quốc gia ghi kèm.`,
    `The certificate for record ${c.recordId} carries the id ${signed}, not the ${c.uvci} the platform names beside it.`,
  );
}

export function recordUnknown(c: Named): Reason {
  return reason(
    'CERTIFICATE_RECORD_UNKNOWN',
    `Chứng nhận ${c.uvci} được gửi cho bản ghi ${c.recordId}, nhưng máy trạm này không có bản ghi đó (có thể máy trạm đã được khôi phục từ một bản sao cũ).`,
    `Certificate ${c.uvci} came for record ${c.recordId}, which this station does not hold (perhaps the station was restored from an older copy).`,
  );
}

/** A genuine certificate filed under another record: its date of birth or dose date is not the record's. */
export function otherRecord(c: Named, signed: { dob: string; dt: string }, record: { dob: string; dt: string }): Reason {
  return reason(
    'CERTIFICATE_OTHER_RECORD',
    `Chứng nhận ${c.uvci} gửi kèm bản ghi ${c.recordId} ghi ngày sinh ${signed.dob}, ngày tiêm ${signed.dt}; bản ghi này có ngày sinh ${record.dob}, ngày tiêm ${record.dt}: chứng nhận của người hoặc mũi tiêm khác.`,
    `Certificate ${c.uvci}, sent for record ${c.recordId}, says born ${signed.dob}, dose on ${signed.dt}; the record says born ${record.dob}, dose on ${record.dt}: it is another person's or another dose's.`,
  );
}

/** The UVCI is already held for another record here. */
export function uvciConflict(c: Named, holder: string): Reason {
  return reason(
    'CERTIFICATE_UVCI_CONFLICT',
    `Mã chứng nhận ${c.uvci} gửi cho bản ghi ${c.recordId} đã là chứng nhận của bản ghi ${holder} trên máy trạm này.`,
    `Certificate id ${c.uvci}, sent for record ${c.recordId}, is already the certificate of record ${holder} on this station.`,
  );
}
