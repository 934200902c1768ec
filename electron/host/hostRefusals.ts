/**
 * What the browser host says when it refuses a request: one plain-text UTF-8 body per reason,
 * Vietnamese first, then " / ", then English (DESIGN §9, `bilingual` in shared/errors.ts), naming
 * what was wrong and what to do. Declared once here; startBrowserHost.ts and staticFiles.ts only
 * pick the entry. The HTTP status line keeps its standard English reason phrase (clients match on
 * the number); the body is for the person who sees it in a browser tab or a log.
 *
 * Nothing the client sent is echoed: not the Host it named (a rebinding page's own name), not the
 * path, not a secret it offered. The port in a text is this host's own.
 */
import { bilingual } from '../../shared/errors.js';
import type { GuardRefusal } from './upgradeGuard.js';

/** What the user opens: the line `station serve` prints, with the secret in its fragment. */
const OPEN_PRINTED = {
  vi: 'Hãy mở đúng địa chỉ mà trạm đã in ra khi khởi động (dòng http://127.0.0.1:…/#secret=…)',
  en: 'Open the exact address the station printed when it started (the line http://127.0.0.1:…/#secret=…)',
};

/** The refusals of a page request (GET/HEAD of a file), by what was wrong. */
export const PAGE_REFUSALS = {
  /** 421: the Host header is not `127.0.0.1:<port>` (DNS rebinding, or `localhost`). */
  WRONG_HOST: (port: number) =>
    bilingual(
      `Giao diện của trạm chỉ mở được tại địa chỉ http://127.0.0.1:${port}/ (không qua tên máy khác, kể cả localhost). ${OPEN_PRINTED.vi}.`,
      `The station’s interface opens only at http://127.0.0.1:${port}/ (not under another host name, localhost included). ${OPEN_PRINTED.en}.`,
    ),
  /** 405: anything but GET or HEAD. */
  METHOD_NOT_ALLOWED: bilingual(
    'Giao diện của trạm chỉ đọc (nhận GET và HEAD); không gửi được dữ liệu tới nó theo cách này. Dữ liệu đi qua kết nối /rpc của trang.',
    'The station’s interface is read-only (it takes GET and HEAD); nothing can be sent to it this way. Data goes through the page’s /rpc connection.',
  ),
  /** 400: the path's percent-encoding does not decode. */
  BAD_PATH_ENCODING: bilingual(
    `Đường dẫn được yêu cầu có mã hóa % không hợp lệ. ${OPEN_PRINTED.vi}.`,
    `The requested path has invalid %-encoding. ${OPEN_PRINTED.en}.`,
  ),
  /** 404: no such file in the renderer folder (or one outside it, or of a type never served). */
  NOT_FOUND: bilingual(
    `Không có tệp này trong giao diện của trạm. ${OPEN_PRINTED.vi}.`,
    `There is no such file in the station’s interface. ${OPEN_PRINTED.en}.`,
  ),
  /** 503: dist/renderer is missing (a checkout where the renderer was never built). */
  NOT_BUILT: bilingual(
    'Giao diện chưa được dựng: hãy chạy `npx vite build -c renderer/vite.config.mts`.',
    'The interface is not built: run `npx vite build -c renderer/vite.config.mts`.',
  ),
} as const;

/**
 * The refusals of a request Node's own parser rejects before the host sees it (its 'clientError',
 * socketRefusals.ts): Node would answer these with a status line and no body.
 */
export const MALFORMED_REQUEST_REFUSALS = {
  /** 400: a broken request line or header line, or bytes that are not HTTP at all. */
  BAD_REQUEST: bilingual(
    `Yêu cầu gửi tới trạm không đúng dạng HTTP (dòng yêu cầu hoặc một dòng tiêu đề bị hỏng) nên trạm không đọc được. Hãy mở giao diện bằng trình duyệt. ${OPEN_PRINTED.vi}.`,
    `The request sent to the station is not well-formed HTTP (its request line or a header line is broken), so the station cannot read it. Use a browser to open the interface. ${OPEN_PRINTED.en}.`,
  ),
  /** 431: headers past Node's limit (16 KiB), in a browser nearly always piled-up cookies. */
  HEADERS_TOO_LARGE: bilingual(
    'Các tiêu đề của yêu cầu quá lớn, thường do cookie tích tụ cho 127.0.0.1 (cookie không phân biệt cổng, nên các chương trình khác trên máy cũng góp vào). Hãy xóa cookie và dữ liệu trang của 127.0.0.1 trong trình duyệt, rồi mở lại địa chỉ mà trạm đã in ra.',
    'The request’s headers are too large, usually from cookies piled up for 127.0.0.1 (cookies do not tell ports apart, so other programs on this computer add to them). Clear the browser’s cookies and site data for 127.0.0.1, then open the address the station printed again.',
  ),
  /** 408: the headers or the request did not arrive within hostLimits.ts. */
  TIMEOUT: bilingual(
    'Yêu cầu không đến đủ trong thời gian cho phép nên trạm đã đóng kết nối. Hãy tải lại trang; nếu lỗi lặp lại, máy có thể đang quá tải (ví dụ đang quét virus).',
    'The request did not arrive in full within the time allowed, so the station closed the connection. Reload the page; if it keeps happening, the computer may be overloaded (a virus scan, for instance).',
  ),
  /** 413: a chunked body whose chunk extensions pass Node's limit (the status Node itself sends). */
  CHUNK_EXTENSIONS_TOO_LARGE: bilingual(
    'Phần thân của yêu cầu có phần mở rộng chunk quá lớn. Giao diện của trạm không nhận dữ liệu gửi theo cách này; dữ liệu đi qua kết nối /rpc của trang.',
    'The request’s body has chunk extensions that are too large. The station’s interface takes no data sent this way; data goes through the page’s /rpc connection.',
  ),
} as const;

/** The refusals of an upgrade to the RPC WebSocket, by the check of upgradeGuard.ts that failed. */
export function upgradeRefusal(refusal: GuardRefusal, port: number): string {
  switch (refusal) {
    case 'NOT_LOOPBACK':
      return bilingual(
        'Chỉ trình duyệt trên chính máy trạm mới được kết nối tới trạm.',
        'Only a browser on the station’s own computer may connect to the station.',
      );
    case 'BAD_HOST':
      return bilingual(
        `Kết nối phải tới đúng 127.0.0.1:${port} (không qua tên máy khác, kể cả localhost). ${OPEN_PRINTED.vi}.`,
        `The connection must go to 127.0.0.1:${port} exactly (not under another host name, localhost included). ${OPEN_PRINTED.en}.`,
      );
    case 'BAD_ORIGIN':
      return bilingual(
        `Chỉ trang do trạm phục vụ tại http://127.0.0.1:${port} mới được kết nối; trang web khác hoặc chương trình không gửi Origin bị từ chối. ${OPEN_PRINTED.vi}.`,
        `Only the page the station serves at http://127.0.0.1:${port} may connect; another web page, or a program sending no Origin, is refused. ${OPEN_PRINTED.en}.`,
      );
    case 'BAD_PATH':
      return bilingual(
        'Kết nối của trạm ở đường dẫn /rpc; ở đây không có kết nối nào.',
        'The station’s connection is at the path /rpc; there is none here.',
      );
    case 'NO_SECRET':
      return bilingual(
        `Thiếu mã bí mật của lần khởi động này (phần #secret=… của địa chỉ). ${OPEN_PRINTED.vi}.`,
        `The secret of this launch is missing (the #secret=… part of the address). ${OPEN_PRINTED.en}.`,
      );
    case 'BAD_SECRET':
      return bilingual(
        'Mã bí mật không đúng (có thể trang được mở từ một lần khởi động trước của trạm). Hãy mở địa chỉ mà trạm in ra ở lần khởi động này (dòng http://127.0.0.1:…/#secret=…).',
        'The secret is wrong (perhaps the page comes from an earlier launch of the station). Open the address the station printed when it started this time (the line http://127.0.0.1:…/#secret=…).',
      );
    case 'NO_PROTOCOL':
      return bilingual(
        'Kết nối không đề nghị giao thức station.rpc.v1: trang này không thuộc phiên bản trạm đang chạy. Hãy tải lại trang từ địa chỉ mà trạm đã in ra.',
        'The connection does not offer the station.rpc.v1 protocol: the page is not from the station version now running. Reload it from the address the station printed.',
      );
    // The handshake checks below are ws's own (upgradeGuard.ts); a browser never fails them, a
    // program or a proxy in between may.
    case 'NOT_GET':
      return bilingual(
        'Kết nối /rpc của trạm chỉ mở bằng yêu cầu GET xin nâng cấp lên WebSocket, như trình duyệt vẫn gửi; yêu cầu theo cách khác không mở được. Hãy tải lại trang từ địa chỉ mà trạm đã in ra.',
        'The station’s /rpc connection opens only with a GET request asking to upgrade to a WebSocket, as a browser sends it; a request of another method cannot open it. Reload the page from the address the station printed.',
      );
    case 'NOT_WEBSOCKET':
      return bilingual(
        'Yêu cầu xin nâng cấp sang một giao thức khác WebSocket; kết nối /rpc của trạm chỉ là WebSocket. Hãy tải lại trang từ địa chỉ mà trạm đã in ra.',
        'The request asks to upgrade to a protocol other than WebSocket; the station’s /rpc connection is a WebSocket only. Reload the page from the address the station printed.',
      );
    case 'BAD_KEY':
      return bilingual(
        'Tiêu đề Sec-WebSocket-Key bị thiếu hoặc sai dạng (phải là 16 byte mã hóa base64), nên không mở được WebSocket. Hãy kết nối bằng trình duyệt hoặc một thư viện WebSocket chuẩn.',
        'The Sec-WebSocket-Key header is missing or malformed (it must be 16 bytes in base64), so no WebSocket can open. Connect with a browser or a standard WebSocket library.',
      );
    case 'BAD_VERSION':
      return bilingual(
        'Tiêu đề Sec-WebSocket-Version bị thiếu hoặc ghi một phiên bản WebSocket mà trạm không hỗ trợ; trạm chỉ nhận phiên bản 13 (RFC 6455). Hãy dùng trình duyệt đã cập nhật hoặc một thư viện WebSocket chuẩn.',
        'The Sec-WebSocket-Version header is missing or names a WebSocket version the station does not support; the station takes version 13 only (RFC 6455). Use an up-to-date browser or a standard WebSocket library.',
      );
    case 'BAD_PROTOCOL_LIST':
      return bilingual(
        'Tiêu đề Sec-WebSocket-Protocol sai dạng (có mục rỗng, ký tự không được phép hoặc một mục ghi hai lần). Hãy tải lại trang từ địa chỉ mà trạm đã in ra.',
        'The Sec-WebSocket-Protocol header is malformed (an empty entry, a character not allowed there, or an entry given twice). Reload the page from the address the station printed.',
      );
  }
}

/**
 * ws refusing an upgrade that passed every check of upgradeGuard.ts: only if a later ws checks
 * something more (startBrowserHost.ts listens for its 'wsClientError'; ws gives a message, no
 * reason code, so one general text).
 */
export const WS_HANDSHAKE_REFUSED = bilingual(
  'Yêu cầu mở WebSocket không hợp lệ nên trạm không mở kết nối. Hãy tải lại trang từ địa chỉ mà trạm đã in ra; nếu vẫn lỗi, hãy thử trình duyệt khác.',
  'The request to open a WebSocket is not valid, so the station opened no connection. Reload the page from the address the station printed; if it still fails, try another browser.',
);
