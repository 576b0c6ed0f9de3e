/**
 * The training split prepared once, and its batches.
 *
 * GPU backends (webgl, webgpu): x / one-hot y / masks are uploaded ONCE and each batch is gathered on
 * the device by row index (one int32 upload per batch instead of re-uploading the rows).
 * wasm and cpu keep tensors in main memory, where "uploading" a batch is a memcpy; there the batch is
 * assembled from the split's host arrays instead, because tfjs-backend-wasm 4.22's gather is ~25x
 * slower (~1 ms for 256 rows x 64 features vs ~40 us for the copy + upload), about a quarter of a plain
 * model's training step at h = 64. Both paths give identical batches.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../model/types.ts';
import type { TrainData } from './types.ts';

export interface DeviceSplit {
  rows: number;
  /** The batch of split positions order[start, end). Caller disposes (tf.tidy). */
  batch(order: Int32Array, start: number, end: number): Batch;
  dispose(): void;
}

/** Rows `idx` of a row-major [*, width] matrix, as a new [idx.length, width] array. */
export function gatherRows(x: Float32Array, width: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * width);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j]!;
    out.set(x.subarray(i * width, (i + 1) * width), j * width);
  }
  return out;
}

interface HostSplit {
  x: Float32Array; // [rows, dim]
  y: Float32Array; // [rows, C] one-hot
  masks: Float32Array; // [rows, K]
}

function hostSplit(data: TrainData, idx: Int32Array): HostSplit {
  const n = idx.length;
  const c = data.classes.length;
  const k = data.slices.length;
  const y = new Float32Array(n * c);
  const masks = new Float32Array(n * k);
  for (let j = 0; j < n; j++) {
    const i = idx[j]!;
    y[j * c + data.y[i]!] = 1;
    for (let s = 0; s < k; s++) masks[j * k + s] = data.slices[s]!.mask[i]! ? 1 : 0;
  }
  return { x: gatherRows(data.x, data.dim, idx), y, masks };
}

export function uploadSplit(data: TrainData, idx: Int32Array, onDevice = !['wasm', 'cpu'].includes(tf.getBackend())): DeviceSplit {
  const n = idx.length;
  const [d, c, k] = [data.dim, data.classes.length, data.slices.length];
  const host = hostSplit(data, idx);
  if (!onDevice) {
    return {
      rows: n,
      batch: (order, start, end) => {
        const rows = order.subarray(start, end);
        const b = rows.length;
        return {
          x: tf.tensor2d(gatherRows(host.x, d, rows), [b, d]),
          yOneHot: tf.tensor2d(gatherRows(host.y, c, rows), [b, c]),
          masks: k > 0 ? tf.tensor2d(gatherRows(host.masks, k, rows), [b, k]) : null,
        };
      },
      dispose: () => {},
    };
  }
  const x = tf.tensor2d(host.x, [n, d]);
  const yOneHot = tf.tensor2d(host.y, [n, c]);
  const masks = k > 0 ? tf.tensor2d(host.masks, [n, k]) : null;
  return {
    rows: n,
    batch: (order, start, end) => {
      const rows = tf.tensor1d(order.subarray(start, end), 'int32');
      const batch = { x: tf.gather(x, rows), yOneHot: tf.gather(yOneHot, rows), masks: masks ? tf.gather(masks, rows) : null };
      rows.dispose();
      return batch;
    },
    dispose: () => tf.dispose([x, yOneHot, ...(masks ? [masks] : [])]),
  };
}
