;; Two-class SRAM's per-row, per-expert work (sramBinaryHost.ts's formulas) as a WebAssembly SIMD
;; kernel: four experts per instruction, in float32. sramBinaryKernel.ts loads it and lays out its
;; memory; `npm run kernels` assembles this file into sramBinaryWasm.ts (kernels.test.ts checks that
;; the two agree). Why: at 100+ slices these loops were most of an SRAM epoch in JS (issue 13).
;;
;; Memory is the caller's: every pointer is a byte offset it chose. Inputs as in sramBinaryHost.ts:
;; both [B, 3S] f32 (d (S), then dP_i, dF_i per expert), y [B, 2] one-hot, masks [B, K] of 0/1 (K = S - 1,
;; or K = 0: every expert takes every row). Per row the kernel copies its values into `scratch`: 19
;; arrays of S4 floats (S rounded up to 4; the padding lanes hold finite values that never reach an
;; output). Its SIMD loads and stores run up to 32 bytes past the end of a row: the caller leaves that
;; much slack after `both`, `masks` and `grad`.
;;
;; The work is a series of passes over whole arrays rather than one loop calling exp and log1p per
;; chunk: Node's V8 does not inline wasm calls, and a pass keeps independent chunks in flight.
(module
  (memory (export "memory") 1)

  ;; scratch arrays (array j starts at scratch + j * S4 * 4):
  ;;  0 D  1 DP  2 DF  3 M (the row's inputs)
  ;;  4 P1 (P(class 1) of the expert's prediction)  5 LOG (log1p(E))  6 KAPPA (d conf / d dP)  7 CONF
  ;;  8 Q (sigmoid(d))  9 ED (exp(-|d|))  10 A (the attention)  16 E (exp(-|dP|))  17 LOGD (log1p(ED))
  ;;  11 12 13: the gradient's column sums on d, dP, dF over the call's rows;  14 GP  15 GA (the row's)
  ;;  18: 4 floats for the per-row scalars (exp and log1p of the final logit)

  ;; exp in place over `bytes` bytes at p, 4 lanes at a time; x clamped to [-87.3, 88.3]; relative
  ;; error ~1e-7. (pmin / pmax: one instruction each on x86, where min / max take several for their
  ;; NaN and -0 rules; no NaN reaches them here.)
  (func $expArray (param $p i32) (param $bytes i32)
    (local $end i32) (local $x v128) (local $f v128) (local $k v128) (local $r v128) (local $q v128)
    (local.set $end (i32.add (local.get $p) (local.get $bytes)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x
          (f32x4.pmax
            (f32x4.pmin (v128.load (local.get $p)) (v128.const f32x4 88.3 88.3 88.3 88.3))
            (v128.const f32x4 -87.3 -87.3 -87.3 -87.3)))
        ;; x = k ln2 + r, |r| <= ln2 / 2. Adding 1.5 * 2^23 + 127 rounds x / ln2 to the integer k and
        ;; leaves k + 127 in the low mantissa bits of f (ln2 split in two for float32: Cephes' C1, C2).
        (local.set $f
          (f32x4.add (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))
            (v128.const f32x4 12583039 12583039 12583039 12583039)))
        (local.set $k (f32x4.sub (local.get $f) (v128.const f32x4 12583039 12583039 12583039 12583039)))
        (local.set $r
          (f32x4.sub
            (f32x4.sub (local.get $x) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
        ;; Taylor to r^6: 1 + r + r^2 (1/2 + r/6) + r^4 (1/24 + r/120 + r^2/720), in short chains
        (local.set $q (f32x4.mul (local.get $r) (local.get $r)))
        (local.set $q
          (f32x4.add
            (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $r))
            (f32x4.add
              (f32x4.mul (local.get $q)
                (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (local.get $r) (v128.const f32x4 1.66666667e-1 1.66666667e-1 1.66666667e-1 1.66666667e-1))))
              (f32x4.mul (f32x4.mul (local.get $q) (local.get $q))
                (f32x4.add
                  (f32x4.add (v128.const f32x4 4.16666667e-2 4.16666667e-2 4.16666667e-2 4.16666667e-2)
                    (f32x4.mul (local.get $r) (v128.const f32x4 8.33333333e-3 8.33333333e-3 8.33333333e-3 8.33333333e-3)))
                  (f32x4.mul (local.get $q) (v128.const f32x4 1.38888889e-3 1.38888889e-3 1.38888889e-3 1.38888889e-3)))))))
        ;; times 2^k: k + 127 shifted into the exponent bits (k in [-126, 127] after the clamp)
        (v128.store (local.get $p) (f32x4.mul (local.get $q) (i32x4.shl (local.get $f) (i32.const 23))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; log(1 + e) for e in [0, 1], from src to dst (`bytes` bytes each, may be the same array):
  ;; 2 atanh(t), t = e / (2 + e) <= 1/3, its series to t^13 (relative error ~1e-8).
  (func $log1pArray (param $src i32) (param $dst i32) (param $bytes i32)
    (local $o i32) (local $e v128) (local $t v128) (local $t2 v128) (local $t4 v128) (local $p v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $bytes)))
        (local.set $e (v128.load (i32.add (local.get $src) (local.get $o))))
        (local.set $t (f32x4.div (local.get $e) (f32x4.add (v128.const f32x4 2 2 2 2) (local.get $e))))
        (local.set $t2 (f32x4.mul (local.get $t) (local.get $t)))
        (local.set $t4 (f32x4.mul (local.get $t2) (local.get $t2)))
        ;; 1 + t2/3 + t4 (1/5 + t2/7) + t8 (1/9 + t2/11 + t4/13), in short chains
        (local.set $p
          (f32x4.add
            (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $t2) (v128.const f32x4 3.33333333e-1 3.33333333e-1 3.33333333e-1 3.33333333e-1)))
            (f32x4.add
              (f32x4.mul (local.get $t4)
                (f32x4.add (v128.const f32x4 0.2 0.2 0.2 0.2) (f32x4.mul (local.get $t2) (v128.const f32x4 1.42857143e-1 1.42857143e-1 1.42857143e-1 1.42857143e-1))))
              (f32x4.mul (f32x4.mul (local.get $t4) (local.get $t4))
                (f32x4.add
                  (f32x4.add (v128.const f32x4 1.11111111e-1 1.11111111e-1 1.11111111e-1 1.11111111e-1)
                    (f32x4.mul (local.get $t2) (v128.const f32x4 9.09090909e-2 9.09090909e-2 9.09090909e-2 9.09090909e-2)))
                  (f32x4.mul (local.get $t4) (v128.const f32x4 7.69230769e-2 7.69230769e-2 7.69230769e-2 7.69230769e-2)))))))
        (v128.store (i32.add (local.get $dst) (local.get $o)) (f32x4.mul (f32x4.add (local.get $t) (local.get $t)) (local.get $p)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  (func $hmax (param $v v128) (result f32)
    (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.max (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; For the final logit L: exp(-|L|) at tmp and log1p(exp(-|L|)) at tmp + 4 (the log1p pass writes
  ;; 16 bytes there, into scratch's slack).
  (func $logitTerms (param $L f32) (param $tmp i32)
    (v128.store (local.get $tmp) (f32x4.splat (f32.neg (f32.abs (local.get $L)))))
    (call $expArray (local.get $tmp) (i32.const 16))
    (call $log1pArray (local.get $tmp) (i32.add (local.get $tmp) (i32.const 4)) (i32.const 4)))

  ;; sigmoid(L) from exp(-|L|) at tmp ($logitTerms)
  (func $sigmoid (param $L f32) (param $tmp i32) (result f32)
    (local $e f32)
    (local.set $e (f32.load (local.get $tmp)))
    (select
      (f32.div (f32.const 1) (f32.add (f32.const 1) (local.get $e)))
      (f32.div (local.get $e) (f32.add (f32.const 1) (local.get $e)))
      (f32.ge (local.get $L) (f32.const 0))))

  ;; One row's forward pass (sramBinaryHost.ts attendRow): copies the row's heads (and its K mask
  ;; values; the base column and, with K = 0, every column is 1) into scratch, fills the arrays up to
  ;; A with the normalised attention, and returns the final head's logit L = sum_i a_i dF_i.
  ;; conf: 0 maxProb, 1 entropy, 2 positiveClass.
  (func $forward (param $row i32) (param $mrow i32) (param $k i32) (param $s i32) (param $s4 i32)
                 (param $invT f32) (param $conf i32) (param $sc i32) (result f32)
    (local $st i32) (local $i i32) (local $o i32) (local $src i32)
    (local $pD i32) (local $pDP i32) (local $pDF i32) (local $pM i32) (local $pP1 i32) (local $pLOG i32)
    (local $pKAPPA i32) (local $pCONF i32) (local $pQ i32) (local $pED i32) (local $pA i32) (local $pE i32)
    (local $lo v128) (local $hi v128) (local $dp v128) (local $d v128) (local $g v128) (local $e v128)
    (local $inv v128) (local $pOther v128) (local $pos v128) (local $p1 v128) (local $l v128) (local $cf v128)
    (local $kp v128) (local $ed v128) (local $qa v128) (local $q v128) (local $vT v128) (local $vmax v128)
    (local $mx v128) (local $w v128) (local $vsum v128) (local $vmix v128) (local $norm v128) (local $invSum f32)
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
    (local.set $pE (i32.add (local.get $sc) (i32.shl (local.get $st) (i32.const 4))))

    ;; the row, de-interleaved four experts at a time (the loads may read past the row into the
    ;; caller's slack), with -|dP| in E and -|d| in ED for the exps; then the lanes past K and S set right
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (local.set $d (v128.load (i32.add (local.get $row) (local.get $o))))
        (v128.store (i32.add (local.get $pD) (local.get $o)) (local.get $d))
        (v128.store (i32.add (local.get $pED) (local.get $o)) (f32x4.neg (f32x4.abs (local.get $d))))
        ;; dP_i, dF_i for 4 experts: 8 floats from row + 4 S + 2 o
        (local.set $src (i32.add (i32.add (local.get $row) (i32.shl (local.get $s) (i32.const 2))) (i32.shl (local.get $o) (i32.const 1))))
        (local.set $lo (v128.load (local.get $src)))
        (local.set $hi (v128.load offset=16 (local.get $src)))
        (local.set $dp (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $lo) (local.get $hi)))
        (v128.store (i32.add (local.get $pDP) (local.get $o)) (local.get $dp))
        (v128.store (i32.add (local.get $pE) (local.get $o)) (f32x4.neg (f32x4.abs (local.get $dp))))
        (v128.store (i32.add (local.get $pDF) (local.get $o))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $lo) (local.get $hi)))
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
            (f32.store (i32.add (local.get $pDF) (local.get $o)) (f32.const 0))
            (f32.store (i32.add (local.get $pE) (local.get $o)) (f32.const 0))
            (f32.store (i32.add (local.get $pED) (local.get $o)) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $expArray (local.get $pE) (local.get $st))
    (call $expArray (local.get $pED) (local.get $st))
    (call $log1pArray (local.get $pE) (local.get $pLOG) (local.get $st))

    ;; per expert: P(class 1), the confidence and its derivative, q = sigmoid(d), u = q conf / T (in A)
    (local.set $vT (f32x4.splat (local.get $invT)))
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (local.set $dp (v128.load (i32.add (local.get $pDP) (local.get $o))))
        (local.set $g (f32x4.abs (local.get $dp)))
        (local.set $e (v128.load (i32.add (local.get $pE) (local.get $o))))
        (local.set $inv (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e))))
        (local.set $pOther (f32x4.mul (local.get $e) (local.get $inv)))
        (local.set $pos (f32x4.gt (local.get $dp) (v128.const f32x4 0 0 0 0)))
        (local.set $p1 (v128.bitselect (local.get $inv) (local.get $pOther) (local.get $pos)))
        (v128.store (i32.add (local.get $pP1) (local.get $o)) (local.get $p1))
        (local.set $kp (f32x4.mul (local.get $inv) (local.get $pOther)))
        (if (i32.eq (local.get $conf) (i32.const 1))
          (then
            ;; entropy: conf = 1 - (log1p(e) + pOther g) / ln 2, d conf / d dP = +-pTop pOther g / ln 2
            (local.set $l (v128.load (i32.add (local.get $pLOG) (local.get $o))))
            (local.set $cf
              (f32x4.sub (v128.const f32x4 1 1 1 1)
                (f32x4.mul
                  (f32x4.add (local.get $l) (f32x4.mul (local.get $pOther) (local.get $g)))
                  (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
            (local.set $kp
              (f32x4.mul (f32x4.mul (local.get $kp) (local.get $g)) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504)))
            (local.set $kp (v128.bitselect (local.get $kp) (f32x4.neg (local.get $kp)) (local.get $pos))))
          (else
            (if (i32.eq (local.get $conf) (i32.const 2))
              ;; positiveClass: conf = P(class 1); maxProb: conf = pTop, d conf / d dP = +-pTop pOther
              (then (local.set $cf (local.get $p1)))
              (else
                (local.set $cf (local.get $inv))
                (local.set $kp (v128.bitselect (local.get $kp) (f32x4.neg (local.get $kp)) (local.get $pos)))))))
        (v128.store (i32.add (local.get $pCONF) (local.get $o)) (local.get $cf))
        (v128.store (i32.add (local.get $pKAPPA) (local.get $o)) (local.get $kp))
        (local.set $ed (v128.load (i32.add (local.get $pED) (local.get $o))))
        (local.set $qa (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $ed))))
        (local.set $q
          (v128.bitselect (local.get $qa) (f32x4.mul (local.get $ed) (local.get $qa))
            (f32x4.ge (v128.load (i32.add (local.get $pD) (local.get $o))) (v128.const f32x4 0 0 0 0))))
        (v128.store (i32.add (local.get $pQ) (local.get $o)) (local.get $q))
        (v128.store (i32.add (local.get $pA) (local.get $o)) (f32x4.mul (f32x4.mul (local.get $q) (local.get $cf)) (local.get $vT)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))

    ;; padding lanes leave the softmax: u = -3e38, its exp ~1e-38 (and their dF is 0)
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
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (v128.store (i32.add (local.get $pA) (local.get $o)) (f32x4.sub (v128.load (i32.add (local.get $pA) (local.get $o))) (local.get $mx)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (call $expArray (local.get $pA) (local.get $st))

    ;; the softmax's sum and the mixed logit on the unnormalised weights, then the weights normalised
    (local.set $o (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
        (local.set $w (v128.load (i32.add (local.get $pA) (local.get $o))))
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
    (local $n i32) (local $width i32) (local $st i32) (local $tmp i32) (local $L f32) (local $p f32)
    (local.set $width (i32.mul (local.get $s) (i32.const 12)))
    (local.set $st (i32.shl (local.get $s4) (i32.const 2)))
    (local.set $tmp (i32.add (local.get $sc) (i32.mul (local.get $st) (i32.const 18))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (local.get $b)))
        ;; k = S: inference reads no mask, so none is set up (M holds whatever scratch held)
        (local.set $L
          (call $forward (i32.add (local.get $both) (i32.mul (local.get $n) (local.get $width))) (local.get $sc) (local.get $s)
            (local.get $s) (local.get $s4) (local.get $invT) (local.get $conf) (local.get $sc)))
        (call $logitTerms (local.get $L) (local.get $tmp))
        (local.set $p (call $sigmoid (local.get $L) (local.get $tmp)))
        ;; the attention (array 10)
        (memory.copy (i32.add (local.get $att) (i32.mul (local.get $n) (i32.shl (local.get $s) (i32.const 2))))
          (i32.add (local.get $sc) (i32.mul (local.get $st) (i32.const 10))) (i32.shl (local.get $s) (i32.const 2)))
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
    (local $n i32) (local $width i32) (local $st i32) (local $row i32) (local $o i32) (local $i i32) (local $at i32) (local $dst i32)
    (local $tmp i32) (local $L f32) (local $y0 f32) (local $y1 f32) (local $pF f32) (local $dL f32) (local $l1 f32)
    (local $ceFinal f64) (local $ceInd f64) (local $cePred f64)
    (local $vdL v128) (local $vaDa v128) (local $vT v128) (local $vy0 v128) (local $vy1 v128) (local $vIndW v128) (local $vExpW v128)
    (local $a v128) (local $du v128) (local $m v128) (local $sign v128) (local $z v128) (local $scale v128) (local $q v128)
    (local $w v128) (local $p1 v128) (local $dp v128) (local $l v128) (local $ind v128) (local $pred v128) (local $gd v128)
    (local $gp v128) (local $ga v128)
    (local.set $width (i32.mul (local.get $s) (i32.const 12)))
    (local.set $st (i32.shl (local.get $s4) (i32.const 2)))
    (local.set $tmp (i32.add (local.get $sc) (i32.mul (local.get $st) (i32.const 18))))
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
        ;; final head: CE = y0 softplus(L) + y1 softplus(-L), softplus(+-L) = max(+-L, 0) + log1p(exp(-|L|));
        ;; d CE / d L = y0 P1 - y1 P0 (over B)
        (call $logitTerms (local.get $L) (local.get $tmp))
        (local.set $l1 (f32.load offset=4 (local.get $tmp)))
        (local.set $y0 (f32.load (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3)))))
        (local.set $y1 (f32.load offset=4 (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3)))))
        (local.set $ceFinal
          (f64.add (local.get $ceFinal)
            (f64.promote_f32 (f32.add
              (f32.mul (local.get $y0) (f32.add (f32.max (local.get $L) (f32.const 0)) (local.get $l1)))
              (f32.mul (local.get $y1) (f32.add (f32.max (f32.neg (local.get $L)) (f32.const 0)) (local.get $l1)))))))
        (local.set $pF (call $sigmoid (local.get $L) (local.get $tmp)))
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
        ;; log1p(exp(-|d|)) for the indicator's softplus (array 17)
        (call $log1pArray (i32.add (local.get $sc) (i32.mul (local.get $st) (i32.const 9))) (i32.add (local.get $sc) (i32.mul (local.get $st) (i32.const 17))) (local.get $st))
        (local.set $o (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
            ;; scratch + j * st + o: the j-th array's chunk
            (local.set $at (i32.add (local.get $sc) (local.get $o)))
            (local.set $a (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 10)))))
            (local.set $ga (f32x4.mul (local.get $a) (local.get $vdL)))
            (local.set $du
              (f32x4.mul
                (f32x4.mul (local.get $a)
                  (f32x4.sub (f32x4.mul (v128.load (i32.add (local.get $at) (i32.shl (local.get $st) (i32.const 1)))) (local.get $vdL)) (local.get $vaDa)))
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
                  (f32x4.add (f32x4.pmax (local.get $z) (v128.const f32x4 0 0 0 0))
                    (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 17))))))))
            ;; d: through the attention, plus the indicator's; sigmoid(z) = q (m = 0) or 1 - q (m = 1)
            (local.set $q (v128.load (i32.add (local.get $at) (i32.shl (local.get $st) (i32.const 3)))))
            (local.set $gd
              (f32x4.add
                (f32x4.mul (f32x4.mul (f32x4.mul (local.get $du) (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 7)))))
                  (local.get $q)) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $q)))
                (f32x4.mul
                  (f32x4.mul
                    (f32x4.add (local.get $q) (f32x4.mul (local.get $m) (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.add (local.get $q) (local.get $q)))))
                    (local.get $sign))
                  (f32x4.mul (local.get $scale) (local.get $vIndW)))))
            ;; the d columns go straight to grad: a last chunk's spill past them is overwritten below
            (v128.store (i32.add (i32.add (local.get $grad) (local.get $row)) (local.get $o)) (local.get $gd))
            ;; dP: the confidence's gradient, plus the expert CE's on the slice's rows
            (local.set $w (f32x4.mul (local.get $m) (v128.load (i32.add (local.get $weights) (local.get $o)))))
            (local.set $p1 (v128.load (i32.add (local.get $at) (i32.shl (local.get $st) (i32.const 2)))))
            (local.set $gp
              (f32x4.add
                (f32x4.mul (f32x4.mul (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 6)))) (local.get $du)) (local.get $q))
                (f32x4.mul (f32x4.mul (local.get $w) (local.get $vExpW))
                  (f32x4.sub (f32x4.mul (local.get $vy0) (local.get $p1))
                    (f32x4.mul (local.get $vy1) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $p1)))))))
            (v128.store (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 14))) (local.get $gp))
            (v128.store (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 15))) (local.get $ga))
            (local.set $dp (v128.load (i32.add (local.get $at) (local.get $st))))
            (local.set $l (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 5)))))
            (local.set $pred
              (f32x4.add (local.get $pred)
                (f32x4.mul (local.get $w)
                  (f32x4.add
                    (f32x4.mul (local.get $vy0) (f32x4.add (f32x4.pmax (local.get $dp) (v128.const f32x4 0 0 0 0)) (local.get $l)))
                    (f32x4.mul (local.get $vy1) (f32x4.add (f32x4.pmax (f32x4.neg (local.get $dp)) (v128.const f32x4 0 0 0 0)) (local.get $l)))))))
            ;; the column sums
            (local.set $dst (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 11))))
            (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (local.get $gd)))
            (local.set $dst (i32.add (local.get $dst) (local.get $st)))
            (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (local.get $gp)))
            (local.set $dst (i32.add (local.get $dst) (local.get $st)))
            (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (local.get $ga)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $next)))
        (local.set $ceInd (f64.add (local.get $ceInd) (f64.promote_f32 (call $hsum (local.get $ind)))))
        (local.set $cePred (f64.add (local.get $cePred) (f64.promote_f32 (call $hsum (local.get $pred)))))
        ;; dP_i, dF_i interleaved back after the d columns (the last chunk's spill past the row is
        ;; overwritten by the next row, or lands in the caller's slack)
        (local.set $o (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $o) (local.get $st)))
            (local.set $at (i32.add (local.get $sc) (local.get $o)))
            (local.set $gp (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 14)))))
            (local.set $ga (v128.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 15)))))
            (local.set $dst
              (i32.add (i32.add (i32.add (local.get $grad) (local.get $row)) (i32.shl (local.get $s) (i32.const 2))) (i32.shl (local.get $o) (i32.const 1))))
            (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $gp) (local.get $ga)))
            (v128.store offset=16 (local.get $dst) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $gp) (local.get $ga)))
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
        (local.set $dst (i32.add (local.get $colSums) (i32.shl (i32.add (local.get $s) (i32.shl (local.get $i) (i32.const 1))) (i32.const 3))))
        (f64.store (local.get $dst) (f64.promote_f32 (f32.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 12))))))
        (f64.store offset=8 (local.get $dst) (f64.promote_f32 (f32.load (i32.add (local.get $at) (i32.mul (local.get $st) (i32.const 13))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (f64.add
      (f64.div (local.get $ceFinal) (f64.convert_i32_u (local.get $b)))
      (f64.add
        (f64.mul (f64.promote_f32 (local.get $indW)) (local.get $ceInd))
        (f64.mul (f64.promote_f32 (local.get $expW)) (local.get $cePred)))))

  ;; Back through the head matMul heads = z W + bias: dz = g W^T [B, R4] (none when $dz = -1: with few
  ;; heads, `dense` on W^T makes it with less work) and dW = z^T g [R4, WP].
  ;; g [B, width] (row stride width), z [B, R4], W [R4, WP]: R4 is z's width and WP the heads' width,
  ;; each rounded up to 4, with zeros in the padding (the caller's), so the SIMD chunks that run past
  ;; a row of g meet zero weights in dz, and fill only padding columns of dW.
  (func (export "backprop") (param $z i32) (param $b i32) (param $r4 i32) (param $w i32) (param $width i32) (param $wp i32)
                            (param $g i32) (param $dz i32) (param $dw i32)
    (local $kb i32) (local $c i32) (local $n i32) (local $gs i32) (local $ws i32) (local $zs i32) (local $p i32) (local $q i32)
    (local $gv v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $gs (i32.shl (local.get $width) (i32.const 2)))
    (local.set $ws (i32.shl (local.get $wp) (i32.const 2)))
    (local.set $zs (i32.shl (local.get $r4) (i32.const 2)))
    ;; dW: per block of 4 z columns and chunk of 4 heads, the sum over rows in registers
    (block $kbDone
      (loop $kbNext
        (br_if $kbDone (i32.ge_u (local.get $kb) (local.get $r4)))
        (local.set $c (i32.const 0))
        (block $cDone
          (loop $cNext
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $ws)))
            (local.set $a0 (v128.const f32x4 0 0 0 0))
            (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0))
            (local.set $a3 (v128.const f32x4 0 0 0 0))
            (local.set $p (i32.add (local.get $g) (local.get $c)))
            (local.set $q (i32.add (local.get $z) (i32.shl (local.get $kb) (i32.const 2))))
            (local.set $n (i32.const 0))
            (block $nDone
              (loop $nNext
                (br_if $nDone (i32.ge_u (local.get $n) (local.get $b)))
                (local.set $gv (v128.load (local.get $p)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load32_splat (local.get $q)) (local.get $gv))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load32_splat offset=4 (local.get $q)) (local.get $gv))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load32_splat offset=8 (local.get $q)) (local.get $gv))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load32_splat offset=12 (local.get $q)) (local.get $gv))))
                (local.set $p (i32.add (local.get $p) (local.get $gs)))
                (local.set $q (i32.add (local.get $q) (local.get $zs)))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (br $nNext)))
            (local.set $p (i32.add (i32.add (local.get $dw) (i32.mul (local.get $kb) (local.get $ws))) (local.get $c)))
            (v128.store (local.get $p) (local.get $a0))
            (v128.store (i32.add (local.get $p) (local.get $ws)) (local.get $a1))
            (v128.store (i32.add (local.get $p) (i32.shl (local.get $ws) (i32.const 1))) (local.get $a2))
            (v128.store (i32.add (local.get $p) (i32.mul (local.get $ws) (i32.const 3))) (local.get $a3))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $cNext)))
        (local.set $kb (i32.add (local.get $kb) (i32.const 4)))
        (br $kbNext)))
    ;; dz (unless $dz = -1): per row and block of 4 z columns, four dot products over the heads
    (if (i32.lt_s (local.get $dz) (i32.const 0)) (then (return)))
    (local.set $n (i32.const 0))
    (block $nDone
      (loop $nNext
        (br_if $nDone (i32.ge_u (local.get $n) (local.get $b)))
        (local.set $kb (i32.const 0))
        (block $kbDone
          (loop $kbNext
            (br_if $kbDone (i32.ge_u (local.get $kb) (local.get $r4)))
            (local.set $a0 (v128.const f32x4 0 0 0 0))
            (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0))
            (local.set $a3 (v128.const f32x4 0 0 0 0))
            (local.set $p (i32.add (local.get $g) (i32.mul (local.get $n) (local.get $gs))))
            (local.set $q (i32.add (local.get $w) (i32.mul (local.get $kb) (local.get $ws))))
            (local.set $c (i32.const 0))
            (block $cDone
              (loop $cNext
                (br_if $cDone (i32.ge_u (local.get $c) (local.get $ws)))
                (local.set $gv (v128.load (i32.add (local.get $p) (local.get $c))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $q) (local.get $c))))))
                (local.set $a1
                  (f32x4.add (local.get $a1) (f32x4.mul (local.get $gv) (v128.load (i32.add (i32.add (local.get $q) (local.get $ws)) (local.get $c))))))
                (local.set $a2
                  (f32x4.add (local.get $a2)
                    (f32x4.mul (local.get $gv) (v128.load (i32.add (i32.add (local.get $q) (i32.shl (local.get $ws) (i32.const 1))) (local.get $c))))))
                (local.set $a3
                  (f32x4.add (local.get $a3)
                    (f32x4.mul (local.get $gv) (v128.load (i32.add (i32.add (local.get $q) (i32.mul (local.get $ws) (i32.const 3))) (local.get $c))))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $cNext)))
            (local.set $p (i32.add (local.get $dz) (i32.shl (i32.add (i32.mul (local.get $n) (local.get $r4)) (local.get $kb)) (i32.const 2))))
            (f32.store (local.get $p) (call $hsum (local.get $a0)))
            (f32.store offset=4 (local.get $p) (call $hsum (local.get $a1)))
            (f32.store offset=8 (local.get $p) (call $hsum (local.get $a2)))
            (f32.store offset=12 (local.get $p) (call $hsum (local.get $a3)))
            (local.set $kb (i32.add (local.get $kb) (i32.const 4)))
            (br $kbNext)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $nNext))))

  ;; out = a W (+ bias): a [n, R4], W [R4, WP], bias [WP] (or none: $bias = -1), each zero-padded to
  ;; multiples of 4 by the caller. Out rows are WP floats at a stride of outStride floats, written in
  ;; row order: a row's last chunk may spill past outStride into the next row, which is written after
  ;; it (the last row's spill lands in the caller's slack).
  (func (export "dense") (param $a i32) (param $n i32) (param $r4 i32) (param $w i32) (param $wp i32) (param $bias i32)
                         (param $out i32) (param $outStride i32)
    (local $row i32) (local $kb i32) (local $c i32) (local $ws i32) (local $ap i32) (local $op i32) (local $wq i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $ws (i32.shl (local.get $wp) (i32.const 2)))
    (block $rowsDone
      (loop $rowsNext
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $n)))
        (local.set $op (i32.add (local.get $out) (i32.shl (i32.mul (local.get $row) (local.get $outStride)) (i32.const 2))))
        (local.set $ap (i32.add (local.get $a) (i32.shl (i32.mul (local.get $row) (local.get $r4)) (i32.const 2))))
        (local.set $c (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $c) (local.get $ws)))
            (v128.store (i32.add (local.get $op) (local.get $c))
              (if (result v128) (i32.lt_s (local.get $bias) (i32.const 0))
                (then (v128.const f32x4 0 0 0 0))
                (else (v128.load (i32.add (local.get $bias) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $next)))
        ;; four inputs at a time: out += a_k W_k + a_k+1 W_k+1 + a_k+2 W_k+2 + a_k+3 W_k+3
        (local.set $kb (i32.const 0))
        (block $kbDone
          (loop $kbNext
            (br_if $kbDone (i32.ge_u (local.get $kb) (local.get $r4)))
            (local.set $s0 (v128.load32_splat (i32.add (local.get $ap) (i32.shl (local.get $kb) (i32.const 2)))))
            (local.set $s1 (v128.load32_splat offset=4 (i32.add (local.get $ap) (i32.shl (local.get $kb) (i32.const 2)))))
            (local.set $s2 (v128.load32_splat offset=8 (i32.add (local.get $ap) (i32.shl (local.get $kb) (i32.const 2)))))
            (local.set $s3 (v128.load32_splat offset=12 (i32.add (local.get $ap) (i32.shl (local.get $kb) (i32.const 2)))))
            (local.set $wq (i32.add (local.get $w) (i32.mul (local.get $kb) (local.get $ws))))
            (local.set $c (i32.const 0))
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $c) (local.get $ws)))
                (v128.store (i32.add (local.get $op) (local.get $c))
                  (f32x4.add
                    (f32x4.add (v128.load (i32.add (local.get $op) (local.get $c)))
                      (f32x4.add
                        (f32x4.mul (local.get $s0) (v128.load (i32.add (local.get $wq) (local.get $c))))
                        (f32x4.mul (local.get $s1) (v128.load (i32.add (i32.add (local.get $wq) (local.get $ws)) (local.get $c))))))
                    (f32x4.add
                      (f32x4.mul (local.get $s2) (v128.load (i32.add (i32.add (local.get $wq) (i32.shl (local.get $ws) (i32.const 1))) (local.get $c))))
                      (f32x4.mul (local.get $s3) (v128.load (i32.add (i32.add (local.get $wq) (i32.mul (local.get $ws) (i32.const 3))) (local.get $c)))))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $next)))
            (local.set $kb (i32.add (local.get $kb) (i32.const 4)))
            (br $kbNext)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowsNext)))))
