// A camera of our own for Chromium's fake capture (--use-file-for-fake-video-capture=FILE.y4m):
// a blue, moving picture, so that on screen it cannot be mistaken for the default fake camera's
// green one. A page whose stranger uses this camera shows the stranger blue and itself green.
import fs from 'node:fs';

/** Writes a looping YUV4MPEG2 (I420) clip: blue gradients and a white square moving across. */
export function writeBlueCamera(file, { width = 320, height = 240, frames = 40, fps = 20 } = {}) {
  const ySize = width * height, cSize = (width / 2) * (height / 2);
  const chunks = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) {
    const frame = Buffer.alloc(ySize + 2 * cSize);
    const sq = { x: Math.round((f / frames) * (width - 48)), y: Math.round(height / 2 - 24 + 60 * Math.sin((2 * Math.PI * f) / frames)) };
    const rgbAt = (x, y) => {
      if (x >= sq.x && x < sq.x + 48 && y >= sq.y && y < sq.y + 48) return [235, 235, 235];
      return [30 + (70 * x) / width, 20 + (70 * y) / height, 170 + 60 * Math.sin((2 * Math.PI * (x + 8 * f)) / width) ** 2];
    };
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
      const [r, g, b] = rgbAt(x, y);
      frame[y * width + x] = Math.max(0, Math.min(255, Math.round(0.299 * r + 0.587 * g + 0.114 * b)));
    }
    for (let y = 0; y < height / 2; y++) for (let x = 0; x < width / 2; x++) {
      const [r, g, b] = rgbAt(2 * x, 2 * y);
      const u = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
      const v = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
      frame[ySize + y * (width / 2) + x] = Math.max(0, Math.min(255, Math.round(u)));
      frame[ySize + cSize + y * (width / 2) + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
    chunks.push(Buffer.from('FRAME\n'), frame);
  }
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}
