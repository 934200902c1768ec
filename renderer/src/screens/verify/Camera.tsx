/** The camera QR reader: a live preview, a frame read every 300 ms until a QR code is found. */
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notices.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { readQrFromVideo } from './readQrImage.js';

export function Camera({ onText, onStop }: { onText: (text: string) => void; onStop: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [denied, setDenied] = useState(false);
  const latest = useRef(onText);
  latest.current = onText;
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        if (stopped) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream = s;
        const el = video.current;
        if (el === null) return;
        el.srcObject = s;
        await el.play();
        timer = window.setInterval(() => {
          const text = readQrFromVideo(el);
          if (text !== null) {
            window.clearInterval(timer);
            latest.current(text);
          }
        }, 300);
      })
      .catch(() => setDenied(true));
    if (!navigator.mediaDevices) setDenied(true);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);
  return (
    <div className="camera">
      {denied ? <Notice kind="warning">{t('verify.cameraDenied')}</Notice> : <p>{t('verify.cameraHint')}</p>}
      <video ref={video} muted playsInline className="camera-preview" aria-label={t('verify.cameraHint')} />
      <button type="button" className="button secondary" onClick={onStop}>
        {t('verify.stopCamera')}
      </button>
    </div>
  );
}
