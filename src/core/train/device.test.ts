import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../tfNode.ts';
import { uploadSplit } from './device.ts';
import { makeBlobs } from '../../../test/blobs.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

it('host-assembled and device-gathered batches are identical', () => {
  const data = makeBlobs({ rows: 50, dim: 3, classes: 3, slices: 2, seed: 1 });
  const order = Int32Array.from([5, 0, 17, 3, 9, 30]);
  const before = tf.memory().numTensors;
  const [host, device] = [uploadSplit(data, data.trainIdx, false), uploadSplit(data, data.trainIdx, true)];
  const [a, b] = [host.batch(order, 1, 5), device.batch(order, 1, 5)];
  expect(a.x.arraySync()).toEqual(b.x.arraySync());
  expect(a.yOneHot.arraySync()).toEqual(b.yOneHot.arraySync());
  expect(a.masks!.arraySync()).toEqual(b.masks!.arraySync());
  // batch row 0 = order[1] = split position 0 = data row trainIdx[0]
  const row = data.trainIdx[0]!;
  expect(a.x.arraySync()[0]).toEqual(Array.from(data.x.subarray(row * 3, row * 3 + 3)));
  expect(a.yOneHot.arraySync()[0]![data.y[row]!]).toBe(1);
  expect(a.masks!.arraySync()[0]).toEqual(data.slices.map((s) => s.mask[row]));
  tf.dispose([a.x, a.yOneHot, a.masks!, b.x, b.yOneHot, b.masks!]);
  host.dispose();
  device.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
