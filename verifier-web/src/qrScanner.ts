/**
 * QR codes from a photo or the camera, decoded with jsQR in this page. jsQR is loaded only when someone actually
 * scans, so it costs nothing for everyone who drops a file.
 */
const MAX_SIDE = 1600;
/** Decoding every video frame would heat phones for nothing; a few attempts a second find a code as fast. */
const SCAN_INTERVAL_MS = 150;

async function loadJsQr() {
  return (await import("jsqr")).default;
}

function pixels(source: CanvasImageSource, width: number, height: number): ImageData {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (context === null) throw new Error("no 2D canvas");
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** The text of the QR code in an image file, or null if the image has none. */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const [jsQR, bitmap] = await Promise.all([loadJsQr(), createImageBitmap(file)]);
  try {
    const image = pixels(bitmap, bitmap.width, bitmap.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
  } finally {
    bitmap.close();
  }
}

/** Scans camera frames until a QR code is found or `stop()` is called; the camera is released either way. */
export class CameraScanner {
  private stream: MediaStream | undefined;
  private timer: number | undefined;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onFound: (text: string) => void,
  ) {}

  get running(): boolean {
    return this.stream !== undefined;
  }

  async start(): Promise<void> {
    const jsQR = await loadJsQr();
    this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    this.video.srcObject = this.stream;
    this.video.hidden = false;
    await this.video.play();
    const scan = () => {
      if (this.stream === undefined) return;
      if (this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && this.video.videoWidth > 0) {
        const image = pixels(this.video, this.video.videoWidth, this.video.videoHeight);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        if (code !== null) {
          this.stop();
          this.onFound(code.data);
          return;
        }
      }
      this.timer = window.setTimeout(scan, SCAN_INTERVAL_MS);
    };
    scan();
  }

  stop(): void {
    window.clearTimeout(this.timer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.video.srcObject = null;
    this.video.hidden = true;
  }
}
