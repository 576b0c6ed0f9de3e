/**
 * hps: multi-task hard parameter sharing, the paper's first practitioner baseline. One head per slice
 * on the shared backbone, beside the base head:
 *
 *   z = backbone(x)                                        [B, h]
 *   base = z Wb + bb                                       [B, C]   serves (no SF at inference)
 *   L    = z Ws + bs  -> logSoftmax per slice              [B, K, C] one matmul for all K slice heads
 *   loss = mean_b CE(base, y) + sliceLossWeight * sum_k mean_{rows in slice k} CE(L_k, y)
 *
 * The slice heads are auxiliary tasks: they shape the shared backbone toward what each slice needs,
 * and are dropped at inference, where slice membership is unknown. Their loss weight is the one knob
 * the paper says practitioners tune by hand per slice; here it is one weight for all.
 * Draw order: backbone and base head from createRng(seed) (plain's init), slice heads from a derived stream.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random.ts';
import { applyDense, createDense, denseVariables, deriveSeed } from './init.ts';
import { plainHeadedModel, plainNetwork } from './plainNetwork.ts';
import { crossEntropy, maskedMeans } from './losses.ts';
import type { Model, ModelSpec } from './types.ts';
import { hostBackend } from './linear.ts';
import { hpsSliceLossOnHost } from './hpsLossHost.ts';

/** hostLoss false: the tensor version of the slice loss on wasm / cpu too (tests compare the two). */
export function createHpsModel(spec: ModelSpec, options: { hostLoss?: boolean } = {}): Model {
  const config = spec.model;
  if (config.kind !== 'hps') throw new Error(`createHpsModel needs an hps config, got '${config.kind}'`);
  const { hidden: h, classes: c } = spec;
  const k = spec.slices.length;
  const net = plainNetwork(spec);
  const sliceHeads = k > 0 ? createDense(createRng(deriveSeed(spec.seed, 1)), h, c, 'glorot', k) : null;
  return plainHeadedModel(
    spec,
    net,
    (batch) => {
      const b = batch.x.shape[0];
      const z = net.backbone.apply(batch.x);
      const base = tf.mean(crossEntropy(applyDense(z, net.head), batch.yOneHot));
      if (!sliceHeads || !batch.masks) return base as tf.Scalar;
      const logits = applyDense(z, sliceHeads); // [B, K*C]
      // wasm / cpu: the per-slice loss visits only each slice's rows, on host arrays (hpsLossHost.ts).
      if (options.hostLoss !== false && hostBackend())
        return tf.add(base, tf.mul(hpsSliceLossOnHost(logits, batch.yOneHot, batch.masks), config.sliceLossWeight)) as tf.Scalar;
      const lp = tf.logSoftmax(tf.reshape(logits, [b, k, c])); // [B, K, C]
      const ce = tf.neg(tf.sum(tf.mul(lp, tf.expandDims(batch.yOneHot, 1)), 2)) as tf.Tensor2D; // [B, K]
      return tf.add(base, tf.mul(tf.sum(maskedMeans(ce, batch.masks)), config.sliceLossWeight)) as tf.Scalar;
    },
    sliceHeads ? denseVariables(sliceHeads) : [],
  );
}
