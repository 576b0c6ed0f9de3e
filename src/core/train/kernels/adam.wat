;; One Adam step over a flat vector of all of a model's values, as WebAssembly SIMD (four values per
;; instruction): tf.train.adam's ops in tfjs 4.22's order, each rounded to float32 as its kernels round
;; them, so the same numbers bit for bit (adam.test.ts). adamKernel.ts loads it; `npm run kernels`
;; assembles it into adamWasm.ts. Why: on wasm / cpu, tfjs's Adam is ~14 kernels over the flat vector;
;; at 128 slices SRAM's 85k values made that ~1 ms of a ~4 ms step (issue 13).
;;
;; Memory is the caller's (byte offsets); g, m, v and x hold n floats each, n a multiple of 4 (the
;; caller pads with zeros, whose step is 0). m and v are updated in place, x gets its new values.
(module
  (memory (export "memory") 1)

  ;; m = m b1 + g c1, v = v b2 + g^2 c2, x = (m / d1) / (sqrt(v / d2) + eps) * nlr + x, where c = 1 - b
  ;; (as JS makes them), d = 1 - b^t (float32) and nlr = -learning rate.
  (func (export "step") (param $g i32) (param $m i32) (param $v i32) (param $x i32) (param $n i32)
                        (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32) (param $d1 f32) (param $d2 f32)
                        (param $eps f32) (param $nlr f32)
    (local $o i32) (local $end i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $B1 v128) (local $C1 v128) (local $B2 v128) (local $C2 v128) (local $D1 v128) (local $D2 v128) (local $E v128) (local $L v128)
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $C1 (f32x4.splat (local.get $c1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $D1 (f32x4.splat (local.get $d1)))
    (local.set $D2 (f32x4.splat (local.get $d2)))
    (local.set $E (f32x4.splat (local.get $eps)))
    (local.set $L (f32x4.splat (local.get $nlr)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $mv
          (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $o))) (local.get $B1)) (f32x4.mul (local.get $gv) (local.get $C1))))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $o))) (local.get $B2))
            (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $C2))))
        (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vv))
        (v128.store (i32.add (local.get $x) (local.get $o))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $mv) (local.get $D1))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $D2))) (local.get $E)))
              (local.get $L))
            (v128.load (i32.add (local.get $x) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))))
