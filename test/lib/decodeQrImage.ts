import jsQR from "jsqr";
import type { Page } from "playwright-core";

/**
 * The text encoded in the QR code of the `<img>` at `selector`, read the way a phone would: from the pixels the page
 * shows (drawn onto a canvas in the page, decoded here with jsQR). Undefined when no QR code is found.
 */
export async function decodeQrImage(page: Page, selector: string): Promise<string | undefined> {
  const pixels = await page.evaluate(async (imageSelector) => {
    const image = document.querySelector(imageSelector) as HTMLImageElement;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    context.drawImage(image, 0, 0);
    return { width: canvas.width, height: canvas.height, data: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
  }, selector);
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data;
}
