import { writeFileSync } from "node:fs";
import QRCode from "qrcode";

/**
 * Writes a one-frame Y4M video showing a QR code of `text`, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`), so the camera scanner is tested on real video frames without a camera.
 */
export function writeQrVideo(path: string, text: string, scale = 4, margin = 4): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "L" });
  const side = (modules.size + 2 * margin) * scale;
  const size = side + (side % 2); // 4:2:0 chroma needs even dimensions
  const luma = Buffer.alloc(size * size, 255);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        const offset = ((row + margin) * scale + y) * size + (col + margin) * scale;
        luma.fill(0, offset, offset + scale);
      }
    }
  }
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F5:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]));
}
