// A QR saved with a transparent background (black modules, alpha 0 around them), as design tools
// and some web pages export it, reads as it looks: over white. Read by its RGB alone, a transparent
// pixel is whatever colour it stores, often black, and the code disappears.
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { decodeImage } from '../../../electron/core/image/decodeImage.js';
import { hc1FromBytes } from '../../../electron/core/image/hc1FromInput.js';
import { qrToPng } from '../../../shared/qr/encode.js';

const TEXT = 'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*2HG%89UV-0LZ 2ZJJ524-LH/CJTK96L6SR9MU9DHGZ%P WUQRENS431T1XCNCF+47AY0-IFO0500TGPN8F5G.41Q2E4T8ALW.INSV$ 07UV5SR+BNQHNML7 /KD3TU 4V*CAT3ZGLQMI/XI%ZJNSBBXK2:UG%UJMI:TU+MMPZ5$/PMX19UE:-PSR3/$NU44CBE6DQ3D7B0FBOFX0DV2DGMB$YPF62I$60/F$Z2I6IFX21XNI-LM%3/DF/U6Z9FEOJVRLVW6K$UG+BKK57:1+D10%4K83F+1VWD1NE';

function transparentQr(): Uint8Array {
  const png = PNG.sync.read(Buffer.from(qrToPng(TEXT, { scale: 4 })));
  const out = new PNG({ width: png.width, height: png.height });
  for (let i = 0; i < png.data.length; i += 4) {
    const dark = png.data[i]! < 128;
    // Light pixels fully transparent and stored black, as "transparent" usually is.
    out.data[i] = out.data[i + 1] = out.data[i + 2] = 0;
    out.data[i + 3] = dark ? 255 : 0;
  }
  return new Uint8Array(PNG.sync.write(out));
}

it('a transparent pixel is read as white: the PNG is composited over a white page', () => {
  const img = decodeImage(transparentQr());
  expect([...img.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
});

it('a QR PNG with a transparent background is read', () => {
  expect(hc1FromBytes(transparentQr(), 'qr.png').text).toBe(TEXT);
});
