;; Two-class SRAM's per-row, per-expert work (sramBinaryHost.ts's formulas) as a WebAssembly SIMD
;; kernel: four experts per instruction, in float32. sramBinaryKernel.ts loads it and lays out its
;; memory; `npm run kernels` assembles this file into sramBinaryWasm.ts (kernels.test.ts checks that
;; the two agree). Why: at 100+ slices these loops were most of an SRAM epoch in JS (issue 13).
;;
;; Memory is the caller's: every pointer is a byte offset it chose. Inputs as in sramBinaryHost.ts:
;; both [B, 3S] f32 (d (S), then dP_i, dF_i per expert), y [B, 2] one-hot, masks [B, K] of 0/1 (K = S - 1,
;; or K = 0: every expert takes every row). Per row the kernel copies its values into `scratch`, 16
;; arrays of S4 floats (S rounded up to 4; the padding lanes hold zeros and never reach an output).
;; Its SIMD loads and stores run up to 32 bytes past the end of a row: the caller leaves that much
;; slack after `both`, `masks` and `grad`.
(module
  (memory (export "memory") 1)

  ;; scratch array indices (array j starts at scratch + j * S4 * 4)
  ;; 0 D  1 DP  2 DF  3 M  4 P1  5 LOG  6 KAPPA  7 CONF  8 Q  9 ED  10 A (the row's values)
  ;; 11 12 13: the gradient's column sums on d, dP, dF over the call's rows;  14 GP  15 GA (the row's on dP, dF)

  ;; exp, lane-wise; x clamped to [-87.3, 88.3]; relative error ~1e-7. (pmin / pmax: one instruction each
;; on x86, where min / max take several for their NaN and -0 rules; no NaN reaches them here.)
  (func $exp (param $x v128) (result v128)
    (local $f v128) (local $k v128) (local $r v128) (local $p v128)
    (local.set $x
      (f32x4.pmax
        (f32x4.pmin (local.get $x) (v128.const f32x4 88.3 88.3 88.3 88.3))
        (v128.const f32x4 -87.3 -87.3 -87.3 -87.3)))
    ;; x = k ln2 + r, |r| <= ln2 / 2. Adding 1.5 * 2^23 + 127 rounds x / ln2 to the integer k and leaves
    ;; k + 127 in the low mantissa bits of $f (ln2 split in two for float32: Cephes' C1, C2).
    (local.set $f
      (f32x4.add (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))
        (v128.const f32x4 12583039 12583039 12583039 12583039)))
    (local.set $k (f32x4.sub (local.get $f) (v128.const f32x4 12583039 12583039 12583039 12583039)))
    (local.set $r
      (f32x4.sub
        (f32x4.sub (local.get $x) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
        (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    ;; Taylor to r^6, Horner
    (local.set $p
      (f32x4.add (v128.const f32x4 8.33333333e-3 8.33333333e-3 8.33333333e-3 8.33333333e-3)
        (f32x4.mul (local.get $r) (v128.const f32x4 1.38888889e-3 1.38888889e-3 1.38888889e-3 1.38888889e-3))))
    (local.set $p (f32x4.add (v128.const f32x4 4.16666667e-2 4.16666667e-2 4.16666667e-2 4.16666667e-2) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 1.66666667e-1 1.66666667e-1 1.66666667e-1 1.66666667e-1) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $r) (local.get $p))))
    ;; times 2^k: k + 127 shifted into the exponent bits (k in [-126, 127] after the clamp)
    (f32x4.mul (local.get $p) (i32x4.shl (local.get $f) (i32.const 23))))

  ;; log(1 + e) for e in [0, 1]: 2 atanh(t), t = e / (2 + e) <= 1/3, its series to t^13.
  (func $log1pUnit (param $e v128) (result v128)
    (local $t v128) (local $t2 v128) (local $t4 v128) (local $p v128)
    (local.set $t (f32x4.div (local.get $e) (f32x4.add (v128.const f32x4 2 2 2 2) (local.get $e))))
    (local.set $t2 (f32x4.mul (local.get $t) (local.get $t)))
    ;; 1 + t2/3 + t4 (1/5 + t2/7) + t8 (1/9 + t2/11 + t4/13): three short chains instead of one long one
    (local.set $t4 (f32x4.mul (local.get $t2) (local.get $t2)))
    (local.set $p
      (f32x4.add
        (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $t2) (v128.const f32x4 3.33333333e-1 3.33333333e-1 3.33333333e-1 3.33333333e-1)))
        (f32x4.mul (local.get $t4)
          (f32x4.add (v128.const f32x4 0.2 0.2 0.2 0.2) (f32x4.mul (local.get $t2) (v128.const f32x4 1.42857143e-1 1.42857143e-1 1.42857143e-1 1.42857143e-1))))))
    (local.set $p
      (f32x4.add (local.get $p)
        (f32x4.mul (f32x4.mul (local.get $t4) (local.get $t4))
          (f32x4.add
            (f32x4.add (v128.const f32x4 1.11111111e-1 1.11111111e-1 1.11111111e-1 1.11111111e-1)
              (f32x4.mul (local.get $t2) (v128.const f32x4 9.09090909e-2 9.09090909e-2 9.09090909e-2 9.09090909e-2)))
            (f32x4.mul (local.get $t4) (v128.const f32x4 7.69230769e-2 7.69230769e-2 7.69230769e-2 7.69230769e-2))))))
    (f32x4.mul (f32x4.add (local.get $t) (local.get $t)) (local.get $p)))

  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  (func $hmax (param $v v128) (result f32)
    (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.max (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; softplus(x) = max(x, 0) + log1p(exp(-|x|)), scalar
  (func $softplus (param $x f32) (result f32)
    (f32.add
      (f32.max (local.get $x) (f32.const 0))
      (f32x4.extract_lane 0 (call $log1pUnit (call $exp (f32x4.splat (f32.neg (f32.abs (local.get $x)))))))))

  ;; One row's forward pass (sramBinaryHost.ts attendRow): copies the row's heads (and mask row, K of
  ;; them; the base column and, with K = 0, every column is 1) into scratch, fills P1 LOG KAPPA CONF Q ED,
  ;; leaves the normalised attention in A, and returns the final head's logit L = sum_i a_i dF_i.
  ;; conf: 0 maxProb, 1 entropy, 2 positiveClass.
  (func $forward (param $row i32) (param $mrow i32) (param $k i32) (param $s i32) (param $s4 i32)
                 (param $invT f32) (param $conf i32) (param $sc i32) (result f32)
    (local $st i32) (local $i i32) (local $o i32) (local $src i32)
    (local $pD i32) (local $pDP i32) (local $pDF i32) (local $pM i32) (local $pP1 i32) (local $pLOG i32)
    (local $pKAPPA i32) (local $pCONF i32) (local $pQ i32) (local $pED i32) (local $pA i32)
    (local $dp v128) (local $g v128) (local $e v128) (local $inv v128) (local $pOther v128) (local $pos v128)
    (local $p1 v128) (local $l v128) (local $cf v128) (local $kp v128) (local $d v128) (local $ed v128)
    (local $qa v128) (local $q v128) (local $vT v128) (local $vmax v128) (local $mx v128) (local $w v128)
    (local $vsum v128) (local $vmix v128) (local $norm v128) (local $invSum f32)
    (local.set $st (i32.shl (local.get $s4) (i32.const 2)))
    (local.set $pD (local.get $sc))
    (local.set $pDP (i32.add (local.get $pD) (local.get $st)))
    (local.set $pDF (i32.add (local.get $pDP) (local.get $st)))
    (local.set $pM (i32.add (local.get $pDF) (local.get $st)))
    (local.set $pP1 (i32.add (local.get $pM) (local.get $st)))
    (local.set $pLOG (i32.add (local.get $pP1) (local.get $st)))
    (local.set $pKAPPA (i32.add (local.get $pLOG) (local.get $st)))
    (local.set $pCONF (i32.add (local.get $pKAPPA) (local.get $st)))
    (local.set $pQ (i32.add (local.get $pCONF) (local.get $st)))
    (local.set $pED (i32.add (local.get $pQ) (local.get $st)))
    (local.set $pA (i32.add (local.get $pED) (local.get $st)))

    ;; the row, de-interleaved four experts at a time (the loads may read past the row: the
    ;; caller leaves slack after its arrays), then the lanes past K and past S set right
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (v128.store (i32.add (local.get $pD) (local.get $o)) (v128.load (i32.add (local.get $row) (local.get $o))))
        ;; dP_i, dF_i for 4 experts: 8 floats from row + 4 S + 2 o
        (local.set $src (i32.add (i32.add (local.get $row) (i32.shl (local.get $s) (i32.const 2))) (i32.shl (local.get $o) (i32.const 1))))
        (local.set $g (v128.load (local.get $src)))
        (local.set $e (v128.load offset=16 (local.get $src)))
        (v128.store (i32.add (local.get $pDP) (local.get $o))
          (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $g) (local.get $e)))
        (v128.store (i32.add (local.get $pDF) (local.get $o))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $g) (local.get $e)))
        (v128.store (i32.add (local.get $pM) (local.get $o)) (v128.load (i32.add (local.get $mrow) (local.get $o))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (local.set $i (local.get $k))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $s4)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (f32.store (i32.add (local.get $pM) (local.get $o)) (select (f32.const 1) (f32.const 0) (i32.lt_u (local.get $i) (local.get $s))))
        (if (i32.ge_u (local.get $i) (local.get $s))
          (then
            (f32.store (i32.add (local.get $pD) (local.get $o)) (f32.const 0))
            (f32.store (i32.add (local.get $pDP) (local.get $o)) (f32.const 0))
            (f32.store (i32.add (local.get $pDF) (local.get $o)) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))

    ;; per expert: P(class 1), the confidence and its derivative, q = sigmoid(d), u = q conf / T (in A)
    (local.set $vT (f32x4.splat (local.get $invT)))
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (local.set $dp (v128.load (i32.add (local.get $pDP) (local.get $o))))
        (local.set $g (f32x4.abs (local.get $dp)))
        (local.set $e (call $exp (f32x4.neg (local.get $g))))
        (local.set $inv (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e))))
        (local.set $pOther (f32x4.mul (local.get $e) (local.get $inv)))
        (local.set $pos (f32x4.gt (local.get $dp) (v128.const f32x4 0 0 0 0)))
        (local.set $p1 (v128.bitselect (local.get $inv) (local.get $pOther) (local.get $pos)))
        (v128.store (i32.add (local.get $pP1) (local.get $o)) (local.get $p1))
        (local.set $l (call $log1pUnit (local.get $e)))
        (v128.store (i32.add (local.get $pLOG) (local.get $o)) (local.get $l))
        (if (i32.eq (local.get $conf) (i32.const 1))
          (then
            ;; entropy: conf = 1 - (log1p(e) + pOther g) / ln 2, d conf / d dP = +-pTop pOther g / ln 2
            (local.set $cf
              (f32x4.sub (v128.const f32x4 1 1 1 1)
                (f32x4.mul
                  (f32x4.add (local.get $l) (f32x4.mul (local.get $pOther) (local.get $g)))
                  (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
            (local.set $kp
              (f32x4.mul (f32x4.mul (f32x4.mul (local.get $inv) (local.get $pOther)) (local.get $g))
                (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504)))
            (local.set $kp (v128.bitselect (local.get $kp) (f32x4.neg (local.get $kp)) (local.get $pos))))
          (else
            (local.set $kp (f32x4.mul (local.get $inv) (local.get $pOther)))
            (if (i32.eq (local.get $conf) (i32.const 2))
              (then (local.set $cf (local.get $p1)))
              (else
                (local.set $cf (local.get $inv))
                (local.set $kp (v128.bitselect (local.get $kp) (f32x4.neg (local.get $kp)) (local.get $pos)))))))
        (v128.store (i32.add (local.get $pCONF) (local.get $o)) (local.get $cf))
        (v128.store (i32.add (local.get $pKAPPA) (local.get $o)) (local.get $kp))
        (local.set $d (v128.load (i32.add (local.get $pD) (local.get $o))))
        (local.set $ed (call $exp (f32x4.neg (f32x4.abs (local.get $d)))))
        (v128.store (i32.add (local.get $pED) (local.get $o)) (local.get $ed))
        (local.set $qa (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $ed))))
        (local.set $q
          (v128.bitselect (local.get $qa) (f32x4.mul (local.get $ed) (local.get $qa)) (f32x4.ge (local.get $d) (v128.const f32x4 0 0 0 0))))
        (v128.store (i32.add (local.get $pQ) (local.get $o)) (local.get $q))
        (v128.store (i32.add (local.get $pA) (local.get $o)) (f32x4.mul (f32x4.mul (local.get $q) (local.get $cf)) (local.get $vT)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))

    ;; padding lanes leave the softmax: u = -3e38, exp -> ~1e-38 (and their dF is 0)
    (local.set $i (local.get $s))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $s4)))
        (f32.store (i32.add (local.get $pA) (i32.shl (local.get $i) (i32.const 2))) (f32.const -3e38))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))

    (local.set $vmax (v128.const f32x4 -3e38 -3e38 -3e38 -3e38))
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (local.set $vmax (f32x4.pmax (local.get $vmax) (v128.load (i32.add (local.get $pA) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (local.set $mx (f32x4.splat (call $hmax (local.get $vmax))))

    ;; softmax weights and the mixed logit on the unnormalised weights
    (local.set $vsum (v128.const f32x4 0 0 0 0))
    (local.set $vmix (v128.const f32x4 0 0 0 0))
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (local.set $w (call $exp (f32x4.sub (v128.load (i32.add (local.get $pA) (local.get $o))) (local.get $mx))))
        (v128.store (i32.add (local.get $pA) (local.get $o)) (local.get $w))
        (local.set $vsum (f32x4.add (local.get $vsum) (local.get $w)))
        (local.set $vmix (f32x4.add (local.get $vmix) (f32x4.mul (local.get $w) (v128.load (i32.add (local.get $pDF) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (local.set $invSum (f32.div (f32.const 1) (call $hsum (local.get $vsum))))
    (local.set $norm (f32x4.splat (local.get $invSum)))
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (v128.store (i32.add (local.get $pA) (local.get $o)) (f32x4.mul (v128.load (i32.add (local.get $pA) (local.get $o))) (local.get $norm)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (f32.mul (call $hsum (local.get $vmix)) (local.get $invSum)))

  ;; Inference: proba [B, 2] (P(class 0), P(class 1)) and the attention [B, S].
  (func (export "infer") (param $both i32) (param $b i32) (param $s i32) (param $s4 i32) (param $invT f32) (param $conf i32)
                         (param $proba i32) (param $att i32) (param $sc i32)
    (local $n i32) (local $width i32) (local $pA i32) (local $p f32)
    (local.set $width (i32.mul (local.get $s) (i32.const 12)))
    (local.set $pA (i32.add (local.get $sc) (i32.mul (local.get $s4) (i32.const 40))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (local.get $b)))
        (local.set $p
          (f32.div (f32.const 1)
            (f32.add (f32.const 1)
              (f32x4.extract_lane 0
                (call $exp (f32x4.splat (f32.neg
                  (call $forward (i32.add (local.get $both) (i32.mul (local.get $n) (local.get $width))) (i32.const 0) (i32.const 0)
                    (local.get $s) (local.get $s4) (local.get $invT) (local.get $conf) (local.get $sc)))))))))
        (memory.copy (i32.add (local.get $att) (i32.mul (local.get $n) (i32.shl (local.get $s) (i32.const 2)))) (local.get $pA) (i32.shl (local.get $s) (i32.const 2)))
        (f32.store (i32.add (local.get $proba) (i32.shl (local.get $n) (i32.const 3))) (f32.sub (f32.const 1) (local.get $p)))
        (f32.store offset=4 (i32.add (local.get $proba) (i32.shl (local.get $n) (i32.const 3))) (local.get $p))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next))))

  ;; The training loss (returned) and its gradient on `both` (grad [B, 3S] f32), with the gradient's
  ;; column sums in colSums [3S] f64 (the bias gradient).
  ;; weights: 3 arrays of S4 f32 (zero padded): the expert CE's weight 1 / rows in the slice, the
  ;; indicator's weight in and out of the slice (1 / B each for the plain indicator loss).
  (func (export "loss") (param $both i32) (param $b i32) (param $s i32) (param $s4 i32) (param $k i32)
                        (param $invT f32) (param $conf i32) (param $y i32) (param $masks i32) (param $weights i32)
                        (param $indW f32) (param $expW f32) (param $grad i32) (param $colSums i32) (param $sc i32)
                        (result f64)
    (local $n i32) (local $width i32) (local $st i32) (local $row i32) (local $o i32) (local $i i32) (local $at i32) (local $src i32)
    (local $L f32) (local $y0 f32) (local $y1 f32) (local $pF f32) (local $dL f32)
    (local $ceFinal f64) (local $ceInd f64) (local $cePred f64)
    (local $vdL v128) (local $vaDa v128) (local $vT v128) (local $vy0 v128) (local $vy1 v128) (local $vIndW v128) (local $vExpW v128)
    (local $a v128) (local $du v128) (local $m v128) (local $sign v128) (local $z v128) (local $scale v128) (local $q v128)
    (local $w v128) (local $p1 v128) (local $dp v128) (local $l v128) (local $ind v128) (local $pred v128) (local $gd v128)
    (local.set $width (i32.mul (local.get $s) (i32.const 12)))
    (local.set $st (i32.shl (local.get $s4) (i32.const 2)))
    (local.set $vT (f32x4.splat (local.get $invT)))
    (local.set $vIndW (f32x4.splat (local.get $indW)))
    (local.set $vExpW (f32x4.splat (local.get $expW)))
    (memory.fill (i32.add (local.get $sc) (i32.mul (local.get $st) (i32.const 11))) (i32.const 0) (i32.mul (local.get $st) (i32.const 3)))
    (block $rows
      (loop $nextRow
        (br_if $rows (i32.ge_u (local.get $n) (local.get $b)))
        (local.set $row (i32.mul (local.get $n) (local.get $width)))
        (local.set $L
          (call $forward (i32.add (local.get $both) (local.get $row)) (i32.add (local.get $masks) (i32.mul (local.get $n) (i32.shl (local.get $k) (i32.const 2))))
            (local.get $k) (local.get $s) (local.get $s4) (local.get $invT) (local.get $conf) (local.get $sc)))
        ;; final head: CE = y0 softplus(L) + y1 softplus(-L), d CE / d L = y0 P1 - y1 P0 (over B)
        (local.set $y0 (f32.load (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3)))))
        (local.set $y1 (f32.load offset=4 (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3)))))
        (local.set $ceFinal
          (f64.add (local.get $ceFinal)
            (f64.promote_f32 (f32.add
              (f32.mul (local.get $y0) (call $softplus (local.get $L)))
              (f32.mul (local.get $y1) (call $softplus (f32.neg (local.get $L))))))))
        (local.set $pF
          (f32.div (f32.const 1) (f32.add (f32.const 1) (f32x4.extract_lane 0 (call $exp (f32x4.splat (f32.neg (local.get $L))))))))
        (local.set $dL
          (f32.div
            (f32.sub (f32.mul (local.get $y0) (local.get $pF)) (f32.mul (local.get $y1) (f32.sub (f32.const 1) (local.get $pF))))
            (f32.convert_i32_u (local.get $b))))
        (local.set $vdL (f32x4.splat (local.get $dL)))
        ;; the attention-weighted mean of d loss / d a_i = dF_i dL is L dL
        (local.set $vaDa (f32x4.splat (f32.mul (local.get $L) (local.get $dL))))
        (local.set $vy0 (f32x4.splat (local.get $y0)))
        (local.set $vy1 (f32x4.splat (local.get $y1)))
        (local.set $ind (v128.const f32x4 0 0 0 0))
        (local.set $pred (v128.const f32x4 0 0 0 0))
        (local.set $o (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
            ;; scratch + j * st + o: the j-th array's chunk
            (local.set $at (i32.add (local.get $sc) (local.get $o)))
            (local.set $a (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 10)))))
            (v128.store (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 15))) (f32x4.mul (local.get $a) (local.get $vdL)))
            (local.set $du
              (f32x4.mul
                (f32x4.mul (local.get $a)
                  (f32x4.sub (f32x4.mul (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 2)))) (local.get $vdL)) (local.get $vaDa)))
                (local.get $vT)))
            ;; indicator: softplus(d (1 - 2m)), weighted by the row's side of the slice
            (local.set $m (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 3)))))
            (local.set $sign (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.add (local.get $m) (local.get $m))))
            (local.set $z (f32x4.mul (v128.load (local.get $at)) (local.get $sign)))
            (local.set $scale
              (f32x4.add
                (f32x4.mul (local.get $m) (v128.load (i32.add (local.get $weights) (i32.add (local.get $st) (local.get $o)))))
                (f32x4.mul (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $m))
                  (v128.load (i32.add (local.get $weights) (i32.add (i32.shl (local.get $st) (i32.const 1)) (local.get $o)))))))
            (local.set $ind
              (f32x4.add (local.get $ind)
                (f32x4.mul (local.get $scale)
                  (f32x4.add (f32x4.max (local.get $z) (v128.const f32x4 0 0 0 0))
                    (call $log1pUnit (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 9)))))))))
            ;; sigmoid(z) = q (m = 0) or 1 - q (m = 1)
            (local.set $q (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 8)))))
            (local.set $gd
              (f32x4.add
                (f32x4.mul (f32x4.mul (f32x4.mul (local.get $du) (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 7)))))
                  (local.get $q)) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $q)))
                (f32x4.mul
                  (f32x4.mul
                    (f32x4.add (local.get $q) (f32x4.mul (local.get $m) (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.add (local.get $q) (local.get $q)))))
                    (local.get $sign))
                  (f32x4.mul (local.get $scale) (local.get $vIndW)))))
            (v128.store (i32.add (i32.add (local.get $grad) (local.get $row)) (local.get $o)) (local.get $gd))
            (v128.store (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 11)))
              (f32x4.add (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 11)))) (local.get $gd)))
            ;; dP: the confidence's gradient, plus the expert CE's on the slice's rows
            (local.set $w (f32x4.mul (local.get $m) (v128.load (i32.add (local.get $weights) (local.get $o)))))
            (local.set $p1 (v128.load (i32.add (local.get $at) (i32.shl (local.get $st) (i32.const 2)))))
            (v128.store (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 14)))
              (f32x4.add
                (f32x4.mul (f32x4.mul (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 6)))) (local.get $du)) (local.get $q))
                (f32x4.mul (f32x4.mul (local.get $w) (local.get $vExpW))
                  (f32x4.sub (f32x4.mul (local.get $vy0) (local.get $p1))
                    (f32x4.mul (local.get $vy1) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $p1)))))))
            (local.set $dp (v128.load (i32.add (local.get $at) (local.get $st))))
            (local.set $l (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 5)))))
            (local.set $pred
              (f32x4.add (local.get $pred)
                (f32x4.mul (local.get $w)
                  (f32x4.add
                    (f32x4.mul (local.get $vy0) (f32x4.add (f32x4.max (local.get $dp) (v128.const f32x4 0 0 0 0)) (local.get $l)))
                    (f32x4.mul (local.get $vy1) (f32x4.add (f32x4.max (f32x4.neg (local.get $dp)) (v128.const f32x4 0 0 0 0)) (local.get $l)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $next)))
        (local.set $ceInd (f64.add (local.get $ceInd) (f64.promote_f32 (call $hsum (local.get $ind)))))
        (local.set $cePred (f64.add (local.get $cePred) (f64.promote_f32 (call $hsum (local.get $pred)))))
        ;; dP_i, dF_i interleaved back after the d columns (the last chunk's spill past the row is
        ;; overwritten by the next row, or lands in the caller's slack), and their column sums
        (local.set $o (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
            (local.set $at (i32.add (local.get $sc) (local.get $o)))
            (local.set $a (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 14)))))
            (local.set $w (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 15)))))
            (local.set $src
              (i32.add (i32.add (i32.add (local.get $grad) (local.get $row)) (i32.shl (local.get $s) (i32.const 2))) (i32.shl (local.get $o) (i32.const 1))))
            (v128.store (local.get $src) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $w)))
            (v128.store offset=16 (local.get $src) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $w)))
            (v128.store (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 12)))
              (f32x4.add (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 12)))) (local.get $a)))
            (v128.store (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 13)))
              (f32x4.add (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 13)))) (local.get $w)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $next)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $nextRow)))
    ;; the column sums in the head column order, as f64
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $s)))
        (local.set $at (i32.add (local.get $sc) (i32.shl (local.get $i) (i32.const 2))))
        (f64.store (i32.add (local.get $colSums) (i32.shl (local.get $i) (i32.const 3)))
          (f64.promote_f32 (f32.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 11))))))
        (local.set $o (i32.add (local.get $colSums) (i32.shl (i32.add (local.get $s) (i32.shl (local.get $i) (i32.const 1))) (i32.const 3))))
        (f64.store (local.get $o) (f64.promote_f32 (f32.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 12))))))
        (f64.store offset=8 (local.get $o) (f64.promote_f32 (f32.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 13))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (f64.add
      (f64.div (local.get $ceFinal) (f64.convert_i32_u (local.get $b)))
      (f64.add
        (f64.mul (f64.promote_f32 (local.get $indW)) (local.get $ceInd))
        (f64.mul (f64.promote_f32 (local.get $expW)) (local.get $cePred))))))
